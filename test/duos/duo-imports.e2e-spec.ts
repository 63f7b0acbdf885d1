import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Duos brought in from a file: a preview lists every row with its errors and writes nothing;
 * the import writes every row, as an adviser registers a duo, or none.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let testApp: TestApp;
let client: ReturnType<typeof api>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ smtpUrl: smtp.url });
  client = api(testApp, testApp.admin.token);
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});

const HEADERS = ['Gemeente', 'Uitvoerder', 'Collectieve voorzieningen', 'Vragen', 'Verwachtingen', 'Contactpersoon gemeente', 'E-mail gemeente', 'Telefoon gemeente', 'Contactpersoon uitvoerder', 'E-mail uitvoerder', 'Telefoon uitvoerder'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function row(n: number, overrides: Partial<Record<string, string>> = {}): string[] {
  const values: Record<string, string> = {
    Gemeente: `Gemeente Import ${n}`,
    Uitvoerder: `Stichting Import ${n}`,
    'Collectieve voorzieningen': 'jongerenwerk, buurthuisbeheer',
    Vragen: 'Hoe laten we zien wat werkt?',
    Verwachtingen: 'Samen leren',
    'Contactpersoon gemeente': `Anna Gemeente ${n}`,
    'E-mail gemeente': `anna${n}@gemeente-import.example`,
    'Telefoon gemeente': '030-1234567',
    'Contactpersoon uitvoerder': `Bram Uitvoerder ${n}`,
    'E-mail uitvoerder': `bram${n}@stichting-import.example`,
    'Telefoon uitvoerder': '',
    ...overrides,
  };
  return HEADERS.map((header) => values[header]);
}

function csv(rows: string[][], separator = ',', headers = HEADERS): string {
  const field = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [headers, ...rows].map((cells) => cells.map(field).join(separator)).join('\r\n');
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Duo’s');
  sheet.addRow(HEADERS);
  for (const cells of rows) sheet.addRow(cells);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const send = (cohortId: string, body: string | Buffer, type = 'text/csv', query = '') =>
  client.http.post(`/api/cohorts/${cohortId}/duo-imports${query}`).set('content-type', type).send(body);

async function written() {
  const db = testApp.app.get(DataSource);
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  return { duos: await count('duos'), events: await count('duo_events'), outbox: await count('outbox') };
}

it('previews every row with its errors and writes nothing', async () => {
  const cohort = await client.cohort();
  await client.duo(cohort.id, 1);
  const before = await written();
  const file = csv([
    row(1),
    row(2, { 'E-mail gemeente': 'geen-adres' }),
    row(3, { Uitvoerder: '' }),
    row(1, { Gemeente: 'gemeente import 1', Uitvoerder: 'STICHTING IMPORT 1' }),
    ['Gemeente Voorbeeld 1', 'Stichting Buurtwerk 1', ...row(9).slice(2)],
  ]);
  const preview = await send(cohort.id, file, 'text/csv', '?preview=true').expect(200);
  expect(preview.body.imported).toBe(0);
  expect(preview.body.rows.map((r: { row: number; errors: string[] }) => [r.row, r.errors])).toEqual([
    [2, []],
    [3, ['E-mail gemeente is geen e-mailadres: geen-adres.']],
    [4, ['Uitvoerder ontbreekt.']],
    [5, ['Dit duo staat al in rij 2 van dit bestand.']],
    [6, ['Dit duo is al aangemeld voor deze editie.']],
  ]);
  expect(preview.body.rows[0].duo).toEqual({
    municipality: 'Gemeente Import 1',
    provider: 'Stichting Import 1',
    collectiveServices: ['jongerenwerk', 'buurthuisbeheer'],
    questions: 'Hoe laten we zien wat werkt?',
    expectations: 'Samen leren',
    contactPersons: [
      { side: 'municipality', name: 'Anna Gemeente 1', email: 'anna1@gemeente-import.example', phone: '030-1234567' },
      { side: 'provider', name: 'Bram Uitvoerder 1', email: 'bram1@stichting-import.example' },
    ],
  });
  expect(await written()).toEqual(before);
});

it('writes nothing when one row has an error, and says which', async () => {
  const cohort = await client.cohort();
  const before = await written();
  const refused = await send(cohort.id, csv([row(1), row(2), row(3, { 'E-mail uitvoerder': 'bram@' })])).expect(422);
  expect(refused.body).toMatchObject({ code: 'DUO_IMPORT_INVALID', params: { rowsWithErrors: [4] }, imported: 0 });
  expect(refused.body.rows[2].errors).toEqual(['E-mail uitvoerder is geen e-mailadres: bram@.']);
  expect(await written()).toEqual(before);
});

it('registers every row, in the order of the file, with its contact persons, and tells each of them', async () => {
  const cohort = await client.cohort({ name: 'Editie met import' });
  const imported = await send(cohort.id, csv([row(1), row(2), row(3)]), 'text/csv', '?preview=false').expect(200);
  expect(imported.body.imported).toBe(3);
  const duos = (await client.get(`/api/cohorts/${cohort.id}/duos`).expect(200)).body;
  expect(duos.map((duo: { municipality: string; state: string }) => [duo.municipality, duo.state])).toEqual([
    ['Gemeente Import 1', 'registered'],
    ['Gemeente Import 2', 'registered'],
    ['Gemeente Import 3', 'registered'],
  ]);
  const first = (await client.get(`/api/duos/${imported.body.rows[0].duoId}`).expect(200)).body;
  expect(first.contactPersons).toEqual([
    expect.objectContaining({ side: 'municipality', name: 'Anna Gemeente 1', email: 'anna1@gemeente-import.example', phone: '030-1234567' }),
    expect.objectContaining({ side: 'provider', name: 'Bram Uitvoerder 1', email: 'bram1@stichting-import.example' }),
  ]);
  smtp.received.length = 0;
  await testApp.app.get(Scheduler).tick();
  expect(smtp.received.filter((mail) => mail.subject === 'Aanmelding ontvangen: Editie met import').map((mail) => mail.to).sort()).toEqual(
    [1, 2, 3].flatMap((n) => [`anna${n}@gemeente-import.example`, `bram${n}@stichting-import.example`]).sort(),
  );
  // The same file again: every row is now a duo of the edition.
  const again = await send(cohort.id, csv([row(1), row(2), row(3)])).expect(422);
  expect(again.body.params.rowsWithErrors).toEqual([2, 3, 4]);
});

it('reads a CSV separated by ; with a byte order mark, and headers written otherwise', async () => {
  const cohort = await client.cohort();
  const headers = HEADERS.map((header) => header.toUpperCase().replace('E-mail', 'E-mailadres'));
  const file = `\uFEFF${csv([row(1, { Vragen: 'Wat; en hoe?' })], ';', headers)}`;
  const imported = await send(cohort.id, file, 'text/csv; charset=utf-8').expect(200);
  expect(imported.body.rows[0].duo).toMatchObject({ municipality: 'Gemeente Import 1', questions: 'Wat; en hoe?' });
  expect(imported.body.imported).toBe(1);
});

it('reads an XLSX file', async () => {
  const cohort = await client.cohort();
  const imported = await send(cohort.id, await xlsx([row(1), row(2)]), XLSX).expect(200);
  expect(imported.body.rows.map((r: { duo: { provider: string } }) => r.duo.provider)).toEqual(['Stichting Import 1', 'Stichting Import 2']);
  expect(imported.body.imported).toBe(2);
});

it('refuses a file it cannot read, naming the headers it expects', async () => {
  const cohort = await client.cohort();
  const before = await written();
  const tooMany = await send(cohort.id, csv(Array.from({ length: 201 }, (_, i) => row(i + 1)))).expect(400);
  expect(tooMany.body).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', params: { maxRows: 200, expectedHeaders: HEADERS } });
  expect(tooMany.body.detail).toContain('at most 200');
  const wrongHeaders = await send(cohort.id, 'Naam,Adres\r\nA,B\r\n').expect(400);
  expect(wrongHeaders.body.detail).toContain('lacks the columns Gemeente, Uitvoerder');
  await send(cohort.id, '').expect(400);
  await send(cohort.id, Buffer.from('%PDF-1.4'), 'application/pdf').expect(415);
  await send(cohort.id, Buffer.from('geen zip'), XLSX).expect(415);
  const tooLarge = await send(cohort.id, Buffer.alloc(1024 * 1024 + 1, 'a')).expect(413);
  expect(tooLarge.body).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', params: { maxBytes: 1024 * 1024 } });
  expect(tooLarge.body.detail).toContain('An import file of duos may be at most 1 MiB');
  expect(await written()).toEqual(before);
});
