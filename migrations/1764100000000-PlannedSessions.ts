import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlannedSessions1764100000000 implements MigrationInterface {
  name = 'PlannedSessions1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planned_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        duo_id uuid REFERENCES duos (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('workshop1', 'workshop2', 'workshop3', 'intake', 'advisoryMeeting')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location text NOT NULL,
        adviser text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK ((duo_id IS NULL) = (kind LIKE 'workshop%'))
      )`);
    await db.query('CREATE UNIQUE INDEX planned_sessions_one_workshop ON planned_sessions (cohort_id, kind) WHERE duo_id IS NULL');
    await db.query('CREATE INDEX planned_sessions_duo ON planned_sessions (duo_id, starts_at) WHERE duo_id IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE planned_sessions');
  }
}
