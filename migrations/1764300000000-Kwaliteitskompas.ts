import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Kwaliteitskompas of each duo: its machine (compasses) and event log, its cycles, the
 * evidence per cycle and step with every revision, and attachments stored in the database, so
 * that a backup of the database is a backup of the evidence.
 */
export class Kwaliteitskompas1764300000000 implements MigrationInterface {
  name = 'Kwaliteitskompas1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compasses (
        duo_id uuid PRIMARY KEY REFERENCES duos (id),
        compass_version int NOT NULL,
        snapshot jsonb NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE compass_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        duo_id uuid NOT NULL REFERENCES compasses (duo_id),
        sequence int NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor text NOT NULL,
        actor_id uuid,
        compass_version int NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (duo_id, sequence)
      )`);
    await db.query(`
      CREATE TABLE cycles (
        duo_id uuid NOT NULL REFERENCES compasses (duo_id),
        number int NOT NULL CHECK (number >= 1),
        opened_at timestamptz NOT NULL DEFAULT now(),
        improvement_actions jsonb NOT NULL DEFAULT '[]',
        closed_at timestamptz,
        closed_by text,
        closed_by_id uuid,
        PRIMARY KEY (duo_id, number)
      )`);
    await db.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duo_id uuid NOT NULL,
        cycle int NOT NULL,
        step smallint NOT NULL CHECK (step BETWEEN 0 AND 6),
        kind text NOT NULL CHECK (kind IN ('figures', 'stories', 'other')),
        perspective text NOT NULL CHECK (perspective IN ('municipality', 'provider', 'residents')),
        title text NOT NULL,
        body text NOT NULL,
        indicator text,
        indicator_value numeric,
        indicator_unit text,
        period_start date,
        period_end date,
        about_a_person boolean,
        consent_given boolean,
        links text[] NOT NULL DEFAULT '{}',
        recorded_by text NOT NULL,
        recorded_by_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        updated_by_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by text,
        deleted_by_id uuid,
        version int NOT NULL,
        FOREIGN KEY (duo_id, cycle) REFERENCES cycles (duo_id, number),
        CHECK (step <> 0 OR cycle = 1),
        CHECK (kind <> 'figures' OR (indicator IS NOT NULL AND indicator_value IS NOT NULL AND indicator_unit IS NOT NULL
                                     AND period_start IS NOT NULL AND period_end IS NOT NULL AND period_start <= period_end)),
        CHECK (kind <> 'stories' OR about_a_person IS NOT NULL),
        CHECK (about_a_person IS NOT TRUE OR consent_given IS NOT NULL)
      )`);
    await db.query('CREATE INDEX evidence_by_cycle_step ON evidence (duo_id, cycle, step) WHERE deleted_at IS NULL');
    await db.query(`
      CREATE TABLE evidence_revisions (
        evidence_id uuid NOT NULL REFERENCES evidence (id),
        version int NOT NULL,
        change text NOT NULL CHECK (change IN ('recorded', 'edited', 'deleted', 'restored', 'attachmentAdded', 'attachmentRemoved')),
        content jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_by_id uuid,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (evidence_id, version)
      )`);
    await db.query(`
      CREATE TABLE evidence_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evidence_id uuid NOT NULL REFERENCES evidence (id),
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        added_by text NOT NULL,
        added_by_id uuid,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      )`);
    await db.query('CREATE INDEX evidence_attachments_of ON evidence_attachments (evidence_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE evidence_attachments');
    await db.query('DROP TABLE evidence_revisions');
    await db.query('DROP TABLE evidence');
    await db.query('DROP TABLE cycles');
    await db.query('DROP TABLE compass_events');
    await db.query('DROP TABLE compasses');
  }
}
