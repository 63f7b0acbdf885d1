import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TIME_ZONE } from '../shared/dates.js';
import type { Actor } from '../shared/roles.js';
import type { AuditRecordView } from './audit-record.view.js';

export const AUDIT_ACTIONS = [
  'cohort.created',
  'cohort.updated',
  'cohort.adviser_assigned',
  'session.planned',
  'session.moved',
  'account.invited',
  'account.activated',
  'account.password_reset',
  'account.disabled',
  'account.enabled',
  'duo.publication_consent',
  'duo.contact_person_added',
  'duo.contact_person_changed',
  'duo.contact_person_removed',
  'inquiry.recorded',
  'inquiry.removed',
  'person.erased',
  'series.created',
  'series.updated',
  'meeting.created',
  'meeting.updated',
  'meeting.download_added',
  'meeting.download_removed',
  'meeting.called_off',
  'meeting.attendance_recorded',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The most records one request reads. */
export const AUDIT_PAGE_SIZE = 200;

/** Which records to read (AuditQueryDto); every filter given narrows. */
export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  cohortId?: string;
  duoId?: string;
  /** Calendar days (YYYY-MM-DD, Amsterdam), both included. */
  from?: string;
  to?: string;
  /** Only records older than this id: the last of the previous page. */
  before?: string;
  limit?: number;
}

export interface AuditEntry {
  action: AuditAction;
  subjectType: 'cohort' | 'account' | 'duo' | 'series' | 'meeting';
  subjectId: string;
  details?: Record<string, unknown>;
}

/**
 * Who changed what outside a duo's trajectory (accounts, cohorts, a duo's consent to be named). The duo event log already
 * records who changed a duo. Written with the caller's EntityManager: in the change's own transaction.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(em: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await em.query(
      'INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)',
      [actor.id, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details ?? {})],
    );
  }

  /**
   * The newest records first. A duo's records are those about it (its consent, a contact person
   * erased) and those that name it (its own sessions, its contact persons' invitations); a
   * cohort's are those about it, its sessions included.
   */
  async list(filter: AuditFilter): Promise<AuditRecordView[]> {
    const rows = await this.dataSource.query(
      `SELECT l.id, l.actor_id, a.name AS actor_name, l.action, l.subject_type, l.subject_id, l.details, l.recorded_at
       FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id
       WHERE ($1::text IS NULL OR l.subject_type = $1) AND ($2::text IS NULL OR l.subject_id = $2)
         AND ($3::uuid IS NULL OR l.actor_id = $3)
         AND ($4::text IS NULL OR l.action = $4)
         AND ($5::text IS NULL OR (l.subject_type = 'cohort' AND l.subject_id = $5))
         AND ($6::text IS NULL OR (l.subject_type = 'duo' AND l.subject_id = $6) OR l.details->>'duoId' = $6
              OR l.details->'contactPersonOf' @> jsonb_build_array($6::text))
         AND ($7::date IS NULL OR l.recorded_at >= ($7::date::timestamp AT TIME ZONE '${TIME_ZONE}'))
         AND ($8::date IS NULL OR l.recorded_at < (($8::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}'))
         AND ($9::bigint IS NULL OR l.id < $9)
       ORDER BY l.id DESC LIMIT $10`,
      [
        filter.subjectType ?? null,
        filter.subjectId ?? null,
        filter.actorId ?? null,
        filter.action ?? null,
        filter.cohortId ?? null,
        filter.duoId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.before ?? null,
        Math.min(filter.limit ?? AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE),
      ],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: String(row.id),
      actorId: row.actor_id as string | null,
      actorName: row.actor_name as string | null,
      action: row.action as AuditAction,
      subjectType: row.subject_type as string,
      subjectId: row.subject_id as string,
      details: row.details as Record<string, unknown>,
      recordedAt: (row.recorded_at as Date).toISOString(),
    }));
  }
}
