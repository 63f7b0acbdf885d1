import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edition entered after it ran (issue 15): its registration deadline lay in the past when it
 * was made, advisers register its duos after that deadline, and what they log is dated before
 * the day a duo was entered. Existing editions were made open.
 */
export class EditionsEnteredAfterwards1765500000000 implements MigrationInterface {
  name = 'EditionsEnteredAfterwards1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE cohorts ADD COLUMN entered_afterwards boolean NOT NULL DEFAULT false');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE cohorts DROP COLUMN entered_afterwards');
  }
}
