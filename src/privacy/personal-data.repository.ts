import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SINGLE_USE_LINK_KINDS } from '../outbox/outbox.service.js';
import { ERASED_NAME } from '../shared/erased-person.js';
import { AUTHOR_COLUMNS, FREE_TEXT_COLUMNS, type TextKind } from './personal-data.js';
import { patternsOf, type Replacement, type ReplacementSet } from './replacements.js';

export interface AccountRecord {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'adviser' | 'participant';
  duo_id: string | null;
  side: string | null;
  created_at: Date;
  disabled_at: Date | null;
  activated: boolean;
}

export interface ContactPersonRecord {
  duo_id: string;
  cohort_id: string;
  municipality: string;
  provider: string;
  person: { side: string; name: string; email: string; phone?: string };
}

type Row = Record<string, unknown>;

/**
 * The SQL of export and erasure, over the tables listed in personal-data.ts. Everything runs on
 * the caller's EntityManager, so that an erasure is one transaction.
 */
@Injectable()
export class PersonalDataRepository {
  async account(em: EntityManager, by: { email?: string; accountId?: string }): Promise<AccountRecord | undefined> {
    const [row] = await em.query(
      `SELECT id, name, email, role, duo_id, side, created_at, disabled_at, password_hash IS NOT NULL AS activated
       FROM accounts WHERE ${by.accountId ? 'id = $1' : 'lower(email) = lower($1)'}`,
      [by.accountId ?? by.email],
    );
    return row;
  }

  contactPersons(em: EntityManager, email: string): Promise<ContactPersonRecord[]> {
    return em.query(
      `SELECT d.id AS duo_id, d.cohort_id, d.municipality, d.provider, cp.value AS person
       FROM duos d CROSS JOIN LATERAL jsonb_array_elements(d.contact_persons) cp
       WHERE lower(cp.value->>'email') = lower($1) ORDER BY d.registered_at`,
      [email],
    );
  }

  /**
   * Erasures take turns, and no account changes while one runs. Taken before any row lock: two
   * admins erasing each other would otherwise each hold the other's row (the audit entry's foreign
   * key to its actor waits for it) and deadlock.
   */
  async lockAccounts(em: EntityManager): Promise<void> {
    await em.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
  }

  /** Whether an admin other than this account can still sign in. */
  async anotherActiveAdmin(em: EntityManager, accountId: string): Promise<boolean> {
    const [row] = await em.query("SELECT 1 FROM accounts WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1 LIMIT 1", [accountId]);
    return Boolean(row);
  }

  /**
   * Everything stored about the person: their account's rows, what they recorded, the files they
   * added, mail to them. Events that only mention them (a registration lists both contact persons)
   * are listed by reference, without their payload, which names other people too.
   */
  async exportOf(em: EntityManager, accountId: string | null, email: string, replacements: ReplacementSet): Promise<Record<string, Row[]>> {
    const text = patternsOf(replacements.text);
    const json = patternsOf(replacements.json);
    const query = (sql: string, params: unknown[]) => em.query(sql, params) as Promise<Row[]>;
    return {
      sessions: await query('SELECT created_at, expires_at, revoked_at FROM sessions WHERE account_id = $1 ORDER BY created_at', [accountId]),
      invitations: await query('SELECT created_at, expires_at, used_at, invited_by FROM invitations WHERE account_id = $1 ORDER BY created_at', [accountId]),
      cohortsAdvised: await query('SELECT cohort_id, assigned_at FROM cohort_advisers WHERE account_id = $1 ORDER BY assigned_at', [accountId]),
      signInFailures: await query('SELECT address, failed_at FROM sign_in_failures WHERE lower(email) = lower($1) ORDER BY failed_at', [email]),
      // When a link to choose a new password was asked for, until when it worked and when it was used; never its token.
      passwordResets: await query('SELECT created_at AS requested_at, expires_at, used_at FROM password_resets WHERE account_id = $1 ORDER BY created_at', [accountId]),
      passwordResetRequests: await query(
        'SELECT requested_at, address FROM password_reset_requests WHERE lower(email) = lower($1) ORDER BY requested_at',
        [email],
      ),
      knownDevices: await query('SELECT created_at, expires_at FROM known_devices WHERE account_id = $1 ORDER BY created_at', [accountId]),
      duoEvents: await query(
        'SELECT duo_id, sequence, type, payload, actor, recorded_at FROM duo_events WHERE actor_id = $1 ORDER BY duo_id, sequence',
        [accountId],
      ),
      duoEventsMentioning: await query(
        `SELECT duo_id, sequence, type, recorded_at FROM duo_events
         WHERE actor_id IS DISTINCT FROM $1 AND payload::text ~* ANY($2::text[]) ORDER BY duo_id, sequence`,
        [accountId, json],
      ),
      compassEvents: await query(
        'SELECT duo_id, sequence, type, payload, actor, recorded_at FROM compass_events WHERE actor_id = $1 ORDER BY duo_id, sequence',
        [accountId],
      ),
      compassEventsMentioning: await query(
        `SELECT duo_id, sequence, type, recorded_at FROM compass_events
         WHERE actor_id IS DISTINCT FROM $1 AND payload::text ~* ANY($2::text[]) ORDER BY duo_id, sequence`,
        [accountId, json],
      ),
      cyclesClosed: await query('SELECT duo_id, number, closed_at FROM cycles WHERE closed_by_id = $1 ORDER BY closed_at', [accountId]),
      evidence: await query(
        `SELECT id, duo_id, cycle, step, kind, perspective, title, body, recorded_at, updated_at, deleted_at,
                ${ifTheirs('recorded_by')}, ${ifTheirs('updated_by')}, ${ifTheirs('deleted_by')}
         FROM evidence
         WHERE $1::uuid IN (recorded_by_id, updated_by_id, deleted_by_id) OR title ~* ANY($2::text[]) OR body ~* ANY($2::text[])
         ORDER BY recorded_at`,
        [accountId, text],
      ),
      evidenceRevisions: await query(
        'SELECT evidence_id, version, change, content, changed_by, changed_at FROM evidence_revisions WHERE changed_by_id = $1 ORDER BY changed_at',
        [accountId],
      ),
      attachments: await query(
        `SELECT id, evidence_id, file_name, media_type, size_bytes, sha256, added_at, removed_at, translate(encode(content, 'base64'), E'\\n', '') AS content_base64
         FROM evidence_attachments WHERE added_by_id = $1 ORDER BY added_at`,
        [accountId],
      ),
      plannedSessions: await query(
        'SELECT id, cohort_id, duo_id, kind, starts_at, ends_at, location, adviser FROM planned_sessions WHERE adviser ~* ANY($1::text[]) ORDER BY starts_at',
        [text],
      ),
      auditLog: await query(
        `SELECT action, subject_type, subject_id, details, actor_id, recorded_at FROM audit_log
         WHERE actor_id = $1 OR (subject_type = 'account' AND subject_id = $1::text) ORDER BY id`,
        [accountId],
      ),
      // A message not yet delivered still holds its single-use link: the export says it without the link's token, which would open the account.
      mail: await query(
        `SELECT kind, recipient_name, recipient_email, subject,
                CASE WHEN kind = ANY($2::text[]) THEN regexp_replace(body, 'token=[A-Za-z0-9_-]+', 'token=[niet getoond]', 'g') ELSE body END AS body,
                created_at, sent_at
         FROM outbox WHERE lower(recipient_email) = lower($1) ORDER BY created_at`,
        [email, SINGLE_USE_LINK_KINDS],
      ),
    };
  }

  /** The account can no longer sign in or be invited again: no password, disabled, its open invitations expired, no known devices, no agenda feed. */
  async eraseAccount(em: EntityManager, accountId: string, pseudonymousEmail: string): Promise<void> {
    await em.query(
      'UPDATE accounts SET name = $2, email = $3, password_hash = NULL, disabled_at = coalesce(disabled_at, now()) WHERE id = $1',
      [accountId, ERASED_NAME, pseudonymousEmail],
    );
    await em.query('UPDATE invitations SET expires_at = now() WHERE account_id = $1 AND used_at IS NULL AND expires_at > now()', [accountId]);
    await em.query('DELETE FROM known_devices WHERE account_id = $1', [accountId]);
    await em.query('DELETE FROM agenda_feeds WHERE account_id = $1', [accountId]);
    for (const { table, name, id } of AUTHOR_COLUMNS) {
      await em.query(`UPDATE ${table} SET ${name} = $2 WHERE ${id} = $1`, [accountId, ERASED_NAME]);
    }
  }

  /** Mail not yet sent to the person is dropped; failed sign-ins and requests for a new password under their address are forgotten. */
  async dropMailAndSignInFailures(em: EntityManager, email: string): Promise<void> {
    await em.query('DELETE FROM outbox WHERE lower(recipient_email) = lower($1) AND sent_at IS NULL', [email]);
    await em.query('DELETE FROM sign_in_failures WHERE lower(email) = lower($1)', [email]);
    await em.query('DELETE FROM password_reset_requests WHERE lower(email) = lower($1)', [email]);
  }

  /** Every mention in free text and documents, the same replacement everywhere (an event and the row it produced agree). */
  async rewriteMentions(em: EntityManager, replacements: ReplacementSet): Promise<void> {
    if (!replacements.text.length) return;
    for (const { table, column, kind, where } of FREE_TEXT_COLUMNS) {
      const forJson = kind === 'json' || kind === 'jsonb';
      const chosen = forJson ? replacements.json : replacements.text;
      const params: string[] = chosen.flatMap(({ pattern, replacement }) => [pattern, replacement]);
      const patterns = `$${params.length + 1}::text[]`;
      await em.query(
        `UPDATE ${table} SET ${column} = ${rewritten(column, kind, chosen)}
         WHERE ${searchable(column, kind)} ~* ANY(${patterns})${where ? ` AND ${where}` : ''}`,
        [...params, patternsOf(chosen)],
      );
    }
  }
}

/** The column with each replacement applied; parameters $1, $2 are the first pattern and its replacement, and so on. */
function rewritten(column: string, kind: TextKind, replacements: Replacement[]): string {
  const applied = (subject: string) =>
    replacements.reduce((inner, _, index) => `regexp_replace(${inner}, $${2 * index + 1}, $${2 * index + 2}, 'gi')`, subject);
  switch (kind) {
    case 'text':
      return applied(column);
    case 'json':
    case 'jsonb':
      return `${applied(`${column}::text`)}::${kind}`;
    case 'text[]':
      return `ARRAY(SELECT ${applied('element')} FROM unnest(${column}) WITH ORDINALITY AS e(element, n) ORDER BY n)`;
  }
}

/** An author column as the export shows it: the person's own name, or null where someone else made the change. */
function ifTheirs(column: string): string {
  return `CASE WHEN ${column}_id = $1 THEN ${column} END AS ${column}`;
}

function searchable(column: string, kind: TextKind): string {
  return kind === 'text[]' ? `array_to_string(${column}, chr(10))` : kind === 'text' ? column : `${column}::text`;
}
