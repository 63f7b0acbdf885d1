import { aCohort, aDuo, aPublicForm, advisoryMeeting, daysFromToday, bothPresent, intake, municipalityExcused, providerAbsent } from '../support/fixtures.js';
import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';

const app = useTestApp();


async function duoAfterWorkshop1() {
  const cohort = await app.client.startableCohort();
  const duo = await app.client.duo(cohort.id);
  await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
  await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
  await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance`, bothPresent).expect(201);
  return duo;
}

describe('a duo through the whole trajectory over HTTP', () => {
  it('goes from registration to completed, and its next step leads it there', async () => {
    const cohort = await app.client.startableCohort({ workshop3Planned: true });
    const duo = await app.client.duo(cohort.id);
    const step = async () => (await app.client.get(`/api/duos/${duo.id}/next-step`).expect(200)).body;

    expect(await step()).toMatchObject({ state: 'registered', next: { event: 'ADMIT' }, advisoryMeetingsRemaining: 2 });
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    expect((await step()).next).toEqual({ event: 'HOLD_INTAKE', description: 'the intake conversation', session: 'intake' });
    await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    expect((await step()).next.event).toBe('RECORD_WORKSHOP_1_ATTENDANCE');
    await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance`, municipalityExcused).expect(201);
    await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting).expect(201);
    expect(await step()).toMatchObject({ next: { event: 'RECORD_WORKSHOP_2_ATTENDANCE' }, advisoryMeetingsRemaining: 1 });
    await app.client.post(`/api/duos/${duo.id}/workshops/2/attendance`, bothPresent).expect(201);
    expect((await step()).next.event).toBe('RECORD_WORKSHOP_3_ATTENDANCE');
    await app.client.post(`/api/duos/${duo.id}/workshops/3/attendance`, bothPresent).expect(201);
    const completed = await app.client.post(`/api/duos/${duo.id}/completion`).expect(201);

    expect(completed.body).toMatchObject({
      state: 'completed',
      version: 8,
      nextStep: { state: 'completed', next: null, outcome: 'completed', canStillComplete: true },
    });
    const read = await app.client.get(`/api/duos/${duo.id}`).expect(200);
    expect(read.body.history.map((event: { type: string }) => event.type)).toEqual([
      'REGISTERED',
      'ADMIT',
      'HOLD_INTAKE',
      'RECORD_WORKSHOP_1_ATTENDANCE',
      'HOLD_ADVISORY_MEETING',
      'RECORD_WORKSHOP_2_ATTENDANCE',
      'RECORD_WORKSHOP_3_ATTENDANCE',
      'COMPLETE',
    ]);
    expect(read.body.history[3]).toMatchObject({
      actor: 'Beheerder Test',
      actorId: app.testApp.admin.id,
      payload: { attendance: municipalityExcused },
    });
    const listed = await app.client.get(`/api/cohorts/${cohort.id}/duos`).expect(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ id: duo.id, state: 'completed', advisoryMeetingsHeld: 1 }));
  });

  it('drops out when a side misses workshop 2 without excuse, and then accepts nothing more', async () => {
    const duo = await duoAfterWorkshop1();
    const dropped = await app.client.post(`/api/duos/${duo.id}/workshops/2/attendance`, providerAbsent).expect(201);
    expect(dropped.body).toMatchObject({
      state: 'droppedOut',
      nextStep: { outcome: 'droppedOut', canStillComplete: false, next: null, advisoryMeetingsRemaining: 0 },
    });
    const refused = await app.client.post(`/api/duos/${duo.id}/withdrawal`, { reason: 'te laat' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'TRAJECTORY_ENDED', status: 422 });
  });

  it('refuses a third advisory meeting with 422 and says why', async () => {
    const duo = await duoAfterWorkshop1();
    await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting).expect(201);
    await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting).expect(201);
    const third = await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting).expect(422);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.body).toMatchObject({
      type: 'urn:trajectkompas:problem:advisory-limit-reached',
      status: 422,
      code: 'ADVISORY_LIMIT_REACHED',
      detail:
        'This duo has had 2 advisory meetings, the most a duo can have (2). Where the duo stands: attended workshop 1, awaiting ' +
        'workshop 2. It expects next: attendance at workshop 2 (RECORD_WORKSHOP_2_ATTENDANCE), a correction of recorded ' +
        'attendance (CORRECT_ATTENDANCE), withdrawal (WITHDRAW).',
      params: { held: 2, limit: 2, session: 'advisoryMeeting', state: 'workshop1Attended', expected: ['RECORD_WORKSHOP_2_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW'] },
      instance: `/api/duos/${duo.id}/advisory-meetings`,
    });
    expect((await app.client.get(`/api/duos/${duo.id}`)).body.advisoryMeetingsHeld).toBe(2);
  });

  it('refuses an event out of order, naming the step the duo is at and what it expects', async () => {
    const cohort = await app.client.cohort();
    const duo = await app.client.duo(cohort.id);
    const refused = await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(422);
    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_EXPECTED' });
    expect(refused.body.detail).toContain('registered, awaiting admission');
    expect(refused.body.detail).toContain('admission to the cohort (ADMIT)');
  });

  it('replays a retried advisory meeting instead of recording it twice', async () => {
    const duo = await duoAfterWorkshop1();
    const key = { 'Idempotency-Key': 'meeting-2019-05-28' };
    const first = await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting, key).expect(201);
    const retry = await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting, key).expect(201);
    expect(retry.text).toBe(first.text);
    expect((await app.client.get(`/api/duos/${duo.id}`)).body.advisoryMeetingsHeld).toBe(1);
    const [stored] = await app.testApp.app.get(DataSource).query('SELECT scope FROM idempotency_keys WHERE key = $1', ['meeting-2019-05-28']);
    expect(stored.scope).toBe(`duos/${duo.id}/HOLD_ADVISORY_MEETING`);
  });

  it('logs sessions sent by session key under the event types and payloads of version 1, and keeps their Idempotency-Key scopes', async () => {
    const cohort = await app.client.startableCohort();
    const duo = await app.client.duo(cohort.id);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await app.client.post(`/api/duos/${duo.id}/intake`, intake, { 'Idempotency-Key': 'intake-by-session' }).expect(201);
    await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance`, bothPresent).expect(201);
    const correction = { ...providerAbsent, reason: 'verkeerd genoteerd' };
    await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance-corrections`, correction, { 'Idempotency-Key': 'correction-by-session' }).expect(201);

    const history = (await app.client.get(`/api/duos/${duo.id}`).expect(200)).body.history.slice(2);
    expect(history.map((event: { type: string; payload: object }) => ({ type: event.type, payload: event.payload }))).toEqual([
      { type: 'HOLD_INTAKE', payload: intake },
      { type: 'RECORD_WORKSHOP_1_ATTENDANCE', payload: { attendance: bothPresent } },
      { type: 'CORRECT_ATTENDANCE', payload: { workshop: 1, attendance: providerAbsent, reason: 'verkeerd genoteerd' } },
    ]);
    const scopes = await app.testApp.app
      .get(DataSource)
      .query(`SELECT key, scope FROM idempotency_keys WHERE key IN ('intake-by-session', 'correction-by-session') ORDER BY key`);
    expect(scopes).toEqual([
      { key: 'correction-by-session', scope: `duos/${duo.id}/CORRECT_ATTENDANCE` },
      { key: 'intake-by-session', scope: `duos/${duo.id}/HOLD_INTAKE` },
    ]);
  });

  it('replays a retried attendance record, under the scope its key had before attendance was routed by session', async () => {
    const duo = await duoAfterWorkshop1();
    const key = { 'Idempotency-Key': 'werkatelier-2-duo' };
    const first = await app.client.post(`/api/duos/${duo.id}/workshops/2/attendance`, bothPresent, key).expect(201);
    const retry = await app.client.post(`/api/duos/${duo.id}/workshops/2/attendance`, bothPresent, key).expect(201);
    expect(retry.text).toBe(first.text);
    const [stored] = await app.testApp.app.get(DataSource).query('SELECT scope FROM idempotency_keys WHERE key = $1', ['werkatelier-2-duo']);
    expect(stored.scope).toBe(`duos/${duo.id}/RECORD_WORKSHOP_2_ATTENDANCE`);
  });

  it('creates a cohort once however often the same request is retried', async () => {
    const key = { 'Idempotency-Key': 'editie-2019' };
    const first = await app.client.post('/api/cohorts', aCohort({ name: 'Editie met retry' }), key).expect(201);
    const retry = await app.client.post('/api/cohorts', aCohort({ name: 'Editie met retry' }), key).expect(201);
    expect(retry.body).toEqual(first.body);
    const named = (await app.client.get('/api/cohorts').expect(200)).body.filter((c: { name: string }) => c.name === 'Editie met retry');
    expect(named).toHaveLength(1);
  });

  it('takes a registration through the public form, with the obligation accepted, and no account', async () => {
    const cohort = await app.client.cohort({ name: 'Werkateliers 2027', location: 'Utrecht', description: 'Twee werkateliers' });
    const anonymous = app.client.as();
    const info = await anonymous.get(`/api/cohorts/${cohort.id}/registration`).expect(200);
    expect(info.body).toMatchObject({ name: 'Werkateliers 2027', location: 'Utrecht', open: true, obligation: expect.stringContaining('niet vrijblijvend') });

    const form = aPublicForm(4);
    const refused = await anonymous.post(`/api/cohorts/${cohort.id}/registrations`, { ...form, acceptsAttendanceObligation: false }).expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'acceptsAttendanceObligation' });

    const receipt = await anonymous.post(`/api/cohorts/${cohort.id}/registrations`, form).expect(201);
    expect(receipt.body).toEqual({
      duoId: expect.any(String),
      municipality: 'Gemeente Voorbeeld 4',
      provider: 'Stichting Buurtwerk 4',
      registeredAt: expect.any(String),
      nextStep: expect.stringContaining('waiting list'),
    });
    const duo = (await app.client.get(`/api/duos/${receipt.body.duoId}`).expect(200)).body;
    expect(duo.contactPersons).toEqual([
      { id: expect.any(String), version: 1, side: 'municipality', ...form.municipalityContact },
      { id: expect.any(String), version: 1, side: 'provider', ...form.providerContact },
    ]);
    expect(duo.history[0]).toMatchObject({ type: 'REGISTERED', actor: 'registration form', actorId: null, payload: { obligationAccepted: true } });
    expect((await anonymous.post(`/api/cohorts/${cohort.id}/registrations`, form).expect(409)).body.code).toBe('DUO_ALREADY_REGISTERED');
  });

  it('refuses a registration after the deadline with 422 and the date it closed', async () => {
    // A new edition's deadline lies ahead, unless the adviser enters an edition that already ran.
    const refused = await app.client.post('/api/cohorts', aCohort({ registrationDeadline: daysFromToday(-1) })).expect(422);
    expect(refused.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'registrationDeadline', earliest: daysFromToday(0) }, errors: [{ field: 'registrationDeadline' }] });
    const closed = await app.client.cohort({ registrationDeadline: daysFromToday(-1), alreadyRan: true });
    expect((await app.client.as().get(`/api/cohorts/${closed.id}/registration`).expect(200)).body.open).toBe(false);
    const late = await app.client.as().post(`/api/cohorts/${closed.id}/registrations`, aPublicForm(1)).expect(422);
    expect(late.body).toMatchObject({ code: 'REGISTRATION_CLOSED', detail: expect.stringContaining(daysFromToday(-1)) });
    const lastDay = await app.client.cohort({ registrationDeadline: daysFromToday(0) });
    await app.client.post(`/api/cohorts/${lastDay.id}/duos`, aDuo(1)).expect(201);
  });

  it('replays a retry whose body lists the same fields in another order', async () => {
    const duo = await duoAfterWorkshop1();
    const key = { 'Idempotency-Key': 'reordered' };
    const first = await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, { heldOn: daysFromToday(0), adviser: 'A' }, key).expect(201);
    const retry = await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, { adviser: 'A', heldOn: daysFromToday(0) }, key).expect(201);
    expect(retry.text).toBe(first.text);
  });

  it('refuses with 409 a change on a version the client no longer sees', async () => {
    const duo = await duoAfterWorkshop1();
    const conflict = await app.client
      .post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting, { 'If-Match': `"${duo.version}"` })
      .expect(409);
    expect(conflict.body).toMatchObject({ code: 'VERSION_CONFLICT' });
    await app.client.post(`/api/duos/${duo.id}/advisory-meetings`, advisoryMeeting, { 'If-Match': '"4"' }).expect(201);
  });

  it('refuses a registration that gives two contact persons one address (in any case), and registers nothing', async () => {
    const cohort = await app.client.cohort();
    const [municipality, provider] = aDuo(8).contactPersons;
    const shared = { ...provider, email: municipality.email.toUpperCase() };
    const byAdviser = await app.client.post(`/api/cohorts/${cohort.id}/duos`, aDuo(8, { contactPersons: [municipality, shared] })).expect(422);
    expect(byAdviser.body).toMatchObject({
      code: 'CONTACT_ADDRESS_REPEATED',
      params: { email: shared.email, field: 'contactPersons.1.email' },
      errors: [{ field: 'contactPersons.1.email', message: expect.stringContaining('an address of their own') }],
    });

    const form = aPublicForm(8);
    const publicly = await app.client
      .as()
      .post(`/api/cohorts/${cohort.id}/registrations`, { ...form, providerContact: { ...form.providerContact, email: form.municipalityContact.email } })
      .expect(422);
    expect(publicly.body).toMatchObject({ code: 'CONTACT_ADDRESS_REPEATED', errors: [{ field: 'providerContact.email' }] });
    expect((await app.client.get(`/api/cohorts/${cohort.id}/duos`).expect(200)).body).toEqual([]);
  });

  it('refuses with 409 the same municipality and provider registering twice in a cohort', async () => {
    const cohort = await app.client.cohort();
    await app.client.duo(cohort.id, 7);
    const twice = await app.client.post(`/api/cohorts/${cohort.id}/duos`, aDuo(7)).expect(409);
    expect(twice.body).toMatchObject({ code: 'DUO_ALREADY_REGISTERED' });
  });

  it('answers 404 for a duo or cohort that does not exist', async () => {
    const nobody = '7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11';
    expect((await app.client.get(`/api/duos/${nobody}`).expect(404)).body).toMatchObject({ code: 'DUO_NOT_FOUND' });
    expect((await app.client.get(`/api/cohorts/${nobody}`).expect(404)).body).toMatchObject({ code: 'COHORT_NOT_FOUND' });
    expect((await app.client.post(`/api/duos/${nobody}/admission`).expect(404)).body).toMatchObject({ code: 'DUO_NOT_FOUND' });
  });
});
