import { useTestApp } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { dagbestedingMeeting, transitiearena2016, TRANSITIEARENA_PROGRAMME } from '../support/meetings.js';

/** Advisers set up the 2016 Transitiearena: a series, its first meeting, the next one copied two months on, an invitation to download. */
const app = useTestApp();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

it('sets up a series and its meetings, copies the last one two months on, and anyone reads them', async () => {
  const adviser = await app.client.staff('adviser', 1);
  const asAdviser = app.client.as(adviser);
  const anyone = app.client.as();

  const series = (await asAdviser.post('/api/meeting-series', transitiearena2016({ coOrganisers: ['Stichting Voorbeeld'] })).expect(201)).body;
  expect(series).toMatchObject({ kind: 'transitiearena', organiser: 'Movisie', coOrganisers: ['Stichting Voorbeeld'], contact: { name: 'Noor Verbeek', phone: '06-12345678' }, meetings: [] });

  // A Wednesday morning; the year is far ahead because registration closes by the real calendar.
  const first = (await asAdviser.post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting('2099-09-23', '2099-09-16')).expect(201)).body;
  expect(first).toMatchObject({ date: '2099-09-23', startTime: '09:30', endTime: '13:30', capacity: 50, open: true, registered: 0, placesLeft: 50, programme: TRANSITIEARENA_PROGRAMME });

  // Two months on, on the same weekday (a Wednesday), the deadline as many days before.
  const copy = (await asAdviser.post(`/api/meeting-series/${series.id}/meetings/copy`).expect(201)).body;
  expect(copy).toMatchObject({ date: '2099-11-25', registrationDeadline: '2099-11-18', startTime: '09:30', address: 'Voorbeeldlaan 15, Utrecht', theme: first.theme, downloads: [] });
  expect(new Date(`${copy.date}T12:00:00Z`).getUTCDay()).toBe(3);
  const changed = (await asAdviser.http.patch(`/api/meetings/${copy.id}`).send({ theme: 'Beschut werk en de sociale werkplaats', capacity: null }).expect(200)).body;
  expect(changed).toMatchObject({ theme: 'Beschut werk en de sociale werkplaats', capacity: null, placesLeft: null, version: 2 });

  // The invitation, for anyone to download.
  const withDownload = (await asAdviser.http.post(`/api/meetings/${first.id}/attachments?fileName=uitnodiging-transitiearena.pdf`).set('content-type', 'application/pdf').send(PDF).expect(201)).body;
  expect(withDownload.downloads).toEqual([expect.objectContaining({ fileName: 'uitnodiging-transitiearena.pdf', contentType: 'application/pdf', size: PDF.length })]);
  const downloaded = await anyone.get(withDownload.downloads[0].url).buffer(true).expect(200);
  expect(Buffer.from(downloaded.body).equals(PDF)).toBe(true);
  expect(downloaded.headers['content-disposition']).toContain('uitnodiging-transitiearena.pdf');

  const seen = (await anyone.get(`/api/meeting-series/${series.id}`).expect(200)).body;
  expect(seen.meetings.map((meeting: { date: string }) => meeting.date)).toEqual(['2099-09-23', '2099-11-25']);

  const audit = (await app.client.get(`/api/audit-log?subjectType=meeting&subjectId=${copy.id}`).expect(200)).body;
  expect(audit.map((record: { action: string }) => record.action)).toEqual(['meeting.updated', 'meeting.created']);
});

it('refuses a meeting that ends before it starts, a deadline after the meeting, and copying from an empty series', async () => {
  const series = (await app.client.post('/api/meeting-series', transitiearena2016({ kind: 'studiedag', name: 'Studiedag Een nieuw samenspel' })).expect(201)).body;
  const wrong = await app.client.post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(31), { startTime: '17:00', endTime: '09:00' })).expect(400);
  expect(wrong.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['endTime', 'registrationDeadline']);
  const invalid = await app.client.post(`/api/meeting-series/${series.id}/meetings`, { ...dagbestedingMeeting(daysFromToday(30), daysFromToday(20)), capacity: 0, date: '2099-02-30' }).expect(400);
  expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['capacity', 'date']);
  expect((await app.client.post(`/api/meeting-series/${series.id}/meetings/copy`).expect(422)).body.code).toBe('SERIES_HAS_NO_MEETINGS');
  expect((await app.client.post('/api/meeting-series', { ...transitiearena2016(), kind: 'werkatelier' }).expect(400)).body.errors[0].field).toBe('kind');
  expect((await app.client.get('/api/meetings/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('MEETING_NOT_FOUND');
});

it('lets only admins and advisers set up meetings', async () => {
  await app.client.as().post('/api/meeting-series', transitiearena2016()).expect(401);
  const { asParticipant } = await app.client.as(await app.client.staff('adviser', 2)).admittedDuoWithParticipant();
  await asParticipant.post('/api/meeting-series', transitiearena2016()).expect(403);
});
