import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many units an edition admits, and how many meetings a unit may hold, is said by the
 * programme's definition (capacity, maxPerUnit), which the services check. The checks that wrote
 * the werkateliers' 5 to 8 duos and two advisory meetings into the schema go; what no programme
 * can have (no places, fewer than no meetings) stays refused.
 */
export class CapsFromProgrammes1765400000000 implements MigrationInterface {
  name = 'CapsFromProgrammes1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE cohorts DROP CONSTRAINT cohorts_capacity_check, ADD CONSTRAINT cohorts_capacity_check CHECK (capacity > 0)');
    await db.query(
      'ALTER TABLE duos DROP CONSTRAINT duos_advisory_meetings_held_check, ADD CONSTRAINT duos_advisory_meetings_held_check CHECK (advisory_meetings_held >= 0)',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE cohorts DROP CONSTRAINT cohorts_capacity_check, ADD CONSTRAINT cohorts_capacity_check CHECK (capacity BETWEEN 5 AND 8)');
    await db.query(
      'ALTER TABLE duos DROP CONSTRAINT duos_advisory_meetings_held_check, ADD CONSTRAINT duos_advisory_meetings_held_check CHECK (advisory_meetings_held BETWEEN 0 AND 2)',
    );
  }
}
