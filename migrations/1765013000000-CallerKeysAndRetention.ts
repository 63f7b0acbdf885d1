import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys belong to their caller (an account, or the public form); devices a person
 * signed in on before, which the per-account sign-in lock lets through; indexes for the
 * scheduler's retention round.
 */
export class CallerKeysAndRetention1765013000000 implements MigrationInterface {
  name = 'CallerKeysAndRetention1765013000000';

  async up(db: QueryRunner): Promise<void> {
    // Keys stored so far cannot be traced to a caller; no caller's retry will find them again.
    await db.query("ALTER TABLE idempotency_keys ADD COLUMN owner text NOT NULL DEFAULT 'unknown'");
    await db.query('ALTER TABLE idempotency_keys ALTER COLUMN owner DROP DEFAULT');
    await db.query('ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey');
    await db.query('ALTER TABLE idempotency_keys ADD PRIMARY KEY (owner, scope, key)');
    await db.query('CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)');
    await db.query(`
      CREATE TABLE known_devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX known_devices_expires ON known_devices (expires_at)');
    await db.query('ALTER TABLE sign_in_failures ADD COLUMN known_device_id uuid REFERENCES known_devices (id) ON DELETE SET NULL');
    await db.query('CREATE INDEX sign_in_failures_device ON sign_in_failures (known_device_id, failed_at) WHERE known_device_id IS NOT NULL');
    await db.query('CREATE INDEX sign_in_failures_failed ON sign_in_failures (failed_at)');
    await db.query('CREATE INDEX sessions_expires ON sessions (expires_at)');
    await db.query('CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX outbox_sent');
    await db.query('DROP INDEX sessions_expires');
    await db.query('DROP INDEX sign_in_failures_failed');
    await db.query('ALTER TABLE sign_in_failures DROP COLUMN known_device_id');
    await db.query('DROP TABLE known_devices');
    await db.query('DROP INDEX idempotency_keys_created');
    // Two callers may hold the same key; the old primary key allows one per scope, so keep the first.
    await db.query(`
      DELETE FROM idempotency_keys k USING idempotency_keys other
      WHERE k.scope = other.scope AND k.key = other.key AND (k.created_at, k.owner) > (other.created_at, other.owner)`);
    await db.query('ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey');
    await db.query('ALTER TABLE idempotency_keys DROP COLUMN owner');
    await db.query('ALTER TABLE idempotency_keys ADD PRIMARY KEY (scope, key)');
  }
}
