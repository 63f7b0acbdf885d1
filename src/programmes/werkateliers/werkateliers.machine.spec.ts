import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import type { SideAttendance, WorkshopAttendance } from '../attendance.js';
import { MAX_ADVISORY_MEETINGS, trajectoryMachine, type TrajectoryEvent, type TrajectoryEventType } from './werkateliers.machine.js';
import {
  applyTrajectoryEvent,
  describeNextStep,
  expectedEvents,
  persistTrajectory,
  freesPlace,
  holdsPlaceAfter,
  replayTrajectory,
  restoreTrajectory,
  startTrajectory,
  type TrajectorySnapshot,
} from '../../trajectory/trajectory.js';
import { WERKATELIERS_V1 } from './werkateliers.definition.js';

const present: SideAttendance = { status: 'present' };
const excused: SideAttendance = { status: 'excused', excuse: { reason: 'ziek', excusedBy: 'Adviseur Jansen' } };
const absent: SideAttendance = { status: 'absent' };
const attendances: Record<string, WorkshopAttendance> = {
  'both present': { municipality: present, provider: present },
  'municipality excused': { municipality: excused, provider: present },
  'provider absent': { municipality: present, provider: absent },
};

/** Every kind of event a duo can meet, with the attendance variants that matter. */
const EVENTS: TrajectoryEvent[] = [
  { type: 'ADMIT' },
  { type: 'PLACE_ON_WAITING_LIST' },
  { type: 'HOLD_INTAKE', heldOn: '2019-04-10', location: 'Stadskantoor', adviser: 'Adviseur Jansen' },
  ...Object.values(attendances).flatMap((attendance) =>
    ([1, 2, 3] as const).map((n) => ({ type: `RECORD_WORKSHOP_${n}_ATTENDANCE` as const, attendance })),
  ),
  { type: 'CORRECT_ATTENDANCE', workshop: 1, attendance: attendances['both present'], reason: 'verkeerd genoteerd' },
  { type: 'CORRECT_ATTENDANCE', workshop: 1, attendance: attendances['provider absent'], reason: 'verkeerd genoteerd' },
  { type: 'CORRECT_ATTENDANCE', workshop: 2, attendance: attendances['municipality excused'], reason: 'afmelding kwam later binnen' },
  { type: 'HOLD_ADVISORY_MEETING', heldOn: '2019-05-28', adviser: 'Adviseur Jansen' },
  { type: 'COMPLETE' },
  { type: 'WITHDRAW', reason: 'geen capaciteit meer' },
];

/**
 * What each step of the trajectory allows next, written from DOMAIN.md (not read off the
 * machine): the model-based tests check the machine against it at every step of every path.
 */
function allowedByTheDomain(state: string, held: number, workshop3Planned: boolean): TrajectoryEventType[] {
  const advisory: TrajectoryEventType[] = held < MAX_ADVISORY_MEETINGS ? ['HOLD_ADVISORY_MEETING'] : [];
  // Attendance once recorded can be corrected, also after a drop-out, until the trajectory is completed or withdrawn.
  const table: Record<string, TrajectoryEventType[]> = {
    registered: ['ADMIT', 'PLACE_ON_WAITING_LIST', 'WITHDRAW'],
    waitingList: ['ADMIT', 'WITHDRAW'],
    admitted: ['HOLD_INTAKE', 'WITHDRAW'],
    intakeHeld: ['RECORD_WORKSHOP_1_ATTENDANCE', 'WITHDRAW'],
    workshop1Attended: [...advisory, 'RECORD_WORKSHOP_2_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW'],
    workshop2Attended: [
      ...advisory,
      ...(workshop3Planned ? (['RECORD_WORKSHOP_3_ATTENDANCE'] as const) : []),
      'CORRECT_ATTENDANCE',
      'COMPLETE',
      'WITHDRAW',
    ],
    workshop3Held: [...advisory, 'CORRECT_ATTENDANCE', 'COMPLETE', 'WITHDRAW'],
    completed: [],
    droppedOut: ['CORRECT_ATTENDANCE'],
    withdrawn: [],
  };
  return [...table[state]].sort();
}

/** The graph's paths begin with the machine's own init step; the trajectory's events follow it. */
function trajectorySteps<T extends { event: { type: string } }>(steps: T[]): T[] {
  expect(steps[0].event.type).toBe('xstate.init');
  return steps.slice(1);
}

/** DOMAIN.md: present, or excused with a recorded reason and who excused it. */
function sideKeepsObligation(side: SideAttendance): boolean {
  return side.status === 'present' || (side.status === 'excused' && Boolean(side.excuse?.reason.trim() && side.excuse.excusedBy.trim()));
}

/**
 * Where each event takes the duo, written from DOMAIN.md: the paths below must end each step
 * where the domain says, not merely where the machine went.
 */
function targetByTheDomain(state: string, event: TrajectoryEvent, kept: Record<number, boolean>): string {
  const keepsObligation = (attendance: WorkshopAttendance) => Object.values(attendance).every(sideKeepsObligation);
  switch (event.type) {
    case 'CORRECT_ATTENDANCE': {
      const record = { ...kept, [event.workshop]: keepsObligation(event.attendance) };
      if (record[1] === false || record[2] === false) return 'droppedOut';
      return ({ 1: 'workshop1Attended', 2: 'workshop2Attended', 3: 'workshop3Held' } as const)[Math.max(...Object.keys(record).map(Number)) as 1 | 2 | 3];
    }
    case 'ADMIT':
      return 'admitted';
    case 'PLACE_ON_WAITING_LIST':
      return 'waitingList';
    case 'HOLD_INTAKE':
      return 'intakeHeld';
    case 'RECORD_WORKSHOP_1_ATTENDANCE':
      return keepsObligation(event.attendance) ? 'workshop1Attended' : 'droppedOut';
    case 'RECORD_WORKSHOP_2_ATTENDANCE':
      return keepsObligation(event.attendance) ? 'workshop2Attended' : 'droppedOut';
    case 'RECORD_WORKSHOP_3_ATTENDANCE':
      return 'workshop3Held';
    case 'HOLD_ADVISORY_MEETING':
      return state;
    case 'COMPLETE':
      return 'completed';
    case 'WITHDRAW':
      return 'withdrawn';
  }
}

function describePath(steps: { event: TrajectoryEvent }[]): string {
  return steps
    .slice(1)
    .map(({ event }) => {
      const variant = 'attendance' in event ? Object.entries(attendances).find(([, a]) => a === event.attendance)?.[0] : '';
      return variant ? `${event.type} (${variant})` : event.type;
    })
    .join(' → ');
}

function walk(workshop3Planned: boolean, steps: { event: TrajectoryEvent; state: TrajectorySnapshot }[]) {
  let snapshot = startTrajectory(WERKATELIERS_V1, { workshop3Planned });
  expect(snapshot.value).toBe('registered');
  // Which mandatory workshops the duo kept its obligation at, tracked here from the events alone.
  const kept: Record<number, boolean> = {};
  for (const step of trajectorySteps(steps)) {
    const before = snapshot;
    const result = applyTrajectoryEvent(WERKATELIERS_V1, snapshot, step.event);
    if (!result.accepted) throw new Error(`refused ${step.event.type}: ${result.refusal.message}`);
    snapshot = result.snapshot;
    expect(snapshot.value).toBe(targetByTheDomain(String(before.value), step.event, kept));
    const recorded = /^RECORD_WORKSHOP_(\d)_ATTENDANCE$/.exec(step.event.type)?.[1];
    const workshop = recorded ? Number(recorded) : step.event.type === 'CORRECT_ATTENDANCE' ? step.event.workshop : undefined;
    if (workshop && 'attendance' in step.event) {
      kept[workshop] = workshop === 3 || Object.values(step.event.attendance).every(sideKeepsObligation);
    }
    expect(snapshot.context.advisoryMeetingsHeld).toBe(
      before.context.advisoryMeetingsHeld + (step.event.type === 'HOLD_ADVISORY_MEETING' ? 1 : 0),
    );
    expect(snapshot.value).toBe(step.state.value);
    expect(snapshot.context).toEqual(step.state.context);
    expect([...expectedEvents(WERKATELIERS_V1, snapshot)].sort()).toEqual(
      allowedByTheDomain(String(snapshot.value), snapshot.context.advisoryMeetingsHeld, workshop3Planned),
    );
  }
  return snapshot;
}

for (const workshop3Planned of [true, false]) {
  const label = workshop3Planned ? 'with workshop 3 planned' : 'without workshop 3';
  const options = { input: { workshop3Planned }, events: EVENTS };

  describe(`every shortest path of the trajectory, ${label}`, () => {
    const paths = getShortestPaths(trajectoryMachine, options);
    it.each(paths.map((path) => [describePath(path.steps) || '(start)', path] as const))('%s', (_, path) => {
      walk(workshop3Planned, path.steps);
    });

    it('reaches every state the cohort can reach', () => {
      const reached = new Set(paths.map((path) => String(path.state.value)));
      const expected = Object.keys(trajectoryMachine.states).filter((s) => workshop3Planned || s !== 'workshop3Held');
      expect([...reached].sort()).toEqual(expected.sort());
    });
  });

  describe(`every simple path of the trajectory, ${label}`, () => {
    const paths = getSimplePaths(trajectoryMachine, options);
    it.each(paths.map((path) => [describePath(path.steps) || '(start)', path] as const))('%s', (_, path) => {
      walk(workshop3Planned, path.steps);
    });
  });
}

function reach(events: TrajectoryEvent[], workshop3Planned = true): TrajectorySnapshot {
  return events.reduce((snapshot, event) => {
    const result = applyTrajectoryEvent(WERKATELIERS_V1, snapshot, event);
    if (!result.accepted) throw new Error(result.refusal.message);
    return result.snapshot;
  }, startTrajectory(WERKATELIERS_V1, { workshop3Planned }));
}

const intake: TrajectoryEvent = { type: 'HOLD_INTAKE', heldOn: '2019-04-10', location: 'Utrecht', adviser: 'A' };
const workshop1: TrajectoryEvent = { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: attendances['both present'] };
const workshop2: TrajectoryEvent = { type: 'RECORD_WORKSHOP_2_ATTENDANCE', attendance: attendances['both present'] };
const advisoryMeeting: TrajectoryEvent = { type: 'HOLD_ADVISORY_MEETING', heldOn: '2019-06-01', adviser: 'A' };
const toWorkshop1: TrajectoryEvent[] = [{ type: 'ADMIT' }, intake, workshop1];

describe('the cap of two advisory meetings', () => {
  it('allows two and refuses the third, saying the cap is reached', () => {
    const afterTwo = reach([...toWorkshop1, advisoryMeeting, advisoryMeeting]);
    expect(afterTwo.context.advisoryMeetingsHeld).toBe(2);
    const third = applyTrajectoryEvent(WERKATELIERS_V1, afterTwo, advisoryMeeting);
    expect(third).toEqual({
      accepted: false,
      refusal: {
        code: 'ADVISORY_LIMIT_REACHED',
        message:
          'This duo has had 2 advisory meetings, the most a duo can have (2). Where the duo stands: attended workshop 1, ' +
          'awaiting workshop 2. It expects next: attendance at workshop 2 (RECORD_WORKSHOP_2_ATTENDANCE), ' +
          'a correction of recorded attendance (CORRECT_ATTENDANCE), withdrawal (WITHDRAW).',
        params: {
          held: 2,
          limit: 2,
          session: 'advisoryMeeting',
          state: 'workshop1Attended',
          expected: ['RECORD_WORKSHOP_2_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW'],
        },
      },
    });
  });

  it('counts meetings before and after workshop 2 together', () => {
    const snapshot = reach([...toWorkshop1, advisoryMeeting, workshop2, advisoryMeeting]);
    expect(describeNextStep(WERKATELIERS_V1, snapshot).advisoryMeetingsRemaining).toBe(0);
    expect(applyTrajectoryEvent(WERKATELIERS_V1, snapshot, advisoryMeeting)).toMatchObject({ refusal: { code: 'ADVISORY_LIMIT_REACHED' } });
  });

  it('refuses an advisory meeting before workshop 1 as not expected yet', () => {
    const refused = applyTrajectoryEvent(WERKATELIERS_V1, reach([{ type: 'ADMIT' }, intake]), advisoryMeeting);
    expect(refused).toMatchObject({ accepted: false, refusal: { code: 'EVENT_NOT_EXPECTED' } });
  });
});

describe('refusals say where the duo is and what it expects', () => {
  it('names the current step and the expected events', () => {
    const refused = applyTrajectoryEvent(WERKATELIERS_V1, reach([{ type: 'ADMIT' }]), workshop1);
    expect(refused).toEqual({
      accepted: false,
      refusal: {
        code: 'EVENT_NOT_EXPECTED',
        message:
          'Cannot record attendance at workshop 1. Where the duo stands: admitted, awaiting the intake conversation. ' +
          'It expects next: the intake conversation (HOLD_INTAKE), withdrawal (WITHDRAW).',
        params: { event: 'RECORD_WORKSHOP_1_ATTENDANCE', state: 'admitted', expected: ['HOLD_INTAKE', 'WITHDRAW'] },
      },
    });
  });

  it('refuses workshop 3 attendance when the cohort has not planned it', () => {
    const snapshot = reach([...toWorkshop1, workshop2], false);
    const refused = applyTrajectoryEvent(WERKATELIERS_V1, snapshot, { type: 'RECORD_WORKSHOP_3_ATTENDANCE', attendance: attendances['both present'] });
    expect(refused).toMatchObject({ accepted: false, refusal: { code: 'WORKSHOP_3_NOT_PLANNED' } });
  });

  it.each([
    ['completed', [...toWorkshop1, workshop2, { type: 'COMPLETE' }]],
    ['droppedOut', [{ type: 'ADMIT' }, intake, { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: attendances['provider absent'] }]],
    ['withdrawn', [{ type: 'WITHDRAW', reason: 'r' }]],
  ] as [string, TrajectoryEvent[]][])('refuses every event once the duo has %s, but a correction of a drop-out', (state, events) => {
    const ended = reach(events);
    expect(ended.value).toBe(state);
    for (const event of EVENTS) {
      const result = applyTrajectoryEvent(WERKATELIERS_V1, ended, event);
      if (state !== 'droppedOut' || event.type !== 'CORRECT_ATTENDANCE') {
        expect(result).toMatchObject({ accepted: false, refusal: { code: 'TRAJECTORY_ENDED' } });
      } else if (event.workshop === 1) {
        expect(result.accepted).toBe(true);
      } else {
        expect(result).toMatchObject({ accepted: false, refusal: { code: 'EVENT_NOT_EXPECTED' } });
      }
    }
  });

  it('refuses a correction of a workshop that was not recorded', () => {
    const refused = applyTrajectoryEvent(WERKATELIERS_V1, reach(toWorkshop1), { type: 'CORRECT_ATTENDANCE', workshop: 2, attendance: attendances['both present'], reason: 'r' });
    expect(refused).toMatchObject({ accepted: false, refusal: { code: 'EVENT_NOT_EXPECTED' } });
  });
});

describe('corrections of attendance', () => {
  const correct = (workshop: 1 | 2, variant: string): TrajectoryEvent => ({
    type: 'CORRECT_ATTENDANCE',
    workshop,
    attendance: attendances[variant],
    reason: 'presentielijst verkeerd overgenomen',
  });

  it('bring a duo that dropped out at workshop 1 back, with its advisory meetings still to come', () => {
    const dropped = reach([{ type: 'ADMIT' }, intake, { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: attendances['provider absent'] }]);
    const corrected = applyTrajectoryEvent(WERKATELIERS_V1, dropped, correct(1, 'municipality excused'));
    expect(corrected.accepted && corrected.snapshot.value).toBe('workshop1Attended');
    expect(corrected.accepted && describeNextStep(WERKATELIERS_V1, corrected.snapshot)).toMatchObject({ next: { event: 'RECORD_WORKSHOP_2_ATTENDANCE' }, advisoryMeetingsRemaining: 2 });
  });

  it('drop a duo out when its recorded presence at workshop 1 turns out wrong, even after workshop 2', () => {
    const after2 = reach([...toWorkshop1, workshop2]);
    const corrected = applyTrajectoryEvent(WERKATELIERS_V1, after2, correct(1, 'provider absent'));
    expect(corrected.accepted && corrected.snapshot.value).toBe('droppedOut');
  });

  it('keep a duo out while another mandatory workshop is still missed', () => {
    const dropped = reach([...toWorkshop1, { type: 'RECORD_WORKSHOP_2_ATTENDANCE', attendance: attendances['provider absent'] }]);
    const stillOut = applyTrajectoryEvent(WERKATELIERS_V1, dropped, correct(1, 'both present'));
    expect(stillOut.accepted && stillOut.snapshot.value).toBe('droppedOut');
    const back = applyTrajectoryEvent(WERKATELIERS_V1, dropped, correct(2, 'both present'));
    expect(back.accepted && back.snapshot.value).toBe('workshop2Attended');
  });
});

describe('the next step', () => {
  it('for a new registration is admission, with both advisory meetings still ahead', () => {
    expect(describeNextStep(WERKATELIERS_V1, startTrajectory(WERKATELIERS_V1, { workshop3Planned: false }))).toMatchObject({
      state: 'registered',
      next: { event: 'ADMIT' },
      advisoryMeetingsRemaining: 2,
      canStillComplete: true,
      outcome: null,
    });
  });

  it('after workshop 2 without workshop 3 is completion', () => {
    expect(describeNextStep(WERKATELIERS_V1, reach([...toWorkshop1, workshop2], false)).next?.event).toBe('COMPLETE');
  });

  it('after workshop 2 with workshop 3 planned is workshop 3', () => {
    expect(describeNextStep(WERKATELIERS_V1, reach([...toWorkshop1, workshop2], true)).next?.event).toBe('RECORD_WORKSHOP_3_ATTENDANCE');
  });

  it('after a drop-out is nothing, and the duo can no longer complete', () => {
    const dropped = reach([{ type: 'ADMIT' }, intake, { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: attendances['provider absent'] }]);
    expect(describeNextStep(WERKATELIERS_V1, dropped)).toMatchObject({
      next: null,
      expects: [{ event: 'CORRECT_ATTENDANCE' }],
      canStillComplete: false,
      outcome: 'droppedOut',
      advisoryMeetingsRemaining: 0,
    });
  });
});

describe('storing and restoring', () => {
  it('restores a stored snapshot to the same state and context', () => {
    const snapshot = reach([...toWorkshop1, advisoryMeeting]);
    const stored = JSON.parse(JSON.stringify(persistTrajectory(WERKATELIERS_V1, snapshot)));
    const restored = restoreTrajectory(WERKATELIERS_V1, stored);
    expect(restored.value).toBe('workshop1Attended');
    expect(restored.context).toEqual({ advisoryMeetingsHeld: 1, workshop3Planned: true, attendance: { 1: true } });
    expect(applyTrajectoryEvent(WERKATELIERS_V1, restored, advisoryMeeting)).toMatchObject({ accepted: true });
  });

  it('restores a finished trajectory as finished', () => {
    const stored = JSON.parse(JSON.stringify(persistTrajectory(WERKATELIERS_V1, reach([{ type: 'WITHDRAW', reason: 'r' }]))));
    expect(restoreTrajectory(WERKATELIERS_V1, stored).status).toBe('done');
  });

  it('replaying the events from the input gives the same snapshot', () => {
    const events = [...toWorkshop1, advisoryMeeting, workshop2];
    expect(persistTrajectory(WERKATELIERS_V1, replayTrajectory(WERKATELIERS_V1, { workshop3Planned: true }, events))).toEqual(
      persistTrajectory(WERKATELIERS_V1, reach(events)),
    );
  });

});

describe("a cohort's places", () => {
  const withdraw: TrajectoryEvent = { type: 'WITHDRAW', reason: 'r' };
  const step = (events: TrajectoryEvent[], event: TrajectoryEvent) => {
    const before = reach(events);
    const result = applyTrajectoryEvent(WERKATELIERS_V1, before, event);
    if (!result.accepted) throw new Error(result.refusal.message);
    return { holds: holdsPlaceAfter(before, result.snapshot), frees: freesPlace(before, result.snapshot) };
  };

  it('are taken from admission on, not on the waiting list', () => {
    expect(step([], { type: 'PLACE_ON_WAITING_LIST' })).toEqual({ holds: false, frees: false });
    expect(step([{ type: 'PLACE_ON_WAITING_LIST' }], { type: 'ADMIT' })).toEqual({ holds: true, frees: false });
  });

  it('are given back by a withdrawal before workshop 1', () => {
    expect(step([{ type: 'ADMIT' }], withdraw)).toEqual({ holds: false, frees: true });
    expect(step([{ type: 'ADMIT' }, intake], withdraw)).toEqual({ holds: false, frees: true });
  });

  it('stay taken after a withdrawal once workshop 1 is behind the duo, and after a drop-out', () => {
    expect(step(toWorkshop1, withdraw)).toEqual({ holds: true, frees: false });
    expect(step([...toWorkshop1, workshop2], withdraw)).toEqual({ holds: true, frees: false });
    const absent: TrajectoryEvent = { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: attendances['provider absent'] };
    expect(step([{ type: 'ADMIT' }, intake], absent)).toEqual({ holds: true, frees: false });
  });

  it('are not given back by a registration withdrawn before admission', () => {
    expect(step([], withdraw)).toEqual({ holds: false, frees: false });
  });
});
