import { useTestApp } from '../support/api.js';
import { bothPresent, intake, municipalityExcused, providerAbsent } from '../support/fixtures.js';

const app = useTestApp();

/** A cohort of `size` admitted duos, each with its intake held, made by `client` (the admin unless told). */
async function cohortAtWorkshop1(size = 5, client = app.client) {
  const cohort = await client.cohort();
  const duos = [];
  for (let n = 1; n <= size; n++) {
    const duo = await client.duo(cohort.id, n);
    await client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    duos.push(duo);
  }
  return { cohort, duos };
}

const versions = async (ids: string[]) => Promise.all(ids.map(async (id) => (await app.client.get(`/api/duos/${id}`).expect(200)).body.version));

describe('the attendance list of a workshop', () => {
  it('records every duo of the cohort at once, and the overview shows who no longer meets the obligation', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const list = {
      duos: duos.map((duo, i) => ({ duoId: duo.id, ...(i === 0 ? providerAbsent : i === 1 ? municipalityExcused : bothPresent) })),
    };
    const overview = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, list).expect(201);
    expect(overview.body.notMeetingObligation).toEqual([duos[0].id]);
    const byDuo = Object.fromEntries(overview.body.duos.map((duo: { duoId: string }) => [duo.duoId, duo]));
    expect(byDuo[duos[0].id]).toMatchObject({ state: 'droppedOut', meetsObligation: false, workshops: { 1: { municipality: 'present', provider: 'absent', met: false, corrected: false } } });
    expect(byDuo[duos[1].id]).toMatchObject({ state: 'workshop1Attended', meetsObligation: true, workshops: { 1: { municipality: 'excused', provider: 'present', met: true } } });
    expect((await app.client.get(`/api/cohorts/${cohort.id}/attendance`).expect(200)).body).toEqual(overview.body);
  });

  it('records nothing when one duo on it refuses, and names that duo', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const late = await app.client.duo(cohort.id, 6);
    await app.client.post(`/api/duos/${late.id}/admission`).expect(201);
    const before = await versions([...duos, late].map((duo) => duo.id));
    const list = { duos: [...duos, late].map((duo) => ({ duoId: duo.id, ...bothPresent })) };
    const refused = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, list).expect(422);
    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_EXPECTED', detail: expect.stringContaining('Gemeente Voorbeeld 6 / Stichting Buurtwerk 6') });
    expect(await versions([...duos, late].map((duo) => duo.id))).toEqual(before);
  });

  it('refuses a list that leaves out a duo expected at the workshop, and takes ids in any case', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const partial = { duos: duos.slice(1).map((duo) => ({ duoId: duo.id.toUpperCase(), ...bothPresent })) };
    const refused = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, partial).expect(422);
    expect(refused.body).toMatchObject({ code: 'ATTENDANCE_LIST_INCOMPLETE', detail: expect.stringContaining('Gemeente Voorbeeld 1 / Stichting Buurtwerk 1') });
    const complete = { duos: duos.map((duo) => ({ duoId: duo.id.toUpperCase(), ...bothPresent })) };
    await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, complete).expect(201);
  });

  it('records nothing for a duo of another cohort', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    const stranger = await app.client.duo((await app.client.cohort()).id, 9);
    const list = { duos: [...duos, stranger].map((duo) => ({ duoId: duo.id, ...bothPresent })) };
    const refused = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, list).expect(404);
    expect(refused.body.code).toBe('DUO_NOT_FOUND');
    expect((await app.client.get(`/api/duos/${duos[0].id}`).expect(200)).body.state).toBe('intakeHeld');
  });

  it('cannot start a cohort of fewer than 5 duos, and says why', async () => {
    const { cohort, duos } = await cohortAtWorkshop1(4);
    const refused = await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: duos.map((duo) => ({ duoId: duo.id, ...bothPresent })) }).expect(422);
    expect(refused.body).toMatchObject({ code: 'COHORT_BELOW_MINIMUM', detail: expect.stringContaining('has 4 admitted duos; it needs at least 5') });
    expect((await app.client.get(`/api/cohorts/${cohort.id}`).expect(200)).body).toMatchObject({ placesTaken: 4, minimum: 5, canStart: false });
  });
});

describe('a correction of attendance', () => {
  it('replaces what was recorded, keeps the earlier record in the history, and can undo a drop-out', async () => {
    const { cohort, duos } = await cohortAtWorkshop1();
    await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: duos.map((duo, i) => ({ duoId: duo.id, ...(i === 0 ? providerAbsent : bothPresent) })) }).expect(201);
    const corrected = await app.client
      .post(`/api/duos/${duos[0].id}/workshops/1/attendance-corrections`, { ...municipalityExcused, reason: 'De afmelding van de gemeente kwam per mail' })
      .expect(201);
    expect(corrected.body.state).toBe('workshop1Attended');
    expect(corrected.body.history.slice(-2).map((e: { type: string }) => e.type)).toEqual(['RECORD_WORKSHOP_1_ATTENDANCE', 'CORRECT_ATTENDANCE']);
    expect(corrected.body.history.at(-2).payload.attendance).toEqual(providerAbsent);
    const overview = (await app.client.get(`/api/cohorts/${cohort.id}/attendance`).expect(200)).body;
    expect(overview.notMeetingObligation).toEqual([]);
    expect(overview.duos.find((duo: { duoId: string }) => duo.duoId === duos[0].id).workshops[1]).toMatchObject({ municipality: 'excused', corrected: true, met: true });
  });

  it('starts from what the overview gives back: changing one side keeps the other side\'s excuse, and the overview names who corrected it', async () => {
    const adviser = await app.client.staff('adviser', 1);
    const asAdviser = app.client.as(adviser);
    const { cohort, duos } = await cohortAtWorkshop1(5, asAdviser);
    const taken = { ...municipalityExcused, provider: { status: 'present', attendees: ['Sanne de Wit', 'Omar Haddou'] } };
    await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: duos.map((duo, i) => ({ duoId: duo.id, ...(i === 0 ? taken : bothPresent) })) }).expect(201);
    const recordOf = async () =>
      (await asAdviser.get(`/api/cohorts/${cohort.id}/attendance`).expect(200)).body.duos.find((duo: { duoId: string }) => duo.duoId === duos[0].id).sessions.workshop1;

    const recorded = await recordOf();
    expect(recorded).toMatchObject({ recordedBy: app.testApp.admin.name, corrected: false, attendance: taken });
    expect(Date.parse(recorded.recordedAt)).toBeGreaterThan(Date.now() - 60_000);

    await asAdviser
      .post(`/api/duos/${duos[0].id}/sessions/workshop1/attendance-corrections`, { ...recorded.attendance, provider: { status: 'absent' }, reason: 'De uitvoerder was er niet; de namen hoorden bij een ander duo' })
      .expect(201);

    const corrected = await recordOf();
    expect(corrected).toMatchObject({ recordedBy: adviser.name, corrected: true, municipality: 'excused', provider: 'absent', met: false });
    expect(corrected.attendance).toEqual({ municipality: municipalityExcused.municipality, provider: { status: 'absent' } });
    expect(corrected.excuses).toEqual([{ side: 'municipality', reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' }]);
  });

  it('is refused for a workshop that was not recorded', async () => {
    const { duos } = await cohortAtWorkshop1();
    const refused = await app.client.post(`/api/duos/${duos[0].id}/workshops/1/attendance-corrections`, { ...bothPresent, reason: 'x' }).expect(422);
    expect(refused.body.code).toBe('EVENT_NOT_EXPECTED');
  });
});
