import type { CreateCohortDto } from '../../src/cohorts/dto/create-cohort.dto.js';
import { COMPASS_STEP_DEFINITIONS } from '../../src/compass/compass-steps.js';
import type { CompassStep, Perspective } from '../../src/compass/compass.machine.js';
import type { PerspectiveWeight } from '../../src/compass/compass.js';
import type { TrajectoryEventType } from '../../src/programmes/werkateliers/werkateliers.machine.js';
import { useTestApp, type Api } from '../support/api.js';
import { advisoryMeeting, bothPresent, daysFromToday, figures, intake, otherMeans, providerAbsent, story } from '../support/fixtures.js';

/**
 * GET /api/duos/{id}/next-step in every phase of the trajectory: where the duo stands, what
 * moves it on and at which planned session, and where the open cycle of its Kwaliteitskompas
 * stands. Each row takes a duo of a startable cohort (run by one adviser) there over the API.
 */
const app = useTestApp();
let asAdviser: Api;

beforeAll(async () => {
  asAdviser = app.client.as(await app.client.staff('adviser'));
});

interface DuoUnderTest {
  id: string;
  cohortId: string;
}
type Move = (duo: DuoUnderTest) => Promise<unknown>;

const admit: Move = ({ id }) => asAdviser.post(`/api/duos/${id}/admission`).expect(201);
const placeOnWaitingList: Move = ({ id }) => asAdviser.post(`/api/duos/${id}/waiting-list`).expect(201);
const holdIntake: Move = ({ id }) => asAdviser.post(`/api/duos/${id}/intake`, intake).expect(201);
const attend = (workshop: 1 | 2 | 3, attendance: object = bothPresent): Move => ({ id }) =>
  asAdviser.post(`/api/duos/${id}/workshops/${workshop}/attendance`, attendance).expect(201);
const holdAdvisoryMeeting: Move = ({ id }) => asAdviser.post(`/api/duos/${id}/advisory-meetings`, advisoryMeeting).expect(201);
const complete: Move = ({ id }) => asAdviser.post(`/api/duos/${id}/completion`).expect(201);
const withdraw: Move = ({ id }) => asAdviser.post(`/api/duos/${id}/withdrawal`, { reason: 'De uitvoerder stopt met het buurthuis' }).expect(201);
const planWithDuo = (kind: 'intake' | 'advisoryMeeting', days: number): Move => ({ id }) =>
  asAdviser
    .post(`/api/duos/${id}/sessions`, { kind, date: daysFromToday(days), startTime: '10:00', location: 'Stadskantoor Voorbeeld', adviser: 'Adviseur Jansen' })
    .expect(201);
const planWorkshop = (workshop: 1 | 2 | 3, days: number): Move => ({ cohortId }) =>
  asAdviser.http.put(`/api/cohorts/${cohortId}/workshops/${workshop}`).send({ date: daysFromToday(days), startTime: '13:30' }).expect(200);
const recordEvidence = (body: object): Move => ({ id }) => asAdviser.post(`/api/duos/${id}/evidence`, body).expect(201);

const toWorkshop1 = [admit, holdIntake, attend(1)];
const toWorkshop2 = [...toWorkshop1, attend(2)];

interface Phase {
  phase: string;
  cohort?: Partial<CreateCohortDto>;
  moves: Move[];
  state: string;
  next: TrajectoryEventType | null;
  advisoryMeetingsRemaining: number;
  meetsAttendanceObligation: boolean;
  canStillComplete: boolean;
  outcome?: 'completed' | 'droppedOut' | 'withdrawn';
  acceptsEvidence: boolean;
  /** The planned session of the step the headline names; none when left out. */
  session?: Record<string, unknown>;
  /** The other planned sessions at which the duo can take a step it now expects, by start; none when left out. */
  alsoPlanned?: Record<string, unknown>[];
  /** Steps 1 to 6 without evidence; all of them when left out. */
  stepsLackingEvidence?: CompassStep[];
  /** One step and the perspectives it still lacks, in the order the duo reads them. */
  step?: { step: CompassStep; missing: [Perspective, PerspectiveWeight][] };
}

const intakeSession = {
  kind: 'intake',
  name: 'kennismakingsgesprek',
  date: daysFromToday(7),
  startTime: '10:00',
  endTime: '13:00',
  location: 'Stadskantoor Voorbeeld',
  adviser: 'Adviseur Jansen',
};

const phases: Phase[] = [
  {
    phase: 'registered: awaits admission and keeps no evidence yet',
    moves: [],
    state: 'registered',
    next: 'ADMIT',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: false,
  },
  {
    phase: 'on the waiting list: awaits a place and keeps no evidence yet',
    moves: [placeOnWaitingList],
    state: 'waitingList',
    next: 'ADMIT',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: false,
  },
  {
    phase: 'admitted, no intake planned yet: the intake is next, at no session yet',
    moves: [admit],
    state: 'admitted',
    next: 'HOLD_INTAKE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
  },
  {
    phase: 'admitted with the intake planned: the session is named with its date, time and place',
    moves: [admit, planWithDuo('intake', 7)],
    state: 'admitted',
    next: 'HOLD_INTAKE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
    session: intakeSession,
  },
  {
    phase: 'intake held earlier than planned, workshop 1 planned: the workshop is next, where the cohort meets, and the held intake is planned no more',
    moves: [admit, planWithDuo('intake', 7), holdIntake, planWorkshop(1, 70)],
    state: 'intakeHeld',
    next: 'RECORD_WORKSHOP_1_ATTENDANCE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
    session: { kind: 'workshop1', name: 'werkatelier 1', date: daysFromToday(70), startTime: '13:30', endTime: '16:30', location: 'Utrecht' },
  },
  {
    phase: 'workshop 1 attended, figures of the provider at step 2: two advisory meetings left, step 2 still lacks the municipality (which leads it) and residents',
    moves: [...toWorkshop1, recordEvidence(figures(2, { perspective: 'provider' }))],
    state: 'workshop1Attended',
    next: 'RECORD_WORKSHOP_2_ATTENDANCE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
    stepsLackingEvidence: [1, 3, 4, 5, 6],
    step: { step: 2, missing: [['municipality', 'leads'], ['residents', 'preferred']] },
  },
  {
    phase: 'workshop 1 attended, one advisory meeting held and the next planned before workshop 2: the session is workshop 2, which the headline names, and the meeting is planned beside it',
    moves: [...toWorkshop1, holdAdvisoryMeeting, planWithDuo('advisoryMeeting', 5), planWorkshop(2, 90)],
    state: 'workshop1Attended',
    next: 'RECORD_WORKSHOP_2_ATTENDANCE',
    advisoryMeetingsRemaining: 1,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
    session: { kind: 'workshop2', name: 'werkatelier 2', date: daysFromToday(90), startTime: '13:30', endTime: '16:30', location: 'Utrecht' },
    alsoPlanned: [{ kind: 'advisoryMeeting', name: 'adviesgesprek', date: daysFromToday(5), startTime: '10:00', location: 'Stadskantoor Voorbeeld' }],
  },
  {
    phase: 'workshop 1 attended, an advisory meeting planned but workshop 2 not yet: no session, since the headline names workshop 2',
    moves: [...toWorkshop1, planWithDuo('advisoryMeeting', 5)],
    state: 'workshop1Attended',
    next: 'RECORD_WORKSHOP_2_ATTENDANCE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
    alsoPlanned: [{ kind: 'advisoryMeeting', date: daysFromToday(5) }],
  },
  {
    phase: 'workshop 1 attended, two advisory meetings held: none left, so a third meeting planned is neither the session nor planned beside it',
    moves: [...toWorkshop1, holdAdvisoryMeeting, holdAdvisoryMeeting, planWithDuo('advisoryMeeting', 5), planWorkshop(2, 90)],
    state: 'workshop1Attended',
    next: 'RECORD_WORKSHOP_2_ATTENDANCE',
    advisoryMeetingsRemaining: 0,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
    session: { kind: 'workshop2', name: 'werkatelier 2', date: daysFromToday(90), startTime: '13:30', endTime: '16:30', location: 'Utrecht' },
  },
  {
    phase: 'workshop 2 attended in a cohort with workshop 3: workshop 3 is next',
    moves: toWorkshop2,
    state: 'workshop2Attended',
    next: 'RECORD_WORKSHOP_3_ATTENDANCE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
  },
  {
    phase: 'workshop 2 attended in a cohort without workshop 3: completion is next',
    cohort: { workshop3Planned: false },
    moves: toWorkshop2,
    state: 'workshop2Attended',
    next: 'COMPLETE',
    advisoryMeetingsRemaining: 2,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
  },
  {
    phase: 'workshop 3 held, after an advisory meeting: completion is next, one meeting left',
    moves: [...toWorkshop2, holdAdvisoryMeeting, attend(3)],
    state: 'workshop3Held',
    next: 'COMPLETE',
    advisoryMeetingsRemaining: 1,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    acceptsEvidence: true,
  },
  {
    phase: 'completed, evidence recorded afterwards: the compass goes on, step 5 lacks the provider (which leads it) first and residents last',
    moves: [
      ...toWorkshop2,
      attend(3),
      complete,
      ...[1, 2, 3].map((step) => recordEvidence(figures(step))),
      recordEvidence(story(6)),
    ],
    state: 'completed',
    next: null,
    advisoryMeetingsRemaining: 0,
    meetsAttendanceObligation: true,
    canStillComplete: true,
    outcome: 'completed',
    acceptsEvidence: true,
    stepsLackingEvidence: [4, 5],
    step: { step: 5, missing: [['provider', 'leads'], ['municipality', 'contributes'], ['residents', 'preferred']] },
  },
  {
    phase: 'dropped out, the provider absent at workshop 2 without excuse: the obligation is broken and the compass, keeping its evidence, accepts no more',
    moves: [admit, recordEvidence(otherMeans(1)), holdIntake, attend(1), attend(2, providerAbsent)],
    state: 'droppedOut',
    next: null,
    advisoryMeetingsRemaining: 0,
    meetsAttendanceObligation: false,
    canStillComplete: false,
    outcome: 'droppedOut',
    acceptsEvidence: false,
    stepsLackingEvidence: [2, 3, 4, 5, 6],
    step: { step: 1, missing: [['municipality', 'leads'], ['residents', 'preferred']] },
  },
  {
    phase: 'withdrawn after admission, with its intake and workshop 1 planned: nothing is next or planned, and the compass accepts no more',
    moves: [admit, planWithDuo('intake', 7), planWorkshop(1, 70), withdraw],
    state: 'withdrawn',
    next: null,
    advisoryMeetingsRemaining: 0,
    meetsAttendanceObligation: true,
    canStillComplete: false,
    outcome: 'withdrawn',
    acceptsEvidence: false,
  },
];

describe('the next step of a duo in each phase of its trajectory', () => {
  it.each(phases)('$phase', async (phase) => {
    const cohort = await asAdviser.startableCohort({ location: 'Utrecht', ...phase.cohort });
    const duo = { id: (await asAdviser.duo(cohort.id)).id, cohortId: cohort.id };
    for (const move of phase.moves) await move(duo);

    const step = (await asAdviser.get(`/api/duos/${duo.id}/next-step`).expect(200)).body;

    expect(step).toMatchObject({
      state: phase.state,
      advisoryMeetingsRemaining: phase.advisoryMeetingsRemaining,
      meetsAttendanceObligation: phase.meetsAttendanceObligation,
      canStillComplete: phase.canStillComplete,
      outcome: phase.outcome ?? null,
    });
    expect(step.next?.event ?? null).toBe(phase.next);
    if (phase.session) expect(step.session).toMatchObject(phase.session);
    else expect(step.session).toBeNull();
    expect(step.alsoPlanned).toHaveLength(phase.alsoPlanned?.length ?? 0);
    expect(step.alsoPlanned).toMatchObject(phase.alsoPlanned ?? []);
    expect(step.compass).toMatchObject({ cycle: 1, state: 'collecting', acceptsEvidence: phase.acceptsEvidence, readyToClose: false });
    expect(step.compass.stepsLackingEvidence.map((lacking: { step: number }) => lacking.step)).toEqual(phase.stepsLackingEvidence ?? [1, 2, 3, 4, 5, 6]);
    if (phase.step) {
      const progress = step.compass.steps.find((candidate: { step: number }) => candidate.step === phase.step?.step);
      const definition = COMPASS_STEP_DEFINITIONS[phase.step.step];
      expect(progress).toMatchObject({ name: definition.name, question: definition.question, leads: definition.leads });
      expect(progress.missingPerspectives).toEqual(phase.step.missing.map(([perspective, weight]) => ({ perspective, weight })));
    }
  });
});
