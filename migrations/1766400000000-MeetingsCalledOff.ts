import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting an adviser calls off (the speaker fell ill, too few registered): when, and why, as the
 * people registered were told. Their registrations stay as they were, for the record.
 */
export class MeetingsCalledOff1766400000000 implements MigrationInterface {
  name = 'MeetingsCalledOff1766400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE meetings ADD COLUMN called_off_at timestamptz, ADD COLUMN called_off_reason text');
    await db.query('ALTER TABLE meetings ADD CONSTRAINT meetings_called_off_with_reason CHECK ((called_off_at IS NULL) = (called_off_reason IS NULL))');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE meetings DROP COLUMN called_off_reason, DROP COLUMN called_off_at');
  }
}
