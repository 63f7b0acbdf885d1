import type { Response } from 'supertest';
import ExcelJS from 'exceljs';
import { useTestApp } from '../support/api.js';
import { figures, improvementActions, otherMeans, story } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';
import { seedCohort, type SeededCohort } from './seeded-cohort.js';

/**
 * The cohort report in every format (JSON, XLSX, CSV, printable page), in full and anonymised,
 * over the seeded cohort (seeded-cohort.ts) plus a seventh duo of our own whose closed cycle
 * holds a non-integer figure, text that CSV must quote, and HTML the printable page must escape.
 * Duo 1 agreed to be named in publications; the others did not.
 */
const app = useTestApp();
let seeded: SeededCohort;
let ownDuo: { id: string; municipality: string; provider: string; contactPersons: { name: string; email: string }[] };
let base: string;

const SCRIPT_TITLE = '<script>alert(1)</script>';
const QUOTED_TITLE = 'Bezoek; "oud" en nieuw';
const OPEN_CYCLE_VALUE = 37.5;
const TABLES = ['duos', 'uitkomsten', 'aanwezigheid', 'afwezig-met-reden', 'onderbouwing', 'cijfers'] as const;
const labelOf = (duo: { municipality: string; provider: string }) => `${duo.municipality} / ${duo.provider}`;

beforeAll(async () => {
  seeded = await seedCohort(app.client);
  base = `/api/cohorts/${seeded.cohortId}/report`;
  const asAdviser = app.client.as(seeded.adviser);
  ownDuo = await asAdviser.duo(seeded.cohortId, 7);
  await asAdviser.post(`/api/duos/${ownDuo.id}/admission`).expect(201);
  const record = (body: object) => asAdviser.post(`/api/duos/${ownDuo.id}/evidence`, body).expect(201);
  await record(otherMeans(0, { title: SCRIPT_TITLE }));
  await record(figures(1));
  await record(figures(2, { title: QUOTED_TITLE, indicator: { ...figures(2).indicator, value: 12.5 } }));
  for (const step of [3, 4, 5, 6]) await record(story(step, { aboutAPerson: false, consentGiven: undefined }));
  await asAdviser.put(`/api/duos/${ownDuo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
  await asAdviser.post(`/api/duos/${ownDuo.id}/cycles/1/closure`).expect(201);
  // A non-integer figure in duo 1's open cycle 2: not part of any report.
  await app.client
    .as(seeded.participant)
    .post(`/api/duos/${seeded.duos[0].id}/evidence`, figures(1, { title: 'Open cyclus', indicator: { ...figures(1).indicator, value: OPEN_CYCLE_VALUE } }))
    .expect(201);
  await asAdviser.put(`/api/duos/${seeded.duos[0].id}/publication-consent`, { namedInPublications: true }).expect(200);
});

/** The response body as bytes, whatever its content type. */
function bytes(call: ReturnType<ReturnType<typeof app.client.as>['get']>) {
  return call.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

async function download(path: string, person?: SignedInPerson): Promise<Response & { body: Buffer }> {
  const asWho = person ? app.client.as(person) : app.client;
  return bytes(asWho.get(path)).expect(200);
}

/** The downloaded workbook read back (with exceljs: the checks are on what any reader finds, sheets, values and number formats). */
async function workbookOf(content: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs declares its own Buffer (an ArrayBuffer); it reads Node's Buffer, which its types do not admit.
  await book.xlsx.load(content as unknown as ArrayBuffer);
  return book;
}

const sheetNames = (book: ExcelJS.Workbook) => book.worksheets.map((sheet) => sheet.name);

/** Every cell's value and text in every sheet, and the workbook's properties. */
function allText(book: ExcelJS.Workbook): string {
  const cells = book.worksheets.flatMap((sheet) =>
    sheet.getRows(1, sheet.rowCount)?.flatMap((row) => {
      const texts: string[] = [];
      row.eachCell((cell) => texts.push(String(cell.value ?? ''), cell.text));
      return texts;
    }) ?? [],
  );
  const { creator, lastModifiedBy, title, subject, keywords, category, description, company, manager } = book;
  const properties = { creator, lastModifiedBy, title, subject, keywords, category, description, company, manager };
  return [...sheetNames(book), ...cells, JSON.stringify(properties)].join('\n');
}

/** The sheet's rows as arrays of cell values (numbers, dates, text), header row first. */
function rowsOf(book: ExcelJS.Workbook, sheet: string): unknown[][] {
  const worksheet = book.getWorksheet(sheet);
  if (!worksheet) throw new Error(`The workbook has no sheet ${sheet}`);
  return (worksheet.getRows(1, worksheet.rowCount) ?? []).map((row) => (row.values as unknown[]).slice(1));
}

/** The CSV as text, after checking it is UTF-8 with a byte order mark and CRLF line ends. */
function csvText(content: Buffer): string {
  expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = content.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  return text;
}

describe('the anonymised variant', () => {
  /** What identifies a person, or a duo that did not agree to be named: none of it may be published. */
  function personalData(): string[] {
    const unnamed = [...seeded.duos.slice(1), ownDuo];
    return [
      ...[...seeded.duos, ownDuo].flatMap((duo) => duo.contactPersons.flatMap((person) => [person.name, person.email])),
      seeded.adviser.name,
      seeded.adviser.email,
      seeded.participant.name,
      seeded.participant.email,
      app.testApp.admin.name,
      app.testApp.admin.email,
      'Adviseur Jansen',
      'Raadsvergadering',
      'Stadskantoor',
      'Indicatoren besproken',
      'Reorganisatie bij de uitvoerder',
      '030-1234567',
      // Free text a duo typed that nobody marks for publication: other means, figure titles, improvement actions.
      'Tien verhalen verzameld',
      'voorbeeld.example/msc',
      QUOTED_TITLE,
      'Bewoners tellen mee in de jaarlijkse monitor',
      ...unnamed.flatMap((duo) => [duo.municipality, duo.provider]),
      'eenzaamheid',
    ];
  }
  const foundIn = (text: string) => personalData().filter((value) => text.toLowerCase().includes(value.toLowerCase()));
  const unnamedDuoNames = () => [...seeded.duos.slice(1), ownDuo].flatMap((duo) => [duo.municipality, duo.provider]);

  async function outputs(anonymised: boolean): Promise<Record<string, string>> {
    const query = `?anonymised=${anonymised}`;
    const asAdviser = app.client.as(seeded.adviser);
    const result: Record<string, string> = {
      json: (await asAdviser.get(`${base}${query}`).expect(200)).text,
      xlsx: allText(await workbookOf((await download(`${base}/spreadsheet${query}`, seeded.adviser)).body)),
      print: (await asAdviser.get(`${base}/print${query}`).expect(200)).text,
    };
    for (const table of TABLES) result[`csv ${table}`] = csvText((await download(`${base}/csv/${table}${query}`, seeded.adviser)).body);
    return result;
  }

  it('has no person names, meeting texts, withheld stories or names of duos that did not agree, in any format', async () => {
    const anonymised = await outputs(true);
    expect(Object.keys(anonymised)).toHaveLength(9);
    for (const [format, text] of Object.entries(anonymised)) expect({ format, found: foundIn(text) }).toEqual({ format, found: [] });
  });

  it('searches text that does name them when not anonymised', async () => {
    const full = await outputs(false);
    const [, d2, d3] = seeded.duos;
    // What each format names: every duo, or only those its table lists (the evidence matrix lists none).
    const named: Record<string, string[]> = {
      json: unnamedDuoNames(),
      xlsx: unnamedDuoNames(),
      print: unnamedDuoNames(),
      'csv duos': unnamedDuoNames(),
      'csv uitkomsten': unnamedDuoNames(),
      'csv aanwezigheid': [d3.municipality, d3.provider],
      'csv afwezig-met-reden': [d2.municipality, d2.provider, 'Raadsvergadering', 'Adviseur Jansen'],
      'csv onderbouwing': [],
      'csv cijfers': [ownDuo.municipality, ownDuo.provider],
    };
    expect(Object.keys(full).sort()).toEqual(Object.keys(named).sort());
    for (const [format, text] of Object.entries(full)) {
      expect({ format, found: foundIn(text) }).toEqual({ format, found: expect.arrayContaining(named[format]) });
    }
    expect(foundIn(full.print)).toEqual(
      expect.arrayContaining([seeded.adviser.name, 'Adviseur Jansen', 'Raadsvergadering', 'Stadskantoor', 'Indicatoren besproken', 'Reorganisatie bij de uitvoerder']),
    );
    for (const format of ['json', 'xlsx']) expect(foundIn(full[format])).toEqual(expect.arrayContaining(['Raadsvergadering', 'Adviseur Jansen']));
    for (const text of Object.values(full)) expect(text).not.toContain('eenzaamheid');
  });

  it('names the duo that agreed and calls the others Duo A, Duo B, ... in the cohort order', async () => {
    const report = (await app.client.as(seeded.adviser).get(`${base}?anonymised=true`).expect(200)).body;
    const [d1] = seeded.duos;
    expect(report.anonymised).toBe(true);
    expect(report.duos.map((duo: { id: string; label: string; municipality: string | null; provider: string | null }) => [duo.id, duo.label, duo.municipality, duo.provider])).toEqual([
      [d1.id, labelOf(d1), d1.municipality, d1.provider],
      ...[...seeded.duos.slice(1), ownDuo].map((duo, i) => [duo.id, `Duo ${'ABCDEF'[i]}`, null, null]),
    ]);
    const print = (await app.client.as(seeded.adviser).get(`${base}/print?anonymised=true`).expect(200)).text;
    expect(sectionTitles(print)).toEqual([labelOf(d1), 'Duo A', 'Duo B', 'Duo C', 'Duo D', 'Duo F']);
    const spreadsheet = await download(`${base}/spreadsheet?anonymised=true`, seeded.adviser);
    expect(spreadsheet.headers['content-disposition']).toMatch(/filename="[^"]*geanonimiseerd\.xlsx"/);
    const names = rowsOf(await workbookOf(spreadsheet.body), "Duo's").slice(1).map((row) => row[0]);
    expect(names).toEqual([labelOf(d1), 'Duo A', 'Duo B', 'Duo C', 'Duo D', 'Duo E', 'Duo F']);
  });
});

describe('the spreadsheet', () => {
  it('is an XLSX workbook with a sheet per table and Dutch header rows', async () => {
    const response = await download(`${base}/spreadsheet`, seeded.adviser);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="rapportage-werkateliers-outcome-2099\.xlsx"/);
    const book = await workbookOf(response.body);
    expect(sheetNames(book)).toEqual(["Duo's", 'Uitkomsten', 'Aanwezigheid', 'Afwezig met reden', 'Onderbouwing', 'Cijfers']);
    expect(Object.fromEntries(sheetNames(book).map((sheet) => [sheet, rowsOf(book, sheet)[0]]))).toEqual({
      "Duo's": ['Duo', 'Gemeente', 'Uitvoerder', 'Uitkomst', 'Voldoet aan aanwezigheidsplicht', 'Adviesgesprekken', 'Afgeronde cycli'],
      Uitkomsten: ['Uitkomst', 'Aantal duo’s', 'Duo’s'],
      Aanwezigheid: ['Bijeenkomst', 'Geregistreerd', 'Beide kanten aanwezig', 'Voldaan, met reden afwezig', 'Niet voldaan', 'Duo’s die niet voldeden'],
      'Afwezig met reden': ['Duo', 'Bijeenkomst', 'Kant', 'Reden', 'Akkoord van'],
      Onderbouwing: ['Stap', 'Naam van de stap', 'Perspectief', 'Soort', 'Aantal'],
      Cijfers: ['Duo', 'Cyclus', 'Stap', 'Perspectief', 'Titel', 'Indicator', 'Waarde', 'Eenheid', 'Van', 'Tot en met'],
    });
    expect(rowsOf(book, "Duo's")[1]).toEqual([labelOf(seeded.duos[0]), seeded.duos[0].municipality, seeded.duos[0].provider, 'afgerond', 'ja', 2, 1]);
  });

  it("has duo 1's figures as numbers and their periods as real dates shown dd-mm-yyyy", async () => {
    const book = await workbookOf((await download(`${base}/spreadsheet`, seeded.adviser)).body);
    const label = labelOf(seeded.duos[0]);
    const rows = rowsOf(book, 'Cijfers').slice(1);
    const ofDuo1 = rows.filter((row) => row[0] === label);
    expect(ofDuo1.map((row) => row.slice(0, 8))).toEqual(
      [1, 2, 3, 4, 5].map((step) => [label, 1, step, 'gemeente', `Cijfers bij stap ${step}`, 'Bezoekers buurthuis per week', step * 10, 'bezoekers']),
    );
    expect(rows.map((row) => row[4])).not.toContain('Nieuwe ambitie');
    expect(rows.map((row) => row[6])).not.toContain(OPEN_CYCLE_VALUE);
    expect(rows.find((row) => row[4] === QUOTED_TITLE)?.[6]).toBe(12.5);

    // A cell with a date format is read back as a Date: the day itself, shown in that format.
    const sheet = book.getWorksheet('Cijfers') as ExcelJS.Worksheet;
    for (let r = 2; r <= sheet.rowCount; r++) {
      for (const [column, day] of [
        [9, '2019-01-01'],
        [10, '2019-06-30'],
      ] as const) {
        const cell = sheet.getCell(r, column);
        expect(cell.type).toBe(ExcelJS.ValueType.Date);
        expect(cell.value).toEqual(new Date(`${day}T00:00:00Z`));
        expect(cell.numFmt).toBe('dd-mm-yyyy');
      }
    }
    expect(sheet.rowCount).toBe(1 + 5 + 2);
  });
});

describe('the CSV downloads', () => {
  it('are UTF-8 with a byte order mark, semicolons and CRLF, with Dutch headers', async () => {
    const headers: Record<(typeof TABLES)[number], string> = {
      duos: 'Duo;Gemeente;Uitvoerder;Uitkomst;Voldoet aan aanwezigheidsplicht;Adviesgesprekken;Afgeronde cycli',
      uitkomsten: 'Uitkomst;Aantal duo’s;Duo’s',
      aanwezigheid: 'Bijeenkomst;Geregistreerd;Beide kanten aanwezig;Voldaan, met reden afwezig;Niet voldaan;Duo’s die niet voldeden',
      'afwezig-met-reden': 'Duo;Bijeenkomst;Kant;Reden;Akkoord van',
      onderbouwing: 'Stap;Naam van de stap;Perspectief;Soort;Aantal',
      cijfers: 'Duo;Cyclus;Stap;Perspectief;Titel;Indicator;Waarde;Eenheid;Van;Tot en met',
    };
    for (const table of TABLES) {
      const response = await download(`${base}/csv/${table}`, seeded.adviser);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="rapportage-werkateliers-outcome-2099-${table}\\.csv"`));
      const lines = csvText(response.body).split('\r\n');
      expect({ table, header: lines[0] }).toEqual({ table, header: headers[table] });
    }
    const duos = csvText((await download(`${base}/csv/duos`, seeded.adviser)).body).split('\r\n');
    expect(duos[1]).toBe(`${labelOf(seeded.duos[0])};${seeded.duos[0].municipality};${seeded.duos[0].provider};afgerond;ja;2;1`);
    expect(duos).toHaveLength(1 + 7 + 1);
  });

  it('writes Dutch dates, decimal commas and quotes text with ; or ", and only figures of closed cycles', async () => {
    const lines = csvText((await download(`${base}/csv/cijfers`, seeded.adviser)).body).split('\r\n');
    const label = labelOf(seeded.duos[0]);
    expect(lines.slice(1, 6)).toEqual(
      [1, 2, 3, 4, 5].map((step) => `${label};1;${step};gemeente;Cijfers bij stap ${step};Bezoekers buurthuis per week;${step * 10};bezoekers;01-01-2019;30-06-2019`),
    );
    expect(lines).toContain(`${labelOf(ownDuo)};1;2;gemeente;"Bezoek; ""oud"" en nieuw";Bezoekers buurthuis per week;12,5;bezoekers;01-01-2019;30-06-2019`);
    const text = lines.join('\r\n');
    expect(text).not.toContain('2019-01-01');
    expect(text).not.toContain('Nieuwe ambitie');
    expect(text).not.toContain('Open cyclus');
    expect(text).not.toContain('37,5');
    expect(lines).toHaveLength(1 + 5 + 2 + 1);
  });

  it('refuses an unknown table, naming `table`', async () => {
    const response = await app.client.as(seeded.adviser).get(`${base}/csv/personen`).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('table');
    expect(response.body.detail).toContain('table');
  });
});

describe('the excused absences', () => {
  it('list each excused side with its reason and who accepted it, in the spreadsheet and the CSV', async () => {
    const d2 = seeded.duos[1];
    const book = await workbookOf((await download(`${base}/spreadsheet`, seeded.adviser)).body);
    expect(rowsOf(book, 'Afwezig met reden').slice(1)).toEqual([[labelOf(d2), 'Werkatelier 1', 'gemeente', 'Raadsvergadering', 'Adviseur Jansen']]);
    const lines = csvText((await download(`${base}/csv/afwezig-met-reden`, seeded.adviser)).body).split('\r\n');
    expect(lines.slice(1)).toEqual([`${labelOf(d2)};Werkatelier 1;gemeente;Raadsvergadering;Adviseur Jansen`, '']);
  });

  it('keep in the anonymised variant which side was excused, but not why or by whom, as the printed duo pages do', async () => {
    const d2 = seeded.duos[1];
    const report = (await app.client.as(seeded.adviser).get(`${base}?anonymised=true`).expect(200)).body;
    expect(report.excuses).toEqual([{ duoId: d2.id, session: 'workshop1', side: 'municipality', reason: null, excusedBy: null }]);
    const book = await workbookOf((await download(`${base}/spreadsheet?anonymised=true`, seeded.adviser)).body);
    expect(rowsOf(book, 'Afwezig met reden').slice(1)).toEqual([['Duo A', 'Werkatelier 1', 'gemeente']]);
    const lines = csvText((await download(`${base}/csv/afwezig-met-reden?anonymised=true`, seeded.adviser)).body).split('\r\n');
    expect(lines.slice(1)).toEqual(['Duo A;Werkatelier 1;gemeente;;', '']);
    const print = (await app.client.as(seeded.adviser).get(`${base}/print?anonymised=true`).expect(200)).text;
    expect(print).toContain('gemeente: afwezig met reden');
  });
});

/** The titles of the printed duo pages, in order. */
function sectionTitles(html: string): string[] {
  return [...html.matchAll(/<section class="duo">\s*<h1>([^<]*)<\/h1>/g)].map((match) => match[1]);
}

describe('the printable page', () => {
  it('is a Dutch A4 page with a page per admitted duo, bar charts and the heat map', async () => {
    const response = await app.client.as(seeded.adviser).get(`${base}/print`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html; ?charset=utf-8$/i);
    const html = response.text;
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toMatch(/@page\s*\{[^}]*size:\s*A4/);
    expect(html).toMatch(/\.duo\s*\{[^}]*(break-before:\s*page|page-break-before:\s*always)/);
    const [d1, d2, d3, d4, d5, d6] = seeded.duos;
    expect(html.match(/<section class="duo">/g)).toHaveLength(6);
    expect(sectionTitles(html)).toEqual([d1, d2, d3, d4, d5, ownDuo].map(labelOf));
    expect(sectionTitles(html)).not.toContain(labelOf(d6));
    const charts = html.match(/<svg\b[^>]*\brole="img"[^>]*>/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(charts.some((svg) => /aria-label="Warmtekaart[^"]*"/.test(svg))).toBe(true);
    expect(html).toContain('<h2>Duo’s naar uitkomst</h2>');
    expect(html).toContain('<h2>Aanwezigheid per bijeenkomst</h2>');
  });

  it('escapes HTML in what users wrote', async () => {
    const cohortPage = (await app.client.as(seeded.adviser).get(`${base}/print`).expect(200)).text;
    const duoPage = (await app.client.as(seeded.adviser).get(`/api/duos/${ownDuo.id}/report/print`).expect(200)).text;
    for (const html of [cohortPage, duoPage]) {
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script>alert');
    }
  });

  it("prints a duo's own report for its participant", async () => {
    const response = await app.client.as(seeded.participant).get(`/api/duos/${seeded.duos[0].id}/report/print`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html; ?charset=utf-8$/i);
    expect(response.text).toMatch(/<html lang="nl">/);
    expect(response.text).toContain(`<h1>${labelOf(seeded.duos[0])}</h1>`);
    expect(response.text).toContain('Cyclus 1 van het Kwaliteitskompas');
    expect(response.text).not.toContain('eenzaamheid');
    await app.client.as(seeded.participant).get(`/api/duos/${seeded.duos[1].id}/report/print`).expect(404);
  });
});

describe('who may fetch the cohort report', () => {
  const routes = () => [base, `${base}?anonymised=true`, `${base}/spreadsheet`, `${base}/print`, ...TABLES.map((table) => `${base}/csv/${table}`)];

  it('refuses a participant (403) and answers an adviser of another cohort as if it did not exist (404)', async () => {
    const otherAdviser = await app.client.staff('adviser', 8);
    await app.client.as(otherAdviser).cohort({ name: 'Een andere editie' });
    for (const route of routes()) {
      const asParticipant = await app.client.as(seeded.participant).get(route);
      expect({ route, status: asParticipant.status, code: asParticipant.body.code }).toEqual({ route, status: 403, code: 'FORBIDDEN' });
      const asOther = await app.client.as(otherAdviser).get(route);
      expect({ route, status: asOther.status, code: asOther.body.code }).toEqual({ route, status: 404, code: 'COHORT_NOT_FOUND' });
    }
  });

  it('lets an admin fetch every format', async () => {
    for (const route of routes()) {
      const response = await bytes(app.client.get(route));
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      expect(response.body.length).toBeGreaterThan(0);
    }
  });
});
