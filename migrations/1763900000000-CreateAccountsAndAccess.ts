import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountsAndAccess1763900000000 implements MigrationInterface {
  name = 'CreateAccountsAndAccess1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'adviser', 'participant')),
        duo_id uuid REFERENCES duos (id) ON DELETE RESTRICT,
        side text CHECK (side IN ('municipality', 'provider')),
        password_hash text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'participant') = (duo_id IS NOT NULL AND side IS NOT NULL))
      )`);
    await db.query('CREATE UNIQUE INDEX accounts_email ON accounts (lower(email))');
    await db.query('CREATE INDEX accounts_duo ON accounts (duo_id) WHERE duo_id IS NOT NULL');
    await db.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        invited_by uuid REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query('CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL');
    await db.query(`
      CREATE TABLE sign_in_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        address text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX sign_in_failures_email ON sign_in_failures (lower(email), failed_at)');
    await db.query('CREATE INDEX sign_in_failures_address ON sign_in_failures (address, failed_at)');
    await db.query(`
      CREATE TABLE cohort_advisers (
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cohort_id, account_id)
      )`);
    await db.query('CREATE INDEX cohort_advisers_account ON cohort_advisers (account_id)');
    await db.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_id uuid REFERENCES accounts (id),
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id)');
    await db.query('ALTER TABLE duo_events ADD COLUMN actor_id uuid REFERENCES accounts (id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE duo_events DROP COLUMN actor_id');
    await db.query('DROP TABLE audit_log');
    await db.query('DROP TABLE cohort_advisers');
    await db.query('DROP TABLE sign_in_failures');
    await db.query('DROP TABLE sessions');
    await db.query('DROP TABLE invitations');
    await db.query('DROP TABLE accounts');
  }
}
