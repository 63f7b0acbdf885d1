import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1764200000000 implements MigrationInterface {
  name = 'Outbox1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        recipient_name text NOT NULL,
        recipient_email text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        calendar text,
        dedupe_key text UNIQUE,
        deliver_after timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE outbox');
  }
}
