import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EvidenceRow } from './evidence.view.js';

/** The evidence columns, with dates as text and the value as a number, from the table aliased `e`. */
export const EVIDENCE_COLUMNS = `e.id, e.duo_id, e.cycle, e.step, e.kind, e.perspective, e.title, e.body, e.indicator,
  e.indicator_value::float8 AS indicator_value, e.indicator_unit,
  to_char(e.period_start, 'YYYY-MM-DD') AS period_start, to_char(e.period_end, 'YYYY-MM-DD') AS period_end,
  e.about_a_person, e.consent_given, e.links, e.recorded_by, e.recorded_at, e.updated_by, e.updated_at,
  e.deleted_at, e.deleted_by, e.version`;

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
}
