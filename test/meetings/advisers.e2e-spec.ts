import ExcelJS from 'exceljs';
import { FormGuard } from '../../src/meetings/form-guard.js';
import { useTestApp } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';

/**
 * Advisers and the 2016 Transitiearena's two meetings: the registrations, exported for name badges
 * and a mail merge, the list at the door, and the reports; anyone subscribes to the series' calendar.
 */
const app = useTestApp();
let seriesId: string;
let first: { id: string };
let second: { id: string };
const ids: Record<string, string[]> = {};

async function register(meetingId: string, n: number, organisationKind: string, otherMeetingIds: string[] = []) {
  const formToken = await app.testApp.app.get(FormGuard).issue(Date.now() - 10_000);
  const body = {
    name: `Persoon ${n}`,
    organisation: `Organisatie ${n}`,
    organisationKind,
    role: 'Adviseur',
    email: `persoon${n}@voorbeeld.example`,
    phone: '06-33333333',
    lunchWishes: n === 1 ? '=Vegetarisch' : undefined,
    otherMeetingIds,
    formToken,
  };
  const response = await app.client.as().post(`/api/meetings/${meetingId}/registrations`, body).expect(201);
  for (const registration of response.body.registrations) (ids[registration.meetingId] ??= []).push(registration.id);
}

beforeAll(async () => {
  seriesId = (await app.client.post('/api/meeting-series', transitiearena2016()).expect(201)).body.id;
  first = (await app.client.post(`/api/meeting-series/${seriesId}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20), { capacity: 3 })).expect(201)).body;
  second = (await app.client.post(`/api/meeting-series/${seriesId}/meetings/copy`).expect(201)).body;
  // Three with a place at the first meeting, one waiting; two of them come to the second one too, with one new person.
  await register(first.id, 1, 'gemeente', [second.id]);
  await register(first.id, 2, 'ggz', [second.id]);
  await register(first.id, 3, 'raadslid');
  await register(first.id, 4, 'deelnemer');
  await register(second.id, 5, 'gemeente');
});

it('lists the registrations and exports them as CSV and XLSX', async () => {
  const list = (await app.client.get(`/api/meetings/${first.id}/registrations`).expect(200)).body;
  expect(list.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
    ['Persoon 1', 'registered'],
    ['Persoon 2', 'registered'],
    ['Persoon 3', 'registered'],
    ['Persoon 4', 'waiting'],
  ]);

  const csv = await app.client.get(`/api/meetings/${first.id}/registrations/export?format=csv`).expect(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.headers['content-disposition']).toContain('aanmeldingen-');
  const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Naam;Organisatie;Soort organisatie;Functie;E-mailadres;Telefoon;Status;Lunchwensen;Eerder geweest;Aangemeld op');
  // A value a spreadsheet would run as a formula stays text.
  expect(lines[1]).toMatch(/^Persoon 1;Organisatie 1;Gemeente;Adviseur;persoon1@voorbeeld\.example;06-33333333;aangemeld;'=Vegetarisch;nee;\d{2}-\d{2}-\d{4}$/);
  expect(lines[4]).toContain('Deelnemer of ervaringsdeskundige');
  expect(lines).toHaveLength(5);

  const xlsx = await app.client.get(`/api/meetings/${first.id}/registrations/export?format=xlsx`).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  }).expect(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body);
  const sheet = book.getWorksheet('Aanmeldingen')!;
  expect(sheet.getRow(1).getCell(1).value).toBe('Naam');
  expect(sheet.getRow(3).getCell(5).value).toBe('persoon2@voorbeeld.example');
  expect(sheet.rowCount).toBe(5);
  expect((await app.client.get(`/api/meetings/${first.id}/registrations/export?format=pdf`).expect(400)).body.errors[0].field).toBe('format');
});

it('takes the list at the door and reports per meeting and per series, new and returning people by kind', async () => {
  const [one, two, three, waiting] = ids[first.id];
  const refused = await app.client.put(`/api/meetings/${first.id}/attendance`, { attended: [one, waiting] }).expect(400);
  expect(refused.body.errors[0]).toMatchObject({ field: 'attended' });
  const report = (await app.client.put(`/api/meetings/${first.id}/attendance`, { attended: [one, three] }).expect(200)).body;
  expect(report).toMatchObject({ registered: 3, attended: 2, waiting: 1, cancelled: 0, newPeople: 3, returningPeople: 0 });
  expect(report.byOrganisationKind.filter((row: { registered: number }) => row.registered > 0)).toEqual([
    { kind: 'gemeente', name: 'Gemeente', registered: 1, attended: 1 },
    { kind: 'ggz', name: 'GGZ', registered: 1, attended: 0 },
    { kind: 'raadslid', name: 'Raadslid', registered: 1, attended: 1 },
  ]);
  expect(two).toBeDefined();

  const secondReport = (await app.client.get(`/api/meetings/${second.id}/report`).expect(200)).body;
  expect(secondReport).toMatchObject({ registered: 3, newPeople: 1, returningPeople: 2 });
  const seriesReport = (await app.client.get(`/api/meeting-series/${seriesId}/report`).expect(200)).body;
  expect(seriesReport).toMatchObject({ registered: 6, attended: 2, waiting: 1, newPeople: 4, returningPeople: 2 });
  expect(seriesReport.byOrganisationKind.find((row: { kind: string }) => row.kind === 'gemeente')).toMatchObject({ registered: 3, attended: 1 });
  expect(seriesReport.meetings.map((meeting: { meetingId: string }) => meeting.meetingId)).toEqual([first.id, second.id]);
});

it('publishes the series as a calendar anyone can subscribe to', async () => {
  const feed = await app.client.as().get(`/reeksen/${seriesId}/agenda.ics`).expect(200);
  expect(feed.headers['content-type']).toContain('text/calendar');
  const text = feed.text.replace(/\r\n /g, '');
  expect(text).toContain('X-WR-CALNAME:Transitiearena Vernieuwing in arbeidsmatige dagbesteding en beschut werk');
  expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(text).toContain(`UID:${first.id}@trajectkompas`);
  expect(text).toContain(`UID:${second.id}@trajectkompas`);
  expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT6H');
  await app.client.as().get('/reeksen/00000000-0000-4000-8000-000000000000/agenda.ics').expect(404);
});
