import type { SideAttendance, WorkshopAttendance } from '../../src/programmes/attendance.js';
import { mandatorySessionNames, meetingSession, sessionsAfterTheFirst } from '../../src/programmes/programme.js';
import {
  applyTrajectoryEvent,
  describeNextStep,
  expectedEvents,
  freesPlace,
  holdsPlaceAfter,
  persistTrajectory,
  replayTrajectory,
  startTrajectory,
  takesPart,
  type SessionEvent,
  type TrajectoryRefusal,
  type TrajectorySnapshot,
} from '../../src/trajectory/trajectory.js';
import { TRYOUT_V1 } from '../support/programmes/tryout.definition.js';
import type { TryoutEvent } from '../support/programmes/tryout.machine.js';

/**
 * A second programme, defined in test/support/programmes/ only, run through the engine as the
 * services run the werkateliers: if it needed a line outside its definition to change, these
 * tests could not pass. No database: the engine is pure.
 */
const definition = TRYOUT_V1;
const planned = definition.inputOf({ optionalSessionsPlanned: true });
const notPlanned = definition.inputOf({ optionalSessionsPlanned: false });

const present: SideAttendance = { status: 'present' };
const excused: SideAttendance = { status: 'excused', excuse: { reason: 'ziek', excusedBy: 'Adviseur Jansen' } };
const absent: SideAttendance = { status: 'absent' };
const both: WorkshopAttendance = { municipality: present, provider: present };
const providerAbsent: WorkshopAttendance = { municipality: present, provider: absent };
const providerExcused: WorkshopAttendance = { municipality: present, provider: excused };

const admit = { type: 'ADMIT' } as const;
const coaching: SessionEvent = { type: 'HOLD_SESSION', session: 'coaching', heldOn: '2025-03-04', adviser: 'Adviseur Jansen' };
const attendance = (session: string, attended: WorkshopAttendance): SessionEvent => ({ type: 'RECORD_ATTENDANCE', session, attendance: attended });
const correction = (session: string, attended: WorkshopAttendance): SessionEvent => ({ type: 'CORRECT_ATTENDANCE', session, attendance: attended, reason: 'verkeerd genoteerd' });
const complete = { type: 'COMPLETE' } as const;

/** An event as the services pass it: lifecycle events, and sessions keyed by their key. */
type Given = TryoutEvent | SessionEvent;

/** The duo's trajectory after the events, each of which must be accepted. */
function after(events: Given[], input = planned, from: TrajectorySnapshot = startTrajectory(definition, input)): TrajectorySnapshot {
  return events.reduce((snapshot, event) => {
    const result = applyTrajectoryEvent(definition, snapshot, event);
    if (!result.accepted) throw new Error(`${event.type} was refused in ${snapshot.value}: ${result.refusal.message}`);
    return result.snapshot;
  }, from);
}

function refusalOf(snapshot: TrajectorySnapshot, event: Given): TrajectoryRefusal {
  const result = applyTrajectoryEvent(definition, snapshot, event);
  if (result.accepted) throw new Error(`${event.type} was accepted in ${snapshot.value}`);
  return result.refusal;
}

const kickedOff = [admit, attendance('kickoff', both)];
const closed = [...kickedOff, attendance('closing', both)];

describe('the Proeftraject, run by the engine', () => {
  it('takes a duo from registration to completion, each next step naming the event that moves it on', () => {
    const steps: [Given, string, string | null][] = [
      [admit, 'admitted', 'RECORD_ATTENDANCE'],
      [attendance('kickoff', both), 'kickedOff', 'RECORD_ATTENDANCE'],
      [coaching, 'kickedOff', 'RECORD_ATTENDANCE'],
      [attendance('closing', providerExcused), 'closed', 'RECORD_ATTENDANCE'],
      [attendance('reunion', providerAbsent), 'reunionHeld', 'COMPLETE'],
      [complete, 'completed', null],
    ];
    let snapshot = startTrajectory(definition, planned);
    expect(describeNextStep(definition, snapshot).next?.event).toBe('ADMIT');
    for (const [event, state, next] of steps) {
      snapshot = after([event], planned, snapshot);
      expect([snapshot.value, describeNextStep(definition, snapshot).next?.event ?? null]).toEqual([state, next]);
    }
    expect(describeNextStep(definition, snapshot)).toMatchObject({
      description: 'completed',
      advisoryMeetingsHeld: 1,
      advisoryMeetingsRemaining: 0,
      meetsAttendanceObligation: true,
      canStillComplete: true,
      outcome: 'completed',
    });
    expect(takesPart(snapshot)).toBe(true);
  });

  it('says where the duo stands and what it expects, a coaching conversation among them until it has had one', () => {
    const awaitingClosing = after(kickedOff);
    expect(describeNextStep(definition, awaitingClosing)).toMatchObject({
      description: 'attended the kick-off, awaiting the closing session',
      next: { event: 'RECORD_ATTENDANCE', description: 'attendance' },
      advisoryMeetingsRemaining: 1,
    });
    expect(expectedEvents(definition, awaitingClosing)).toEqual(['HOLD_SESSION', 'RECORD_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW']);
    expect(expectedEvents(definition, after([coaching], planned, awaitingClosing))).toEqual(['RECORD_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW']);
  });

  it.each(['kickoff', 'closing'])('drops out a duo absent without excuse at the mandatory %s; it keeps its place and takes no more steps', (session) => {
    const before = after(session === 'kickoff' ? [admit] : kickedOff);
    const droppedOut = after([attendance(session, providerAbsent)], planned, before);
    expect(droppedOut.value).toBe('droppedOut');
    expect(describeNextStep(definition, droppedOut)).toMatchObject({ next: null, outcome: 'droppedOut', canStillComplete: false, meetsAttendanceObligation: false });
    expect([takesPart(droppedOut), holdsPlaceAfter(before, droppedOut), freesPlace(before, droppedOut)]).toEqual([false, true, false]);
    expect(refusalOf(droppedOut, complete)).toMatchObject({ code: 'TRAJECTORY_ENDED', params: { state: 'droppedOut' } });
  });

  it('brings a dropped-out duo back after the last session recorded when a correction leaves every mandatory session met', () => {
    const missedClosing = after([...kickedOff, attendance('closing', providerAbsent)]);
    const back = after([correction('closing', providerExcused)], planned, missedClosing);
    expect([back.value, describeNextStep(definition, back).meetsAttendanceObligation]).toEqual(['closed', true]);
    expect(after([correction('kickoff', providerAbsent)], planned, back).value).toBe('droppedOut');

    const missedKickoff = after([admit, attendance('kickoff', providerAbsent)]);
    expect(after([correction('kickoff', both)], planned, missedKickoff).value).toBe('kickedOff');
    expect(refusalOf(missedKickoff, correction('closing', both))).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'CORRECT_ATTENDANCE' } });
  });

  it('refuses a second coaching conversation with the cap and where the duo stands', () => {
    const refusal = refusalOf(after([...kickedOff, coaching]), coaching);
    expect(refusal).toEqual({
      code: 'ADVISORY_LIMIT_REACHED',
      message: expect.stringContaining('the most a duo can have (1)'),
      params: { held: 1, limit: 1, session: 'coaching', state: 'kickedOff', expected: ['RECORD_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW'] },
    });
  });

  it('refuses the reunion day where the edition did not plan it, and expects completion instead', () => {
    const closedUnplanned = after(closed, notPlanned);
    expect(refusalOf(closedUnplanned, attendance('reunion', both))).toEqual({
      code: 'WORKSHOP_3_NOT_PLANNED',
      message: expect.stringContaining('no reunion day planned'),
      params: undefined,
    });
    expect(describeNextStep(definition, closedUnplanned).next?.event).toBe('COMPLETE');
    expect(describeNextStep(definition, after(closed)).next?.event).toBe('RECORD_ATTENDANCE');
  });

  it('refuses attendance at a session the duo does not await, and a session the programme does not have, as unexpected', () => {
    expect(refusalOf(after([admit]), attendance('closing', both))).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'RECORD_ATTENDANCE', state: 'admitted' } });
    expect(refusalOf(after(closed), attendance('closing', both))).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'RECORD_ATTENDANCE', state: 'closed' } });
    expect(refusalOf(after(kickedOff), { ...coaching, session: 'studyDay' })).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { event: 'HOLD_SESSION' } });
  });

  it('frees the place of a duo that withdraws before the kick-off, not of one that withdraws after it', () => {
    const withdraw = { type: 'WITHDRAW', reason: 'geen capaciteit' } as const;
    const waiting = after([{ type: 'PLACE_ON_WAITING_LIST' }]);
    const movedUp = after([{ type: 'ADMIT', movedUpFromWaitingList: true, placeOf: 'another duo' }], planned, waiting);
    expect([holdsPlaceAfter(waiting, movedUp), freesPlace(movedUp, after([withdraw], planned, movedUp))]).toEqual([true, true]);
    const started = after(kickedOff);
    expect(freesPlace(started, after([withdraw], planned, started))).toBe(false);
  });

  it('stores the events as they were given, and rebuilds from them the snapshot it reached live', () => {
    const given: Given[] = [admit, attendance('kickoff', both), coaching, attendance('closing', providerAbsent), correction('closing', both), attendance('reunion', both)];
    let live = startTrajectory(definition, planned);
    const stored: Given[] = [];
    for (const event of given) {
      const result = applyTrajectoryEvent(definition, live, event);
      if (!result.accepted) throw new Error(`${event.type} was refused`);
      expect(result.event).toEqual(event);
      stored.push(result.event as Given);
      live = result.snapshot;
    }
    const replayed = replayTrajectory(definition, planned, stored);
    expect(persistTrajectory(definition, replayed)).toEqual(persistTrajectory(definition, live));
    expect(replayed.value).toBe('reunionHeld');
  });
});

describe('the Proeftraject definition', () => {
  const { machine } = definition;
  const accepted = new Set(Object.values(machine.states).flatMap((state) => state.ownEvents));

  it('has words for every state and every event of its machine, and an example of every event', () => {
    expect(Object.keys(definition.words.states).sort()).toEqual(Object.keys(machine.states).sort());
    expect(Object.keys(definition.words.events).sort()).toEqual([...accepted].sort());
    expect(Object.keys(definition.exampleEvents).sort()).toEqual([...accepted].sort());
  });

  it('tells the code outside it its sessions, its meetings and what a sentence names of them', () => {
    expect(definition.sessions.map((session) => session.key)).toEqual(['kickoff', 'coaching', 'closing', 'reunion']);
    expect(definition.sessions.every((session) => session.number === undefined)).toBe(true);
    expect(meetingSession(definition)).toMatchObject({ key: 'coaching', maxPerUnit: 1 });
    expect(mandatorySessionNames(definition)).toBe('startbijeenkomst en slotbijeenkomst');
    expect(sessionsAfterTheFirst(definition)).toBe('coachgesprek en slotbijeenkomst');
  });
});
