import { DataSource, type QueryRunner } from 'typeorm';
import { AttendanceService } from '../../src/attendance/attendance.service.js';
import { DuoRegistrationService } from '../../src/duos/duo-registration.service.js';
import { PlacesService } from '../../src/duos/places.service.js';
import { TrajectoryStepsService } from '../../src/duos/trajectory-steps.service.js';
import type { ChangeHeaders } from '../../src/shared/change.js';
import { aDuo, bothPresent, intake } from '../support/fixtures.js';
import { createStartableCohort } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * An attendance list must name every duo that expects the workshop when the list is recorded.
 * A duo comes to expect workshop 1 when its intake is logged; these tests force an intake and
 * a list for workshop 1 to overlap, in either order, and check that the list never goes through
 * without a duo that expects the workshop.
 *
 * The interleaving is forced, not left to chance: a third connection holds duo_events in
 * EXCLUSIVE mode (reads pass, appends wait), so the transaction that starts first stops at
 * its first log entry, after it has locked its duo rows, until the test lets it go.
 */

let testApp: TestApp;
let db: DataSource;
let registration: DuoRegistrationService;
let places: PlacesService;
let steps: TrajectoryStepsService;
let attendance: AttendanceService;
let by: ChangeHeaders;

beforeAll(async () => {
  testApp = await startTestApp();
  db = testApp.app.get(DataSource);
  registration = testApp.app.get(DuoRegistrationService);
  places = testApp.app.get(PlacesService);
  steps = testApp.app.get(TrajectoryStepsService);
  attendance = testApp.app.get(AttendanceService);
  by = { actor: { id: testApp.admin.id, name: testApp.admin.name } };
});
afterAll(() => testApp.close());

/**
 * A cohort of six admitted duos: five with their intake held (they expect workshop 1) and
 * `latecomer`, admitted but without an intake yet.
 */
async function cohortWithLatecomer() {
  const cohort = await createStartableCohort(testApp.app, testApp.admin.principal);
  for (const n of [1, 2]) await places.admit((await registration.register(cohort.id, aDuo(n), by)).id, by);
  const duos: { id: string; municipality: string }[] = await db.query(
    'SELECT id, municipality FROM duos WHERE cohort_id = $1 ORDER BY registered_at, id',
    [cohort.id],
  );
  const latecomer = duos.find((duo) => duo.municipality === 'Gemeente Voorbeeld 2') as { id: string };
  const ready = duos.filter((duo) => duo.id !== latecomer.id);
  for (const duo of ready) await steps.holdSession(duo.id, { kind: 'intake' }, intake, by);
  return { cohortId: cohort.id, latecomer: latecomer.id, list: { duos: ready.map(({ id }) => ({ duoId: id, ...bothPresent })) } };
}

/** Holds back every append to the duo logs until `release`. */
async function holdBackEventLog(): Promise<{ release: () => Promise<void> }> {
  const gate: QueryRunner = db.createQueryRunner();
  await gate.connect();
  await gate.startTransaction();
  await gate.query('LOCK TABLE duo_events IN EXCLUSIVE MODE');
  return {
    release: async () => {
      await gate.rollbackTransaction();
      await gate.release();
    },
  };
}

/** Waits until `count` transactions of this database wait for a lock. */
async function waitersReach(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [{ waiting }] = await db.query(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${waiting} of ${count} transactions came to wait for a lock`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function workshop1Records(cohortId: string): Promise<string[]> {
  const rows: { duo_id: string }[] = await db.query(
    `SELECT e.duo_id FROM duo_events e JOIN duos d ON d.id = e.duo_id
     WHERE d.cohort_id = $1 AND e.type = 'RECORD_WORKSHOP_1_ATTENDANCE' ORDER BY e.duo_id`,
    [cohortId],
  );
  return rows.map((row) => row.duo_id);
}

describe('an attendance list recorded while an intake is logged', () => {
  it('is refused as incomplete when the intake was under way first: the list waits for it and then sees the duo', async () => {
    const { cohortId, latecomer, list } = await cohortWithLatecomer();
    const gate = await holdBackEventLog();
    const intakeLogged = steps.holdSession(latecomer, { kind: 'intake' }, intake, by);
    await waitersReach(1);
    const listRecorded = attendance.recordList(cohortId, { number: 1 }, list, by);
    await waitersReach(2);
    await gate.release();

    const [intakeResult, listResult] = await Promise.allSettled([intakeLogged, listRecorded]);
    expect(intakeResult.status).toBe('fulfilled');
    expect(listResult).toMatchObject({
      status: 'rejected',
      reason: { code: 'ATTENDANCE_LIST_INCOMPLETE', params: { missingDuos: ['Gemeente Voorbeeld 2 / Stichting Buurtwerk 2'] } },
    });
    expect(await workshop1Records(cohortId)).toEqual([]);

    const complete = { duos: [...list.duos, { duoId: latecomer, ...bothPresent }] };
    const overview = await attendance.recordList(cohortId, { number: 1 }, complete, by);
    expect(overview.duos.filter((duo) => duo.workshops[1])).toHaveLength(6);
  });

  it('goes through when it was under way first; the intake lands after it, and the duo is recorded on its own', async () => {
    const { cohortId, latecomer, list } = await cohortWithLatecomer();
    const gate = await holdBackEventLog();
    const listRecorded = attendance.recordList(cohortId, { number: 1 }, list, by);
    await waitersReach(1);
    const intakeLogged = steps.holdSession(latecomer, { kind: 'intake' }, intake, by);
    await waitersReach(2);
    await gate.release();

    const [listResult, intakeResult] = await Promise.allSettled([listRecorded, intakeLogged]);
    expect(listResult.status).toBe('fulfilled');
    expect(intakeResult).toMatchObject({ status: 'fulfilled', value: { state: 'intakeHeld' } });
    expect(await workshop1Records(cohortId)).toEqual(list.duos.map((entry) => entry.duoId).sort());

    // The latecomer now expects workshop 1, and is recorded for it on its own, as any duo whose list has gone by.
    await steps.recordAttendance(latecomer, { number: 1 }, bothPresent, by);
    expect(await workshop1Records(cohortId)).toHaveLength(6);
  });
});
