import { assign, setup } from 'xstate';
import { COMPASS_CHART, CYCLE_STEPS, forOpenCycle, forOpenStep, type CompassStep, type EvidenceMark } from './compass.machine.js';

/**
 * Version 1 of the Kwaliteitskompas definition, kept to replay the event logs it wrote: its
 * context held every live piece of evidence of the open cycle by id, so each event rewrote all
 * of them. Version 2 (compass.machine.ts) keeps counts; `upgradeCompass` (compass.ts) turns a
 * version 1 snapshot into the version 2 one. Never change this file: stored logs depend on it.
 */
export interface CompassV1Context {
  /** The open cycle; every earlier one is closed. */
  cycle: number;
  /** The live (not deleted) evidence of the open cycle, by id. */
  evidence: Record<string, EvidenceMark>;
  /** How many improvement actions the open cycle has agreed. */
  improvementActions: number;
}

/** The events of version 1; version 2's events carry more, so version 1 replays them too. */
export type CompassV1Event =
  | { type: 'RECORD_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'REVISE_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'DELETE_EVIDENCE'; cycle: number; evidenceId: string }
  | { type: 'RESTORE_EVIDENCE'; cycle: number; evidenceId: string; mark: EvidenceMark }
  | { type: 'AGREE_IMPROVEMENT_ACTIONS'; cycle: number; count: number }
  | { type: 'CLOSE_CYCLE'; cycle: number };

function stepsLackingEvidenceV1(context: CompassV1Context): CompassStep[] {
  const covered = new Set(Object.values(context.evidence).map((mark) => mark.step));
  return CYCLE_STEPS.filter((step) => !covered.has(step));
}

function cycleIsCompleteV1(context: CompassV1Context): boolean {
  return stepsLackingEvidenceV1(context).length === 0 && context.improvementActions > 0;
}

type Args = { context: CompassV1Context; event: CompassV1Event };

function withoutEvidence(evidence: Record<string, EvidenceMark>, id: string): Record<string, EvidenceMark> {
  const { [id]: _removed, ...rest } = evidence;
  return rest;
}

/** A piece recorded, revised or restored: its id with its mark now. */
function withMark({ context, event }: Args): Pick<CompassV1Context, 'evidence'> {
  return { evidence: 'mark' in event ? { ...context.evidence, [event.evidenceId]: { ...event.mark } } : context.evidence };
}

export const compassMachineV1 = setup({
  types: {
    context: {} as CompassV1Context,
    events: {} as CompassV1Event,
  },
  guards: {
    forOpenCycle,
    forOpenStep,
    cycleComplete: ({ context }: Args) => cycleIsCompleteV1(context),
    cycleIncomplete: ({ context }: Args) => !cycleIsCompleteV1(context),
  },
  actions: {
    addMark: assign(withMark),
    reviseMark: assign(withMark),
    removeMark: assign(({ context, event }: Args) => ({
      evidence: event.type === 'DELETE_EVIDENCE' ? withoutEvidence(context.evidence, event.evidenceId) : context.evidence,
    })),
    countImprovementActions: assign(({ context, event }: Args) => ({
      improvementActions: event.type === 'AGREE_IMPROVEMENT_ACTIONS' ? event.count : context.improvementActions,
    })),
    openNextCycle: assign(({ context }: Args) => ({ cycle: context.cycle + 1, evidence: {}, improvementActions: 0 })),
  },
}).createMachine({ ...COMPASS_CHART, context: { cycle: 1, evidence: {}, improvementActions: 0 } });

export type CompassMachineV1 = typeof compassMachineV1;
