import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Wachtwoord vergeten": a single-use link that expires, stored only as the hash of its token,
 * and every request for one (address asked for, client address), which the throttle counts.
 */
export class PasswordResets1765900000000 implements MigrationInterface {
  name = 'PasswordResets1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX password_resets_account ON password_resets (account_id) WHERE used_at IS NULL');
    await db.query(`
      CREATE TABLE password_reset_requests (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        address text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX password_reset_requests_email ON password_reset_requests (lower(email), requested_at)');
    await db.query('CREATE INDEX password_reset_requests_address ON password_reset_requests (address, requested_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE password_reset_requests');
    await db.query('DROP TABLE password_resets');
  }
}
