import { DataSource } from 'typeorm';
import { CohortsService } from '../../src/cohorts/cohorts.service.js';
import { DuoRegistrationService } from '../../src/duos/duo-registration.service.js';
import { DuosService } from '../../src/duos/duos.service.js';
import { PlacesService } from '../../src/duos/places.service.js';
import { TrajectoryStepsService } from '../../src/duos/trajectory-steps.service.js';
import { REGISTERED } from '../../src/duos/trajectory-writer.js';
import type { ChangeHeaders } from '../../src/shared/change.js';
import { DomainException } from '../../src/problems/error-code.js';
import { WERKATELIERS_V1 } from '../../src/programmes/werkateliers/werkateliers.definition.js';
import type { TrajectoryEvent, TrajectoryInput } from '../../src/programmes/werkateliers/werkateliers.machine.js';
import { persistTrajectory, replayTrajectory } from '../../src/trajectory/trajectory.js';
import { aCohort, aDuo, advisoryMeeting, bothPresent, intake, municipalityExcused } from '../support/fixtures.js';
import { createStartableCohort } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let by: ChangeHeaders;
const withKey = (idempotencyKey: string): ChangeHeaders => ({ ...by, idempotencyKey });

let testApp: TestApp;
let duos: DuosService;
let registration: DuoRegistrationService;
let places: PlacesService;
let steps: TrajectoryStepsService;
let cohorts: CohortsService;
let db: DataSource;

beforeAll(async () => {
  testApp = await startTestApp();
  duos = testApp.app.get(DuosService);
  registration = testApp.app.get(DuoRegistrationService);
  places = testApp.app.get(PlacesService);
  steps = testApp.app.get(TrajectoryStepsService);
  cohorts = testApp.app.get(CohortsService);
  db = testApp.app.get(DataSource);
  by = { actor: { id: testApp.admin.id, name: testApp.admin.name } };
});
afterAll(() => testApp.close());

const startableCohort = (cohortOverrides = {}) => createStartableCohort(testApp.app, testApp.admin.principal, cohortOverrides);

async function registeredDuo(cohortOverrides = {}) {
  const cohort = await startableCohort(cohortOverrides);
  return registration.register(cohort.id, aDuo(), by);
}

async function duoAtWorkshop1() {
  const duo = await registeredDuo();
  await places.admit(duo.id, by);
  await steps.holdSession(duo.id, { kind: 'intake' }, intake, by);
  return steps.recordAttendance(duo.id, { number: 1 }, bothPresent, by);
}

async function storedRow(id: string) {
  const [row] = await db.query('SELECT state, version, advisory_meetings_held, trajectory_snapshot FROM duos WHERE id = $1', [id]);
  return row;
}

async function storedEvents(id: string) {
  return db.query('SELECT sequence, type, payload, actor, actor_id FROM duo_events WHERE duo_id = $1 ORDER BY sequence', [id]);
}

function codeOf(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'OK';
  return result.reason instanceof DomainException ? result.reason.code : `unexpected: ${String(result.reason)}`;
}

describe('persistence of a duo', () => {
  it('stores a registration with its snapshot, state columns, version 1 and a first log entry', async () => {
    const duo = await registeredDuo({ workshop3Planned: false });
    const row = await storedRow(duo.id);
    expect(row).toMatchObject({ state: 'registered', version: 1, advisory_meetings_held: 0 });
    expect(row.trajectory_snapshot).toMatchObject({ status: 'active', value: 'registered', context: { workshop3Planned: false } });
    const [first] = await storedEvents(duo.id);
    expect(first).toMatchObject({ sequence: 1, type: REGISTERED, actor: 'Beheerder Test', actor_id: testApp.admin.id });
    expect(first.payload).toMatchObject({ trajectoryInput: { workshop3Planned: false }, municipality: 'Gemeente Voorbeeld 1' });
  });

  it('writes the new snapshot and appends the event together, the version numbering the log', async () => {
    const duo = await duoAtWorkshop1();
    const row = await storedRow(duo.id);
    expect(row).toMatchObject({ state: 'workshop1Attended', version: 4 });
    expect(row.trajectory_snapshot.value).toBe('workshop1Attended');
    const events = await storedEvents(duo.id);
    expect(events.map((e: { sequence: number; type: string }) => [e.sequence, e.type])).toEqual([
      [1, 'REGISTERED'],
      [2, 'ADMIT'],
      [3, 'HOLD_INTAKE'],
      [4, 'RECORD_WORKSHOP_1_ATTENDANCE'],
    ]);
    expect(events[2].payload).toEqual(intake);
  });

  it('writes nothing for a refused event', async () => {
    const duo = await registeredDuo();
    const before = { row: await storedRow(duo.id), events: await storedEvents(duo.id) };
    await expect(steps.holdMeeting(duo.id, advisoryMeeting, by)).rejects.toMatchObject({ code: 'EVENT_NOT_EXPECTED' });
    expect(await storedRow(duo.id)).toEqual(before.row);
    expect(await storedEvents(duo.id)).toEqual(before.events);
  });

  it('refuses a change made on a version the client no longer sees, writing nothing', async () => {
    const duo = await registeredDuo();
    await places.admit(duo.id, { ...by, expectedVersion: 1 });
    await expect(steps.holdSession(duo.id, { kind: 'intake' }, intake, { ...by, expectedVersion: 1 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await storedRow(duo.id)).state).toBe('admitted');
  });

  it('answers 404-worthy errors for unknown duos and cohorts', async () => {
    await expect(duos.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'DUO_NOT_FOUND' });
    await expect(registration.register('00000000-0000-4000-8000-000000000000', aDuo(), by)).rejects.toMatchObject({ code: 'COHORT_NOT_FOUND' });
  });
});

describe('the event log', () => {
  it('replayed from the start reproduces the stored snapshot', async () => {
    const cohort = await startableCohort({ workshop3Planned: true });
    const { id } = await registration.register(cohort.id, aDuo(), by);
    await places.placeOnWaitingList(id, by);
    await places.admit(id, by);
    await steps.holdSession(id, { kind: 'intake' }, intake, by);
    await steps.recordAttendance(id, { number: 1 }, municipalityExcused, by);
    await steps.holdMeeting(id, advisoryMeeting, by);
    await steps.recordAttendance(id, { number: 2 }, bothPresent, by);
    await steps.holdMeeting(id, advisoryMeeting, by);
    await steps.recordAttendance(id, { number: 3 }, bothPresent, by);
    await steps.complete(id, by);

    const [registered, ...events] = await storedEvents(id);
    const input = registered.payload.trajectoryInput as TrajectoryInput;
    const replayed = replayTrajectory(
      WERKATELIERS_V1,
      input,
      events.map(({ type, payload }: { type: string; payload: object }) => ({ type, ...payload }) as TrajectoryEvent),
    );
    const stored = await storedRow(id);
    expect(stored.state).toBe('completed');
    expect(persistTrajectory(WERKATELIERS_V1, replayed)).toEqual(stored.trajectory_snapshot);
  });
});

describe('concurrent changes to one duo', () => {
  it('20 parallel attempts to record the second advisory meeting give exactly one success', async () => {
    const duo = await duoAtWorkshop1();
    await steps.holdMeeting(duo.id, advisoryMeeting, by);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => steps.holdMeeting(duo.id, advisoryMeeting, by)),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'ADVISORY_LIMIT_REACHED')).toHaveLength(19);
    expect((await storedRow(duo.id)).advisory_meetings_held).toBe(2);
    const meetings = (await storedEvents(duo.id)).filter((e: { type: string }) => e.type === 'HOLD_ADVISORY_MEETING');
    expect(meetings).toHaveLength(2);
  });

  it('20 parallel admissions into a cohort with 3 free places admit exactly 3 and put the rest on the waiting list', async () => {
    const cohort = await cohorts.create(aCohort({ capacity: 8 }), testApp.admin.principal);
    const registered = [];
    for (let n = 1; n <= 25; n++) registered.push(await registration.register(cohort.id, aDuo(n), by));
    for (const duo of registered.slice(0, 5)) await places.admit(duo.id, by);
    const results = await Promise.all(registered.slice(5).map((duo) => places.admit(duo.id, by)));
    expect(results.filter((duo) => duo.state === 'admitted')).toHaveLength(3);
    expect(results.filter((duo) => duo.state === 'waitingList')).toHaveLength(17);
    const [{ taken }] = await db.query('SELECT count(*)::int AS taken FROM duos WHERE cohort_id = $1 AND holds_place', [cohort.id]);
    expect(taken).toBe(8);
  });

  it('registers the same municipality and provider once per cohort, even when both try at once', async () => {
    const cohort = await cohorts.create(aCohort(), testApp.admin.principal);
    const shouting = aDuo(1, { municipality: 'GEMEENTE VOORBEELD 1', provider: 'stichting buurtwerk 1' });
    const results = await Promise.allSettled([registration.register(cohort.id, aDuo(1), by), registration.register(cohort.id, shouting, by)]);
    expect(results.map(codeOf).sort()).toEqual(['DUO_ALREADY_REGISTERED', 'OK']);
    expect(await duos.listInCohort(cohort.id)).toHaveLength(1);
  });
});

describe('the minimum of a cohort', () => {
  it('refuses to record workshop 1 while fewer than 5 duos are admitted, and says how many there are', async () => {
    const cohort = await cohorts.create(aCohort(), testApp.admin.principal);
    const admitted = [];
    for (let n = 1; n <= 4; n++) {
      const duo = await registration.register(cohort.id, aDuo(n), by);
      await places.admit(duo.id, by);
      admitted.push(await steps.holdSession(duo.id, { kind: 'intake' }, intake, by));
    }
    await expect(steps.recordAttendance(admitted[0].id, { number: 1 }, bothPresent, by)).rejects.toMatchObject({
      code: 'COHORT_BELOW_MINIMUM',
      message: expect.stringContaining('has 4 admitted duos; it needs at least 5'),
    });
    await places.admit((await registration.register(cohort.id, aDuo(5), by)).id, by);
    await expect(steps.recordAttendance(admitted[0].id, { number: 1 }, bothPresent, by)).resolves.toMatchObject({ state: 'workshop1Attended' });
  });
});

describe('the waiting list', () => {
  async function fullCohortWithWaiting() {
    const cohort = await cohorts.create(aCohort({ capacity: 5 }), testApp.admin.principal);
    const registered = [];
    for (let n = 1; n <= 8; n++) registered.push(await registration.register(cohort.id, aDuo(n), by));
    // Admitted in reverse: the waiting list follows the order of registration, not of admission.
    for (const duo of [...registered].reverse()) await places.admit(duo.id, by);
    return registered;
  }

  it('takes the duos beyond capacity, and keeps them there while the cohort is full', async () => {
    const registered = await fullCohortWithWaiting();
    expect((await Promise.all(registered.map((duo) => duos.get(duo.id)))).map((duo) => duo.state)).toEqual([
      'waitingList', 'waitingList', 'waitingList', 'admitted', 'admitted', 'admitted', 'admitted', 'admitted',
    ]);
    await expect(places.admit(registered[0].id, by)).rejects.toMatchObject({ code: 'COHORT_FULL' });
  });

  it('moves the earliest registered duo up when an admitted duo withdraws before workshop 1', async () => {
    const registered = await fullCohortWithWaiting();
    await steps.holdSession(registered[7].id, { kind: 'intake' }, intake, by);
    await places.withdraw(registered[7].id, { reason: 'De uitvoerder stopt' }, by);
    const moved = await duos.get(registered[0].id);
    expect(moved.state).toBe('admitted');
    expect(moved.history.at(-1)).toMatchObject({ type: 'ADMIT', payload: { movedUpFromWaitingList: true, placeOf: registered[7].id } });
    expect((await duos.get(registered[1].id)).state).toBe('waitingList');
  });

  it('moves nobody up once the cohort has started, even when a duo withdraws that never came to workshop 1', async () => {
    const registered = await fullCohortWithWaiting();
    for (const duo of registered.slice(3, 8)) await steps.holdSession(duo.id, { kind: 'intake' }, intake, by);
    await steps.recordAttendance(registered[3].id, { number: 1 }, bothPresent, by);
    await places.withdraw(registered[7].id, { reason: 'Kwam niet opdagen' }, by);
    expect((await duos.get(registered[0].id)).state).toBe('waitingList');
  });

  it('does not refill a place when the duo withdraws after workshop 1', async () => {
    const registered = await fullCohortWithWaiting();
    await steps.holdSession(registered[7].id, { kind: 'intake' }, intake, by);
    await steps.recordAttendance(registered[7].id, { number: 1 }, bothPresent, by);
    await places.withdraw(registered[7].id, { reason: 'Te druk' }, by);
    expect((await duos.get(registered[0].id)).state).toBe('waitingList');
  });
});

describe('idempotency', () => {
  it('a retry with the same key returns the first response and records nothing more', async () => {
    const duo = await duoAtWorkshop1();
    const first = await steps.holdMeeting(duo.id, advisoryMeeting, withKey('meeting-1'));
    const retry = await steps.holdMeeting(duo.id, advisoryMeeting, withKey('meeting-1'));
    expect(retry).toEqual(first);
    expect((await storedRow(duo.id)).advisory_meetings_held).toBe(1);
  });

  it('20 parallel retries with one key record one meeting and all get its response', async () => {
    const duo = await duoAtWorkshop1();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => steps.holdMeeting(duo.id, advisoryMeeting, withKey('flaky-wifi'))),
    );
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(results[0].advisoryMeetingsHeld).toBe(1);
    expect((await storedRow(duo.id)).advisory_meetings_held).toBe(1);
  });

  it('refuses a key reused for a different request', async () => {
    const duo = await duoAtWorkshop1();
    await steps.holdMeeting(duo.id, advisoryMeeting, withKey('k'));
    await expect(steps.holdMeeting(duo.id, { ...advisoryMeeting, notes: 'other' }, withKey('k'))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('forgets a key whose request was refused, so a corrected retry can use it', async () => {
    const duo = await registeredDuo();
    await expect(steps.holdSession(duo.id, { kind: 'intake' }, intake, withKey('intake'))).rejects.toMatchObject({ code: 'EVENT_NOT_EXPECTED' });
    await places.admit(duo.id, by);
    await expect(steps.holdSession(duo.id, { kind: 'intake' }, intake, withKey('intake'))).resolves.toMatchObject({ state: 'intakeHeld' });
  });
});
