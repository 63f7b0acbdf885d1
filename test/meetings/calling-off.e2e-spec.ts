import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FormGuard } from '../../src/meetings/form-guard.js';
import { MeetingRemindersService } from '../../src/meetings/meeting-reminders.service.js';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { contextAt, describeInBrowser, expectFits, launchBrowser, listening, SCREEN_SIZES, signedInPage, submit } from '../support/browser.js';
import { daysFromToday } from '../support/fixtures.js';
import { formBrowser, formFields, signedInFormBrowser } from '../support/form-browser.js';
import { meetingDay as meetingDayOf } from '../../src/meetings/meeting-messages.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';
import { startSmtpServer, textOf, type ReceivedMail } from '../support/smtp-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * An adviser calls a meeting off: everyone registered hears why, with a calendar file that marks
 * the appointment cancelled; the meeting takes no registrations, changes or reminders after that,
 * and its pages say it does not take place. Through the outbox to a real SMTP server.
 */
jest.setTimeout(120_000);

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
const REASON = 'De spreker is ziek geworden; we plannen de bijeenkomst opnieuw.';
let serial = 0;

/** A meeting in `days` days, of a new series unless one is given. */
async function meeting(overrides: object = {}, seriesId?: string, days = 30) {
  const series = seriesId ?? (await admin().post('/api/meeting-series', transitiearena2016()).expect(201)).body.id;
  return (await admin().post(`/api/meeting-series/${series}/meetings`, dagbestedingMeeting(daysFromToday(days), daysFromToday(days - 10), overrides)).expect(201)).body;
}

function registrant(email = `deelnemer${++serial}@sociale-firma.example`) {
  return { name: `Kim de Boer ${serial}`, organisation: 'De Werkplaats', organisationKind: 'socialeFirma', role: 'Jobcoach', email, phone: '06-22222222' };
}

async function register(meetingId: string, expected = 201, email?: string) {
  const person = registrant(email);
  const formToken = await testApp.app.get(FormGuard).issue(Date.now() - 10_000);
  const response = await api(testApp).post(`/api/meetings/${meetingId}/registrations`, { ...person, formToken }).expect(expected);
  return { email: person.email, response };
}

const registrationsOf = async (meetingId: string) =>
  (await db().query('SELECT status FROM meeting_registrations WHERE meeting_id = $1 ORDER BY registered_at', [meetingId])).map((row: { status: string }) => row.status);

it('tells everyone registered and waiting why, with a calendar file that cancels the appointment, and records who did it', async () => {
  const full = await meeting({ capacity: 1 });
  const seated = await register(full.id);
  const waiting = await register(full.id);
  await deliver();
  smtp.received.length = 0;
  const adviser = await admin().staff('adviser', 1);

  const calledOff = await admin().as(adviser).post(`/api/meetings/${full.id}/calling-off`, { reason: `  ${REASON} ` }).expect(200);
  expect(calledOff.body).toMatchObject({ id: full.id, open: false, calledOff: { reason: REASON }, version: full.version + 1, registered: 1, waiting: 1 });
  expect(Date.parse(calledOff.body.calledOff.at)).toBeGreaterThan(Date.now() - 60_000);
  expect((await admin().get(`/api/meetings/${full.id}`).expect(200)).body.calledOff).toEqual(calledOff.body.calledOff);

  await deliver();
  const told = smtp.received.filter((mail) => mail.subject.startsWith('Gaat niet door: Transitiearena'));
  expect(told.map((mail) => mail.to).sort()).toEqual([seated.email, waiting.email].sort());
  const toSeated = told.find((mail) => mail.to === seated.email) as ReceivedMail;
  expect(textOf(toSeated)).toContain(`De reden: ${REASON}`);
  expect(toSeated.calendar).toContain(`UID:${full.id}@trajectkompas`);
  expect(toSeated.calendar).toContain('STATUS:CANCELLED');
  expect(toSeated.calendar).toContain(`SEQUENCE:${full.version + 1}`);
  // Who was on the waiting list never had the appointment in their calendar: no file to cancel it.
  const toWaiting = told.find((mail) => mail.to === waiting.email) as ReceivedMail;
  expect(textOf(toWaiting)).toContain('(u stond op de wachtlijst)');
  expect(toWaiting.calendar).toBe('');

  const [audit] = await db().query("SELECT actor_id, details FROM audit_log WHERE action = 'meeting.called_off' AND subject_id = $1", [full.id]);
  expect(audit).toEqual({ actor_id: adviser.id, details: { reason: REASON } });
  // The registrations stay as they were, for the record.
  expect(await registrationsOf(full.id)).toEqual(['registered', 'waiting']);
});

it('takes no registration, change, attendance or second calling-off after it, and moves nobody up from the waiting list', async () => {
  const off = await meeting({ capacity: 1 });
  const seated = await register(off.id);
  await register(off.id);
  await deliver();
  const token = /\/bijeenkomsten\/afmelden\?token=([\w-]{43})/.exec(textOf(smtp.received.find((mail) => mail.to === seated.email) as ReceivedMail))?.[1];
  await admin().post(`/api/meetings/${off.id}/calling-off`, { reason: REASON }).expect(200);
  await deliver();
  smtp.received.length = 0;

  const refused = [
    (await register(off.id, 422)).response,
    await admin().http.patch(`/api/meetings/${off.id}`).send({ theme: 'Een ander thema' }).expect(422),
    await admin().put(`/api/meetings/${off.id}/attendance`, { attended: [] }).expect(422),
    await admin().post(`/api/meetings/${off.id}/calling-off`, { reason: 'Nog een keer' }).expect(422),
  ];
  for (const response of refused) {
    expect(response.body.code).toBe('MEETING_CALLED_OFF');
    expect(response.body.detail).toContain('called off');
  }
  const after = (await admin().get(`/api/meetings/${off.id}`).expect(200)).body;
  expect(after).toMatchObject({ theme: off.theme, calledOff: { reason: REASON }, version: off.version + 1 });
  expect(await registrationsOf(off.id)).toEqual(['registered', 'waiting']);

  // Someone with a place cancels after all: the place goes to nobody, since there is no meeting.
  await api(testApp).post('/api/meeting-registrations/cancellation', { token }).expect(200);
  expect(await registrationsOf(off.id)).toEqual(['cancelled', 'waiting']);
  await deliver();
  expect(smtp.received.map((mail) => mail.subject)).toEqual([expect.stringContaining('Afgemeld')]);
});

it('sends no reminder, takes back one already waiting, and the agenda feed and the series report show it', async () => {
  const soon = await meeting();
  const kept = await meeting({ theme: 'Beschut werk in de regio' }, soon.seriesId, 31);
  await register(soon.id);
  await register(soon.id);
  await register(kept.id);
  await deliver();
  // The days pass: both are within the reminder days, and the reminders wait in the outbox, not yet delivered.
  await db().query('UPDATE meetings SET date = date - 28, registration_deadline = registration_deadline - 28 WHERE id = ANY($1)', [[soon.id, kept.id]]);
  await testApp.app.get(MeetingRemindersService).scheduleDueMail();
  expect(Number((await db().query("SELECT count(*) FROM outbox WHERE kind = 'meeting_reminder' AND sent_at IS NULL"))[0].count)).toBe(3);
  smtp.received.length = 0;

  await admin().post(`/api/meetings/${soon.id}/calling-off`, { reason: REASON }).expect(200);
  await deliver();
  expect(smtp.received.map((mail) => mail.subject.split(':')[0]).sort()).toEqual(['Gaat niet door', 'Gaat niet door', 'Herinnering']);
  expect((await deliver()).reminders).toBe(0);

  const series = soon.seriesId;
  const feed = await api(testApp).get(`/reeksen/${series}/agenda.ics`).expect(200);
  expect(feed.text).toContain('STATUS:CANCELLED');
  const report = (await admin().get(`/api/meeting-series/${series}/report`).expect(200)).body;
  expect(report.meetings).toEqual([
    expect.objectContaining({ meetingId: soon.id, calledOff: true, registered: 2 }),
    expect.objectContaining({ meetingId: kept.id, calledOff: false, registered: 1 }),
  ]);
  // A meeting that did not take place counts for nothing the series achieved: the totals are the other's.
  expect(report).toMatchObject({ registered: 1, newPeople: 1, returningPeople: 0 });
});

it('refuses a meeting that has begun, an unknown one and an empty reason, and changes nothing', async () => {
  const begun = await meeting();
  await db().query("UPDATE meetings SET date = current_date, registration_deadline = current_date, start_time = '00:00', end_time = '23:59' WHERE id = $1", [begun.id]);
  const late = await admin().post(`/api/meetings/${begun.id}/calling-off`, { reason: REASON }).expect(422);
  expect(late.body).toMatchObject({ code: 'MEETING_BEGUN', params: { startTime: '00:00' } });
  expect((await admin().post('/api/meetings/7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11/calling-off', { reason: REASON }).expect(404)).body.code).toBe('MEETING_NOT_FOUND');
  expect((await admin().post(`/api/meetings/${begun.id}/calling-off`, { reason: ' ' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  expect((await admin().get(`/api/meetings/${begun.id}`).expect(200)).body).toMatchObject({ calledOff: null, version: begun.version });
});

it('calls a meeting off once when two advisers do it at the same moment: one message each', async () => {
  const twice = await meeting();
  const person = await register(twice.id);
  await deliver();
  smtp.received.length = 0;
  const statuses = await Promise.all(['Ziek', 'Zaal niet beschikbaar'].map(async (reason) => (await admin().post(`/api/meetings/${twice.id}/calling-off`, { reason })).status));
  expect(statuses.sort()).toEqual([200, 422]);
  await deliver();
  expect(smtp.received.map((mail) => mail.to)).toEqual([person.email]);
});

it('is called off from its admin page; then the public pages say it does not take place and take no registration', async () => {
  const paged = await meeting();
  await register(paged.id);
  const adviser = await admin().staff('adviser', 2);
  const browser = await signedInFormBrowser(() => testApp.app.getHttpServer(), adviser);
  const action = `/bijeenkomsten/${paged.id}/afgelasten`;
  const adminPage = await browser.get(`/bijeenkomsten/${paged.id}/beheer`).expect(200);
  expect(adminPage.text).toContain('Presentielijst opslaan');
  const fields = formFields(adminPage.text, action);
  expect(fields).toMatchObject({ reason: '' });

  const empty = await browser.post(action, { ...fields, reason: ' ' }).expect(400);
  expect(empty.text).toContain('aria-invalid="true"');
  expect((await admin().get(`/api/meetings/${paged.id}`).expect(200)).body.calledOff).toBeNull();

  const done = await browser.post(action, { ...fields, reason: REASON }).expect(303);
  expect(done.headers.location).toBe(`/bijeenkomsten/${paged.id}/beheer?opgeslagen=afgelast#melding`);
  const after = await browser.get(done.headers.location.replace('#melding', '')).expect(200);
  expect(after.text).toContain('De bijeenkomst is afgelast.');
  expect(after.text).toContain(`Reden: ${REASON}`);
  for (const gone of ['Presentielijst opslaan', 'Wijzigingen opslaan', 'Bijeenkomst afgelasten</button>']) expect(after.text).not.toContain(gone);

  const visitor = formBrowser(() => testApp.app.getHttpServer());
  const publicPage = await visitor.get(`/bijeenkomsten/${paged.id}`).expect(200);
  expect(publicPage.text).toContain('Deze bijeenkomst gaat niet door.');
  expect(publicPage.text).toContain(REASON);
  expect(publicPage.text).not.toContain('name="_formToken"');
  expect((await visitor.get(`/reeksen/${paged.seriesId}`).expect(200)).text).toContain('Gaat niet door.');

  // A registration sent from a page opened before it was called off is refused in Dutch.
  const formToken = await testApp.app.get(FormGuard).issue(Date.now() - 10_000);
  const late = await visitor.post(`/bijeenkomsten/${paged.id}/aanmelden`, { ...registrant(), _formToken: formToken }).expect(422);
  expect(late.text).toContain('is afgelast en gaat niet door');
  expect(await registrationsOf(paged.id)).toEqual(['registered']);
  expect((await api(testApp).get(`/api/meetings/${paged.id}/registration-form`).expect(422)).body.code).toBe('MEETING_CALLED_OFF');
  // Even a form that would be refused for its fields gets that answer: the fields do not matter any more.
  expect((await visitor.post(`/bijeenkomsten/${paged.id}/aanmelden`, { name: '' }).expect(422)).text).toContain('is afgelast en gaat niet door');
});

it('says so on the cancel link’s page, without the button; who was registered counts as new at the next meeting', async () => {
  const first = await meeting({}, undefined, 30);
  const next = await meeting({ theme: 'Beschut werk in de regio' }, first.seriesId, 60);
  const email = `terugkomer${++serial}@sociale-firma.example`;
  const later = `later${++serial}@sociale-firma.example`;
  await register(first.id, 201, email);
  await register(next.id, 201, email);
  await register(first.id, 201, later);
  expect((await admin().get(`/api/meetings/${next.id}/report`).expect(200)).body).toMatchObject({ newPeople: 0, returningPeople: 1 });
  await deliver();
  const link = /\/bijeenkomsten\/afmelden\?token=([\w-]{43})/.exec(textOf(smtp.received.find((mail) => mail.to === email && mail.subject.includes(meetingDayOf(first.date))) as ReceivedMail))?.[1];

  await admin().post(`/api/meetings/${first.id}/calling-off`, { reason: REASON }).expect(200);
  // The first meeting never took place: at the next one, who registered before and who registers now are both new.
  expect((await admin().get(`/api/meetings/${next.id}/report`).expect(200)).body).toMatchObject({ newPeople: 1, returningPeople: 0 });
  await register(next.id, 201, later);
  expect((await admin().get(`/api/meetings/${next.id}/report`).expect(200)).body).toMatchObject({ newPeople: 2, returningPeople: 0 });

  const page = await formBrowser(() => testApp.app.getHttpServer()).get(`/bijeenkomsten/afmelden?token=${link}`).expect(200);
  expect(page.text).toContain('Deze bijeenkomst gaat niet door.');
  expect(page.text).not.toContain('>Afmelden</button>');

  // Erasing what is kept leaves the called-off meeting's registration as it was, for the record: nothing to give up.
  await deliver();
  smtp.received.length = 0;
  await api(testApp).post('/api/meeting-registrations/erasure', { token: link }).expect(204);
  expect(await registrationsOf(first.id)).toEqual(['registered', 'registered']);
  expect(await registrationsOf(next.id)).toEqual(['cancelled', 'registered']);
  await deliver();
  expect(smtp.received.map((mail) => mail.subject)).toEqual([]);
});

describeInBrowser('calling a meeting off in Chromium, at desktop and phone width', () => {
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = await listening(testApp.app);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const size of SCREEN_SIZES) {
    it(`the adviser gives the reason and calls it off; its pages say so (${size.name})`, async () => {
      const context = await contextAt(browser, size);
      try {
        const clicked = await meeting();
        await register(clicked.id);
        const adviser = await admin().staff('adviser', 10 + serial);
        const page = await signedInPage(context, base, adviser);
        await page.goto(`${base}/bijeenkomsten/${clicked.id}/beheer`);
        await page.locator('summary', { hasText: 'De bijeenkomst gaat niet door' }).click();
        await page.getByLabel('Reden').fill(REASON);
        await expectFits(page, `bijeenkomst-afgelasten-${size.name}`);
        await submit(page, page.getByRole('button', { name: 'Bijeenkomst afgelasten' }));
        await expect(page.getByRole('status').textContent()).resolves.toContain('De bijeenkomst is afgelast.');
        await expect(page.locator('#afgelast').textContent()).resolves.toContain(REASON);
        await expectFits(page, `bijeenkomst-afgelast-beheer-${size.name}`);

        await page.goto(`${base}/bijeenkomsten/${clicked.id}`);
        await expect(page.locator('#afgelast').textContent()).resolves.toContain('Deze bijeenkomst gaat niet door.');
        await expect(page.getByRole('button', { name: 'Aanmelden' }).count()).resolves.toBe(0);
        await expectFits(page, `bijeenkomst-afgelast-openbaar-${size.name}`);
        expect((await admin().get(`/api/meetings/${clicked.id}`).expect(200)).body.calledOff).toMatchObject({ reason: REASON });
      } finally {
        await context.close();
      }
    });
  }
});
