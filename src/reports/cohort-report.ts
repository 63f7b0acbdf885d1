import type { Excuse } from '../programmes/attendance.js';
import type { SessionDefinition } from '../programmes/programme.js';
import type { Side } from '../shared/sides.js';
import { COMPASS_STEPS, type CompassStep, type EvidenceKind, type Perspective } from '../compass/compass.machine.js';
import { cellsOf } from './duo-report.js';
import { unitName } from '../shared/unit-name.js';

/**
 * A cohort's report, assembled from the database's aggregates: its duos by outcome, attendance
 * per workshop, advisory meetings used, completed cycles per duo, and the evidence matrix
 * (step x perspective x kind) of the completed cycles. Every count lists what it counts.
 */
export const OUTCOMES = ['completed', 'droppedOut', 'withdrawn', 'running', 'notAdmitted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_NAMES: Record<Outcome, string> = {
  completed: 'afgerond',
  droppedOut: 'uitgevallen',
  withdrawn: 'afgemeld',
  running: 'nog bezig',
  notAdmitted: 'aangemeld of op de wachtlijst',
};

export function outcomeOf(state: string): Outcome {
  if (state === 'completed' || state === 'droppedOut' || state === 'withdrawn') return state;
  return state === 'registered' || state === 'waitingList' ? 'notAdmitted' : 'running';
}

export interface Counted {
  count: number;
  duoIds: string[];
}

function counted(duoIds: string[]): Counted {
  return { count: duoIds.length, duoIds };
}

export interface CohortDuoRow {
  id: string;
  municipality: string;
  provider: string;
  state: string;
  advisory_meetings_held: number;
  named_in_publications: boolean;
  completed_cycles: number;
  meets_obligation: boolean;
}

export interface CohortDuo {
  id: string;
  /** "Gemeente / Uitvoerder", or "Duo B" in the anonymised report when the duo did not agree to be named. */
  label: string;
  municipality: string | null;
  provider: string | null;
  state: string;
  outcome: Outcome;
  meetsAttendanceObligation: boolean;
  advisoryMeetingsHeld: number;
  completedCycles: number;
  namedInPublications: boolean;
}

/** The last record of a workshop's attendance for a duo (after corrections). */
export interface WorkshopRecord {
  duoId: string;
  /** The session's key. */
  session: string;
  municipality: string;
  provider: string;
  met: boolean;
  /** The sides excused, with the reason and who accepted it. */
  excuses: ({ side: Side } & Excuse)[];
}

export interface WorkshopSummary {
  /** The session's key, its Dutch name, and its number where the programme numbers it (the werkateliers' workshops). */
  session: string;
  name: string;
  workshop: number | null;
  recorded: Counted;
  bothPresent: Counted;
  /** Met the obligation with one or both sides excused. */
  metWithExcuse: Counted;
  notMet: Counted;
}

/** A side's excused absence at a session, as last recorded (DOMAIN.md: the reason stays visible in reports). */
export interface CohortExcuse {
  duoId: string;
  /** The session's key. */
  session: string;
  side: Side;
  /** Null in the anonymised report: free text that may name people. */
  reason: string | null;
  /** Who accepted the excuse; null in the anonymised report. */
  excusedBy: string | null;
}

export interface MatrixCellRow {
  step: CompassStep;
  perspective: Perspective;
  kind: EvidenceKind;
  count: number;
  evidenceIds: string[];
}

export interface EvidenceMatrix {
  /** The largest cell: the heat map's darkest colour. */
  max: number;
  total: number;
  cells: MatrixCellRow[];
}

export interface CohortReport {
  reportVersion: number;
  madeAt: string;
  anonymised: boolean;
  cohort: { id: string; name: string; programme: string; programmeName: string; location: string; registrationDeadline: string; capacity: number };
  /** The session the programme counts as its meetings: its Dutch plural and singular, and how many a unit may hold. */
  meetings: { name: string; one: string; cap: number };
  /** Whether the programme uses the Kwaliteitskompas (else there are no cycles or evidence to report). */
  compass: boolean;
  duos: CohortDuo[];
  outcomes: ({ outcome: Outcome; name: string } & Counted)[];
  attendance: WorkshopSummary[];
  /** Every excused side, in the order of the sessions, then of the duos. */
  excuses: CohortExcuse[];
  advisoryMeetings: { total: number; byNumberHeld: ({ held: number } & Counted)[] };
  completedCycles: { total: number; duosWithOne: Counted };
  evidenceMatrix: EvidenceMatrix;
}

export function cohortDuo(row: CohortDuoRow): CohortDuo {
  return {
    id: row.id,
    label: unitName(row, ' / '),
    municipality: row.municipality,
    provider: row.provider,
    state: row.state,
    outcome: outcomeOf(row.state),
    meetsAttendanceObligation: row.meets_obligation,
    advisoryMeetingsHeld: row.advisory_meetings_held,
    completedCycles: row.completed_cycles,
    namedInPublications: row.named_in_publications,
  };
}

/** `sessions`: the programme's edition sessions whose attendance is listed, in order. */
export function workshopSummaries(records: WorkshopRecord[], sessions: readonly Pick<SessionDefinition, 'key' | 'name' | 'number'>[]): WorkshopSummary[] {
  return sessions.map(({ key, name, number }) => {
    const of = records.filter((record) => record.session === key);
    const ids = (keep: (record: WorkshopRecord) => boolean) => counted(of.filter(keep).map((record) => record.duoId));
    const bothPresent = (record: WorkshopRecord) => record.municipality === 'present' && record.provider === 'present';
    return {
      session: key,
      name,
      workshop: number ?? null,
      recorded: ids(() => true),
      bothPresent: ids(bothPresent),
      metWithExcuse: ids((record) => record.met && !bothPresent(record)),
      notMet: ids((record) => !record.met),
    };
  });
}

/** The excused sides of the records, in the order of `sessions` (as the attendance summaries), then of `duos`. */
export function cohortExcuses(records: WorkshopRecord[], sessions: readonly Pick<SessionDefinition, 'key'>[], duos: readonly Pick<CohortDuo, 'id'>[]): CohortExcuse[] {
  return sessions.flatMap(({ key }) =>
    duos.flatMap(({ id }) => {
      const record = records.find((candidate) => candidate.session === key && candidate.duoId === id);
      return (record?.excuses ?? []).map(({ side, reason, excusedBy }) => ({ duoId: id, session: key, side, reason, excusedBy }));
    }),
  );
}

/** Every cell of the matrix, also the empty ones, in the order of the compass. */
export function evidenceMatrix(rows: MatrixCellRow[]): EvidenceMatrix {
  const cells = COMPASS_STEPS.flatMap((step) => cellsOf(rows.filter((row) => row.step === step)).map((cell) => ({ step, ...cell })));
  return { max: Math.max(0, ...cells.map((cell) => cell.count)), total: cells.reduce((sum, cell) => sum + cell.count, 0), cells };
}

/** `meetingsCap`: the most meetings a unit may hold (the programme's meeting session's maxPerUnit). */
export function cohortSummary(duos: CohortDuo[], meetingsCap: number): Pick<CohortReport, 'outcomes' | 'advisoryMeetings' | 'completedCycles'> {
  return {
    outcomes: OUTCOMES.map((outcome) => ({ outcome, name: OUTCOME_NAMES[outcome], ...counted(duos.filter((duo) => duo.outcome === outcome).map((duo) => duo.id)) })),
    advisoryMeetings: {
      total: duos.reduce((sum, duo) => sum + duo.advisoryMeetingsHeld, 0),
      byNumberHeld: Array.from({ length: meetingsCap + 1 }, (_, held) => ({
        held,
        ...counted(duos.filter((duo) => duo.outcome !== 'notAdmitted' && duo.advisoryMeetingsHeld === held).map((duo) => duo.id)),
      })),
    },
    completedCycles: {
      total: duos.reduce((sum, duo) => sum + duo.completedCycles, 0),
      duosWithOne: counted(duos.filter((duo) => duo.completedCycles > 0).map((duo) => duo.id)),
    },
  };
}
