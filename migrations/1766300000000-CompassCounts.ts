import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 2 of the compass: its snapshot counts the live evidence of the open cycle by
 * `step.perspective.kind` instead of listing every evidence id, so that a change no longer
 * rewrites all of them. Each stored version 1 snapshot gets the counts of its marks (as
 * `upgradeCompass` in src/compass/compass.ts does) and version 2; the event logs stay as they
 * were written, each event with the version that applied it.
 *
 * down() lists the ids again from the live evidence rows of the open cycle, and marks every
 * event as version 1's: version 1 replays version 2's events to the same evidence, as they
 * carry what version 1's did and more.
 */
export class CompassCounts1766300000000 implements MigrationInterface {
  name = 'CompassCounts1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE compasses c SET compass_version = 2, snapshot = jsonb_set(c.snapshot #- '{context,evidence}', '{context,counts}', (
        SELECT coalesce(jsonb_object_agg(mark, count), '{}'::jsonb)
        FROM (SELECT format('%s.%s.%s', m ->> 'step', m ->> 'perspective', m ->> 'kind') AS mark, count(*) AS count
              FROM jsonb_each(c.snapshot -> 'context' -> 'evidence') AS marks (id, m) GROUP BY 1) counted
      ))
      WHERE compass_version = 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE compasses c SET compass_version = 1, snapshot = jsonb_set(c.snapshot #- '{context,counts}', '{context,evidence}', (
        SELECT coalesce(jsonb_object_agg(e.id, jsonb_build_object('step', e.step, 'perspective', e.perspective, 'kind', e.kind)), '{}'::jsonb)
        FROM evidence e WHERE e.duo_id = c.duo_id AND e.cycle = (c.snapshot -> 'context' ->> 'cycle')::int AND e.deleted_at IS NULL
      ))
      WHERE compass_version = 2`);
    await db.query('UPDATE compass_events SET compass_version = 1 WHERE compass_version = 2');
  }
}
