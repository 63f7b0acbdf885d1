import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHANGES_BEFORE = ['recorded', 'edited', 'deleted', 'restored', 'attachmentAdded', 'attachmentRemoved'];
const PUBLICATION_CHANGES = ['publicationMarked', 'publicationWithdrawn'];

const changeCheck = (changes: string[]) =>
  `ALTER TABLE evidence_revisions ADD CONSTRAINT evidence_revisions_change_check CHECK (change IN (${changes.map((change) => `'${change}'`).join(', ')}))`;

/**
 * An adviser's mark that a story was read and may be quoted in an anonymised report: the
 * revision that marked it (who and when are that revision's), kept only while the words it
 * was given for stay the same. Marking and taking the mark back are revisions of their own.
 * The key to the revision is checked at commit, as the revision is written after the row.
 */
export class EvidencePublication1765700000000 implements MigrationInterface {
  name = 'EvidencePublication1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE evidence_revisions DROP CONSTRAINT evidence_revisions_change_check');
    await db.query(changeCheck([...CHANGES_BEFORE, ...PUBLICATION_CHANGES]));
    await db.query(`
      ALTER TABLE evidence ADD COLUMN publication_version int,
        ADD CONSTRAINT evidence_publication_revision FOREIGN KEY (id, publication_version)
          REFERENCES evidence_revisions (evidence_id, version) DEFERRABLE INITIALLY DEFERRED`);
  }

  /** The marks go, and with them the revisions that gave or took them. */
  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE evidence DROP COLUMN publication_version');
    await db.query('DELETE FROM evidence_revisions WHERE change = ANY($1)', [PUBLICATION_CHANGES]);
    await db.query('ALTER TABLE evidence_revisions DROP CONSTRAINT evidence_revisions_change_check');
    await db.query(changeCheck(CHANGES_BEFORE));
  }
}
