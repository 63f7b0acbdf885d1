import { assign, setup } from 'xstate';

/**
 * The Kwaliteitskompas of one duo (DOMAIN.md): step 0 (preparation) once, then cycles of steps
 * 1 to 6. Steps may be worked on in any order; a cycle is complete when steps 1 to 6 each have
 * evidence and step 6 records the improvement actions agreed. An adviser closes a complete
 * cycle, which freezes it and opens the next one at step 1.
 *
 * The machine knows of the evidence only what completion and progress need: how many live
 * pieces the open cycle holds of each step, perspective and kind. The evidence itself lives in
 * PostgreSQL. Version 2 of the definition: version 1 (compass-v1.machine.ts) kept every
 * evidence id, so a change cost as much as the cycle held.
 */
export const COMPASS_STEPS = [0, 1, 2, 3, 4, 5, 6] as const;
export type CompassStep = (typeof COMPASS_STEPS)[number];
/** Step 0 (Wat er vooraf gaat) happens once, before the first cycle: it belongs to cycle 1. */
export const PREPARATION_STEP = 0;
export const CYCLE_STEPS = [1, 2, 3, 4, 5, 6] as const satisfies readonly CompassStep[];

export const EVIDENCE_KINDS = ['figures', 'stories', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const PERSPECTIVES = ['municipality', 'provider', 'residents'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

/** What the compass needs to know of one piece of evidence. */
export interface EvidenceMark {
  step: CompassStep;
  perspective: Perspective;
  kind: EvidenceKind;
}

/** A count's key: `step.perspective.kind`, e.g. `1.residents.stories`. */
export type MarkKey = `${CompassStep}.${Perspective}.${EvidenceKind}`;

export function markKey(mark: EvidenceMark): MarkKey {
  return `${mark.step}.${mark.perspective}.${mark.kind}`;
}

export function markOfKey(key: string): EvidenceMark {
  const [step, perspective, kind] = key.split('.');
  return { step: Number(step) as CompassStep, perspective: perspective as Perspective, kind: kind as EvidenceKind };
}

export interface CompassContext {
  /** The open cycle; every earlier one is closed. */
  cycle: number;
  /**
   * How many live (not deleted) pieces of evidence the open cycle holds, by mark. A mark with
   * none has no key, so that equal compasses have equal snapshots.
   */
  counts: Partial<Record<MarkKey, number>>;
  /** How many improvement actions the open cycle has agreed. */
  improvementActions: number;
}

/**
 * Every event names the cycle it is meant for: only the open cycle accepts changes. An event
 * carries the marks it adds and takes away (a revision both), so that counting needs no ids;
 * the ids stay in the event log.
 */
export type CompassEvent =
  | { type: 'RECORD_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'REVISE_EVIDENCE'; cycle: number; evidenceId: string; previous: EvidenceMark; mark: EvidenceMark }
  | { type: 'DELETE_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'RESTORE_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'AGREE_IMPROVEMENT_ACTIONS'; cycle: number; count: number }
  | { type: 'CLOSE_CYCLE'; cycle: number };

/** Steps 1 to 6 that have no evidence yet in the cycle. */
export function stepsLackingEvidence(context: CompassContext): CompassStep[] {
  const covered = new Set(Object.keys(context.counts).map((key) => markOfKey(key).step));
  return CYCLE_STEPS.filter((step) => !covered.has(step));
}

export function cycleIsComplete(context: CompassContext): boolean {
  return stepsLackingEvidence(context).length === 0 && context.improvementActions > 0;
}

type Args = { context: CompassContext; event: CompassEvent };

/**
 * The counts with `by` added to the mark's; a count never goes below none (the evidence service
 * only takes away a live piece's mark), and a mark with none loses its key.
 */
function counted(counts: CompassContext['counts'], mark: EvidenceMark, by: 1 | -1): CompassContext['counts'] {
  const key = markKey(mark);
  const { [key]: current = 0, ...rest } = counts;
  const next = current + by;
  return next > 0 ? { ...rest, [key]: next } : rest;
}

/** What the guards of every version read: the open cycle, and the event's cycle and mark. */
type CycleArgs = { context: { cycle: number }; event: { cycle: number; mark?: EvidenceMark } };

export function forOpenCycle({ context, event }: CycleArgs): boolean {
  return event.cycle === context.cycle;
}

/** The open cycle, and a step it still has: step 0 only in the first cycle. */
export function forOpenStep({ context, event }: CycleArgs): boolean {
  return event.cycle === context.cycle && event.mark !== undefined && (event.mark.step !== PREPARATION_STEP || context.cycle === 1);
}

/** The evidence events: the same in every state, each only for the open cycle. */
const evidenceEvents = {
  RECORD_EVIDENCE: { guard: 'forOpenStep', actions: 'addMark' },
  REVISE_EVIDENCE: { guard: 'forOpenStep', actions: 'reviseMark' },
  RESTORE_EVIDENCE: { guard: 'forOpenStep', actions: 'addMark' },
  DELETE_EVIDENCE: { guard: 'forOpenCycle', actions: 'removeMark' },
  AGREE_IMPROVEMENT_ACTIONS: { guard: 'forOpenCycle', actions: 'countImprovementActions' },
} as const;

/**
 * The states of the compass and what moves it between them, drawn by every version: they differ
 * only in what their context keeps of the evidence, so each implements the named guards and
 * actions on its own context. A version that needs another chart gets one of its own. Version 1
 * (compass-v1.machine.ts) replays stored logs with this chart and with forOpenCycle and
 * forOpenStep: change none of them, or first give version 1 a copy of its own.
 */
export const COMPASS_CHART = {
  id: 'compass',
  initial: 'collecting',
  states: {
    collecting: {
      always: { guard: 'cycleComplete', target: 'readyToClose' },
      on: evidenceEvents,
    },
    readyToClose: {
      always: { guard: 'cycleIncomplete', target: 'collecting' },
      on: {
        ...evidenceEvents,
        CLOSE_CYCLE: { guard: 'forOpenCycle', target: 'collecting', actions: 'openNextCycle' },
      },
    },
  },
} as const;

export const compassMachine = setup({
  types: {
    context: {} as CompassContext,
    events: {} as CompassEvent,
  },
  guards: {
    forOpenCycle,
    forOpenStep,
    cycleComplete: ({ context }: Args) => cycleIsComplete(context),
    cycleIncomplete: ({ context }: Args) => !cycleIsComplete(context),
  },
  actions: {
    addMark: assign(({ context, event }: Args) => ({
      counts: 'mark' in event ? counted(context.counts, event.mark, 1) : context.counts,
    })),
    reviseMark: assign(({ context, event }: Args) => ({
      counts: event.type === 'REVISE_EVIDENCE' ? counted(counted(context.counts, event.previous, -1), event.mark, 1) : context.counts,
    })),
    removeMark: assign(({ context, event }: Args) => ({
      counts: event.type === 'DELETE_EVIDENCE' ? counted(context.counts, event.mark, -1) : context.counts,
    })),
    countImprovementActions: assign(({ context, event }: Args) => ({
      improvementActions: event.type === 'AGREE_IMPROVEMENT_ACTIONS' ? event.count : context.improvementActions,
    })),
    openNextCycle: assign(({ context }: Args) => ({ cycle: context.cycle + 1, counts: {}, improvementActions: 0 })),
  },
}).createMachine({ ...COMPASS_CHART, context: { cycle: 1, counts: {}, improvementActions: 0 } });

export type CompassMachine = typeof compassMachine;
