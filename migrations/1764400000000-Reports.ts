import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports: whether a duo agreed to be named in published reports, the frozen copy of a duo's
 * report made when a cycle closes.
 */
export class Reports1764400000000 implements MigrationInterface {
  name = 'Reports1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE duos ADD COLUMN named_in_publications boolean NOT NULL DEFAULT false');
    await db.query(`
      CREATE TABLE frozen_reports (
        duo_id uuid NOT NULL,
        cycle int NOT NULL,
        report_version int NOT NULL,
        made_at timestamptz NOT NULL DEFAULT now(),
        duo_event_sequence int NOT NULL,
        compass_event_sequence int NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (duo_id, cycle),
        FOREIGN KEY (duo_id, cycle) REFERENCES cycles (duo_id, number)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE frozen_reports');
    await db.query('ALTER TABLE duos DROP COLUMN named_in_publications');
  }
}
