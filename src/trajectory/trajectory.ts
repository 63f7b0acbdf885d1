import {
  getNextTransitions,
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFromLogic,
  type EventObject,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';

/**
 * Pure operations on a unit's trajectory through a programme: start, restore from what is
 * stored, apply an event (or say why it is refused) and describe the next step. The engine
 * knows no programme: it takes the definition (its machine, caps and words) as a parameter.
 * No I/O: the caller stores what these return.
 */

/** How a state is named to people: in English for the API's messages, in Dutch for the pages. */
export interface StateWords {
  /** English, as refusals and the next step say it. */
  description: string;
  /** Dutch, as a sentence on a page says it. */
  name: string;
  /** Dutch, short, for a diagram or a table. */
  label: string;
}

export interface EventWords {
  /** English, as refusals and the next step say it. */
  description: string;
  /** Dutch, as a page says it. */
  name: string;
}

export interface TrajectoryWords {
  states: Readonly<Record<string, StateWords>>;
  events: Readonly<Record<string, EventWords>>;
}

export type TrajectoryState = string;

/**
 * The states every programme's machine names alike, because the engine, the SQL and the reports
 * read them by name: where a unit starts, where it waits for a place, and how it ends. A
 * programme's own states lie between admission and the end (programmes.spec.ts checks each
 * registered machine has these, with the tags the engine reads).
 */
export const LIFECYCLE_STATES = ['registered', 'waitingList', 'completed', 'droppedOut', 'withdrawn'] as const;
export type TrajectoryEventType = string;
export type TrajectoryOutcome = 'completed' | 'droppedOut' | 'withdrawn';
export type TrajectorySnapshot = AnyMachineSnapshot;
/** An event as code outside the programmes passes it on: its type and a payload whose shape the programme's machine defines. */
// Payload fields are `any`: the machine, not this engine, knows their types.
export type TrajectoryEvent = EventObject & { readonly [field: string]: any };

/**
 * What code outside the programmes says happened, keyed by the session as the programme's
 * definition names it: a session held (an intake, an advisory meeting), the attendance at an
 * edition session, or a correction of that attendance. Lifecycle events (ADMIT,
 * PLACE_ON_WAITING_LIST, COMPLETE, WITHDRAW) need no session and keep their own types.
 */
export type SessionEvent =
  | { type: 'HOLD_SESSION'; session: string; readonly [field: string]: any }
  | { type: 'RECORD_ATTENDANCE'; session: string; attendance: unknown }
  | { type: 'CORRECT_ATTENDANCE'; session: string; attendance: unknown; reason: string };

/** What is stored of a snapshot (XState's persisted snapshot; only these fields are read back). */
export interface PersistedTrajectory {
  status: string;
  value: string;
  /** The machine's context as its programme shapes it; JSON, read back as the machine wrote it. */
  context: Record<string, any>;
}

export type TrajectoryRefusalCode = 'TRAJECTORY_ENDED' | 'ADVISORY_LIMIT_REACHED' | 'WORKSHOP_3_NOT_PLANNED' | 'EVENT_NOT_EXPECTED';

/** What each refusal carries, so that every language's words can say where the unit is and what stops it. */
export interface TrajectoryRefusalParams {
  TRAJECTORY_ENDED: { state: TrajectoryState };
  /** `session`: the key of the capped session, for the words that count it. */
  ADVISORY_LIMIT_REACHED: { held: number; limit: number; session?: string; state: TrajectoryState; expected: TrajectoryEventType[] };
  /** Nothing to say but that the cohort does not plan the session; sessions.service refuses to plan one with the same code. */
  WORKSHOP_3_NOT_PLANNED: void;
  EVENT_NOT_EXPECTED: { event: TrajectoryEventType; state: TrajectoryState; expected: TrajectoryEventType[] };
}

/** A refusal in English (its message) and its parameters, for the words of the pages. */
export type TrajectoryRefusal = {
  [C in TrajectoryRefusalCode]: { code: C; message: string; params: TrajectoryRefusalParams[C] };
}[TrajectoryRefusalCode];

/** Where the unit is and what it expects: said with every refusal of an event it could still take. */
export interface Whereabouts {
  state: TrajectoryState;
  expected: TrajectoryEventType[];
}

/**
 * Why a named guard refuses an event, in words; `said` tells where the unit stands and what it
 * expects. Undefined where the guard did not refuse for its own reason (the event was for
 * another session): the event is then refused as unexpected.
 */
export type GuardRefusal = (snapshot: TrajectorySnapshot, where: Whereabouts, said: string, event: TrajectoryEvent) => TrajectoryRefusal | undefined;

/** How far a unit is with what the next step reports of it, read from the machine's context. */
export interface TrajectoryProgress {
  /** Meetings the unit has held, and the most it may hold (the capped session's maxPerUnit). */
  meetingsHeld: number;
  meetingsCap: number;
  /** No mandatory session recorded so far was missed without excuse. */
  obligationKept: boolean;
}

/** What the engine needs of a programme's definition (ProgrammeDefinition extends it). */
export interface TrajectoryDefinition<Machine extends AnyStateMachine = AnyStateMachine> {
  version: number;
  machine: Machine;
  words: TrajectoryWords;
  /**
   * One event of each type, as favourable as it can be: used to ask which types a state accepts.
   * Where sessions share a type (a machine that takes session-keyed events), one per session.
   */
  exampleEvents: Readonly<Record<string, EventObject | readonly EventObject[]>>;
  /** Events that may happen but do not move the unit to its next step. */
  sideEvents: readonly TrajectoryEventType[];
  /** Why each guard refuses, by the guard's name; a guard without an entry refuses as an unexpected event. */
  refusals: Readonly<Record<string, GuardRefusal>>;
  progress(snapshot: TrajectorySnapshot): TrajectoryProgress;
  /**
   * The event as the machine takes it and the event log stores it: a session-keyed event
   * (SessionEvent) becomes the machine's own; any other event, and one already in the machine's
   * vocabulary (a stored log), is returned as it is.
   */
  machineEvent(event: TrajectoryEvent): TrajectoryEvent;
}

/** An accepted event comes back as the machine took it: what the caller stores in the event log. */
export type TrajectoryResult = { accepted: true; snapshot: TrajectorySnapshot; event: TrajectoryEvent } | { accepted: false; refusal: TrajectoryRefusal };

export function startTrajectory<M extends AnyStateMachine>(definition: TrajectoryDefinition<M>, input: InputFrom<M>): SnapshotFrom<M> {
  const [snapshot] = initialTransition(definition.machine, input);
  return snapshot as SnapshotFrom<M>;
}

export function restoreTrajectory(definition: TrajectoryDefinition, persisted: PersistedTrajectory): TrajectorySnapshot {
  return definition.machine.resolveState({ value: persisted.value, context: persisted.context });
}

export function persistTrajectory(definition: TrajectoryDefinition, snapshot: TrajectorySnapshot): PersistedTrajectory {
  return definition.machine.getPersistedSnapshot(snapshot) as unknown as PersistedTrajectory;
}

/** Completed and withdrawn units are done; one that dropped out can only be reopened by what its ended state still accepts (a correction). */
export function hasEnded(snapshot: TrajectorySnapshot): boolean {
  return snapshot.status !== 'active' || snapshot.hasTag('ended');
}

export function applyTrajectoryEvent<M extends AnyStateMachine>(
  definition: TrajectoryDefinition<M>,
  snapshot: TrajectorySnapshot,
  given: EventFromLogic<M> | SessionEvent,
): TrajectoryResult {
  const event = definition.machineEvent(given);
  if (snapshot.status !== 'active' || !snapshot.can(event)) {
    return { accepted: false, refusal: explainRefusal(definition, snapshot, event) };
  }
  const [next] = transition(definition.machine as AnyStateMachine, snapshot, event);
  return { accepted: true, snapshot: next, event };
}

/** The event types the unit's current state accepts, in the order of the trajectory. */
export function expectedEvents(definition: TrajectoryDefinition, snapshot: TrajectorySnapshot): TrajectoryEventType[] {
  if (snapshot.status !== 'active') return [];
  const types = new Set(getNextTransitions(snapshot).map((t) => t.eventType));
  return [...types].filter((type) => [definition.exampleEvents[type] ?? []].flat().some((example) => snapshot.can(example)));
}

export interface NextStep {
  state: TrajectoryState;
  description: string;
  /** What moves the unit forward; null once the trajectory has ended. */
  next: { event: TrajectoryEventType; description: string } | null;
  /** Every event the unit's current state accepts, including optional ones. */
  expects: { event: TrajectoryEventType; description: string }[];
  advisoryMeetingsHeld: number;
  advisoryMeetingsRemaining: number;
  /** No mandatory session recorded so far was missed without excuse. */
  meetsAttendanceObligation: boolean;
  canStillComplete: boolean;
  outcome: TrajectoryOutcome | null;
}

export function describeNextStep(definition: TrajectoryDefinition, snapshot: TrajectorySnapshot): NextStep {
  const state = snapshot.value as TrajectoryState;
  const ended = hasEnded(snapshot);
  const { words } = definition;
  const expects = expectedEvents(definition, snapshot).map((event) => ({ event, description: words.events[event].description }));
  const progress = definition.progress(snapshot);
  const outcome = ended ? (state as TrajectoryOutcome) : null;
  return {
    state,
    description: words.states[state].description,
    next: expects.find(({ event }) => !definition.sideEvents.includes(event)) ?? null,
    expects,
    advisoryMeetingsHeld: progress.meetingsHeld,
    advisoryMeetingsRemaining: ended ? 0 : progress.meetingsCap - progress.meetingsHeld,
    meetsAttendanceObligation: progress.obligationKept,
    canStillComplete: !ended || outcome === 'completed',
    outcome,
  };
}

function explainRefusal(definition: TrajectoryDefinition, snapshot: TrajectorySnapshot, event: EventObject): TrajectoryRefusal {
  const { words } = definition;
  const state = snapshot.value as TrajectoryState;
  const transitions = getNextTransitions(snapshot);
  const stillTakes = transitions.some((t) => t.eventType === event.type);
  if (snapshot.status !== 'active' || (hasEnded(snapshot) && !stillTakes)) {
    return {
      code: 'TRAJECTORY_ENDED',
      message: `The trajectory of this duo has ended: ${words.states[state].description}. It accepts no more events.`,
      params: { state },
    };
  }
  const where: Whereabouts = { state, expected: expectedEvents(definition, snapshot) };
  const expected = where.expected.map((type) => `${words.events[type].description} (${type})`);
  const said = `Where the duo stands: ${words.states[state].description}. It expects next: ${expected.join(', ')}.`;
  const guards = transitions.filter((t) => t.eventType === event.type && t.guard).map((t) => (typeof t.guard === 'object' ? (t.guard as { type: string }).type : String(t.guard)));
  for (const guard of guards) {
    const refusal = definition.refusals[guard]?.(snapshot, where, said, event);
    if (refusal) return refusal;
  }
  return {
    code: 'EVENT_NOT_EXPECTED',
    message: `Cannot record ${words.events[event.type]?.description ?? event.type}. ${said}`,
    params: { event: event.type, ...where },
  };
}

/**
 * Whether the unit takes one of its cohort's places after an event: from admission on, and
 * still after a withdrawal once it has started (the cohort does not refill that place).
 */
export function holdsPlaceAfter(before: TrajectorySnapshot, after: TrajectorySnapshot): boolean {
  return after.hasTag('holdsPlace') || (after.value === 'withdrawn' && before.hasTag('started'));
}

/**
 * Whether the unit takes part: admitted, and not dropped out or withdrawn. A completed unit still
 * does, so its Kwaliteitskompas goes on after the last session.
 */
export function takesPart(snapshot: TrajectorySnapshot): boolean {
  return snapshot.hasTag('holdsPlace') && !snapshot.hasTag('ended');
}

/** Whether an event gave a place back: the next unit on the waiting list moves up. */
export function freesPlace(before: TrajectorySnapshot, after: TrajectorySnapshot): boolean {
  return before.hasTag('holdsPlace') && !holdsPlaceAfter(before, after);
}

/**
 * Rebuilds a unit's trajectory from its event log: the input it started with and every event
 * since, as stored in the machine's vocabulary or keyed by session (both read the same).
 */
export function replayTrajectory<M extends AnyStateMachine>(
  definition: TrajectoryDefinition<M>,
  input: InputFrom<M>,
  events: (EventFromLogic<M> | SessionEvent)[],
): TrajectorySnapshot {
  const machine: AnyStateMachine = definition.machine;
  const [initial] = initialTransition(machine, input);
  return events.reduce((snapshot: TrajectorySnapshot, event) => transition(machine, snapshot, definition.machineEvent(event))[0], initial);
}
