import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../shared/roles.js';
import type { WorkshopAttendance } from '../programmes/attendance.js';
import { duoNotFound } from '../problems/not-found.js';
import { TIME_ZONE } from '../shared/dates.js';
import { DuoEvent } from './duo-event.entity.js';
import { Duo } from './duo.entity.js';
import { entityQuery } from '../database/entity-query.js';
import { preparedQuery } from '../database/prepared.js';

/**
 * Whether the adviser `a.id` runs the cohort $2, or the cohort of the duo $2: the conditions the
 * session lookup asks along with the session (src/auth/access-scopes.ts).
 */
export const ADVISER_CONDITIONS: Record<'cohort' | 'duo', string> = {
  cohort: 'EXISTS (SELECT 1 FROM cohort_advisers ca WHERE ca.account_id = a.id AND ca.cohort_id = $2::uuid)',
  duo: 'EXISTS (SELECT 1 FROM duos d JOIN cohort_advisers ca ON ca.cohort_id = d.cohort_id WHERE d.id = $2::uuid AND ca.account_id = a.id)',
};

/** The last attendance recorded for one duo at one session: the list's entry, a single record or a later correction. */
export interface AttendanceRecord {
  duoId: string;
  session: string;
  attendance: WorkshopAttendance;
  /** Whether the duo met its obligation there (always so where attending is not mandatory). */
  met: boolean;
  corrected: boolean;
  recordedAt: Date;
  /** Who recorded it: the actor of the event that did. */
  recordedBy: string;
}

/** The duo's trajectory and its cohort's programme, as trajectoryRow reads them (prepared statements: one text each). */
const TRAJECTORY_ROW = `SELECT d.cohort_id, c.programme_key, d.trajectory_version, d.trajectory_snapshot
  FROM duos d JOIN cohorts c ON c.id = d.cohort_id WHERE d.id = $1`;
const TRAJECTORY_ROW_SHARED = `${TRAJECTORY_ROW} FOR SHARE OF d`;

/** A duo by its id: read, held still (FOR SHARE), or taken for a change (FOR UPDATE). */
const DUO_BY_ID = {
  read: entityQuery(Duo, 'WHERE "id" = $1'),
  share: entityQuery(Duo, 'WHERE "id" = $1 FOR SHARE'),
  write: entityQuery(Duo, 'WHERE "id" = $1 FOR UPDATE'),
};
/** The duos of a cohort by registration (as find ordered them: the moment alone). */
const DUOS_IN_COHORT = entityQuery(Duo, 'WHERE "cohort_id" = $1 ORDER BY "registered_at"');
const DUOS_IN_COHORTS = entityQuery(Duo, 'WHERE "cohort_id" = ANY($1) ORDER BY "registered_at", "id"');
const DUOS_IN_COHORT_LOCKED = entityQuery(Duo, 'WHERE "cohort_id" = $1 ORDER BY "id" FOR UPDATE');
const DUOS_HOLDING_PLACE = entityQuery(Duo, 'WHERE "cohort_id" = $1 AND "holds_place" ORDER BY lower("municipality"), "id"');
/** The last record of each session on a list, with who recorded it: of a cohort's duos, or of one duo. */
const ATTENDANCE_RECORDS = `SELECT a.duo_id, a.session, a.attendance, a.met_obligation, a.corrected, a.recorded_at, e.actor AS recorded_by
  FROM session_attendance a
  JOIN duos d ON d.id = a.duo_id
  JOIN duo_events e ON e.duo_id = a.duo_id AND e.sequence = a.event_sequence`;
const ATTENDANCE_OF_COHORT = `${ATTENDANCE_RECORDS} WHERE d.cohort_id = $1 ORDER BY a.duo_id, a.session`;
const ATTENDANCE_OF_DUO = `${ATTENDANCE_RECORDS} WHERE a.duo_id = $1 ORDER BY a.duo_id, a.session`;
/** A duo's event log, in order. */
const DUO_HISTORY = entityQuery(DuoEvent, 'WHERE "duo_id" = $1 ORDER BY "sequence"');

/** What the next step and a change to the compass read of a duo: its trajectory, its cohort and the programme that cohort runs. */
export type TrajectoryRow = Pick<Duo, 'id' | 'cohortId' | 'trajectoryVersion' | 'trajectorySnapshot'> & { programmeKey: string };

/**
 * The only code that reads or writes the `duos` and `duo_events` tables. Every method takes the
 * caller's manager, so that reads and writes belong to the caller's transaction.
 */
@Injectable()
export class DuoRepository {
  /** The duo (404 when there is none); `write` locks its row for a change, `share` holds its trajectory still. */
  async find(em: EntityManager, id: string, lock?: 'write' | 'share'): Promise<Duo> {
    const [duo] = await DUO_BY_ID[lock ?? 'read'](em, [id]);
    if (!duo) throw duoNotFound(id);
    return duo;
  }

  /**
   * What a change to the duo's compass asks of the duo, in one lean query: its stored trajectory
   * and the programme its cohort runs (FOR SHARE of the duo with `share`: the trajectory cannot
   * end under the change). 404 when there is no such duo.
   */
  async trajectoryRow(em: EntityManager, id: string, share: boolean): Promise<TrajectoryRow> {
    const [row] = await preparedQuery<{ cohort_id: string; programme_key: string; trajectory_version: number; trajectory_snapshot: Duo['trajectorySnapshot'] }>(
      em,
      share ? TRAJECTORY_ROW_SHARED : TRAJECTORY_ROW,
      [id],
    );
    if (!row) throw duoNotFound(id);
    return { id, cohortId: row.cohort_id, programmeKey: row.programme_key, trajectoryVersion: row.trajectory_version, trajectorySnapshot: row.trajectory_snapshot };
  }

  inCohort(em: EntityManager, cohortId: string): Promise<Duo[]> {
    return DUOS_IN_COHORT(em, [cohortId]);
  }

  /** The duos of these cohorts, by registration. */
  inCohorts(em: EntityManager, cohortIds: readonly string[]): Promise<Duo[]> {
    return DUOS_IN_COHORTS(em, [cohortIds]);
  }

  /** Every duo of the cohort, rows locked in id order (the order every multi-duo change uses, so none deadlock). */
  lockInCohort(em: EntityManager, cohortId: string): Promise<Duo[]> {
    return DUOS_IN_COHORT_LOCKED(em, [cohortId]);
  }

  /** The duos that hold one of the cohort's places, by name. */
  holdingPlace(em: EntityManager, cohortId: string): Promise<Duo[]> {
    return DUOS_HOLDING_PLACE(em, [cohortId]);
  }

  async placesTaken(em: EntityManager, cohortId: string): Promise<number> {
    const [{ taken }] = await em.query('SELECT count(*)::int AS taken FROM duos WHERE cohort_id = $1 AND holds_place', [cohortId]);
    return taken;
  }

  /** Whether attendance at any session of the edition is recorded for any duo of the cohort: the first one starts it. */
  async cohortHasStarted(em: EntityManager, cohortId: string): Promise<boolean> {
    const [started] = await em.query(
      'SELECT 1 FROM session_attendance a JOIN duos d ON d.id = a.duo_id WHERE d.cohort_id = $1 LIMIT 1',
      [cohortId],
    );
    return Boolean(started);
  }

  /** Keeps what was last recorded for the duo at a session, in the transaction of the event that recorded it. */
  async saveAttendance(em: EntityManager, duo: Duo, record: Omit<AttendanceRecord, 'duoId' | 'recordedAt' | 'recordedBy'>): Promise<void> {
    await em.query(
      `INSERT INTO session_attendance (duo_id, session, attendance, met_obligation, corrected, recorded_at, first_recorded_at, event_sequence)
       VALUES ($1, $2, $3, $4, $5, now(), now(), $6)
       ON CONFLICT (duo_id, session) DO UPDATE SET attendance = EXCLUDED.attendance, met_obligation = EXCLUDED.met_obligation,
         corrected = EXCLUDED.corrected, recorded_at = EXCLUDED.recorded_at, event_sequence = EXCLUDED.event_sequence`,
      [duo.id, record.session, JSON.stringify(record.attendance), record.met, record.corrected, duo.version],
    );
  }

  /** The duo first on the cohort's waiting list (by registration), its row locked; null when the list is empty. */
  async lockFirstWaiting(em: EntityManager, cohortId: string): Promise<Duo | null> {
    const [next] = await em.query(
      "SELECT id FROM duos WHERE cohort_id = $1 AND state = 'waitingList' ORDER BY registered_at, id LIMIT 1 FOR UPDATE",
      [cohortId],
    );
    return next ? this.find(em, next.id, 'write') : null;
  }

  async cohortIdOf(em: EntityManager, id: string): Promise<string | null> {
    const [row] = await em.query('SELECT cohort_id FROM duos WHERE id = $1', [id]);
    return row?.cohort_id ?? null;
  }

  async insert(em: EntityManager, duo: Duo): Promise<void> {
    await em.insert(Duo, duo);
  }

  /** Writes the trajectory columns the writer has set on `duo`. */
  async saveTrajectory(em: EntityManager, duo: Duo): Promise<void> {
    await em.update(Duo, { id: duo.id }, {
      trajectorySnapshot: duo.trajectorySnapshot,
      state: duo.state,
      advisoryMeetingsHeld: duo.advisoryMeetingsHeld,
      holdsPlace: duo.holdsPlace,
      version: duo.version,
    });
  }

  /** Replaces the duo's contact persons (ContactPersonsService keeps each side at least one). */
  async setContactPersons(em: EntityManager, id: string, contactPersons: Duo['contactPersons']): Promise<void> {
    await em.update(Duo, { id }, { contactPersons });
  }

  async setNamedInPublications(em: EntityManager, id: string, namedInPublications: boolean): Promise<void> {
    await em.update(Duo, { id }, { namedInPublications });
  }

  /** Appends an entry to the duo's log, numbered by the duo's (new) version. */
  async appendEvent(em: EntityManager, duo: Duo, type: string, payload: object, actor: Actor): Promise<void> {
    await em.insert(DuoEvent, {
      duoId: duo.id,
      sequence: duo.version,
      type,
      payload: { ...payload },
      actor: actor.name,
      actorId: actor.id,
      trajectoryVersion: duo.trajectoryVersion,
    });
  }

  history(em: EntityManager, duoId: string): Promise<DuoEvent[]> {
    return DUO_HISTORY(em, [duoId]);
  }

  /** For each session whose attendance the duo has on record: the day (Amsterdam) it was first recorded; a correction keeps it. */
  recordedDays(em: EntityManager, duoId: string): Promise<{ session: string; day: string }[]> {
    return preparedQuery(
      em,
      `SELECT session, to_char(first_recorded_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS day FROM session_attendance WHERE duo_id = $1`,
      [duoId],
    );
  }

  /** Per duo of the cohort and session, the last attendance recorded (by a list, a single record or a correction), and who recorded it. */
  /** When the attendance of an edition session was first taken for a duo of the cohort, if it was. */
  async firstRecordedAt(em: EntityManager, cohortId: string, session: string): Promise<Date | null> {
    const [row]: { first: Date | null }[] = await em.query(
      'SELECT min(a.first_recorded_at) AS first FROM session_attendance a JOIN duos d ON d.id = a.duo_id WHERE d.cohort_id = $1 AND a.session = $2',
      [cohortId, session],
    );
    return row?.first ?? null;
  }

  async attendanceRecords(em: EntityManager, of: { cohortId: string } | { duoId: string }): Promise<AttendanceRecord[]> {
    const rows: {
      duo_id: string;
      session: string;
      attendance: WorkshopAttendance;
      met_obligation: boolean;
      corrected: boolean;
      recorded_at: Date;
      recorded_by: string;
    }[] = await preparedQuery(em, 'cohortId' in of ? ATTENDANCE_OF_COHORT : ATTENDANCE_OF_DUO, ['cohortId' in of ? of.cohortId : of.duoId]);
    return rows.map((row) => ({
      duoId: row.duo_id,
      session: row.session,
      attendance: row.attendance,
      met: row.met_obligation,
      corrected: row.corrected,
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by,
    }));
  }
}
