import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { formBrowser } from '../support/form-browser.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The "done when": the 2016 Transitiearena, its two meetings two months apart on a
 * Wednesday, with fictional people, published, filled through the public page, confirmed,
 * cancelled, attended and reported. Registration closes by the real calendar, so the meetings lie
 * ahead of today; the form's minimum time is waited out as a person would.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let testApp: TestApp;
const before = process.env.MEETING_FORM_MIN_SECONDS;
beforeAll(async () => {
  process.env.MEETING_FORM_MIN_SECONDS = '1';
  smtp = await startSmtpServer();
  testApp = await startTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
  if (before === undefined) delete process.env.MEETING_FORM_MIN_SECONDS;
  else process.env.MEETING_FORM_MIN_SECONDS = before;
});

const PEOPLE = [
  ['Anouk Visser', 'Gemeente Voorbeeldstad', 'gemeente'],
  ['Bram Hendriks', 'Stichting Dagwerk', 'aanbieder'],
  ['Chantal Bos', 'De Groene Werkplaats', 'socialeFirma'],
  ['Dirk Peters', 'GGZ Midden', 'ggz'],
  ['Esra Yilmaz', 'Sociale Dienst Regio', 'socialeDienst'],
] as const;

it('publishes the 2016 series, fills it through the public page, confirms, cancels, takes attendance and reports', async () => {
  const adviser = await api(testApp, testApp.admin.token).staff('adviser', 1);
  const asAdviser = api(testApp, adviser.token);
  const series = (await asAdviser.post('/api/meeting-series', transitiearena2016()).expect(201)).body;
  // A Wednesday about a month ahead, as 21 September 2016 was; the next one copied two months on (as 23 November).
  const wednesday = (() => {
    for (let days = 28; ; days++) if (new Date(`${daysFromToday(days)}T12:00:00Z`).getUTCDay() === 3) return daysFromToday(days);
  })();
  const first = (await asAdviser.post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting(wednesday, daysFromToday(20), { capacity: 4 })).expect(201)).body;
  const second = (await asAdviser.post(`/api/meeting-series/${series.id}/meetings/copy`).expect(201)).body;
  await asAdviser.http.patch(`/api/meetings/${second.id}`).send({ theme: 'Beschut werk en nieuwe smart combinaties' }).expect(200);

  // Five people register on the public page; the fifth waits; two come to both meetings.
  const browser = formBrowser(() => testApp.app.getHttpServer());
  const page = (await browser.get(`/reeksen/${series.id}`).expect(200)).text;
  expect(page).toContain('Dagbesteding vanuit het gemeentelijk perspectief');
  expect(page).toContain('Beschut werk en nieuwe smart combinaties');
  for (const [i, [name, organisation, kind]] of PEOPLE.entries()) {
    const form = (await browser.get(`/bijeenkomsten/${first.id}`).expect(200)).text;
    const formToken = /name="_formToken" value="([^"]+)"/.exec(form)?.[1] ?? '';
    await new Promise((resolve) => setTimeout(resolve, 1050));
    const fields: Record<string, string> = { _formToken: formToken, name, organisation, organisationKind: kind, role: 'Beleidsadviseur', email: `${name.split(' ')[0].toLowerCase()}@voorbeeld.example`, phone: '030-7654321' };
    if (i < 2) fields.otherMeetingIds = second.id;
    const done = await browser.post(`/bijeenkomsten/${first.id}/aanmelden`, fields).expect(200);
    expect(done.text).toContain(i < 4 ? 'U bent aangemeld' : 'U staat op de wachtlijst (plaats 1)');
  }
  await testApp.app.get(Scheduler).tick();
  const confirmations = smtp.received.filter((mail) => mail.subject.startsWith('Bevestiging'));
  expect(confirmations).toHaveLength(6);
  expect(confirmations.every((mail) => mail.calendar.includes('BEGIN:VEVENT'))).toBe(true);

  // Bram cancels with his link: Esra moves up and hears it.
  const bramMail = confirmations.find((mail) => mail.to === 'bram@voorbeeld.example' && mail.calendar.includes(`UID:${first.id}@`))!;
  const token = /afmelden\?token=([\w-]{43})/.exec(bramMail.raw.replace(/=\r\n/g, '').replace(/=3D/g, '='))?.[1] ?? '';
  expect((await browser.post('/bijeenkomsten/afmelden', { token }).expect(200)).text).toContain('U bent afgemeld.');
  await testApp.app.get(Scheduler).tick();
  expect(smtp.received.filter((mail) => mail.to === 'esra@voorbeeld.example').map((mail) => mail.subject)).toEqual([
    expect.stringContaining('Wachtlijst'),
    expect.stringContaining('Er is een plaats voor u'),
  ]);

  // At the door: three of the four come.
  const list = (await asAdviser.get(`/api/meetings/${first.id}/registrations`).expect(200)).body as { id: string; name: string; status: string }[];
  const present = list.filter((r) => ['Anouk Visser', 'Dirk Peters', 'Esra Yilmaz'].includes(r.name)).map((r) => r.id);
  await asAdviser.put(`/api/meetings/${first.id}/attendance`, { attended: present }).expect(200);

  const report = (await asAdviser.get(`/api/meeting-series/${series.id}/report`).expect(200)).body;
  expect(report.meetings[0]).toMatchObject({ registered: 4, attended: 3, waiting: 0, cancelled: 1, newPeople: 4, returningPeople: 0 });
  expect(report.meetings[1]).toMatchObject({ registered: 2, newPeople: 0, returningPeople: 2 });
  expect(report.byOrganisationKind.filter((row: { attended: number }) => row.attended > 0).map((row: { kind: string }) => row.kind)).toEqual(['gemeente', 'ggz', 'socialeDienst']);
  const [{ count }] = await testApp.app.get(DataSource).query('SELECT count(*)::int FROM meeting_registrations');
  expect(count).toBe(7);
});
