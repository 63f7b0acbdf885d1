import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance as rows: per enrolled unit and session, what was last recorded (by a list, a
 * single record or a correction) and whether the unit met its obligation there. The trajectory
 * writer keeps it in the same transaction as the event; nothing reads attendance out of event
 * type names or a stored snapshot's JSON any more.
 *
 * Filled from the event logs of the werkateliers version 1 (the only programme so far), whose
 * events named the workshop in their type (RECORD_WORKSHOP_<n>_ATTENDANCE) or, for a
 * correction, in their payload; whether the obligation was met comes from the duo's snapshot.
 */
export class SessionAttendance1765200000000 implements MigrationInterface {
  name = 'SessionAttendance1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE session_attendance (
        duo_id uuid NOT NULL REFERENCES duos (id),
        session text NOT NULL,
        attendance jsonb NOT NULL,
        met_obligation boolean NOT NULL,
        corrected boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        event_sequence int NOT NULL,
        PRIMARY KEY (duo_id, session)
      )`);
    await db.query(`
      INSERT INTO session_attendance (duo_id, session, attendance, met_obligation, corrected, recorded_at, event_sequence)
      SELECT DISTINCT ON (e.duo_id, w.number) e.duo_id, 'workshop' || w.number, e.payload->'attendance',
             coalesce((d.trajectory_snapshot->'context'->'attendance'->>(w.number::text))::boolean, true),
             e.type = 'CORRECT_ATTENDANCE', e.recorded_at, e.sequence
      FROM duo_events e JOIN duos d ON d.id = e.duo_id
      CROSS JOIN LATERAL (SELECT CASE
        WHEN e.type = 'CORRECT_ATTENDANCE' THEN (e.payload->>'workshop')::int
        WHEN e.type LIKE 'RECORD\\_WORKSHOP\\__\\_ATTENDANCE' THEN substring(e.type FROM 17 FOR 1)::int
      END AS number) w
      WHERE w.number IS NOT NULL
      ORDER BY e.duo_id, w.number, e.sequence DESC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE session_attendance');
  }
}
