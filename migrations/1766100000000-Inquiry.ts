import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inquiry of an advisory trajectory for one municipality (seed 001): its surveys and
 * interviews, its focus groups, the innovative initiatives in view, and the plan of approach and
 * report handed over (their files are attachments, as the Kwaliteitskompas stores them). Each row
 * belongs to the enrolled unit (a row of duos) and goes with it.
 */
export class Inquiry1766100000000 implements MigrationInterface {
  name = 'Inquiry1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inquiry_surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duo_id uuid NOT NULL REFERENCES duos (id) ON DELETE CASCADE,
        audience text NOT NULL CHECK (audience IN ('users', 'potentialUsers', 'providers')),
        sent integer NOT NULL CHECK (sent >= 1),
        returned integer NOT NULL CHECK (returned >= 0 AND returned <= sent),
        sent_on date NOT NULL,
        notes text NOT NULL DEFAULT '',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE inquiry_interviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duo_id uuid NOT NULL REFERENCES duos (id) ON DELETE CASCADE,
        interviewee text NOT NULL CHECK (interviewee IN ('user', 'provider', 'other')),
        count integer NOT NULL CHECK (count >= 1),
        held_on date NOT NULL,
        notes text NOT NULL DEFAULT '',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE inquiry_focus_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duo_id uuid NOT NULL REFERENCES duos (id) ON DELETE CASCADE,
        held_on date NOT NULL,
        attendance integer NOT NULL CHECK (attendance >= 1),
        themes text[] NOT NULL,
        notes text NOT NULL DEFAULT '',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE inquiry_initiatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duo_id uuid NOT NULL REFERENCES duos (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL,
        novelty text NOT NULL,
        participation_forms text[] NOT NULL CHECK (cardinality(participation_forms) >= 1),
        location text NOT NULL,
        link text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of ['inquiry_surveys', 'inquiry_interviews', 'inquiry_focus_groups', 'inquiry_initiatives']) {
      await db.query(`CREATE INDEX ${table}_duo ON ${table} (duo_id, recorded_at)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['inquiry_initiatives', 'inquiry_focus_groups', 'inquiry_interviews', 'inquiry_surveys']) await db.query(`DROP TABLE ${table}`);
  }
}
