import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edition records the programme and the version of its definition it runs (src/programmes/).
 * Every edition so far ran the werkateliers, version 1.
 */
export class EditionProgrammes1765100000000 implements MigrationInterface {
  name = 'EditionProgrammes1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cohorts ADD COLUMN programme_key text NOT NULL DEFAULT 'werkateliers', ADD COLUMN programme_version int NOT NULL DEFAULT 1`);
    await db.query('ALTER TABLE cohorts ALTER COLUMN programme_key DROP DEFAULT, ALTER COLUMN programme_version DROP DEFAULT');
    await db.query(`ALTER TABLE cohorts ADD CONSTRAINT cohorts_programme_version_positive CHECK (programme_version > 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE cohorts DROP COLUMN programme_version, DROP COLUMN programme_key');
  }
}
