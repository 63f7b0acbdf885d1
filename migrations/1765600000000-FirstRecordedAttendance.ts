import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session's attendance was first taken for a duo, kept when a correction replaces the
 * record: the day a never-planned workshop happened, which the calendar rules bound advisory
 * meetings with. Rows from before carry their last recording's time, the best there is.
 */
export class FirstRecordedAttendance1765600000000 implements MigrationInterface {
  name = 'FirstRecordedAttendance1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE session_attendance ADD COLUMN first_recorded_at timestamptz');
    await db.query('UPDATE session_attendance SET first_recorded_at = recorded_at');
    await db.query('ALTER TABLE session_attendance ALTER COLUMN first_recorded_at SET NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE session_attendance DROP COLUMN first_recorded_at');
  }
}
