import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact persons can be edited and removed one by one: each entry of `duos.contact_persons`
 * gets an id and a version (raised on every edit, compared with If-Match). The order of the
 * entries stays. The REGISTERED events keep what the duo registered with, as it was.
 */
export class ContactPersonIds1766000000000 implements MigrationInterface {
  name = 'ContactPersonIds1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE duos d SET contact_persons = (
        SELECT coalesce(jsonb_agg(person || jsonb_build_object('id', gen_random_uuid(), 'version', 1) ORDER BY position), '[]'::jsonb)
        FROM jsonb_array_elements(d.contact_persons) WITH ORDINALITY AS entries (person, position)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE duos d SET contact_persons = (
        SELECT coalesce(jsonb_agg(person - 'id' - 'version' ORDER BY position), '[]'::jsonb)
        FROM jsonb_array_elements(d.contact_persons) WITH ORDINALITY AS entries (person, position)
      )`);
  }
}
