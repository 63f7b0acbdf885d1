import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which sessions exist, and which are planned for the whole edition rather than for one unit,
 * is said by the programme's definition (src/programmes/), which the sessions service checks.
 * The checks that named the werkateliers' sessions go.
 */
export class SessionKindsFromProgrammes1765300000000 implements MigrationInterface {
  name = 'SessionKindsFromProgrammes1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE planned_sessions DROP CONSTRAINT planned_sessions_kind_check, DROP CONSTRAINT planned_sessions_check1');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE planned_sessions
      ADD CONSTRAINT planned_sessions_kind_check CHECK (kind IN ('workshop1', 'workshop2', 'workshop3', 'intake', 'advisoryMeeting')),
      ADD CONSTRAINT planned_sessions_check1 CHECK ((duo_id IS NULL) = (kind LIKE 'workshop%'))`);
  }
}
