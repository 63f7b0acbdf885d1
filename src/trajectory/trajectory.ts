import { getNextTransitions, initialTransition, transition, type SnapshotFrom, type StateValueFrom } from 'xstate';
import { CURRENT_TRAJECTORY_VERSION, trajectoryDefinition } from './trajectory-definitions.js';
import {
  MAX_ADVISORY_MEETINGS,
  obligationKept,
  type TrajectoryContext,
  type TrajectoryEvent,
  type TrajectoryEventType,
  type TrajectoryInput,
  type TrajectoryMachine,
} from './trajectory.machine.js';
import { EVENT_DESCRIPTIONS, STATE_DESCRIPTIONS } from './trajectory-steps.js';

/**
 * Pure operations on a duo's trajectory: start, restore from what is stored, apply an event
 * (or say why it is refused) and describe the next step. No I/O: the duos service stores
 * what these return.
 */

export type TrajectorySnapshot = SnapshotFrom<TrajectoryMachine>;
export type TrajectoryState = StateValueFrom<TrajectoryMachine> & string;
/** What is stored of a snapshot (XState's persisted snapshot; only these fields are read back). */
export interface PersistedTrajectory {
  status: string;
  value: string;
  context: TrajectoryContext;
}
export type TrajectoryOutcome = 'completed' | 'droppedOut' | 'withdrawn';

export type TrajectoryRefusalCode =
  | 'TRAJECTORY_ENDED'
  | 'ADVISORY_LIMIT_REACHED'
  | 'WORKSHOP_3_NOT_PLANNED'
  | 'EVENT_NOT_EXPECTED';

/** What each refusal carries, so that every language's words can say where the duo is and what stops it. */
export interface TrajectoryRefusalParams {
  TRAJECTORY_ENDED: { state: TrajectoryState };
  ADVISORY_LIMIT_REACHED: { held: number; limit: number; state: TrajectoryState; expected: TrajectoryEventType[] };
  /** Nothing to say but that the cohort has no workshop 3; sessions.service refuses to plan one with the same code. */
  WORKSHOP_3_NOT_PLANNED: void;
  EVENT_NOT_EXPECTED: { event: TrajectoryEventType; state: TrajectoryState; expected: TrajectoryEventType[] };
}

/** A refusal in English (its message) and its parameters, for the words of the pages. */
export type TrajectoryRefusal = {
  [C in TrajectoryRefusalCode]: { code: C; message: string; params: TrajectoryRefusalParams[C] };
}[TrajectoryRefusalCode];

export type TrajectoryResult =
  | { accepted: true; snapshot: TrajectorySnapshot }
  | { accepted: false; refusal: TrajectoryRefusal };

/** One event of each type, as favourable as it can be: used to ask which types the state accepts. */
const EXAMPLE_EVENTS: Record<TrajectoryEventType, TrajectoryEvent> = {
  ADMIT: { type: 'ADMIT' },
  PLACE_ON_WAITING_LIST: { type: 'PLACE_ON_WAITING_LIST' },
  HOLD_INTAKE: { type: 'HOLD_INTAKE', heldOn: '', location: '', adviser: '' },
  RECORD_WORKSHOP_1_ATTENDANCE: { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: fullAttendance() },
  RECORD_WORKSHOP_2_ATTENDANCE: { type: 'RECORD_WORKSHOP_2_ATTENDANCE', attendance: fullAttendance() },
  RECORD_WORKSHOP_3_ATTENDANCE: { type: 'RECORD_WORKSHOP_3_ATTENDANCE', attendance: fullAttendance() },
  CORRECT_ATTENDANCE: { type: 'CORRECT_ATTENDANCE', workshop: 1, attendance: fullAttendance(), reason: '' },
  HOLD_ADVISORY_MEETING: { type: 'HOLD_ADVISORY_MEETING', heldOn: '', adviser: '' },
  COMPLETE: { type: 'COMPLETE' },
  WITHDRAW: { type: 'WITHDRAW', reason: '' },
};

/** Events that may happen but do not move the duo to its next step. */
const SIDE_EVENTS: ReadonlySet<TrajectoryEventType> = new Set([
  'PLACE_ON_WAITING_LIST',
  'HOLD_ADVISORY_MEETING',
  'CORRECT_ATTENDANCE',
  'WITHDRAW',
]);

/** Where the duo is and what it expects: said with every refusal of an event it could still take. */
interface Whereabouts {
  state: TrajectoryState;
  expected: TrajectoryEventType[];
}

/** Why a guard refuses an event, in words; the duo's step and what it expects are added to it. */
const GUARD_REFUSALS: Record<string, (snapshot: TrajectorySnapshot, where: Whereabouts, said: string) => TrajectoryRefusal> = {
  advisoryMeetingsLeft: (snapshot, where, said) => {
    const held = snapshot.context.advisoryMeetingsHeld;
    return {
      code: 'ADVISORY_LIMIT_REACHED',
      message: `This duo has had ${held} advisory meetings, the most a duo can have (${MAX_ADVISORY_MEETINGS}). ${said}`,
      params: { held, limit: MAX_ADVISORY_MEETINGS, ...where },
    };
  },
  workshop3Planned: (_snapshot, _where, said) => ({
    code: 'WORKSHOP_3_NOT_PLANNED',
    message: `The cohort of this duo has no workshop 3 planned, so there is no attendance to record for it. ${said}`,
    params: undefined,
  }),
};

export function startTrajectory(input: TrajectoryInput): TrajectorySnapshot {
  const [snapshot] = initialTransition(trajectoryDefinition(CURRENT_TRAJECTORY_VERSION), input);
  return snapshot;
}

export function restoreTrajectory(version: number, persisted: PersistedTrajectory): TrajectorySnapshot {
  return trajectoryDefinition(version).resolveState({ value: persisted.value, context: persisted.context });
}

export function persistTrajectory(version: number, snapshot: TrajectorySnapshot): PersistedTrajectory {
  return trajectoryDefinition(version).getPersistedSnapshot(snapshot) as unknown as PersistedTrajectory;
}

/** Completed and withdrawn duos are done; a duo that dropped out can only be reopened by a correction of its attendance. */
export function hasEnded(snapshot: TrajectorySnapshot): boolean {
  return snapshot.status !== 'active' || snapshot.hasTag('ended');
}

export function applyTrajectoryEvent(
  version: number,
  snapshot: TrajectorySnapshot,
  event: TrajectoryEvent,
): TrajectoryResult {
  if (snapshot.status !== 'active' || !snapshot.can(event)) {
    return { accepted: false, refusal: explainRefusal(snapshot, event) };
  }
  const [next] = transition(trajectoryDefinition(version), snapshot, event);
  return { accepted: true, snapshot: next };
}

/** The event types the duo's current state accepts, in the order of the trajectory. */
export function expectedEvents(snapshot: TrajectorySnapshot): TrajectoryEventType[] {
  if (snapshot.status !== 'active') return [];
  const types = new Set(getNextTransitions(snapshot).map((t) => t.eventType as TrajectoryEventType));
  return [...types].filter((type) => snapshot.can(EXAMPLE_EVENTS[type]));
}

export interface NextStep {
  state: TrajectoryState;
  description: string;
  /** What moves the duo forward; null once the trajectory has ended. */
  next: { event: TrajectoryEventType; description: string } | null;
  /** Every event the duo's current state accepts, including optional ones. */
  expects: { event: TrajectoryEventType; description: string }[];
  advisoryMeetingsHeld: number;
  advisoryMeetingsRemaining: number;
  /** No mandatory workshop recorded so far was missed without excuse. */
  meetsAttendanceObligation: boolean;
  canStillComplete: boolean;
  outcome: TrajectoryOutcome | null;
}

export function describeNextStep(snapshot: TrajectorySnapshot): NextStep {
  const state = snapshot.value as TrajectoryState;
  const ended = hasEnded(snapshot);
  const expects = expectedEvents(snapshot).map((event) => ({ event, description: EVENT_DESCRIPTIONS[event] }));
  return {
    state,
    description: STATE_DESCRIPTIONS[state],
    next: expects.find(({ event }) => !SIDE_EVENTS.has(event)) ?? null,
    expects,
    advisoryMeetingsHeld: snapshot.context.advisoryMeetingsHeld,
    advisoryMeetingsRemaining: ended ? 0 : MAX_ADVISORY_MEETINGS - snapshot.context.advisoryMeetingsHeld,
    meetsAttendanceObligation: obligationKept(snapshot.context.attendance),
    canStillComplete: !ended || state === 'completed',
    outcome: ended ? (state as TrajectoryOutcome) : null,
  };
}

function explainRefusal(snapshot: TrajectorySnapshot, event: TrajectoryEvent): TrajectoryRefusal {
  const state = snapshot.value as TrajectoryState;
  if (snapshot.status !== 'active' || (hasEnded(snapshot) && event.type !== 'CORRECT_ATTENDANCE')) {
    return {
      code: 'TRAJECTORY_ENDED',
      message: `The trajectory of this duo has ended: ${STATE_DESCRIPTIONS[state]}. It accepts no more events.`,
      params: { state },
    };
  }
  const where: Whereabouts = { state, expected: expectedEvents(snapshot) };
  const expected = where.expected.map((type) => `${EVENT_DESCRIPTIONS[type]} (${type})`);
  const said = `Where the duo stands: ${STATE_DESCRIPTIONS[state]}. It expects next: ${expected.join(', ')}.`;
  const guarded = getNextTransitions(snapshot).find((t) => t.eventType === event.type && t.guard);
  const guardType = typeof guarded?.guard === 'object' ? (guarded.guard as { type: string }).type : String(guarded?.guard);
  const refusal = guarded && GUARD_REFUSALS[guardType];
  if (refusal) return refusal(snapshot, where, said);
  return {
    code: 'EVENT_NOT_EXPECTED',
    message: `Cannot record ${EVENT_DESCRIPTIONS[event.type]}. ${said}`,
    params: { event: event.type, ...where },
  };
}

function fullAttendance() {
  return { municipality: { status: 'present' as const }, provider: { status: 'present' as const } };
}

/**
 * Whether the duo takes one of its cohort's places after an event: from admission on, and
 * still after a withdrawal once workshop 1 is behind it (the cohort does not refill that place).
 */
export function holdsPlaceAfter(before: TrajectorySnapshot, after: TrajectorySnapshot): boolean {
  return after.hasTag('holdsPlace') || (after.value === 'withdrawn' && before.hasTag('started'));
}

/**
 * Whether the duo takes part: admitted, and not dropped out or withdrawn. A completed duo still
 * does, so its Kwaliteitskompas goes on after the last workshop.
 */
export function takesPart(snapshot: TrajectorySnapshot): boolean {
  return snapshot.hasTag('holdsPlace') && !snapshot.hasTag('ended');
}

/** Whether an event gave a place back: the next duo on the waiting list moves up. */
export function freesPlace(before: TrajectorySnapshot, after: TrajectorySnapshot): boolean {
  return before.hasTag('holdsPlace') && !holdsPlaceAfter(before, after);
}

/** Rebuilds a duo's trajectory from its event log: the input it started with and every event since. */
export function replayTrajectory(version: number, input: TrajectoryInput, events: TrajectoryEvent[]): TrajectorySnapshot {
  const definition = trajectoryDefinition(version);
  const [initial] = initialTransition(definition, input);
  return events.reduce((snapshot, event) => transition(definition, snapshot, event)[0], initial);
}
