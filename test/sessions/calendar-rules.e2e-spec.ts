import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { aPublicForm, bothPresent, daysFromToday, intake } from '../support/fixtures.js';
import { signedInFormBrowser } from '../support/form-browser.js';
import { letDaysPass } from '../support/time.js';

/**
 * Issue 15: what advisers record must fit the calendar. Each rule refuses over the API with 422
 * and the day that would do, writes nothing, and the pages say it in Dutch beside the field.
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

const historyOf = async (duoId: string) => (await app.client.get(`/api/duos/${duoId}`).expect(200)).body.history as unknown[];

describe("a session planned with one duo (an intake, an advisory meeting)", () => {
  const sessionsOf = async (duoId: string) => (await app.client.get(`/api/duos/${duoId}/sessions`).expect(200)).body as { id: string; date: string; duoId: string | null }[];

  it('is planned and moved to today or later, not to a day that has passed; a refusal changes nothing', async () => {
    const cohort = await app.client.cohort();
    const duo = await app.client.duo(cohort.id, 1);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    const plan = { kind: 'intake', startTime: '10:00', adviser: 'Adviseur Jansen' };

    const yesterday = await app.client.post(`/api/duos/${duo.id}/sessions`, { ...plan, date: daysFromToday(-1) }).expect(422);
    expect(yesterday.body).toMatchObject({
      code: 'DATE_NOT_POSSIBLE',
      params: { field: 'date', given: daysFromToday(-1), earliest: daysFromToday(0) },
      errors: [{ field: 'date' }],
    });
    expect(yesterday.body.detail).toContain('log one that took place as held');
    expect(await sessionsOf(duo.id)).toEqual([]);

    const planned = (await app.client.post(`/api/duos/${duo.id}/sessions`, { ...plan, date: daysFromToday(0) }).expect(201)).body;
    await app.client.put(`/api/duos/${duo.id}/sessions/${planned.id}`, { ...plan, date: daysFromToday(-3) }).expect(422);
    expect((await sessionsOf(duo.id)).map((session) => session.date)).toEqual([daysFromToday(0)]);
    await app.client.put(`/api/duos/${duo.id}/sessions/${planned.id}`, { ...plan, date: daysFromToday(7) }).expect(200);
    expect((await sessionsOf(duo.id)).map((session) => session.date)).toEqual([daysFromToday(7)]);
  });

  it('may lie in the past in an edition entered after it ran', async () => {
    const cohort = (await app.client.post('/api/cohorts', { name: 'Editie 2024', registrationDeadline: daysFromToday(-300), capacity: 6, alreadyRan: true }).expect(201)).body;
    const duo = await app.client.duo(cohort.id, 2);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);

    await app.client.post(`/api/duos/${duo.id}/sessions`, { kind: 'intake', date: daysFromToday(-280), startTime: '10:00', adviser: 'Adviseur Jansen' }).expect(201);
    expect((await sessionsOf(duo.id)).map((session) => session.date)).toEqual([daysFromToday(-280)]);
  });

  it('says on the duo page, beside the date, that the day has passed and where a held conversation goes', async () => {
    const adviser = await app.client.staff('adviser', 1);
    const asAdviser = app.client.as(adviser);
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 3);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const browser = await signedInFormBrowser(server, adviser);
    const page = (await browser.get(`/trajecten/${duo.id}`).expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

    const answer = await browser
      .post(`/trajecten/${duo.id}/bijeenkomsten`, { _csrf: csrf, _key: crypto.randomUUID(), kind: 'intake', date: daysFromToday(-2), startTime: '10:00', adviser: 'Adviseur Jansen' })
      .expect(422);
    expect(answer.text).toMatch(/id="bijeenkomst-date-fout">(<span class="verborgen">Fout: <\/span>)?[^<]* is al voorbij\. Plan het op vandaag \([^)]*\) of later; een gesprek dat al gehouden is, legt u vast bij Vastleggen\./);
    expect(await sessionsOf(duo.id)).toEqual([]);
  });
});

describe('a session logged as held', () => {
  it('is not still to come and not before the duo registered; a refusal writes nothing', async () => {
    const cohort = await app.client.cohort();
    const duo = await app.client.duo(cohort.id, 1);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    const before = await historyOf(duo.id);

    const tomorrow = await app.client.post(`/api/duos/${duo.id}/intake`, { ...intake, heldOn: daysFromToday(1) }).expect(422);
    expect(tomorrow.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'heldOn', latest: daysFromToday(0) }, errors: [{ field: 'heldOn' }] });
    const yesterday = await app.client.post(`/api/duos/${duo.id}/sessions/intake/held`, { ...intake, heldOn: daysFromToday(-1) }).expect(422);
    expect(yesterday.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'heldOn', earliest: daysFromToday(0), after: 'de aanmelding' } });
    expect(await historyOf(duo.id)).toEqual(before);

    await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
  });

  it('follows a never-planned workshop from the day its list was first taken, which a later correction does not move', async () => {
    const cohort = await app.client.startableCohort();
    const duo = await app.client.duo(cohort.id, 9);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance`, bothPresent).expect(201);
    await letDaysPass(app.testApp.app, cohort.id, 10);
    await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance-corrections`, { ...bothPresent, reason: 'Namen aangevuld' }).expect(201);

    const before = await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, { heldOn: daysFromToday(-11), adviser: 'A' }).expect(422);
    expect(before.body.params).toMatchObject({ earliest: daysFromToday(-10), after: 'werkatelier 1' });
    await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, { heldOn: daysFromToday(-5), adviser: 'A' }).expect(201);
  });

  it('is refused on the duo page with the day that would do, beside the field', async () => {
    const adviser = await app.client.staff('adviser', 1);
    const asAdviser = app.client.as(adviser);
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 2);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const browser = await signedInFormBrowser(server, adviser);
    const page = (await browser.get(`/trajecten/${duo.id}`).expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const version = /name="_version" value="(\d+)"/.exec(page)?.[1] ?? '';

    const refused = await browser.post(`/trajecten/${duo.id}/gesprekken/intake`, {
      _csrf: csrf,
      _version: version,
      heldOn: daysFromToday(3),
      adviser: adviser.name,
      location: 'Stadskantoor',
      notes: '',
    });
    expect(refused.status).toBe(422);
    const beside = /id="gesprek-intake-heldOn-fout">(?:<span class="verborgen">Fout: <\/span>)?([^<]*)</.exec(refused.text)?.[1] ?? '';
    expect(beside).toMatch(/moet nog komen\. Vul de dag in waarop het gehouden is, uiterlijk vandaag/);
    expect(refused.text).toContain(`value="${daysFromToday(3)}"`);
  });
});

describe('an edition session', () => {
  it('is planned after the registration deadline and in order, and its list is taken from its start on', async () => {
    const cohort = await app.client.cohort({ registrationDeadline: daysFromToday(10) });
    const plan = (n: number, date: string, startTime = '13:30') => app.client.http.put(`/api/cohorts/${cohort.id}/workshops/${n}`).send({ date, startTime });

    expect((await plan(1, daysFromToday(10)).expect(422)).body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'date', earliest: daysFromToday(11) } });
    await plan(1, daysFromToday(20)).expect(200);
    expect((await plan(2, daysFromToday(15)).expect(422)).body).toMatchObject({ params: { after: 'werkatelier 1', earliest: daysFromToday(20) } });
    await plan(2, daysFromToday(40)).expect(200);
    // Moving workshop 1 past workshop 2 is refused, and it stays where it was.
    expect((await plan(1, daysFromToday(41)).expect(422)).body).toMatchObject({ params: { before: 'werkatelier 2', latest: daysFromToday(40) } });
    const planned = (await app.client.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body as { kind: string; date: string }[];
    expect(planned.map((session) => [session.kind, session.date])).toEqual([['workshop1', daysFromToday(20)], ['workshop2', daysFromToday(40)]]);

    const duo = await app.client.duo(cohort.id, 3);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    // The cohort needs five admitted duos to start; the factory gives the others (test/support/factories.ts) only to a new cohort, so admit four more here.
    for (let n = 4; n <= 7; n++) {
      const other = await app.client.duo(cohort.id, n);
      await app.client.post(`/api/duos/${other.id}/admission`).expect(201);
      await app.client.post(`/api/duos/${other.id}/intake`, intake).expect(201);
    }
    const early = await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance`, bothPresent).expect(422);
    expect(early.body).toMatchObject({ code: 'SESSION_NOT_STARTED', params: { session: 'werkatelier 1' } });

    await letDaysPass(app.testApp.app, cohort.id, 21);
    await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance`, bothPresent).expect(201);
    // Its list is taken: it cannot be moved to after that.
    const moved = await plan(1, daysFromToday(5)).expect(422);
    expect(moved.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'date', latest: daysFromToday(0), before: 'de presentielijst' } });
  });

  it('warns of a weekend or a time outside 07:00 to 22:00, without refusing it', async () => {
    const cohort = await app.client.cohort({ registrationDeadline: daysFromToday(10) });
    const saturday = [...Array(7).keys()].map((offset) => daysFromToday(20 + offset)).find((day) => new Date(`${day}T12:00:00Z`).getUTCDay() === 6) as string;
    const planned = await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: saturday, startTime: '06:30' }).expect(200);
    expect(planned.body.warnings).toEqual(['weekend', 'lateOrEarly']);
  });
});

describe('an edition', () => {
  it('is changed under the rules of a new one: places taken, the first session, its optional sessions once duos registered', async () => {
    const cohort = await app.client.cohort({ registrationDeadline: daysFromToday(10), capacity: 6, workshop3Planned: true });
    await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: daysFromToday(20), startTime: '13:30' }).expect(200);
    for (let n = 1; n <= 6; n++) await app.client.post(`/api/duos/${(await app.client.duo(cohort.id, n)).id}/admission`).expect(201);
    const patch = (body: object) => app.client.http.patch(`/api/cohorts/${cohort.id}`).send(body);

    expect((await patch({ capacity: 5 }).expect(422)).body).toMatchObject({ code: 'CAPACITY_BELOW_PLACES_TAKEN', params: { capacity: 5, placesTaken: 6 }, errors: [{ field: 'capacity' }] });
    for (const field of ['name', 'registrationDeadline', 'capacity', 'workshop3Planned', 'location']) {
      expect({ field, status: (await patch({ [field]: null })).status }).toEqual({ field, status: 400 });
    }
    expect((await patch({ registrationDeadline: daysFromToday(20) }).expect(422)).body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'registrationDeadline', latest: daysFromToday(19) } });
    expect((await patch({ registrationDeadline: daysFromToday(-1) }).expect(422)).body).toMatchObject({ params: { field: 'registrationDeadline', earliest: daysFromToday(0) } });
    expect((await patch({ workshop3Planned: false }).expect(422)).body).toMatchObject({ code: 'OPTIONAL_SESSIONS_FIXED' });

    const changed = await patch({ name: 'Werkateliers najaar', capacity: 8, registrationDeadline: daysFromToday(12), workshop3Planned: true }).expect(200);
    expect(changed.body).toMatchObject({ name: 'Werkateliers najaar', capacity: 8, registrationDeadline: daysFromToday(12), placesTaken: 6 });
    const [audit] = await app.testApp.app.get(DataSource).query("SELECT details FROM audit_log WHERE action = 'cohort.updated' AND subject_id = $1", [cohort.id]);
    expect(audit.details).toEqual({
      before: { name: 'Werkateliers outcome', capacity: 6, registrationDeadline: daysFromToday(10) },
      after: { name: 'Werkateliers najaar', capacity: 8, registrationDeadline: daysFromToday(12) },
    });
  });

  it('keeps its optional sessions while one of them is planned', async () => {
    const cohort = await app.client.cohort({ registrationDeadline: daysFromToday(10), workshop3Planned: true });
    await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/3`).send({ date: daysFromToday(90), startTime: '13:30' }).expect(200);
    const refused = await app.client.http.patch(`/api/cohorts/${cohort.id}`).send({ workshop3Planned: false }).expect(422);
    expect(refused.body).toMatchObject({ code: 'OPTIONAL_SESSIONS_FIXED', params: { duosRegistered: 0, planned: true } });
  });

  it('that already ran is entered afterwards: advisers register its duos after the deadline and log what happened before', async () => {
    const cohort = (await app.client.post('/api/cohorts', { name: 'Editie 2025', registrationDeadline: daysFromToday(-200), capacity: 6, alreadyRan: true }).expect(201)).body;
    expect(cohort).toMatchObject({ enteredAfterwards: true });
    await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: daysFromToday(-150), startTime: '13:30' }).expect(200);
    const duo = await app.client.duo(cohort.id, 1);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await app.client.post(`/api/duos/${duo.id}/intake`, { ...intake, heldOn: daysFromToday(-170) }).expect(201);
    // The public form stays closed after the deadline.
    expect((await app.client.as().post(`/api/cohorts/${cohort.id}/registrations`, aPublicForm(2)).expect(422)).body.code).toBe('REGISTRATION_CLOSED');
    // An open edition keeps the registration day as the earliest day of a held session.
    const open = await app.client.cohort();
    const other = await app.client.duo(open.id, 3);
    await app.client.post(`/api/duos/${other.id}/admission`).expect(201);
    expect((await app.client.post(`/api/duos/${other.id}/intake`, { ...intake, heldOn: daysFromToday(-170) }).expect(422)).body.params).toMatchObject({ after: 'de aanmelding' });
  });

  it('is changed on its page, with the reason beside the field when it cannot', async () => {
    const adviser = await app.client.staff('adviser', 2);
    const asAdviser = app.client.as(adviser);
    const cohort = await asAdviser.cohort({ capacity: 5 });
    const duo = await asAdviser.duo(cohort.id, 1);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const browser = await signedInFormBrowser(server, adviser);
    const page = (await browser.get(`/edities/${cohort.id}`).expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    // What the form showed, as it sends it back with the fields.
    const originals = Object.fromEntries([...page.matchAll(/name="vorig\.([^"]+)" value="([^"]*)"/g)].map(([, field, value]) => [`vorig.${field}`, value]));
    const fields = { _csrf: csrf, ...originals, name: 'Hernoemd', description: '', location: 'Zwolle', registrationDeadline: daysFromToday(60), capacity: '5' };
    // A colleague changes the capacity meanwhile; this page did not touch it, so it stays as the colleague left it.
    await asAdviser.http.patch(`/api/cohorts/${cohort.id}`).send({ capacity: 7 }).expect(200);

    const saved = await browser.post(`/edities/${cohort.id}/wijzigen`, fields).expect(303);
    expect(saved.headers.location).toMatch(new RegExp(`^/edities/${cohort.id}\\?opgeslagen=wijzigen`));
    expect((await asAdviser.get(`/api/cohorts/${cohort.id}`).expect(200)).body).toMatchObject({ name: 'Hernoemd', location: 'Zwolle', capacity: 7, workshop3Planned: true });
    expect(originals).toMatchObject({ 'vorig.name': 'Werkateliers outcome', 'vorig.capacity': '5' });

    const past = await browser.post(`/edities/${cohort.id}/wijzigen`, { ...fields, registrationDeadline: daysFromToday(-3) });
    expect(past.status).toBe(422);
    expect(/id="wijzigen-registrationDeadline-fout">(?:<span class="verborgen">Fout: <\/span>)?([^<]*)</.exec(past.text)?.[1]).toMatch(/is al voorbij: het aanmeldformulier zou meteen dicht zijn/);
    const alreadyRan = await browser.post(`/edities/${cohort.id}/wijzigen`, { ...fields, registrationDeadline: daysFromToday(-3), alreadyRan: 'ja' });
    expect(alreadyRan.status).toBe(303);
  });
});
