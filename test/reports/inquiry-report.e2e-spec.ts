import ExcelJS from 'exceljs';
import { useTestApp, type Api } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { lindewaardTrajectory } from '../support/municipality.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 18, step 5: the report of gemeente Lindewaard's advisory trajectory, as JSON, as a
 * printable page and as a workbook, checked figure by figure against what was recorded.
 */
const app = useTestApp();
const today = daysFromToday(0);

let adviser: SignedInPerson;
let asAdviser: Api;
let municipalityId: string;

const initiatives = [
  { name: 'Buurtboerderij De Hoeve', participationForms: ['dagbesteding', 'vrijwilligerswerk'], location: 'Lindewaard-Noord', link: 'https://buurtboerderij.example' },
  { name: 'Kringloop Lindewaard', participationForms: ['beschutWerk', 'garantiebanen', 'dagbesteding'], location: 'Centrum' },
  { name: 'Repaircafé De Schakel', participationForms: ['vrijwilligerswerk'], location: 'Oosterwijk' },
];

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
  asAdviser = app.client.as(adviser);
  ({ municipalityId } = await lindewaardTrajectory(asAdviser));
  const on = (path: string, body: object) => asAdviser.post(`/api/duos/${municipalityId}/${path}`, body).expect(201);
  const step = (kind: string, notes: string) => on(`sessions/${kind}/held`, { heldOn: today, adviser: adviser.name, notes });
  await step('exploration', 'Bestaande kennis en ervaringen verzameld');
  await on('surveys', { audience: 'users', sent: 120, returned: 45, sentOn: today });
  await on('surveys', { audience: 'users', sent: 30, returned: 15, sentOn: today });
  await on('surveys', { audience: 'providers', sent: 12, returned: 9, sentOn: today });
  await on('interviews', { interviewee: 'user', count: 6, heldOn: today });
  await on('interviews', { interviewee: 'provider', count: 3, heldOn: today });
  await on('interviews', { interviewee: 'user', count: 2, heldOn: today });
  await step('needsInventory', 'Enquêtes en interviews afgerond');
  await on('focus-groups', { heldOn: today, attendance: 9, themes: ['vervoer', 'ontmoeting'] });
  await on('focus-groups', { heldOn: today, attendance: 7, themes: ['ontmoeting', 'werk'] });
  await step('focusGroups', 'Twee focusgroepen gehouden');
  for (const initiative of initiatives) await on('initiatives', { description: `Wat ${initiative.name} doet.`, novelty: 'Verbindt zorg en werk.', ...initiative });
  await step('planMeeting', 'Eerste opzet van het plan besproken');
  await step('planMeeting', 'Keuzes voor de algemene voorziening gemaakt');
  await step('planDelivery', 'Rapport en plan van aanpak aan de wethouder overhandigd');
});

describe('the inquiry report of gemeente Lindewaard', () => {
  it('gives the timeline of every phase step, in order, with its notes', async () => {
    const report = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report`).expect(200)).body;

    expect(report.unit).toMatchObject({ label: 'Gemeente Lindewaard', programme: 'Op zoek naar vernieuwende vormen van dagbesteding', state: 'planDelivered', stateName: 'rapport en plan van aanpak opgeleverd' });
    expect(report.timeline.map((entry: { title: string }) => entry.title)).toEqual([
      'Aanmelding',
      'Toegelaten',
      'Verkenning',
      'Behoeftepeiling',
      'Ronde met focusgroepen',
      'Bijeenkomst over het plan van aanpak',
      'Bijeenkomst over het plan van aanpak',
      'Oplevering van rapport en plan van aanpak',
    ]);
    expect(report.timeline[2]).toMatchObject({ date: today, details: [`Adviseur: ${adviser.name}`, 'Notities: Bestaande kennis en ervaringen verzameld'] });
  });

  it('adds up the surveys per audience and the interviews per interviewee', async () => {
    const { figures } = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report`).expect(200)).body;

    expect(figures.surveys).toEqual([
      { audience: 'users', surveys: 2, sent: 150, returned: 60, responseRate: 40 },
      { audience: 'potentialUsers', surveys: 0, sent: 0, returned: 0, responseRate: null },
      { audience: 'providers', surveys: 1, sent: 12, returned: 9, responseRate: 75 },
    ]);
    expect(figures.surveysTotal).toEqual({ surveys: 3, sent: 162, returned: 69, responseRate: 43 });
    expect(figures.interviews).toEqual([
      { interviewee: 'user', interviews: 8 },
      { interviewee: 'provider', interviews: 3 },
      { interviewee: 'other', interviews: 0 },
    ]);
    expect(figures.interviewsTotal).toBe(11);
    expect(figures.focusGroups).toEqual({ sessions: 2, attendance: 16, themes: ['vervoer', 'ontmoeting', 'werk'] });
  });

  it('lists the initiatives under every form of participation they connect, in the order of the Participatiewiel', async () => {
    const report = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report`).expect(200)).body;

    expect(report.initiativesByForm.map((row: { name: string; initiatives: { name: string }[] }) => [row.name, row.initiatives.map((initiative) => initiative.name)])).toEqual([
      ['dagbesteding', ['Buurtboerderij De Hoeve', 'Kringloop Lindewaard']],
      ['vrijwilligerswerk', ['Buurtboerderij De Hoeve', 'Repaircafé De Schakel']],
      ['beschut werk', ['Kringloop Lindewaard']],
      ['garantiebanen', ['Kringloop Lindewaard']],
      ['regulier werk', []],
    ]);
    expect(report.figures.initiativesTotal).toBe(3);
  });

  it('gives the plan: the meetings toward it and its handing over', async () => {
    const { plan } = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report`).expect(200)).body;

    expect(plan.meetings).toEqual([
      { date: today, details: [`Adviseur: ${adviser.name}`, 'Notities: Eerste opzet van het plan besproken'] },
      { date: today, details: [`Adviseur: ${adviser.name}`, 'Notities: Keuzes voor de algemene voorziening gemaakt'] },
    ]);
    expect(plan.handedOver).toEqual({
      title: 'Oplevering van rapport en plan van aanpak',
      date: today,
      details: [`Adviseur: ${adviser.name}`, 'Notities: Rapport en plan van aanpak aan de wethouder overhandigd'],
    });
  });

  it('prints the same figures on a page in Dutch', async () => {
    const html = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report/print`).expect(200).expect('content-type', /text\/html/)).text;

    expect(html).toContain('<h1>Rapportage Gemeente Lindewaard</h1>');
    expect(html).toMatch(/<th scope="row">gebruikers<\/th><td class="getal">2<\/td><td class="getal">150<\/td><td class="getal">60<\/td><td class="getal">40%<\/td>/);
    expect(html).toMatch(/<th scope="row">Totaal<\/th><td class="getal">3<\/td><td class="getal">162<\/td><td class="getal">69<\/td><td class="getal">43%<\/td>/);
    expect(html).toMatch(/<th scope="row">gebruikers<\/th><td class="getal">8<\/td>/);
    expect(html).toMatch(/<th scope="row">beschut werk<\/th><td class="getal">1<\/td><td>Kringloop Lindewaard<\/td>/);
    expect(html).toContain('2 focusgroepen, samen 16 aanwezigen.');
    expect(html).toContain('<strong>Oplevering van rapport en plan van aanpak:');
  });

  it('downloads a workbook with a sheet per part, the figures as numbers', async () => {
    const response = await asAdviser
      .get(`/api/duos/${municipalityId}/inquiry-report/spreadsheet`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body as unknown as ArrayBuffer);
    const rows = (sheet: string) => (book.getWorksheet(sheet)?.getSheetValues() ?? []).filter(Boolean).map((row) => (row as unknown[]).slice(1));

    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Tijdlijn', 'Enquêtes', 'Interviews', 'Focusgroepen', 'Initiatieven', 'Participatiewiel']);
    expect(rows('Enquêtes')).toEqual([
      ['Voor', 'Enquêtes', 'Verstuurd', 'Terug', 'Respons (%)'],
      ['gebruikers', 2, 150, 60, 40],
      ['potentiële gebruikers', 0, 0, 0],
      ['aanbieders', 1, 12, 9, 75],
      ['Totaal', 3, 162, 69, 43],
    ]);
    expect(rows('Interviews').slice(1)).toEqual([['gebruikers', 8], ['aanbieders', 3], ['anderen', 0], ['Totaal', 11]]);
    expect(rows('Participatiewiel').slice(1)).toEqual([['dagbesteding', 2], ['vrijwilligerswerk', 2], ['beschut werk', 1], ['garantiebanen', 1], ['regulier werk', 0]]);
    expect(rows('Tijdlijn')).toHaveLength(9);
  });

  it('is for a programme that keeps an inquiry: a duo of the werkateliers has none', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 1);
    const refused = await asAdviser.get(`/api/duos/${duo.id}/inquiry-report`).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOT_RECORDED_BY_PROGRAMME' });
    expect(refused.body.detail).toContain('keeps no inquiry');
  });
});
