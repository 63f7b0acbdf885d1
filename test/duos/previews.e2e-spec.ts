import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { bothPresent, figures, improvementActions, intake, municipalityExcused, otherMeans, providerAbsent, story } from '../support/fixtures.js';

/**
 * Consequences before they happen: every change that can drop a duo out, end a trajectory, give a
 * place back or freeze a cycle answers ?preview=true with what it would do, and writes nothing.
 */
const app = useTestApp();

/** What a preview must leave as it was: every duo row, the event logs, attendance, keys, mail, cycles. */
async function everything() {
  const db = app.testApp.app.get(DataSource);
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  return {
    duos: await db.query('SELECT id, state, version, holds_place FROM duos ORDER BY id'),
    events: await count('duo_events'),
    attendance: await count('session_attendance'),
    keys: await count('idempotency_keys'),
    outbox: await count('outbox'),
    compassEvents: await count('compass_events'),
    frozenReports: await count('frozen_reports'),
    cycles: await db.query('SELECT duo_id, number, closed_at FROM cycles ORDER BY duo_id, number'),
  };
}

/** Five admitted duos with their intake held, ready for the list of workshop 1. */
async function cohortAtWorkshop1(capacity = 8) {
  const cohort = await app.client.cohort({ capacity });
  const duos = [];
  for (let n = 1; n <= 5; n++) {
    const duo = await app.client.duo(cohort.id, n);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    duos.push(duo);
  }
  return { cohort, duos };
}

const listWith = (duos: { id: string }[], absent: number) => ({ duos: duos.map((duo, i) => ({ duoId: duo.id, ...(i === absent ? providerAbsent : bothPresent) })) });

describe('a preview of the attendance list', () => {
  it('says which duo drops out, changes nothing and leaves its Idempotency-Key unused', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const before = await everything();
    const preview = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance?preview=true`, listWith(duos, 0), { 'Idempotency-Key': 'lijst-1' }).expect(200);
    expect(preview.body).toEqual({
      preview: true,
      duos: expect.arrayContaining(duos.map((duo) => expect.objectContaining({ duoId: duo.id, event: 'RECORD_WORKSHOP_1_ATTENDANCE', from: 'intakeHeld' }))),
      cycles: [],
    });
    expect(preview.body.duos.filter((duo: { dropsOut: boolean }) => duo.dropsOut)).toEqual([
      { duoId: duos[0].id, municipality: 'Gemeente Voorbeeld 1', provider: 'Stichting Buurtwerk 1', event: 'RECORD_WORKSHOP_1_ATTENDANCE', from: 'intakeHeld', to: 'droppedOut', dropsOut: true, returns: false, movesUp: false, givesPlaceBack: false },
    ]);
    expect(await everything()).toEqual(before);

    const saved = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, listWith(duos, 0), { 'Idempotency-Key': 'lijst-1' }).expect(201);
    expect(saved.body.notMeetingObligation).toEqual([duos[0].id]);
  });

  it('answers the session-keyed route too, and a refusal is a refusal either way', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const preview = await app.client.post(`/api/cohorts/${cohort.id}/sessions/workshop1/attendance?preview=true`, listWith(duos, -1)).expect(200);
    expect(preview.body.duos.map((duo: { to: string }) => duo.to)).toEqual(Array(5).fill('workshop1Attended'));
    const incomplete = { duos: listWith(duos, -1).duos.slice(1) };
    const refused = await app.client.post(`/api/cohorts/${cohort.id}/sessions/workshop1/attendance?preview=true`, incomplete).expect(422);
    expect(refused.body.code).toBe('ATTENDANCE_LIST_INCOMPLETE');
  });

  it('takes only true or false', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const refused = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance?preview=yes`, listWith(duos, -1)).expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'preview' })] });
    await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance?preview=false`, listWith(duos, -1)).expect(201);
  });
});

describe('a preview of a correction', () => {
  it('says that it undoes a drop-out, and changes nothing', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, listWith(duos, 0)).expect(201);
    const before = await everything();
    const preview = await app.client
      .post(`/api/duos/${duos[0].id}/workshops/1/attendance-corrections?preview=true`, { ...municipalityExcused, reason: 'Afmelding kwam per mail' })
      .expect(200);
    expect(preview.body.duos).toEqual([expect.objectContaining({ duoId: duos[0].id, from: 'droppedOut', to: 'workshop1Attended', returns: true, dropsOut: false })]);
    expect(await everything()).toEqual(before);
    const wrong = await app.client.post(`/api/duos/${duos[1].id}/sessions/workshop1/attendance-corrections?preview=true`, { ...providerAbsent, reason: 'Vergissing' }).expect(200);
    expect(wrong.body.duos).toEqual([expect.objectContaining({ duoId: duos[1].id, to: 'droppedOut', dropsOut: true })]);
  });
});

describe('a preview of completing and withdrawing', () => {
  it('says the trajectory ends, and changes nothing', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    for (const workshop of [1, 2, 3]) await app.client.post(`/api/cohorts/${cohort.id}/workshops/${workshop}/attendance`, listWith(duos, -1)).expect(201);
    const before = await everything();
    const preview = await app.client.post(`/api/duos/${duos[0].id}/completion?preview=true`, undefined, { 'Idempotency-Key': 'afronden-1' }).expect(200);
    expect(preview.body).toEqual({ preview: true, duos: [expect.objectContaining({ duoId: duos[0].id, event: 'COMPLETE', to: 'completed' })], cycles: [] });
    expect(await everything()).toEqual(before);
    expect((await app.client.post(`/api/duos/${duos[0].id}/completion`, undefined, { 'Idempotency-Key': 'afronden-1' }).expect(201)).body.state).toBe('completed');
    expect((await app.client.post(`/api/duos/${duos[0].id}/completion?preview=true`).expect(422)).body.code).toBe('TRAJECTORY_ENDED');
  });

  it('says who moves up from the waiting list into the place given back, and changes nothing', async () => {
    const { cohort, duos } = await cohortAtWorkshop1(5);
    const waiting = await app.client.duo(cohort.id, 6);
    expect((await app.client.post(`/api/duos/${waiting.id}/admission`).expect(201)).body.state).toBe('waitingList');
    const before = await everything();
    const preview = await app.client.post(`/api/duos/${duos[2].id}/withdrawal?preview=true`, { reason: 'Geen tijd' }).expect(200);
    expect(preview.body.duos).toEqual([
      expect.objectContaining({ duoId: duos[2].id, event: 'WITHDRAW', to: 'withdrawn', givesPlaceBack: true, movesUp: false }),
      expect.objectContaining({ duoId: waiting.id, event: 'ADMIT', from: 'waitingList', to: 'admitted', movesUp: true }),
    ]);
    expect(await everything()).toEqual(before);
  });
});

describe('a preview of closing a cycle', () => {
  it('says which cycle is frozen, and freezes nothing', async () => {
    const adviser = await app.client.staff('adviser', 2);
    const asAdviser = app.client.as(adviser);
    const { duo, asParticipant } = await asAdviser.admittedDuoWithParticipant();
    await asParticipant.post(`/api/duos/${duo.id}/evidence`, otherMeans(0, { perspective: 'municipality' })).expect(201);
    for (const step of [1, 2, 3, 4, 5]) await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(step)).expect(201);
    await asParticipant.post(`/api/duos/${duo.id}/evidence`, story(6)).expect(201);
    await asParticipant.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
    const before = await everything();
    const preview = await asAdviser.post(`/api/duos/${duo.id}/cycles/1/closure?preview=true`).expect(200);
    expect(preview.body).toEqual({ preview: true, duos: [], cycles: [{ duoId: duo.id, cycle: 1, nextCycle: 2 }] });
    expect(await everything()).toEqual(before);
    await asAdviser.get(`/api/duos/${duo.id}/cycles/1/frozen-report`).expect(404);
    expect((await asAdviser.get(`/api/duos/${duo.id}/cycles`).expect(200)).body).toEqual([expect.objectContaining({ number: 1, open: true })]);
  });
});
