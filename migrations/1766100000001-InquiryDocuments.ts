import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan of approach and the report an advisory trajectory hands over (seed 001), each with the
 * decisions taken, and its file: stored in PostgreSQL (bytea) as evidence attachments are, so that
 * a backup of the database is a backup of the plan. A file sent again replaces the earlier one.
 */
export class InquiryDocuments1766100000001 implements MigrationInterface {
  name = 'InquiryDocuments1766100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inquiry_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duo_id uuid NOT NULL REFERENCES duos (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('planOfApproach', 'report')),
        title text NOT NULL,
        decisions text NOT NULL,
        file_name text,
        media_type text,
        size_bytes integer CHECK (size_bytes > 0),
        sha256 text,
        content bytea,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        file_added_at timestamptz,
        CHECK ((content IS NULL) = (file_name IS NULL))
      )`);
    await db.query('CREATE INDEX inquiry_documents_duo ON inquiry_documents (duo_id, recorded_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE inquiry_documents');
  }
}
