import { COMPASS_STEP_DEFINITIONS } from '../compass/compass-steps.js';
import { EVIDENCE_KINDS, PERSPECTIVES, type CompassStep, type EvidenceKind, type Perspective } from '../compass/compass.machine.js';
import { stepsOfCycle } from '../compass/compass.js';
import { shareableOutsideDuo } from '../evidence/consent.js';
import type { EvidenceRow } from '../evidence/evidence.view.js';
import type { TimelineEntry } from './timeline.js';

/**
 * A duo's report, assembled from what the database computed: its trajectory as a timeline and,
 * for each completed (closed) cycle, per step the evidence by perspective and kind (every
 * count with the ids of the evidence it counts), figures as a table, stories as quotes when
 * they may be shown, and the improvement actions. Pure: reports.service.ts does the queries.
 */
/** 2: a timeline's attendance names its session by key (`session`). */
export const REPORT_VERSION = 2;

export interface EvidenceCell {
  perspective: Perspective;
  kind: EvidenceKind;
  count: number;
  evidenceIds: string[];
}

/** One row of the database's count of closed-cycle evidence by cycle, step, perspective and kind. */
export interface EvidenceCellRow extends EvidenceCell {
  cycle: number;
  step: CompassStep;
}


export interface FigureItem {
  evidenceId: string;
  perspective: Perspective;
  title: string;
  indicator: string;
  value: number;
  unit: string;
  periodStart: string;
  periodEnd: string;
}

export interface StoryItem {
  evidenceId: string;
  perspective: Perspective;
  title: string;
  quote: string;
}

export interface OtherItem {
  evidenceId: string;
  perspective: Perspective;
  title: string;
  text: string;
  links: string[];
}

export interface StepReport {
  step: CompassStep;
  name: string;
  question: string;
  evidenceCount: number;
  /** Every perspective and kind, also where there is none: where evidence is strong and where thin. */
  cells: EvidenceCell[];
  figures: FigureItem[];
  stories: StoryItem[];
  /** Stories about a person without consent: counted, never quoted. */
  withheldStories: { count: number; evidenceIds: string[] };
  otherMeans: OtherItem[];
}

export interface ImprovementActionReport {
  description: string;
  owner: string;
  dueOn?: string;
}

export interface CycleRowForReport {
  number: number;
  closed_at: Date;
  closed_by: string | null;
  improvement_actions: ImprovementActionReport[];
}

export interface CycleReport {
  number: number;
  closedAt: string;
  closedBy: string | null;
  improvementActions: ImprovementActionReport[];
  steps: StepReport[];
}

export interface DuoReportHeader {
  id: string;
  cohortId: string;
  cohortName: string;
  /** "Gemeente / Uitvoerder", or "Duo B" in an anonymised report when the duo did not agree to be named. */
  label: string;
  municipality: string | null;
  provider: string | null;
  collectiveServices: string[];
  state: string;
  advisoryMeetingsHeld: number;
  namedInPublications: boolean;
}

export interface DuoReport {
  reportVersion: number;
  madeAt: string;
  duo: DuoReportHeader;
  timeline: TimelineEntry[];
  /** The completed cycles, oldest first. */
  cycles: CycleReport[];
}

/** Every perspective and kind, also those without evidence, from the database's counts. */
export function cellsOf(rows: EvidenceCell[]): EvidenceCell[] {
  return PERSPECTIVES.flatMap((perspective) =>
    EVIDENCE_KINDS.map((kind) => {
      const row = rows.find((candidate) => candidate.perspective === perspective && candidate.kind === kind);
      return { perspective, kind, count: row?.count ?? 0, evidenceIds: row?.evidenceIds ?? [] };
    }),
  );
}

function stepReport(step: CompassStep, evidence: EvidenceRow[], cells: EvidenceCellRow[]): StepReport {
  const ofKind = (kind: EvidenceKind) => evidence.filter((row) => row.kind === kind);
  const shown = (row: EvidenceRow) => shareableOutsideDuo({ kind: row.kind, aboutAPerson: row.about_a_person, consentGiven: row.consent_given });
  const withheld = ofKind('stories').filter((row) => !shown(row));
  return {
    step,
    name: COMPASS_STEP_DEFINITIONS[step].name,
    question: COMPASS_STEP_DEFINITIONS[step].question,
    evidenceCount: evidence.length,
    cells: cellsOf(cells),
    figures: ofKind('figures').map((row) => ({
      evidenceId: row.id,
      perspective: row.perspective,
      title: row.title,
      indicator: row.indicator as string,
      value: Number(row.indicator_value),
      unit: row.indicator_unit as string,
      periodStart: row.period_start as string,
      periodEnd: row.period_end as string,
    })),
    stories: ofKind('stories')
      .filter(shown)
      .map((row) => ({ evidenceId: row.id, perspective: row.perspective, title: row.title, quote: row.body })),
    withheldStories: { count: withheld.length, evidenceIds: withheld.map((row) => row.id) },
    otherMeans: ofKind('other').map((row) => ({ evidenceId: row.id, perspective: row.perspective, title: row.title, text: row.body, links: row.links })),
  };
}

export function cycleReport(cycle: CycleRowForReport, evidence: EvidenceRow[], cells: EvidenceCellRow[]): CycleReport {
  return {
    number: cycle.number,
    closedAt: cycle.closed_at.toISOString(),
    closedBy: cycle.closed_by,
    improvementActions: cycle.improvement_actions,
    steps: stepsOfCycle(cycle.number).map((step) =>
      stepReport(
        step,
        evidence.filter((row) => row.cycle === cycle.number && row.step === step),
        cells.filter((row) => row.cycle === cycle.number && row.step === step),
      ),
    ),
  };
}
