import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ATTACHMENT_TYPES } from './attachment-types.js';
import type { EvidenceRow, PhotoBytesLimit, PhotoRow } from './evidence.view.js';

/** The evidence columns, with dates as text and the value as a number, from the table aliased `e`. */
export const EVIDENCE_COLUMNS = `e.id, e.duo_id, e.cycle, e.step, e.kind, e.perspective, e.title, e.body, e.indicator,
  e.indicator_value::float8 AS indicator_value, e.indicator_unit,
  to_char(e.period_start, 'YYYY-MM-DD') AS period_start, to_char(e.period_end, 'YYYY-MM-DD') AS period_end,
  e.about_a_person, e.consent_given, e.links, e.recorded_by, e.recorded_at, e.updated_by, e.updated_at,
  e.deleted_at, e.deleted_by, e.version, e.publication_version,
  (SELECT p.changed_by FROM evidence_revisions p WHERE p.evidence_id = e.id AND p.version = e.publication_version) AS publication_marked_by,
  (SELECT p.changed_at FROM evidence_revisions p WHERE p.evidence_id = e.id AND p.version = e.publication_version) AS publication_marked_at`;

/** The attachments that are pictures: the types evidence takes whose media type is image/*. */
const PHOTO_TYPES = Object.keys(ATTACHMENT_TYPES).filter((mediaType) => mediaType.startsWith('image/'));

/**
 * The evidence rows that other modules read (the reports): this module owns the table and its
 * columns, so no other module spells them. Pass the caller's manager to read in its snapshot.
 */
@Injectable()
export class EvidenceRepository {
  /** The duo's evidence in its closed cycles, by cycle, step and recording. */
  ofClosedCycles(em: EntityManager, duoId: string): Promise<EvidenceRow[]> {
    return em.query(
      `SELECT ${EVIDENCE_COLUMNS} FROM cycles c JOIN evidence e ON e.duo_id = c.duo_id AND e.cycle = c.number AND e.deleted_at IS NULL
       WHERE c.duo_id = $1 AND c.closed_at IS NOT NULL ORDER BY e.cycle, e.step, e.recorded_at, e.id`,
      [duoId],
    );
  }

  /** The ids of the duo's evidence that an adviser marked fit for publication (for the anonymised reports). */
  async publishable(em: EntityManager, duoId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await em.query('SELECT id FROM evidence WHERE duo_id = $1 AND publication_version IS NOT NULL', [duoId]);
    return new Set(rows.map((row) => row.id));
  }

  /** The figures of every closed cycle of the cohort's duos, by duo (in registration order), cycle, step and recording. */
  figuresOfClosedCycles(em: EntityManager, cohortId: string): Promise<EvidenceRow[]> {
    return em.query(
      `SELECT ${EVIDENCE_COLUMNS} FROM duos d
       JOIN cycles c ON c.duo_id = d.id AND c.closed_at IS NOT NULL
       JOIN evidence e ON e.duo_id = c.duo_id AND e.cycle = c.number AND e.deleted_at IS NULL AND e.kind = 'figures'
       WHERE d.cohort_id = $1 ORDER BY d.registered_at, d.id, e.cycle, e.step, e.recorded_at`,
      [cohortId],
    );
  }

  /**
   * The photos the evidence carries now, in the order of `evidenceIds`, then as added; with the
   * bytes of those within `limit` (none over `each`; in that order, until together they would
   * pass `total`), the others without (content null).
   */
  photosOf(em: EntityManager, evidenceIds: string[], limit: PhotoBytesLimit): Promise<PhotoRow[]> {
    return em.query(
      `SELECT id, evidence_id, duo_id, file_name, media_type, size_bytes, CASE WHEN within_limit THEN content END AS content
       FROM (
         SELECT a.id, a.evidence_id, e.duo_id, a.file_name, a.media_type, a.size_bytes, a.content, a.added_at,
           array_position($1::uuid[], a.evidence_id) AS position,
           a.size_bytes <= $3 AND sum(a.size_bytes) FILTER (WHERE a.size_bytes <= $3)
             OVER (ORDER BY array_position($1::uuid[], a.evidence_id), a.added_at, a.id) <= $4 AS within_limit
         FROM evidence_attachments a JOIN evidence e ON e.id = a.evidence_id
         WHERE a.evidence_id = ANY($1::uuid[]) AND a.removed_at IS NULL AND a.media_type = ANY($2::text[])
       ) photos
       ORDER BY position, added_at, id`,
      [evidenceIds, PHOTO_TYPES, limit.each, limit.total],
    );
  }
}
