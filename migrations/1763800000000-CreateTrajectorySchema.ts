import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrajectorySchema1763800000000 implements MigrationInterface {
  name = 'CreateTrajectorySchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        registration_deadline date NOT NULL,
        capacity int NOT NULL CHECK (capacity BETWEEN 5 AND 8),
        workshop_3_planned boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE duos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE RESTRICT,
        municipality text NOT NULL,
        provider text NOT NULL,
        contact_persons jsonb NOT NULL,
        collective_services text[] NOT NULL,
        questions text NOT NULL DEFAULT '',
        expectations text NOT NULL DEFAULT '',
        trajectory_version int NOT NULL,
        trajectory_snapshot jsonb NOT NULL,
        state text NOT NULL,
        advisory_meetings_held int NOT NULL DEFAULT 0 CHECK (advisory_meetings_held BETWEEN 0 AND 2),
        version int NOT NULL DEFAULT 1,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      'CREATE UNIQUE INDEX duos_one_registration_per_pair ON duos (cohort_id, lower(municipality), lower(provider))',
    );
    await db.query('CREATE INDEX duos_cohort_state ON duos (cohort_id, state)');
    await db.query(`
      CREATE TABLE duo_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        duo_id uuid NOT NULL REFERENCES duos (id) ON DELETE CASCADE,
        sequence int NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor text NOT NULL,
        trajectory_version int NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (duo_id, sequence)
      )`);
    await db.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_fingerprint text NOT NULL,
        response json,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotency_keys');
    await db.query('DROP TABLE duo_events');
    await db.query('DROP TABLE duos');
    await db.query('DROP TABLE cohorts');
  }
}
