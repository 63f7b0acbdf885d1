import { DataSource } from 'typeorm';
import { FormGuard } from '../../src/meetings/form-guard.js';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { formBrowser, formFields, signedInFormBrowser } from '../support/form-browser.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';
import { startSmtpServer, textOf, type ReceivedMail } from '../support/smtp-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The confirmation, the waiting list, cancelling with the link and the reminder, through the outbox to a real SMTP server. */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let testApp: TestApp;
beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ smtpUrl: smtp.url });
  await deliver();
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

const db = () => testApp.app.get(DataSource);
const admin = () => api(testApp, testApp.admin.token);
const deliver = () => testApp.app.get(Scheduler).tick();
let serial = 0;

function mailsTo(email: string): ReceivedMail[] {
  return smtp.received.filter((mail) => mail.to === email);
}

function cancelTokenIn(mail: ReceivedMail): string {
  const token = /\/bijeenkomsten\/afmelden\?token=([\w-]{43})/.exec(textOf(mail))?.[1];
  if (!token) throw new Error(`No cancel link in ${mail.subject}`);
  return token;
}

async function meeting(overrides: object = {}) {
  const series = (await admin().post('/api/meeting-series', transitiearena2016()).expect(201)).body;
  return (await admin().post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20), overrides)).expect(201)).body;
}

async function register(meetingId: string) {
  const n = ++serial;
  const email = `deelnemer${n}@sociale-firma.example`;
  const formToken = await testApp.app.get(FormGuard).issue(Date.now() - 10_000);
  const body = { name: `Kim de Boer ${n}`, organisation: 'De Werkplaats', organisationKind: 'socialeFirma', role: 'Jobcoach', email, phone: '06-22222222', formToken };
  const response = await api(testApp).post(`/api/meetings/${meetingId}/registrations`, body).expect(201);
  return { email, registration: response.body.registrations[0] };
}

it('confirms with the programme, address, route and a calendar file; a cancellation moves the first on the waiting list up', async () => {
  const full = await meeting({ capacity: 1 });
  const first = await register(full.id);
  const second = await register(full.id);
  expect([first.registration.status, second.registration.status]).toEqual(['registered', 'waiting']);
  await deliver();

  const [confirmation] = mailsTo(first.email);
  expect(confirmation.subject).toContain('Bevestiging: Transitiearena');
  const text = textOf(confirmation);
  for (const expected of ['09:30-10:00  Inloop met koffie en thee', 'Zalencentrum De Brug, Voorbeeldlaan 15, Utrecht', 'Route: Vanaf Utrecht Centraal bus 8', 'Noor Verbeek']) {
    expect(text).toContain(expected);
  }
  expect(confirmation.calendar).toContain('BEGIN:VEVENT');
  expect(confirmation.calendar).toContain(`UID:${full.id}@trajectkompas`);
  expect(confirmation.calendar).toMatch(/DTSTART:\d{8}T0\d3000Z/);
  const [waiting] = mailsTo(second.email);
  expect(waiting.subject).toContain('Wachtlijst');
  expect(textOf(waiting)).toContain('op plaats 1');
  // The link is a credential: once delivered, the text is kept nowhere.
  const kept = await db().query("SELECT body FROM outbox WHERE kind IN ('meeting_confirmation', 'meeting_waiting_list') AND sent_at IS NOT NULL");
  expect(kept.map((row: { body: string }) => row.body)).toEqual(['', '']);

  smtp.received.length = 0;
  const cancelled = await api(testApp).post('/api/meeting-registrations/cancellation', { token: cancelTokenIn(confirmation) }).expect(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', meetingId: full.id, email: first.email });
  expect((await admin().get(`/api/meetings/${full.id}`).expect(200)).body).toMatchObject({ registered: 1, waiting: 0 });
  await deliver();
  expect(mailsTo(first.email).map((mail) => mail.subject)).toEqual([expect.stringContaining('Afgemeld')]);
  const [movedUp] = mailsTo(second.email);
  expect(movedUp.subject).toContain('Er is een plaats voor u');
  expect(movedUp.calendar).toContain('BEGIN:VEVENT');

  // The link cancels once; an unknown link is not found.
  expect((await api(testApp).post('/api/meeting-registrations/cancellation', { token: cancelTokenIn(confirmation) }).expect(422)).body.code).toBe('MEETING_REGISTRATION_CANCELLED');
  expect((await api(testApp).post('/api/meeting-registrations/cancellation', { token: 'x'.repeat(43) }).expect(404)).body.code).toBe('MEETING_REGISTRATION_NOT_FOUND');
});

it('cancels from the link’s page, without an account', async () => {
  const open = await meeting();
  const person = await register(open.id);
  await deliver();
  const token = cancelTokenIn(mailsTo(person.email)[0]);
  const browser = formBrowser(() => testApp.app.getHttpServer());
  const shown = await browser.get(`/bijeenkomsten/afmelden?token=${token}`).expect(200);
  expect(shown.text).toContain('aangemeld</strong>');
  const done = await browser.post('/bijeenkomsten/afmelden', { token }).expect(200);
  expect(done.text).toContain('U bent afgemeld.');
  expect(done.text).toContain('afgemeld</strong>');
  expect((await browser.get('/bijeenkomsten/afmelden?token=onbekend').expect(404)).text).toContain('Bij deze link hoort geen aanmelding');
});

it('reminds those with a place a few days before the meeting, once, and not those who cancelled', async () => {
  const soon = await meeting();
  const coming = await register(soon.id);
  const leaving = await register(soon.id);
  await deliver();
  const leavingToken = cancelTokenIn(mailsTo(leaving.email)[0]);
  smtp.received.length = 0;

  // Thirty days ahead: no reminder yet. Then the days pass (the meeting moves closer, as test/support/time.ts does for editions).
  expect((await deliver()).reminders).toBe(0);
  await db().query('UPDATE meetings SET date = date - 28, registration_deadline = registration_deadline - 28 WHERE id = $1', [soon.id]);
  await api(testApp).post('/api/meeting-registrations/cancellation', { token: leavingToken }).expect(200);
  expect((await deliver()).reminders).toBe(1);
  expect((await deliver()).reminders).toBe(0);
  const reminders = smtp.received.filter((mail) => mail.subject.startsWith('Herinnering'));
  expect(reminders.map((mail) => mail.to)).toEqual([coming.email]);
  expect(reminders[0].calendar).toContain('BEGIN:VEVENT');
});

it('tells everyone registered when the meeting moves, with the updated calendar file; another theme is no move', async () => {
  const moving = await meeting({ capacity: 1 });
  const seated = await register(moving.id);
  const waiting = await register(moving.id);
  await deliver();
  smtp.received.length = 0;
  await admin().http.patch(`/api/meetings/${moving.id}`).send({ theme: 'Een ander thema', address: 'Voorbeeldlaan 15, Utrecht' }).expect(200);
  expect((await deliver()).sent).toBe(0);
  await admin().http.patch(`/api/meetings/${moving.id}`).send({ startTime: '10:00', address: 'Stationsplein 1, Utrecht' }).expect(200);
  await deliver();
  const moved = smtp.received.filter((mail) => mail.subject.startsWith('Gewijzigd'));
  expect(moved.map((mail) => mail.to).sort()).toEqual([seated.email, waiting.email].sort());
  expect(textOf(moved[0])).toContain('Stationsplein 1, Utrecht');
  expect(moved[0].calendar).toContain('SEQUENCE:3');
});

it('changes a meeting on its admin page, from the meeting as it stands: another theme tells nobody, another start time everyone registered', async () => {
  const changing = await meeting();
  const seated = await register(changing.id);
  const adviser = await admin().staff('adviser', 1);
  await deliver();
  smtp.received.length = 0;
  const browser = await signedInFormBrowser(() => testApp.app.getHttpServer(), adviser);
  const action = `/bijeenkomsten/${changing.id}/wijzigen`;
  const current = async () => formFields((await browser.get(`/bijeenkomsten/${changing.id}/beheer`).expect(200)).text, action);

  const asItStands = await current();
  expect(asItStands).toMatchObject({ theme: changing.theme, date: changing.date, startTime: changing.startTime, address: changing.address, capacity: String(changing.capacity) });
  expect(asItStands.programme.split('\n')).toEqual(changing.programme.map((item: { start: string; end: string; title: string }) => `${item.start}-${item.end} ${item.title}`));

  const themed = await browser.post(action, { ...asItStands, theme: 'Beschut werk in de regio' }).expect(303);
  expect(themed.headers.location).toBe(`/bijeenkomsten/${changing.id}/beheer?opgeslagen=gewijzigd#melding`);
  expect((await admin().get(`/api/meetings/${changing.id}`).expect(200)).body).toMatchObject({ theme: 'Beschut werk in de regio', programme: changing.programme, questions: changing.questions });
  expect((await deliver()).sent).toBe(0);

  const wrong = await browser.post(action, { ...(await current()), startTime: '14:00', endTime: '13:00' }).expect(400);
  expect(wrong.text).toContain('aria-invalid="true"');
  expect(wrong.text).toContain('De eindtijd moet na de begintijd liggen.');
  expect((await admin().get(`/api/meetings/${changing.id}`).expect(200)).body.startTime).toBe(changing.startTime);

  await browser.post(action, { ...(await current()), startTime: '10:00' }).expect(303);
  await deliver();
  const moved = smtp.received.filter((mail) => mail.subject.startsWith('Gewijzigd'));
  expect(moved.map((mail) => mail.to)).toEqual([seated.email]);
  expect(textOf(moved[0])).toContain('10:00');
});
