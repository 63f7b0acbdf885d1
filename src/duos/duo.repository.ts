import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../shared/roles.js';
import type { WorkshopAttendance, WorkshopNumber } from '../trajectory/trajectory.machine.js';
import { duoNotFound } from '../problems/not-found.js';
import { DuoEvent } from './duo-event.entity.js';
import { Duo } from './duo.entity.js';

/** The last attendance recorded for one duo and workshop: the list's entry or a later correction. */
export interface AttendanceRecord {
  duoId: string;
  workshop: WorkshopNumber;
  attendance: WorkshopAttendance;
  corrected: boolean;
  recordedAt: Date;
}

/**
 * The only code that reads or writes the `duos` and `duo_events` tables. Every method takes the
 * caller's manager, so that reads and writes belong to the caller's transaction.
 */
@Injectable()
export class DuoRepository {
  /** The duo (404 when there is none); `write` locks its row for a change, `share` holds its trajectory still. */
  async find(em: EntityManager, id: string, lock?: 'write' | 'share'): Promise<Duo> {
    const mode = lock === 'write' ? 'pessimistic_write' : 'pessimistic_read';
    const duo = await em.findOne(Duo, { where: { id }, ...(lock ? { lock: { mode } } : {}) });
    if (!duo) throw duoNotFound(id);
    return duo;
  }

  inCohort(em: EntityManager, cohortId: string): Promise<Duo[]> {
    return em.find(Duo, { where: { cohortId }, order: { registeredAt: 'ASC' } });
  }

  /** Every duo of the cohort, rows locked in id order (the order every multi-duo change uses, so none deadlock). */
  lockInCohort(em: EntityManager, cohortId: string): Promise<Duo[]> {
    return em.find(Duo, { where: { cohortId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** The duos that hold one of the cohort's places, by name. */
  holdingPlace(em: EntityManager, cohortId: string): Promise<Duo[]> {
    return em
      .createQueryBuilder(Duo, 'd')
      .where('d.cohort_id = :cohortId AND d.holds_place', { cohortId })
      .orderBy('lower(d.municipality)')
      .addOrderBy('d.id')
      .getMany();
  }

  async placesTaken(em: EntityManager, cohortId: string): Promise<number> {
    const [{ taken }] = await em.query('SELECT count(*)::int AS taken FROM duos WHERE cohort_id = $1 AND holds_place', [cohortId]);
    return taken;
  }

  /** Whether workshop 1 is recorded for any duo of the cohort. */
  async cohortHasStarted(em: EntityManager, cohortId: string): Promise<boolean> {
    const [started] = await em.query(
      "SELECT 1 FROM duos WHERE cohort_id = $1 AND trajectory_snapshot->'context'->'attendance' ? '1' LIMIT 1",
      [cohortId],
    );
    return Boolean(started);
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
    return em.find(DuoEvent, { where: { duoId }, order: { sequence: 'ASC' } });
  }

  /** Per duo of the cohort and workshop, the last attendance recorded (by a list, a single record or a correction). */
  async attendanceRecords(em: EntityManager, cohortId: string): Promise<AttendanceRecord[]> {
    const rows: { duo_id: string; workshop: WorkshopNumber; attendance: WorkshopAttendance; type: string; recorded_at: Date }[] =
      await em.query(
        `SELECT DISTINCT ON (e.duo_id, w.workshop) e.duo_id, w.workshop, e.payload->'attendance' AS attendance, e.type, e.recorded_at
         FROM duo_events e JOIN duos d ON d.id = e.duo_id
         CROSS JOIN LATERAL (SELECT CASE
           WHEN e.type = 'CORRECT_ATTENDANCE' THEN (e.payload->>'workshop')::int
           WHEN e.type LIKE 'RECORD\\_WORKSHOP\\__\\_ATTENDANCE' THEN substring(e.type FROM 17 FOR 1)::int
         END AS workshop) w
         WHERE d.cohort_id = $1 AND w.workshop IS NOT NULL
         ORDER BY e.duo_id, w.workshop, e.sequence DESC`,
        [cohortId],
      );
    return rows.map((row) => ({
      duoId: row.duo_id,
      workshop: row.workshop,
      attendance: row.attendance,
      corrected: row.type === 'CORRECT_ATTENDANCE',
      recordedAt: row.recorded_at,
    }));
  }
}
