import { applyTrajectoryEvent, describeNextStep, expectedEvents, startTrajectory, type TrajectorySnapshot } from '../../trajectory/trajectory.js';
import { meetingSession, sessionEventType, sessionsAfterTheFirst } from '../programme.js';
import { WERKATELIERS_V1 } from './werkateliers.definition.js';
import type { TrajectoryEvent } from './werkateliers.machine.js';

/**
 * The definition says what the machine does in words other modules read (sessions, caps,
 * mandatory attendance). These tests hold the two together: a change to one without the
 * other fails here.
 */
const definition = WERKATELIERS_V1;
const { machine } = definition;
const absent = { municipality: { status: 'absent' as const }, provider: { status: 'absent' as const } };

/** The duo moved forward along its next steps, each taken as favourably as it can be, until it expects `type`. */
function reachExpecting(type: string): TrajectorySnapshot {
  let snapshot: TrajectorySnapshot = startTrajectory(definition, { workshop3Planned: true });
  for (let step = 0; !expectedEvents(definition, snapshot).includes(type); step++) {
    const next = describeNextStep(definition, snapshot).next;
    if (!next || step > 20) throw new Error(`the trajectory never comes to expect ${type}`);
    const result = applyTrajectoryEvent(definition, snapshot, definition.exampleEvents[next.event] as TrajectoryEvent);
    if (!result.accepted) throw new Error(`${next.event} was refused on the way to ${type}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

describe('the werkateliers definition and its machine', () => {
  const accepted = new Set(Object.values(machine.states).flatMap((state) => state.ownEvents));

  it.each(definition.sessions.map((session) => [session.key, sessionEventType(definition, session)]))(
    'session %s is recorded by %s, an event the machine accepts',
    (_, event) => {
      expect(accepted).toContain(event);
    },
  );

  it('has words for every state and every event of the machine, and an example of every event', () => {
    expect(Object.keys(definition.words.states).sort()).toEqual(Object.keys(machine.states).sort());
    expect(Object.keys(definition.words.events).sort()).toEqual([...accepted].sort());
    expect(Object.keys(definition.exampleEvents).sort()).toEqual([...accepted].sort());
  });

  it('caps the meetings at the maxPerUnit of its meeting session, as the guard does', () => {
    const session = meetingSession(definition);
    let snapshot = reachExpecting(sessionEventType(definition, session));
    let held = 0;
    for (;;) {
      const result = applyTrajectoryEvent(definition, snapshot, { type: 'HOLD_SESSION', session: session.key, heldOn: '2019-06-01', adviser: 'A' });
      if (!result.accepted) {
        expect(result.refusal).toMatchObject({ code: 'ADVISORY_LIMIT_REACHED', params: { held, limit: session.maxPerUnit } });
        break;
      }
      snapshot = result.snapshot;
      held++;
      expect(held).toBeLessThanOrEqual(session.maxPerUnit);
    }
    expect(held).toBe(session.maxPerUnit);
  });

  const attended = definition.sessions.filter((session) => session.recorded === 'attendance');

  it.each(attended.map((session) => [session.key, session.mandatory]))(
    'a duo absent without excuse at %s drops out exactly when the session is mandatory (%s)',
    (key, mandatory) => {
      const session = attended.find((candidate) => candidate.key === key);
      if (!session) throw new Error(`no session ${key}`);
      const result = applyTrajectoryEvent(definition, reachExpecting(sessionEventType(definition, session)), { type: 'RECORD_ATTENDANCE', session: session.key, attendance: absent });
      expect(result.accepted && result.snapshot.value === 'droppedOut').toBe(mandatory);
    },
  );

  it('gives every edition session it records by attendance a number, in order, as the routes /workshops/{n} name them', () => {
    expect(attended.map((session) => session.number)).toEqual([1, 2, 3]);
  });
});

describe('events keyed by session, as code outside the programme sends them', () => {
  const present = { municipality: { status: 'present' as const }, provider: { status: 'present' as const } };

  it('become the events of the machine of version 1, with the same payload, as its event logs store them', () => {
    expect(definition.machineEvent({ type: 'HOLD_SESSION', session: 'intake', heldOn: '2019-04-10', location: 'Utrecht', adviser: 'A' })).toEqual({
      type: 'HOLD_INTAKE',
      heldOn: '2019-04-10',
      location: 'Utrecht',
      adviser: 'A',
    });
    expect(definition.machineEvent({ type: 'HOLD_SESSION', session: 'advisoryMeeting', heldOn: '2019-06-01', adviser: 'A' })).toEqual({
      type: 'HOLD_ADVISORY_MEETING',
      heldOn: '2019-06-01',
      adviser: 'A',
    });
    expect(definition.machineEvent({ type: 'RECORD_ATTENDANCE', session: 'workshop2', attendance: present })).toEqual({ type: 'RECORD_WORKSHOP_2_ATTENDANCE', attendance: present });
    expect(definition.machineEvent({ type: 'CORRECT_ATTENDANCE', session: 'workshop1', attendance: present, reason: 'r' })).toEqual({
      type: 'CORRECT_ATTENDANCE',
      workshop: 1,
      attendance: present,
      reason: 'r',
    });
  });

  it('leave events of the machine (a stored log) and lifecycle events as they are', () => {
    const stored = [
      { type: 'HOLD_INTAKE', heldOn: '2019-04-10', location: 'Utrecht', adviser: 'A' },
      { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: present },
      { type: 'CORRECT_ATTENDANCE', workshop: 1, attendance: present, reason: 'r' },
      { type: 'ADMIT' },
      { type: 'WITHDRAW', reason: 'r' },
    ];
    for (const event of stored) expect(definition.machineEvent(event)).toEqual(event);
  });

  it('refuse a session the programme does not have, or one recorded the other way, as unexpected', () => {
    const admitted = reachExpecting('HOLD_INTAKE');
    const unknown = applyTrajectoryEvent(definition, admitted, { type: 'HOLD_SESSION', session: 'studyDay', heldOn: '2019-04-10', adviser: 'A' });
    expect(unknown).toMatchObject({ accepted: false, refusal: { code: 'EVENT_NOT_EXPECTED', params: { event: 'HOLD_SESSION', state: 'admitted' } } });
    const wrongWay = applyTrajectoryEvent(definition, admitted, { type: 'RECORD_ATTENDANCE', session: 'intake', attendance: present });
    expect(wrongWay).toMatchObject({ accepted: false, refusal: { code: 'EVENT_NOT_EXPECTED', params: { event: 'RECORD_ATTENDANCE' } } });
  });

  it('are applied as the machine takes them, and the result says which event to store', () => {
    const result = applyTrajectoryEvent(definition, reachExpecting('HOLD_INTAKE'), { type: 'HOLD_SESSION', session: 'intake', heldOn: '2019-04-10', location: 'U', adviser: 'A' });
    expect(result).toMatchObject({ accepted: true, event: { type: 'HOLD_INTAKE', heldOn: '2019-04-10', location: 'U', adviser: 'A' } });
    expect(result.accepted && result.snapshot.value).toBe('intakeHeld');
  });
});

describe('what someone who just registered reads of what follows', () => {
  it('lists the sessions after the first, with the cap of a repeatable one and without the optional one', () => {
    expect(sessionsAfterTheFirst(WERKATELIERS_V1)).toBe('werkatelier 1, ten hoogste 2 adviesgesprekken en werkatelier 2');
  });
});
