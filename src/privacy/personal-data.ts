/**
 * Where people are named in the database: the map that export and erasure follow. A test
 * searches every text and json column of every table after an erasure, so a new column that
 * holds names or addresses and is missing here makes that test fail.
 *
 * These tables belong to other features; the privacy module reads and rewrites them directly
 * (see the report of issue 13) because an erasure must be one transaction over all of them.
 */

/** Columns that name who made a change, beside the account id of that person. */
export const AUTHOR_COLUMNS = [
  { table: 'duo_events', name: 'actor', id: 'actor_id' },
  { table: 'compass_events', name: 'actor', id: 'actor_id' },
  { table: 'cycles', name: 'closed_by', id: 'closed_by_id' },
  { table: 'evidence', name: 'recorded_by', id: 'recorded_by_id' },
  { table: 'evidence', name: 'updated_by', id: 'updated_by_id' },
  { table: 'evidence', name: 'deleted_by', id: 'deleted_by_id' },
  { table: 'evidence_revisions', name: 'changed_by', id: 'changed_by_id' },
  { table: 'evidence_attachments', name: 'added_by', id: 'added_by_id' },
] as const;

export type TextKind = 'text' | 'json' | 'jsonb' | 'text[]';

/**
 * Free text and documents that may mention a person by name, address or phone number: event
 * payloads (a registration's contact persons, attendees, who excused an absence), snapshots of
 * responses and reports, mail. An author column is here too, for the rows without an account id
 * (changes from the command line).
 */
export const FREE_TEXT_COLUMNS: readonly { table: string; column: string; kind: TextKind; where?: string }[] = [
  { table: 'cohorts', column: 'name', kind: 'text' },
  { table: 'cohorts', column: 'description', kind: 'text' },
  { table: 'cohorts', column: 'location', kind: 'text' },
  { table: 'duos', column: 'contact_persons', kind: 'jsonb' },
  { table: 'duos', column: 'questions', kind: 'text' },
  { table: 'duos', column: 'expectations', kind: 'text' },
  { table: 'duo_events', column: 'payload', kind: 'jsonb' },
  { table: 'session_attendance', column: 'attendance', kind: 'jsonb' },
  { table: 'duo_events', column: 'actor', kind: 'text', where: 'actor_id IS NULL' },
  { table: 'compass_events', column: 'payload', kind: 'jsonb' },
  { table: 'compass_events', column: 'actor', kind: 'text', where: 'actor_id IS NULL' },
  { table: 'cycles', column: 'improvement_actions', kind: 'jsonb' },
  { table: 'cycles', column: 'closed_by', kind: 'text', where: 'closed_by_id IS NULL' },
  { table: 'evidence', column: 'title', kind: 'text' },
  { table: 'evidence', column: 'body', kind: 'text' },
  { table: 'evidence', column: 'indicator', kind: 'text' },
  { table: 'evidence', column: 'indicator_unit', kind: 'text' },
  { table: 'evidence', column: 'links', kind: 'text[]' },
  { table: 'evidence', column: 'recorded_by', kind: 'text', where: 'recorded_by_id IS NULL' },
  { table: 'evidence', column: 'updated_by', kind: 'text', where: 'updated_by_id IS NULL' },
  { table: 'evidence', column: 'deleted_by', kind: 'text', where: 'deleted_by_id IS NULL' },
  { table: 'evidence_revisions', column: 'content', kind: 'jsonb' },
  { table: 'evidence_revisions', column: 'changed_by', kind: 'text', where: 'changed_by_id IS NULL' },
  { table: 'evidence_attachments', column: 'file_name', kind: 'text' },
  { table: 'evidence_attachments', column: 'added_by', kind: 'text', where: 'added_by_id IS NULL' },
  { table: 'frozen_reports', column: 'content', kind: 'jsonb' },
  { table: 'idempotency_keys', column: 'response', kind: 'json' },
  { table: 'planned_sessions', column: 'location', kind: 'text' },
  { table: 'planned_sessions', column: 'adviser', kind: 'text' },
  { table: 'outbox', column: 'recipient_name', kind: 'text' },
  { table: 'outbox', column: 'recipient_email', kind: 'text' },
  { table: 'outbox', column: 'subject', kind: 'text' },
  { table: 'outbox', column: 'body', kind: 'text' },
  { table: 'outbox', column: 'calendar', kind: 'text' },
  { table: 'outbox', column: 'last_error', kind: 'text' },
  { table: 'audit_log', column: 'details', kind: 'jsonb' },
];
