import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrationAndPlaces1764000000000 implements MigrationInterface {
  name = 'RegistrationAndPlaces1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query("ALTER TABLE cohorts ADD COLUMN description text NOT NULL DEFAULT ''");
    await db.query("ALTER TABLE cohorts ADD COLUMN location text NOT NULL DEFAULT ''");
    await db.query('ALTER TABLE duos ADD COLUMN holds_place boolean NOT NULL DEFAULT false');
    await db.query('ALTER TABLE duos ADD COLUMN obligation_accepted_at timestamptz');
    await db.query(`UPDATE duos d SET holds_place = true
      WHERE state IN ('admitted', 'intakeHeld', 'workshop1Attended', 'workshop2Attended', 'workshop3Held', 'completed', 'droppedOut')
         OR (state = 'withdrawn' AND EXISTS (
              SELECT 1 FROM duo_events e WHERE e.duo_id = d.id AND e.type = 'RECORD_WORKSHOP_1_ATTENDANCE'))`);
    await db.query('CREATE INDEX duos_cohort_places ON duos (cohort_id) WHERE holds_place');
    await db.query("CREATE INDEX duos_cohort_waiting ON duos (cohort_id, registered_at) WHERE state = 'waitingList'");
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX duos_cohort_waiting');
    await db.query('DROP INDEX duos_cohort_places');
    await db.query('ALTER TABLE duos DROP COLUMN obligation_accepted_at');
    await db.query('ALTER TABLE duos DROP COLUMN holds_place');
    await db.query('ALTER TABLE cohorts DROP COLUMN location');
    await db.query('ALTER TABLE cohorts DROP COLUMN description');
  }
}
