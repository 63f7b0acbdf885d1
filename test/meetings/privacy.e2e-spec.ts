import { DataSource } from 'typeorm';
import { FormGuard } from '../../src/meetings/form-guard.js';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { useTestApp } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { formBrowser } from '../support/form-browser.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';

/** A registrant's data: downloaded and erased with the cancel link, and erased by the retention round a year after the meeting; the counts stay. */
const app = useTestApp();
const db = () => app.testApp.app.get(DataSource);
let serial = 0;

async function meeting(overrides: object = {}) {
  const series = (await app.client.post('/api/meeting-series', transitiearena2016()).expect(201)).body;
  return (await app.client.post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20), overrides)).expect(201)).body;
}

/** Registers someone and answers the token of the cancel link in their confirmation (read from the outbox before it is delivered). */
async function register(meetingId: string, email = `iris${++serial}@zorginstelling.example`) {
  const formToken = await app.testApp.app.get(FormGuard).issue(Date.now() - 10_000);
  const body = { name: 'Iris Mulder', organisation: 'Zorginstelling De Linde', organisationKind: 'zorginstelling', role: 'Teamleider', email, phone: '06-55555555', lunchWishes: 'Glutenvrij', formToken };
  const response = await app.client.as().post(`/api/meetings/${meetingId}/registrations`, body).expect(201);
  const [message] = await db().query("SELECT body FROM outbox WHERE recipient_email = $1 AND kind IN ('meeting_confirmation', 'meeting_waiting_list') ORDER BY created_at DESC LIMIT 1", [email]);
  const token = /afmelden\?token=([\w-]{43})/.exec(message.body)?.[1] ?? '';
  return { email, token, id: response.body.registrations[0].id as string };
}

it('gives a registrant their data, and erases it on request: a place to come is given up, the counts stay, the link stops working', async () => {
  const full = await meeting({ capacity: 1 });
  const iris = await register(full.id);
  const waiting = await register(full.id);

  const data = (await app.client.as().post('/api/meeting-registrations/personal-data', { token: iris.token }).expect(200)).body;
  expect(data).toMatchObject({ email: iris.email, registrations: [{ name: 'Iris Mulder', organisation: 'Zorginstelling De Linde', phone: '06-55555555', lunchWishes: 'Glutenvrij', status: 'registered' }] });
  expect(data.messages.map((message: { subject: string }) => message.subject)).toEqual([expect.stringContaining('Bevestiging')]);

  await app.client.as().post('/api/meeting-registrations/erasure', { token: iris.token }).expect(204);
  const [row] = await db().query('SELECT name, email, phone, organisation, lunch_wishes, cancel_token_hash, status, organisation_kind, erased_at FROM meeting_registrations WHERE id = $1', [iris.id]);
  expect(row).toMatchObject({ name: null, email: null, phone: null, organisation: null, lunch_wishes: null, cancel_token_hash: null, status: 'cancelled', organisation_kind: 'zorginstelling' });
  expect(row.erased_at).toBeInstanceOf(Date);
  expect(await db().query('SELECT 1 FROM outbox WHERE lower(recipient_email) = lower($1)', [iris.email])).toEqual([]);
  // The one waiting moved up into the place given up.
  expect((await app.client.get(`/api/meetings/${full.id}/registrations`).expect(200)).body.find((r: { id: string }) => r.id === waiting.id).status).toBe('registered');
  expect((await app.client.get(`/api/meetings/${full.id}/report`).expect(200)).body).toMatchObject({ registered: 1, cancelled: 1 });
  expect((await app.client.as().post('/api/meeting-registrations/personal-data', { token: iris.token }).expect(404)).body.code).toBe('MEETING_REGISTRATION_NOT_FOUND');
});

it('offers the download and the erasure on the cancel link’s page', async () => {
  const open = await meeting();
  const sam = await register(open.id);
  const browser = formBrowser(() => app.testApp.app.getHttpServer());
  expect((await browser.get(`/bijeenkomsten/afmelden?token=${sam.token}`).expect(200)).text).toContain('Mijn gegevens downloaden');
  const download = await browser.post('/bijeenkomsten/afmelden/gegevens', { token: sam.token }).expect(200);
  expect(download.headers['content-disposition']).toContain('mijn-gegevens-bijeenkomsten.json');
  expect(JSON.parse(download.text)).toMatchObject({ email: sam.email, registrations: [{ name: 'Iris Mulder' }] });
  const erased = await browser.post('/bijeenkomsten/afmelden/wissen', { token: sam.token }).expect(200);
  expect(erased.text).toContain('Uw gegevens zijn gewist.');
  expect((await browser.get(`/bijeenkomsten/afmelden?token=${sam.token}`).expect(404)).text).toContain('Bij deze link hoort geen aanmelding');
});

it('erases the personal data twelve months after the meeting, keeping the counts and the report', async () => {
  const held = await meeting();
  const people = [await register(held.id), await register(held.id)];
  await app.client.put(`/api/meetings/${held.id}/attendance`, { attended: [people[0].id] }).expect(200);
  await app.testApp.app.get(Scheduler).tick();
  const before = (await app.client.get(`/api/meetings/${held.id}/report`).expect(200)).body;

  // Eleven months after the meeting nothing is erased; thirteen months after, everything personal is.
  await db().query("UPDATE meetings SET date = current_date - interval '11 months', registration_deadline = current_date - interval '11 months' WHERE id = $1", [held.id]);
  expect((await app.testApp.app.get(Scheduler).tick()).pruned.meetingRegistrationsErased).toBe(0);
  await db().query("UPDATE meetings SET date = current_date - interval '13 months', registration_deadline = current_date - interval '13 months' WHERE id = $1", [held.id]);
  expect((await app.testApp.app.get(Scheduler).tick()).pruned.meetingRegistrationsErased).toBe(2);

  const rows = await db().query('SELECT name, email, phone, cancel_token_hash FROM meeting_registrations WHERE meeting_id = $1', [held.id]);
  expect(rows).toEqual([{ name: null, email: null, phone: null, cancel_token_hash: null }, { name: null, email: null, phone: null, cancel_token_hash: null }]);
  expect(await db().query('SELECT 1 FROM outbox WHERE recipient_email = ANY($1)', [people.map(({ email }) => email)])).toEqual([]);
  expect((await app.client.get(`/api/meetings/${held.id}/report`).expect(200)).body).toEqual({ ...before, date: expect.any(String) });
  expect((await app.client.get(`/api/meetings/${held.id}/registrations`).expect(200)).body.every((r: { erased: boolean }) => r.erased)).toBe(true);
});
