import { getShortestPaths } from 'xstate/graph';
import {
  applyTrajectoryEvent,
  describeNextStep,
  expectedEvents,
  freesPlace,
  holdsPlaceAfter,
  persistTrajectory,
  replayTrajectory,
  restoreTrajectory,
  startTrajectory,
  takesPart,
  type TrajectoryRefusal,
  type TrajectorySnapshot,
} from '../../trajectory/trajectory.js';
import { definitionProblems } from '../programmes.js';
import { expectedSessions, meetingSession, sessionEventType } from '../programme.js';
import { DAGBESTEDING_V1, dagbestedingProgramme, stepsExpected } from './dagbesteding.definition.js';
import { WERKATELIERS_V1 } from '../werkateliers/werkateliers.definition.js';
import { dagbestedingMachine, STEPS, type DagbestedingEvent, type DagbestedingStep } from './dagbesteding.machine.js';

/**
 * The advisory trajectory of one municipality (seed 001, DOMAIN.md "Programmes"), run by the
 * engine as the services run it: every phase, every transition and every refusal.
 */
const definition = DAGBESTEDING_V1;
const input = definition.inputOf({ optionalSessionsPlanned: false });

const admit: DagbestedingEvent = { type: 'ADMIT' };
const step = (session: DagbestedingStep): DagbestedingEvent => ({ type: 'HOLD_SESSION', session, heldOn: '2026-03-04', adviser: 'Adviseur Jansen' });
const complete: DagbestedingEvent = { type: 'COMPLETE' };
const withdraw: DagbestedingEvent = { type: 'WITHDRAW', reason: 'De gemeente stelt het traject uit' };

function after(events: DagbestedingEvent[], from: TrajectorySnapshot = startTrajectory(definition, input), programme = definition): TrajectorySnapshot {
  return events.reduce((snapshot, event) => {
    const result = applyTrajectoryEvent(programme, snapshot, event);
    if (!result.accepted) throw new Error(`${event.type} ${'session' in event ? event.session : ''} was refused in ${snapshot.value}: ${result.refusal.message}`);
    return result.snapshot;
  }, from);
}

function refusalOf(snapshot: TrajectorySnapshot, event: DagbestedingEvent, programme = definition): TrajectoryRefusal {
  const result = applyTrajectoryEvent(programme, snapshot, event);
  if (result.accepted) throw new Error(`${event.type} was accepted in ${snapshot.value}`);
  return result.refusal;
}

const explored = [admit, step('exploration')];
const inventoried = [...explored, step('needsInventory')];
const focused = [...inventoried, step('focusGroups')];
const meetingOnce = [...focused, step('planMeeting')];
const delivered = [...meetingOnce, step('planDelivery')];

describe('the advisory trajectory of one municipality', () => {
  it('takes the municipality through its phases in order, each next step naming the step that ends the phase', () => {
    const path: [DagbestedingEvent, string, string | null, DagbestedingStep[]][] = [
      [admit, 'exploration', 'HOLD_SESSION', ['exploration']],
      [step('exploration'), 'needsInventory', 'HOLD_SESSION', ['needsInventory']],
      [step('needsInventory'), 'focusGroups', 'HOLD_SESSION', ['focusGroups']],
      [step('focusGroups'), 'planMeetings', 'HOLD_SESSION', ['planMeeting']],
      [step('planMeeting'), 'planMeetings', 'HOLD_SESSION', ['planMeeting', 'planDelivery']],
      [step('planMeeting'), 'planMeetings', 'HOLD_SESSION', ['planMeeting', 'planDelivery']],
      [step('planMeeting'), 'planMeetings', 'HOLD_SESSION', ['planDelivery']],
      [step('planDelivery'), 'planDelivered', 'COMPLETE', ['followUp']],
      [step('followUp'), 'followUp', 'COMPLETE', []],
      [complete, 'completed', null, []],
    ];
    let snapshot = startTrajectory(definition, input);
    expect([snapshot.value, describeNextStep(definition, snapshot).next?.event]).toEqual(['registered', 'ADMIT']);
    for (const [event, state, next, steps] of path) {
      snapshot = after([event], snapshot);
      expect([snapshot.value, describeNextStep(definition, snapshot).next?.event ?? null, stepsExpected(snapshot)]).toEqual([state, next, steps]);
    }
    expect(describeNextStep(definition, snapshot)).toMatchObject({
      description: 'completed',
      advisoryMeetingsHeld: 3,
      advisoryMeetingsRemaining: 0,
      meetsAttendanceObligation: true,
      canStillComplete: true,
      outcome: 'completed',
    });
    expect(takesPart(snapshot)).toBe(true);
  });

  it('closes straight after the handing over: the follow-up is optional', () => {
    const closed = after([...delivered, complete]);
    expect(closed.value).toBe('completed');
    expect(refusalOf(closed, step('followUp'))).toMatchObject({ code: 'TRAJECTORY_ENDED', params: { state: 'completed' } });
  });

  it('says what each phase expects, withdrawal always among it until the trajectory closes', () => {
    const expects = (events: DagbestedingEvent[]) => expectedEvents(definition, after(events));
    expect(expects([])).toEqual(['ADMIT', 'PLACE_ON_WAITING_LIST', 'WITHDRAW']);
    expect(expects([{ type: 'PLACE_ON_WAITING_LIST' }])).toEqual(['ADMIT', 'WITHDRAW']);
    for (const events of [explored.slice(0, 1), explored, inventoried, focused, meetingOnce]) expect(expects(events)).toEqual(['HOLD_SESSION', 'WITHDRAW']);
    expect(expects(delivered)).toEqual(['COMPLETE', 'HOLD_SESSION', 'WITHDRAW']);
    expect(expects([...delivered, step('followUp')])).toEqual(['COMPLETE', 'WITHDRAW']);
    expect(expects([...delivered, complete])).toEqual([]);
  });

  it.each([
    ['exploration', [admit], 'needsInventory', 'the exploration (exploration)'],
    ['needs inventory', explored, 'focusGroups', 'the needs inventory (needsInventory)'],
    ['focus groups', inventoried, 'planMeeting', 'the round of focus groups (focusGroups)'],
  ] as const)('refuses a later step while the %s is not concluded, and says which step is expected', (_phase, events, later, expected) => {
    const snapshot = after([...events]);
    const refusal = refusalOf(snapshot, step(later));
    expect(refusal).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'HOLD_SESSION', state: snapshot.value, expected: ['HOLD_SESSION', 'WITHDRAW'] } });
    expect(refusal.message).toContain(`Log ${expected} next.`);
  });

  it('refuses an earlier phase’s step once it is behind the municipality', () => {
    const refusal = refusalOf(after(meetingOnce), step('exploration'));
    expect(refusal).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { state: 'planMeetings' } });
    expect(refusal.message).toBe(
      'Cannot log the exploration now: the municipality is focus groups done, meeting toward the plan of approach. Log the meeting toward the plan of approach (planMeeting) or the handing over of the report and plan of approach (planDelivery) next.',
    );
    expect(refusalOf(after(delivered), step('planMeeting')).message).toContain('Log the support in monitoring and implementation (followUp) next.');
  });

  it('refuses the handing over of the plan before any meeting toward it', () => {
    const refusal = refusalOf(after(focused), step('planDelivery'));
    expect(refusal).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'HOLD_SESSION', state: 'planMeetings' } });
    expect(refusal.message).toContain('Log a meeting toward the plan of approach (planMeeting) first.');
  });

  it('refuses a fourth meeting toward the plan with the cap of the definition, and expects the handing over instead', () => {
    const capped = after([...focused, step('planMeeting'), step('planMeeting'), step('planMeeting')]);
    expect(refusalOf(capped, step('planMeeting'))).toEqual({
      code: 'ADVISORY_LIMIT_REACHED',
      message:
        'This municipality has held 3 meetings toward the plan of approach, the most this programme allows (3). Log the handing over of the report and plan of approach (planDelivery) next.',
      params: { held: 3, limit: 3, session: 'planMeeting', state: 'planMeetings', expected: ['HOLD_SESSION', 'WITHDRAW'] },
    });
    expect(describeNextStep(definition, capped)).toMatchObject({ advisoryMeetingsHeld: 3, advisoryMeetingsRemaining: 0 });
  });

  it('takes its cap of meetings from the definition: a version that allows one refuses the second', () => {
    const strict = dagbestedingProgramme({ maxMeetings: 1 });
    const strictInput = strict.inputOf({ optionalSessionsPlanned: false });
    const once = after(meetingOnce, startTrajectory(strict, strictInput), strict);
    expect(refusalOf(once, step('planMeeting'), strict)).toMatchObject({ code: 'ADVISORY_LIMIT_REACHED', params: { held: 1, limit: 1 } });
    expect(meetingSession(strict).maxPerUnit).toBe(1);
    expect(strict.description).toContain('ten hoogste 1 bijeenkomsten');
  });

  it('refuses a follow-up before the plan is handed over, and closing before it', () => {
    expect(refusalOf(after(meetingOnce), step('followUp')).code).toBe('EVENT_NOT_EXPECTED');
    for (const events of [[], explored, focused, meetingOnce]) {
      expect(refusalOf(after(events), complete)).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'COMPLETE' } });
    }
  });

  it('refuses any step before admission and on the waiting list', () => {
    expect(refusalOf(after([]), step('exploration'))).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { state: 'registered' } });
    expect(refusalOf(after([{ type: 'PLACE_ON_WAITING_LIST' }]), step('exploration'))).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { state: 'waitingList' } });
  });

  it('gives the place back when the municipality withdraws before the exploration is done, not after', () => {
    const admitted = after([admit]);
    expect(freesPlace(admitted, after([withdraw], admitted))).toBe(true);
    const exploring = after(explored);
    expect([freesPlace(exploring, after([withdraw], exploring)), holdsPlaceAfter(exploring, after([withdraw], exploring))]).toEqual([false, true]);
    for (const events of [[], [{ type: 'PLACE_ON_WAITING_LIST' } as const], inventoried, focused, meetingOnce, delivered, [...delivered, step('followUp')]]) {
      expect(after([...events, withdraw]).value).toBe('withdrawn');
    }
    expect(refusalOf(after([withdraw]), admit)).toMatchObject({ code: 'TRAJECTORY_ENDED', params: { state: 'withdrawn' } });
  });

  it('tells the sessions expected now by the programme’s own steps, for the next-step pages', () => {
    expect(expectedSessions(definition, after(focused)).map((session) => session.key)).toEqual(['planMeeting']);
    expect(expectedSessions(definition, after(delivered)).map((session) => session.key)).toEqual(['followUp']);
    expect(definition.sessions.map((session) => sessionEventType(definition, session))).toEqual(STEPS.map(() => 'HOLD_SESSION'));
  });

  it('stores the events as they were given and rebuilds from them the snapshot it reached live', () => {
    const given = [...delivered, step('followUp')];
    const live = after(given);
    const replayed = replayTrajectory(definition, input, given);
    expect(persistTrajectory(definition, replayed)).toEqual(persistTrajectory(definition, live));
    expect(restoreTrajectory(definition, persistTrajectory(definition, live)).value).toBe('followUp');
  });

  it('reaches every phase from registration; only the engine’s droppedOut, which no step leads to, is not', () => {
    const events = [admit, { type: 'PLACE_ON_WAITING_LIST' } as const, ...STEPS.map(step), complete, withdraw];
    const reached = getShortestPaths(dagbestedingMachine, { events, input }).map((path) => String(path.state.value));
    expect([...new Set(reached)].sort()).toEqual(Object.keys(dagbestedingMachine.root.states).filter((state) => state !== 'droppedOut').sort());
  });
});

describe('the dagbesteding definition', () => {
  const { machine } = definition;
  const accepted = new Set(Object.values(machine.states).flatMap((state) => state.ownEvents));

  it('says the states and events it shares with the werkateliers in their words, so their pages read as before', () => {
    for (const kind of ['states', 'events'] as const) {
      const shared = Object.keys(definition.words[kind]).filter((key) => key in WERKATELIERS_V1.words[kind]);
      expect(shared.length).toBeGreaterThan(3);
      for (const key of shared) expect([key, definition.words[kind][key]]).toEqual([key, WERKATELIERS_V1.words[kind][key]]);
    }
  });

  it('can run: the engine, routes and pages find what they rely on', () => {
    expect(definitionProblems(definition)).toEqual([]);
  });

  it('has words for every state and every event of its machine, and an example of every event', () => {
    expect(Object.keys(definition.words.states).sort()).toEqual(Object.keys(machine.states).sort());
    expect(Object.keys(definition.words.events).sort()).toEqual([...accepted].sort());
    expect(Object.keys(definition.exampleEvents).sort()).toEqual([...accepted].sort());
  });

  it('enrols one municipality, without the Kwaliteitskompas, and counts its meetings toward the plan', () => {
    expect(definition).toMatchObject({ key: 'dagbesteding', unit: 'municipality', capacity: { min: 1, max: 1 }, minimumToStart: 1, compass: false });
    expect(definition.sessions.map((session) => [session.key, session.audience, session.recorded, session.maxPerUnit])).toEqual([
      ['exploration', 'unit', 'held', 1],
      ['needsInventory', 'unit', 'held', 1],
      ['focusGroups', 'unit', 'held', 1],
      ['planMeeting', 'unit', 'held', 3],
      ['planDelivery', 'unit', 'held', 1],
      ['followUp', 'unit', 'held', 1],
    ]);
    expect(meetingSession(definition).key).toBe('planMeeting');
  });
});
