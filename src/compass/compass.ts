import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { COMPASS_STEP_DEFINITIONS } from './compass-steps.js';
import { compassMachineV1, type CompassV1Context, type CompassV1Event } from './compass-v1.machine.js';
import {
  compassMachine,
  CYCLE_STEPS,
  markKey,
  markOfKey,
  PREPARATION_STEP,
  PERSPECTIVES,
  stepsLackingEvidence,
  type CompassContext,
  type CompassEvent,
  type CompassMachine,
  type CompassStep,
  type Perspective,
} from './compass.machine.js';

/**
 * Pure operations on a duo's Kwaliteitskompas: start, restore from what is stored, apply an
 * event (or say why it is refused), replay the log, and describe where the open cycle stands.
 * No I/O: the cycles service stores what these return. The compass always runs on the current
 * definition; a snapshot or log of version 1 is upgraded on the way in.
 */

export type CompassSnapshot = SnapshotFrom<CompassMachine>;
export type CompassState = 'collecting' | 'readyToClose';

export interface PersistedCompass {
  status: string;
  value: string;
  context: CompassContext;
}

/** What version 1 stored: every live evidence id of the open cycle with its mark. */
export interface PersistedCompassV1 {
  status: string;
  value: string;
  context: CompassV1Context;
}

/** The definition every compass runs on and writes; version 1 is only read (`upgradeCompass`). */
export const CURRENT_COMPASS_VERSION = 2;

export function startCompass(): CompassSnapshot {
  return initialTransition(compassMachine)[0];
}

/**
 * Version 1's snapshot as version 2 stores it: the marks counted. The state stays (which steps
 * have evidence does not change), and so does everything else the snapshot holds.
 */
export function upgradeCompass(persisted: PersistedCompassV1): PersistedCompass {
  const { evidence, ...context } = persisted.context;
  const counts: CompassContext['counts'] = {};
  for (const mark of Object.values(evidence)) counts[markKey(mark)] = (counts[markKey(mark)] ?? 0) + 1;
  return { ...persisted, context: { ...context, counts } };
}

/** A stored snapshot of either version, as the current definition runs it. */
export function restoreCompass(version: number, persisted: PersistedCompass | PersistedCompassV1): CompassSnapshot {
  if (version !== 1 && version !== CURRENT_COMPASS_VERSION) throw new RangeError(`No compass definition with version ${version}`);
  const { value, context } = version === 1 ? upgradeCompass(persisted as PersistedCompassV1) : (persisted as PersistedCompass);
  return compassMachine.resolveState({ value, context });
}

export function persistCompass(snapshot: CompassSnapshot): PersistedCompass {
  return compassMachine.getPersistedSnapshot(snapshot) as unknown as PersistedCompass;
}

export function applyCompassEvent(snapshot: CompassSnapshot, event: CompassEvent): CompassResult {
  if (!snapshot.can(event)) return { accepted: false, refusal: explainRefusal(snapshot.context, event) };
  return { accepted: true, snapshot: transition(compassMachine, snapshot, event)[0] };
}

/** Rebuilds a compass from an event log of the current version. */
export function replayCompass(events: CompassEvent[]): CompassSnapshot {
  return events.reduce((snapshot, event) => transition(compassMachine, snapshot, event)[0], startCompass());
}

/** One entry of `compass_events`: the version of the definition that applied it, its type and the rest of the event. */
export interface StoredCompassEvent {
  compass_version: number;
  type: string;
  payload: object;
}

/**
 * Rebuilds a compass from its stored log, in order of sequence: the events version 1 applied
 * are replayed on version 1, the snapshot upgraded, and the rest replayed on the current version.
 */
export function replayStoredCompass(log: StoredCompassEvent[]): CompassSnapshot {
  const firstCurrent = log.findIndex((entry) => entry.compass_version !== 1);
  const v1 = firstCurrent === -1 ? log : log.slice(0, firstCurrent);
  const current = firstCurrent === -1 ? [] : log.slice(firstCurrent);
  const stray = current.find((entry) => entry.compass_version !== CURRENT_COMPASS_VERSION);
  if (stray) throw new RangeError(`A compass log cannot go on in version ${stray.compass_version} after version ${CURRENT_COMPASS_VERSION}`);
  const eventOf = <E>({ type, payload }: StoredCompassEvent) => ({ type, ...payload }) as E;
  const afterV1 = v1.reduce(
    (snapshot, entry) => transition(compassMachineV1, snapshot, eventOf<CompassV1Event>(entry))[0],
    initialTransition(compassMachineV1)[0],
  );
  const upgraded = restoreCompass(1, compassMachineV1.getPersistedSnapshot(afterV1) as unknown as PersistedCompassV1);
  return current.reduce((snapshot, entry) => transition(compassMachine, snapshot, eventOf<CompassEvent>(entry))[0], upgraded);
}

export type CompassRefusalCode = 'CYCLE_CLOSED' | 'CYCLE_NOT_OPEN' | 'PREPARATION_CLOSED' | 'CYCLE_INCOMPLETE';

/** What each refusal carries, so that every language's words can name the cycles and the steps. */
export interface CompassRefusalParams {
  CYCLE_CLOSED: { cycle: number; openCycle: number };
  CYCLE_NOT_OPEN: { cycle: number; openCycle: number };
  PREPARATION_CLOSED: { openCycle: number };
  CYCLE_INCOMPLETE: { cycle: number; stepsLackingEvidence: CompassStep[]; improvementActionsAgreed: boolean };
}

/** A refusal in English (its message) and its parameters, for the words of the pages. */
export type CompassRefusal = {
  [C in CompassRefusalCode]: { code: C; message: string; params: CompassRefusalParams[C] };
}[CompassRefusalCode];

export type CompassResult = { accepted: true; snapshot: CompassSnapshot } | { accepted: false; refusal: CompassRefusal };

/** The steps a cycle holds: step 0 only in the first. */
export function stepsOfCycle(cycle: number): CompassStep[] {
  return cycle === 1 ? [PREPARATION_STEP, ...CYCLE_STEPS] : [...CYCLE_STEPS];
}

function stepLabel(step: CompassStep): string {
  return `step ${step} (${COMPASS_STEP_DEFINITIONS[step].name})`;
}

/** What a cycle still needs before an adviser can close it, in words; empty when it is complete. */
export function missingForCompletion(context: CompassContext): string[] {
  const lacking = stepsLackingEvidence(context);
  return [
    ...(lacking.length ? [`evidence for ${lacking.map(stepLabel).join(', ')}`] : []),
    ...(context.improvementActions > 0 ? [] : [`the improvement actions agreed at ${stepLabel(6)}`]),
  ];
}

/** Why a change meant for `cycle` is refused because of the cycle alone, or null when that cycle is the open one. */
export function cycleRefusal(context: CompassContext, cycle: number): CompassRefusal | null {
  if (cycle < context.cycle) {
    return {
      code: 'CYCLE_CLOSED',
      message: `Cycle ${cycle} is closed, and what it holds is frozen. Changes go into cycle ${context.cycle}, the open one.`,
      params: { cycle, openCycle: context.cycle },
    };
  }
  if (cycle > context.cycle) {
    return {
      code: 'CYCLE_NOT_OPEN',
      message: `Cycle ${cycle} is not open; cycle ${context.cycle} is. A cycle opens when an adviser closes the one before it.`,
      params: { cycle, openCycle: context.cycle },
    };
  }
  return null;
}

function explainRefusal(context: CompassContext, event: CompassEvent): CompassRefusal {
  const refusal = cycleRefusal(context, event.cycle);
  if (refusal) return refusal;
  if (event.type === 'CLOSE_CYCLE') {
    return {
      code: 'CYCLE_INCOMPLETE',
      message: `Cycle ${context.cycle} cannot be closed yet: it still needs ${missingForCompletion(context).join(', and ')}.`,
      params: {
        cycle: context.cycle,
        stepsLackingEvidence: stepsLackingEvidence(context),
        improvementActionsAgreed: context.improvementActions > 0,
      },
    };
  }
  return {
    code: 'PREPARATION_CLOSED',
    message: `${stepLabel(PREPARATION_STEP)} happens once, before the first cycle, and cycle 1 is closed. Record this under one of steps 1 to 6 of cycle ${context.cycle}.`,
    params: { openCycle: context.cycle },
  };
}

export type PerspectiveWeight = 'leads' | 'contributes' | 'preferred';

export interface MissingPerspective {
  perspective: Perspective;
  /** leads: this side leads the step; contributes: the other side; preferred: residents, welcome but not required. */
  weight: PerspectiveWeight;
}

export interface CompassStepProgress {
  step: CompassStep;
  name: string;
  question: string;
  leads: Perspective[];
  evidenceCount: number;
  perspectives: Perspective[];
  /** Perspectives with no evidence yet: the leading side first, then the other side, then residents. */
  missingPerspectives: MissingPerspective[];
}

export interface CompassProgress {
  cycle: number;
  state: CompassState;
  steps: CompassStepProgress[];
  /** Steps 1 to 6 of the open cycle that have no evidence yet, in the order of the compass. */
  stepsLackingEvidence: CompassStepProgress[];
  improvementActionsAgreed: number;
  /** Everything a complete cycle needs is there: an adviser can close it. */
  readyToClose: boolean;
  /** What the cycle still needs before it can be closed, in words. */
  stillNeeded: string[];
}

function weightOf(step: CompassStep, perspective: Perspective): PerspectiveWeight {
  if (perspective === 'residents') return 'preferred';
  return COMPASS_STEP_DEFINITIONS[step].leads.includes(perspective) ? 'leads' : 'contributes';
}

const WEIGHT_ORDER: Record<PerspectiveWeight, number> = { leads: 0, contributes: 1, preferred: 2 };

function stepProgress(context: CompassContext, step: CompassStep): CompassStepProgress {
  let evidenceCount = 0;
  const present = new Set<Perspective>();
  for (const [key, count] of Object.entries(context.counts)) {
    const mark = markOfKey(key);
    if (mark.step !== step) continue;
    evidenceCount += count;
    present.add(mark.perspective);
  }
  const definition = COMPASS_STEP_DEFINITIONS[step];
  return {
    step,
    name: definition.name,
    question: definition.question,
    leads: [...definition.leads],
    evidenceCount,
    perspectives: PERSPECTIVES.filter((perspective) => present.has(perspective)),
    missingPerspectives: PERSPECTIVES.filter((perspective) => !present.has(perspective))
      .map((perspective) => ({ perspective, weight: weightOf(step, perspective) }))
      .sort((a, b) => WEIGHT_ORDER[a.weight] - WEIGHT_ORDER[b.weight]),
  };
}

export function describeCompass(snapshot: CompassSnapshot): CompassProgress {
  const { context } = snapshot;
  const steps = stepsOfCycle(context.cycle).map((step) => stepProgress(context, step));
  const lacking = new Set(stepsLackingEvidence(context));
  return {
    cycle: context.cycle,
    state: snapshot.value as CompassState,
    steps,
    stepsLackingEvidence: steps.filter(({ step }) => lacking.has(step)),
    improvementActionsAgreed: context.improvementActions,
    readyToClose: snapshot.value === 'readyToClose',
    stillNeeded: missingForCompletion(context),
  };
}
