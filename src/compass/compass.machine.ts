import { assign, setup } from 'xstate';

/**
 * The Kwaliteitskompas of one duo (DOMAIN.md): step 0 (preparation) once, then cycles of steps
 * 1 to 6. Steps may be worked on in any order; a cycle is complete when steps 1 to 6 each have
 * evidence and step 6 records the improvement actions agreed. An adviser closes a complete
 * cycle, which freezes it and opens the next one at step 1.
 *
 * The machine knows of each piece of evidence only what completion needs (its step,
 * perspective and kind); the evidence itself lives in PostgreSQL. Version 1 of the definition.
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

export interface CompassContext {
  /** The open cycle; every earlier one is closed. */
  cycle: number;
  /** The live (not deleted) evidence of the open cycle, by id. */
  evidence: Record<string, EvidenceMark>;
  /** How many improvement actions the open cycle has agreed. */
  improvementActions: number;
}

/** Every event names the cycle it is meant for: only the open cycle accepts changes. */
export type CompassEvent =
  | { type: 'RECORD_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'REVISE_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'DELETE_EVIDENCE'; cycle: number; evidenceId: string }
  | { type: 'RESTORE_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'AGREE_IMPROVEMENT_ACTIONS'; cycle: number; count: number }
  | { type: 'CLOSE_CYCLE'; cycle: number };

/** Steps 1 to 6 that have no evidence yet in the cycle. */
export function stepsLackingEvidence(context: CompassContext): CompassStep[] {
  const covered = new Set(Object.values(context.evidence).map((mark) => mark.step));
  return CYCLE_STEPS.filter((step) => !covered.has(step));
}

export function cycleIsComplete(context: CompassContext): boolean {
  return stepsLackingEvidence(context).length === 0 && context.improvementActions > 0;
}

type Args = { context: CompassContext; event: CompassEvent };

function withoutEvidence(evidence: Record<string, EvidenceMark>, id: string): Record<string, EvidenceMark> {
  const { [id]: _removed, ...rest } = evidence;
  return rest;
}

/** The evidence events: the same in every state, each only for the open cycle. */
const evidenceEvents = {
  RECORD_EVIDENCE: { guard: 'forOpenStep', actions: 'markEvidence' },
  REVISE_EVIDENCE: { guard: 'forOpenStep', actions: 'markEvidence' },
  RESTORE_EVIDENCE: { guard: 'forOpenStep', actions: 'markEvidence' },
  DELETE_EVIDENCE: { guard: 'forOpenCycle', actions: 'unmarkEvidence' },
  AGREE_IMPROVEMENT_ACTIONS: { guard: 'forOpenCycle', actions: 'countImprovementActions' },
} as const;

export const compassMachine = setup({
  types: {
    context: {} as CompassContext,
    events: {} as CompassEvent,
  },
  guards: {
    forOpenCycle: ({ context, event }: Args) => event.cycle === context.cycle,
    /** The open cycle, and a step it still has: step 0 only in the first cycle. */
    forOpenStep: ({ context, event }: Args) =>
      event.cycle === context.cycle && 'mark' in event && (event.mark.step !== PREPARATION_STEP || context.cycle === 1),
    cycleComplete: ({ context }: Args) => cycleIsComplete(context),
    cycleIncomplete: ({ context }: Args) => !cycleIsComplete(context),
  },
  actions: {
    markEvidence: assign(({ context, event }: Args) => ({
      evidence: 'mark' in event ? { ...context.evidence, [event.evidenceId]: { ...event.mark } } : context.evidence,
    })),
    unmarkEvidence: assign(({ context, event }: Args) => ({
      evidence: event.type === 'DELETE_EVIDENCE' ? withoutEvidence(context.evidence, event.evidenceId) : context.evidence,
    })),
    countImprovementActions: assign(({ context, event }: Args) => ({
      improvementActions: event.type === 'AGREE_IMPROVEMENT_ACTIONS' ? event.count : context.improvementActions,
    })),
    openNextCycle: assign(({ context }: Args) => ({ cycle: context.cycle + 1, evidence: {}, improvementActions: 0 })),
  },
}).createMachine({
  id: 'compass',
  initial: 'collecting',
  context: { cycle: 1, evidence: {}, improvementActions: 0 },
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
});

export type CompassMachine = typeof compassMachine;
