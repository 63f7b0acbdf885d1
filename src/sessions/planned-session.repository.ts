import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TIME_ZONE } from '../shared/dates.js';
import type { SessionRow } from './planned-session.view.js';
import { preparedQuery } from '../database/prepared.js';

/** Columns that give a planned session with its local date and times (Amsterdam). */
export const SESSION_COLUMNS = `s.id, s.cohort_id, s.duo_id, s.kind, s.version, s.starts_at, s.ends_at, s.location, s.adviser,
  to_char(s.starts_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS local_date,
  to_char(s.starts_at AT TIME ZONE '${TIME_ZONE}', 'HH24:MI') AS local_start,
  to_char(s.ends_at AT TIME ZONE '${TIME_ZONE}', 'HH24:MI') AS local_end`;

const SESSION_SQL = `SELECT ${SESSION_COLUMNS} FROM planned_sessions s`;

/**
 * The planned sessions that other modules read (the notifications, through SessionsService):
 * this module owns the table and its columns, so no other module spells them. Reads run in the
 * caller's manager.
 */
@Injectable()
export class PlannedSessionRepository {
  /** A session this transaction has just written (so it exists). */
  async find(em: EntityManager, id: string): Promise<SessionRow> {
    const [session]: SessionRow[] = await em.query(`${SESSION_SQL} WHERE s.id = $1`, [id]);
    return session;
  }

  /** The workshops (cohort sessions) that start within `days` days from now, by id. */
  workshopsStartingWithin(em: EntityManager, days: number): Promise<SessionRow[]> {
    return em.query(
      `${SESSION_SQL} WHERE s.duo_id IS NULL AND s.starts_at > now() AND s.starts_at - make_interval(days => $1) <= now() ORDER BY s.id`,
      [days],
    );
  }

  /** The sessions planned for the whole edition (its workshops), by start. */
  editionSessions(em: EntityManager, cohortId: string): Promise<SessionRow[]> {
    return em.query(`${SESSION_SQL} WHERE s.cohort_id = $1 AND s.duo_id IS NULL ORDER BY s.starts_at`, [cohortId]);
  }

  /** Every planned session of these cohorts, the edition's and the duos' own, that ends after `from` and starts before `until` (both optional), by start. */
  inCohorts(em: EntityManager, cohortIds: readonly string[], from?: Date, until?: Date): Promise<SessionRow[]> {
    return em.query(
      `${SESSION_SQL} WHERE s.cohort_id = ANY($1) AND ($2::timestamptz IS NULL OR s.ends_at > $2) AND ($3::timestamptz IS NULL OR s.starts_at < $3)
       ORDER BY s.starts_at, s.kind, s.id`,
      [cohortIds, from ?? null, until ?? null],
    );
  }

  /** The cohort's workshops and the duo's own planned sessions that have not ended, by start. */
  upcomingFor(em: EntityManager, cohortId: string, duoId: string): Promise<SessionRow[]> {
    return preparedQuery(
      em,
      `${SESSION_SQL} WHERE s.cohort_id = $1 AND (s.duo_id IS NULL OR s.duo_id = $2) AND s.ends_at > now() ORDER BY s.starts_at`,
      [cohortId, duoId],
    );
  }
}
