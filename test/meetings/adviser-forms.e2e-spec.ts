import { useTestApp } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { csrfIn, formFields, signedInFormBrowser } from '../support/form-browser.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';

/** An adviser sets up a series and its meetings with the pages' forms, as a browser posts them. */
const app = useTestApp();

it('creates a series, a meeting with its programme, and copies it two months on', async () => {
  const adviser = await app.client.staff('adviser', 1);
  const browser = await signedInFormBrowser(() => app.testApp.app.getHttpServer(), adviser);
  const _csrf = csrfIn((await browser.get('/reeksen').expect(200)).text);

  const wrong = await browser.post('/reeksen', { _csrf, kind: 'transitiearena', name: '', organiser: 'Movisie', contactName: 'Noor Verbeek', contactEmail: 'geen-adres' }).expect(400);
  expect(wrong.text).toContain('Naam: Vul dit in.');
  expect(wrong.text).toContain('E-mailadres van de contactpersoon: Vul een geldig e-mailadres in.');

  const created = await browser
    .post('/reeksen', {
      _csrf,
      kind: 'transitiearena',
      name: 'Transitiearena Vernieuwing in arbeidsmatige dagbesteding en beschut werk',
      organiser: 'Movisie',
      coOrganisers: 'Stichting Voorbeeld\nKenniscentrum Werk',
      contactName: 'Noor Verbeek',
      contactEmail: 'n.verbeek@kennisinstituut.example',
      contactPhone: '06-12345678',
    })
    .expect(303);
  const seriesId = /\/reeksen\/([0-9a-f-]{36})\/beheer/.exec(created.headers.location)?.[1] ?? '';
  expect((await app.client.get(`/api/meeting-series/${seriesId}`).expect(200)).body).toMatchObject({ coOrganisers: ['Stichting Voorbeeld', 'Kenniscentrum Werk'], contact: { phone: '06-12345678' } });

  const meeting = {
    _csrf,
    theme: 'Dagbesteding vanuit het gemeentelijk perspectief',
    date: daysFromToday(30),
    startTime: '09:30',
    endTime: '13:30',
    locationName: 'Zalencentrum De Brug',
    address: 'Voorbeeldlaan 15, Utrecht',
    questions: 'Hoe wordt dagbesteding ingevuld?\nHoe regelen gemeenten de inkoop?',
    programme: '09:30-10:00 Inloop met koffie en thee\n9.30 - 10:00 Aftrap\n12:45-13:30 Afsluitende lunch',
    capacity: '',
    registrationDeadline: daysFromToday(40),
  };
  const refused = await browser.post(`/reeksen/${seriesId}/bijeenkomsten`, meeting).expect(400);
  expect(refused.text).toContain('Er is een probleem');
  expect(refused.text).toContain('Aanmelden sluit uiterlijk op de dag van de bijeenkomst.');
  const saved = await browser.post(`/reeksen/${seriesId}/bijeenkomsten`, { ...meeting, registrationDeadline: daysFromToday(20) }).expect(303);
  const meetingId = /\/bijeenkomsten\/([0-9a-f-]{36})\/beheer/.exec(saved.headers.location)?.[1] ?? '';
  expect((await app.client.get(`/api/meetings/${meetingId}`).expect(200)).body).toMatchObject({
    capacity: null,
    questions: ['Hoe wordt dagbesteding ingevuld?', 'Hoe regelen gemeenten de inkoop?'],
    programme: [
      { start: '09:30', end: '10:00', title: 'Inloop met koffie en thee' },
      { start: '09:30', end: '10:00', title: 'Aftrap' },
      { start: '12:45', end: '13:30', title: 'Afsluitende lunch' },
    ],
  });

  const copied = await browser.post(`/reeksen/${seriesId}/kopie`, { _csrf }).expect(303);
  expect(copied.headers.location).toContain('opgeslagen=kopie');
  const meetings = (await app.client.get(`/api/meeting-series/${seriesId}`).expect(200)).body.meetings;
  expect(meetings).toHaveLength(2);
  expect(new Date(`${meetings[1].date}T12:00:00Z`).getUTCDay()).toBe(new Date(`${meetings[0].date}T12:00:00Z`).getUTCDay());
});

it('changes a series on its admin page, from the series as it stands, and refuses a wrong address beside its field', async () => {
  const adviser = await app.client.staff('adviser', 2);
  const browser = await signedInFormBrowser(() => app.testApp.app.getHttpServer(), adviser);
  const series = (await app.client.post('/api/meeting-series', transitiearena2016({ coOrganisers: ['Stichting Voorbeeld'] })).expect(201)).body;
  const action = `/reeksen/${series.id}/wijzigen`;
  const current = async () => formFields((await browser.get(`/reeksen/${series.id}/beheer`).expect(200)).text, action);

  const asItStands = await current();
  expect(asItStands).toMatchObject({ name: series.name, organiser: 'Movisie', coOrganisers: 'Stichting Voorbeeld', contactName: 'Noor Verbeek', contactEmail: 'n.verbeek@kennisinstituut.example', contactPhone: '06-12345678' });

  const wrong = await browser.post(action, { ...asItStands, contactEmail: 'geen-adres' }).expect(400);
  expect(wrong.text).toContain('E-mailadres van de contactpersoon: Vul een geldig e-mailadres in.');
  expect((await app.client.get(`/api/meeting-series/${series.id}`).expect(200)).body.contact.email).toBe('n.verbeek@kennisinstituut.example');

  const saved = await browser.post(action, { ...asItStands, name: 'Transitiearena Beschut werk', coOrganisers: 'Stichting Voorbeeld\nKenniscentrum Werk', contactPhone: '' }).expect(303);
  expect(saved.headers.location).toBe(`/reeksen/${series.id}/beheer?opgeslagen=reeks-gewijzigd#melding`);
  expect((await app.client.get(`/api/meeting-series/${series.id}`).expect(200)).body).toMatchObject({
    kind: 'transitiearena',
    name: 'Transitiearena Beschut werk',
    description: series.description,
    coOrganisers: ['Stichting Voorbeeld', 'Kenniscentrum Werk'],
    contact: { name: 'Noor Verbeek', email: 'n.verbeek@kennisinstituut.example' },
  });
  expect((await browser.get(`/reeksen/${series.id}/beheer?opgeslagen=reeks-gewijzigd`).expect(200)).text).toContain('De reeks is gewijzigd.');
});

it('adds the invitation to a meeting’s public page from its admin page, and refuses a file that is not what it says, saving nothing', async () => {
  const adviser = await app.client.staff('adviser', 3);
  const browser = await signedInFormBrowser(() => app.testApp.app.getHttpServer(), adviser);
  const series = (await app.client.post('/api/meeting-series', transitiearena2016()).expect(201)).body;
  const meeting = (await app.client.post(`/api/meeting-series/${series.id}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20))).expect(201)).body;
  const adminPage = `/bijeenkomsten/${meeting.id}/beheer`;
  const _csrf = csrfIn((await browser.get(adminPage).expect(200)).text);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

  const notAPdf = await browser.upload(`/bijeenkomsten/${meeting.id}/downloads`, { _csrf }, { fileName: 'uitnodiging.pdf', contentType: 'application/pdf', content: Buffer.from('geen pdf') });
  expect(notAPdf.status).toBe(415);
  expect(notAPdf.text).toContain('id="download-file-fout"');
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body.downloads).toEqual([]);

  const added = await browser.upload(`/bijeenkomsten/${meeting.id}/downloads`, { _csrf }, { fileName: 'uitnodiging.pdf', contentType: 'application/pdf', content: pdf }).expect(303);
  expect(added.headers.location).toBe(`${adminPage}?opgeslagen=download#melding`);
  const [download] = (await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body.downloads;
  expect(download).toMatchObject({ fileName: 'uitnodiging.pdf', contentType: 'application/pdf', size: pdf.length });
  expect((await browser.get(`/bijeenkomsten/${meeting.id}`).expect(200)).text).toContain(`href="${download.url}"`);
  expect((await browser.get(`${adminPage}?opgeslagen=download`).expect(200)).text).toContain('De download staat op de openbare pagina van de bijeenkomst.');

  const removal = `/bijeenkomsten/${meeting.id}/downloads/${download.id}/weghalen`;
  expect((await browser.get(adminPage).expect(200)).text).toContain(`action="${removal}"`);
  const removed = await browser.post(removal, { _csrf }).expect(303);
  expect(removed.headers.location).toBe(`${adminPage}?opgeslagen=download-weg#melding`);
  expect((await app.client.get(`/api/meetings/${meeting.id}`).expect(200)).body.downloads).toEqual([]);
  expect((await browser.get(`/bijeenkomsten/${meeting.id}`).expect(200)).text).not.toContain(download.url);
  expect((await browser.post(removal, { _csrf })).status).toBe(404);
  const audit = (await app.client.get(`/api/audit-log?action=meeting.download_removed&subjectId=${meeting.id}`).expect(200)).body;
  expect(audit).toEqual([expect.objectContaining({ actorName: adviser.name, details: { name: 'uitnodiging.pdf' } })]);
});
