import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An adviser's personal agenda feed: the address of an iCalendar file of the sessions of their
 * editions. Only a hash of the secret in the address is kept (as for sessions and invitations);
 * one feed per account, so a new address replaces the old one, which stops working.
 */
export class AgendaFeeds1765800000000 implements MigrationInterface {
  name = 'AgendaFeeds1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agenda_feeds (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE agenda_feeds');
  }
}
