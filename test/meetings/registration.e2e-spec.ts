import { DataSource } from 'typeorm';
import { FormGuard } from '../../src/meetings/form-guard.js';
import { useTestApp } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';

/**
 * People register for a meeting of the Transitiearena without an account, through the API the
 * public page uses too. The client address comes from X-Forwarded-For here (TRUST_PROXY), so that
 * the tests can be many people at once.
 */
const settings = { TRUST_PROXY: 'true', MEETING_REGISTRATIONS_MAX_PER_ADDRESS: '12', MEETING_REGISTRATIONS_MAX_PER_EMAIL: '4' };
const before = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
Object.assign(process.env, settings);
afterAll(() => {
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const app = useTestApp();
let serial = 0;

/** A form shown `secondsAgo` ago, as a person who took their time would send it. */
async function formToken(secondsAgo = 10): Promise<string> {
  return app.testApp.app.get(FormGuard).issue(Date.now() - secondsAgo * 1000);
}

async function person(overrides: object = {}) {
  const n = ++serial;
  return {
    name: `Fleur Jansen ${n}`,
    organisation: `Gemeente Voorbeeld ${n}`,
    organisationKind: 'gemeente',
    role: 'Beleidsmedewerker Wmo',
    email: `fleur${n}@gemeente-voorbeeld.example`,
    phone: '030-1234567',
    formToken: await formToken(),
    ...overrides,
  };
}

async function meetingFor(overrides: object = {}) {
  const series = (await app.client.post('/api/meeting-series', transitiearena2016()).expect(201)).body;
  const meeting = (await app.client.post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20), overrides)).expect(201)).body;
  return { series, meeting };
}

const register = (meetingId: string, body: object, address = '192.0.2.1') =>
  app.client.as().http.post(`/api/meetings/${meetingId}/registrations`).set('x-forwarded-for', address).send(body);

it('registers a person, and puts them on the waiting list once the meeting is full', async () => {
  const { meeting } = await meetingFor({ capacity: 2 });
  const form = (await app.client.as().get(`/api/meetings/${meeting.id}/registration-form`).expect(200)).body;
  expect(form).toEqual({ formToken: expect.stringMatching(/^\d{13}\./), minimumSeconds: 3 });
  const results = [];
  for (let i = 0; i < 4; i++) results.push((await register(meeting.id, await person({ lunchWishes: 'Vegetarisch' }), `192.0.2.${10 + i}`).expect(201)).body.registrations[0]);
  expect(results.map(({ status, waitingPosition }) => [status, waitingPosition])).toEqual([['registered', null], ['registered', null], ['waiting', 1], ['waiting', 2]]);
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body).toMatchObject({ registered: 2, waiting: 2, placesLeft: 0 });
});

it('refuses the same address twice for one meeting, and a registration after the deadline, each saying why', async () => {
  const { meeting } = await meetingFor();
  const fleur = await person();
  await register(meeting.id, fleur).expect(201);
  const twice = await register(meeting.id, { ...fleur, email: fleur.email.toUpperCase(), name: 'Fleur J.' }, '192.0.2.2').expect(409);
  expect(twice.body).toMatchObject({ code: 'ALREADY_REGISTERED_FOR_MEETING', params: { email: fleur.email.toUpperCase() } });
  expect(twice.body.detail).toContain('registered for the meeting');

  const { meeting: past } = await meetingFor({ date: daysFromToday(1), registrationDeadline: daysFromToday(-1) });
  const late = await register(past.id, await person()).expect(422);
  expect(late.body).toMatchObject({ code: 'MEETING_REGISTRATION_CLOSED', params: { deadline: daysFromToday(-1) } });
  expect((await app.client.get(`/api/meetings/${past.id}`).expect(200)).body).toMatchObject({ open: false, registered: 0 });
});

it('registers for other meetings of the series at once, all or none', async () => {
  const { series, meeting } = await meetingFor();
  const next = (await app.client.post(`/api/meeting-series/${series.id}/meetings/copy`).expect(201)).body;
  const both = await register(meeting.id, await person({ otherMeetingIds: [next.id] })).expect(201);
  expect(both.body.registrations.map((r: { meetingId: string; status: string }) => [r.meetingId, r.status])).toEqual([[meeting.id, 'registered'], [next.id, 'registered']]);

  // Registered for the next one already: neither is taken.
  const sander = await person();
  await register(next.id, sander).expect(201);
  await register(meeting.id, { ...sander, formToken: await formToken(), otherMeetingIds: [next.id] }).expect(409);
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body.registered).toBe(1);
});

it('keeps robots out: a form sent too fast, unsigned or with the honeypot filled in writes nothing', async () => {
  const { meeting } = await meetingFor();
  const tooFast = await register(meeting.id, await person({ formToken: await formToken(0) })).expect(422);
  expect(tooFast.body).toMatchObject({ code: 'FORM_NOT_ACCEPTED', params: { reason: 'tooFast', minimumSeconds: 3 } });
  const forged = await register(meeting.id, await person({ formToken: `${Date.now() - 10_000}.bm90LXNpZ25lZA` })).expect(422);
  expect(forged.body.params.reason).toBe('unsigned');
  const honeypot = await register(meeting.id, await person({ website: 'https://spam.example' })).expect(422);
  expect(honeypot.body.params.reason).toBe('honeypot');
  const old = await register(meeting.id, await person({ formToken: await formToken(25 * 3600) })).expect(422);
  expect(old.body.params.reason).toBe('expired');
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body.registered).toBe(0);
});

it('holds the capacity under 30 registrations at once for 20 places: 20 registered, 10 waiting, in order', async () => {
  const { meeting } = await meetingFor({ capacity: 20 });
  const people = await Promise.all(Array.from({ length: 30 }, () => person()));
  const responses = await Promise.all(people.map((body, i) => register(meeting.id, body, `198.51.100.${i + 1}`)));
  expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
  const statuses = responses.map((response) => response.body.registrations[0].status);
  expect(statuses.filter((status) => status === 'registered')).toHaveLength(20);
  expect(statuses.filter((status) => status === 'waiting')).toHaveLength(10);
  const positions = responses.map((response) => response.body.registrations[0].waitingPosition).filter((position) => position !== null);
  expect(positions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body).toMatchObject({ registered: 20, waiting: 10, placesLeft: 0 });
});

it('limits registrations per client address and per e-mail address, and a flood loses none already made', async () => {
  const { meeting } = await meetingFor();
  const flooder = '203.0.113.7';
  const made = [];
  for (let i = 0; i < 12; i++) made.push(await register(meeting.id, await person(), flooder));
  expect(made.map((response) => response.status)).toEqual(Array(12).fill(201));
  const refused = await Promise.all(Array.from({ length: 20 }, async () => register(meeting.id, await person(), flooder)));
  expect(refused.map((response) => response.status)).toEqual(Array(20).fill(429));
  expect(refused[0].body).toMatchObject({ code: 'MEETING_REGISTRATION_THROTTLED' });
  expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
  // Someone else, from another address, still gets in; the twelve stay registered.
  await register(meeting.id, await person(), '203.0.113.8').expect(201);
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body.registered).toBe(13);

  // Per e-mail address: four attempts in the window, from wherever.
  const same = await person();
  await register(meeting.id, same, '203.0.113.20').expect(201);
  for (let i = 0; i < 3; i++) await register(meeting.id, { ...same, formToken: await formToken() }, `203.0.113.${21 + i}`).expect(409);
  expect((await register(meeting.id, { ...same, formToken: await formToken() }, '203.0.113.30').expect(429)).body.code).toBe('MEETING_REGISTRATION_THROTTLED');
  const [{ count }] = await app.testApp.app.get(DataSource).query("SELECT count(*)::int FROM meeting_registrations WHERE meeting_id = $1 AND status = 'registered'", [meeting.id]);
  expect(count).toBe(14);
});
