import { jest } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit, contextAt, SCREEN_SIZES } from '../support/browser.js';
import { csrfIn, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * "Duo’s importeren" on the pages: upload a file, see every row with what is wrong with it
 * (nothing written), then "Importeren" writes every row or, when something changed meanwhile,
 * none and says why. Over HTTP first, then in Chromium at desktop and phone width.
 */
jest.setTimeout(180_000);

const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

const HEADER = 'Gemeente;Uitvoerder;Collectieve voorzieningen;Vragen;Verwachtingen;Contactpersoon gemeente;E-mail gemeente;Telefoon gemeente;Contactpersoon uitvoerder;E-mail uitvoerder;Telefoon uitvoerder';
const line = (n: number, email = `anna${n}@gemeente-pagina.example`) =>
  `Gemeente Pagina ${n};Stichting Pagina ${n};jongerenwerk;Wat werkt?;Leren;Anna ${n};${email};030-1234567;Bram ${n};bram${n}@stichting-pagina.example;`;
const csvOf = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);

let adviser: SignedInPerson;
let browser: FormBrowser;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  browser = await signedInFormBrowser(server, adviser);
});

async function cohortOfAdviser() {
  return app.client.as(adviser).cohort();
}

const duoCount = async (cohortId: string) =>
  (await app.testApp.app.get(DataSource).query('SELECT count(*)::int AS n FROM duos WHERE cohort_id = $1', [cohortId]))[0].n as number;

function upload(cohortId: string, html: string, file: Buffer, fileName = 'aanmeldingen.csv') {
  return browser.upload(`/edities/${cohortId}/importeren`, { _csrf: csrfIn(html) }, { fileName, contentType: 'text/csv', content: file });
}

/** The hidden field the preview's confirmation form carries, as the browser would send it back. */
const contentIn = (html: string) =>
  /name="inhoud" value="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('over HTTP', () => {
  it('links the import from the edition and offers the template', async () => {
    const cohort = await cohortOfAdviser();
    const page = await browser.get(`/edities/${cohort.id}`).expect(200);
    expect(page.text).toContain(`href="/edities/${cohort.id}/importeren">Duo’s importeren</a>`);
    const template = await browser.get(`/edities/${cohort.id}/importeren/sjabloon.csv`).expect(200);
    expect(template.headers['content-type']).toMatch(/^text\/csv/);
    expect(template.headers['content-disposition']).toContain('duos-importeren.csv');
    expect(template.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
  });

  it('previews the rows with their errors beside them and writes nothing', async () => {
    const cohort = await cohortOfAdviser();
    const form = await browser.get(`/edities/${cohort.id}/importeren`).expect(200);
    const preview = await upload(cohort.id, form.text, csvOf(line(1), line(2, 'geen-adres'), line(1)));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Rij 3: Gemeente Pagina 2 · Stichting Pagina 2');
    expect(preview.text).toContain('E-mail gemeente is geen e-mailadres: geen-adres.');
    expect(preview.text).toContain('Dit duo staat al in rij 2 van dit bestand.');
    expect(preview.text).not.toContain('name="inhoud"');
    expect(await duoCount(cohort.id)).toBe(0);
  });

  it('imports every row after the preview, and refuses all when one became a duplicate meanwhile', async () => {
    const cohort = await cohortOfAdviser();
    const form = await browser.get(`/edities/${cohort.id}/importeren`).expect(200);
    const preview = await upload(cohort.id, form.text, csvOf(line(1), line(2)));
    expect(preview.status).toBe(200);
    expect(await duoCount(cohort.id)).toBe(0);
    const content = contentIn(preview.text)!;
    expect(content).toContain('Gemeente Pagina 2');

    // Someone registers the duo of row 3 between preview and confirmation: nothing is imported.
    await app.client.as(adviser).post(`/api/cohorts/${cohort.id}/duos`, {
      municipality: 'Gemeente Pagina 2',
      provider: 'Stichting Pagina 2',
      collectiveServices: ['jongerenwerk'],
      contactPersons: [
        { side: 'municipality', name: 'A', email: 'a@gemeente-pagina.example' },
        { side: 'provider', name: 'B', email: 'b@stichting-pagina.example' },
      ],
    }).expect(201);
    const refused = await browser.post(`/edities/${cohort.id}/importeren/bevestigen`, { _csrf: csrfIn(preview.text), _key: 'import-1', inhoud: content });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Er is niets geïmporteerd: rij 3 klopt niet.');
    expect(refused.text).toContain('Dit duo is al aangemeld voor deze editie.');
    expect(await duoCount(cohort.id)).toBe(1);

    const other = await cohortOfAdviser();
    const saved = await browser.post(`/edities/${other.id}/importeren/bevestigen`, { _csrf: csrfIn(preview.text), _key: 'import-2', inhoud: content }).expect(303);
    expect(saved.headers.location).toBe(`/edities/${other.id}?opgeslagen=import#melding`);
    const duos = (await app.client.as(adviser).get(`/api/cohorts/${other.id}/duos`).expect(200)).body;
    expect(duos.map((duo: { municipality: string }) => duo.municipality)).toEqual(['Gemeente Pagina 1', 'Gemeente Pagina 2']);
  });

  it('says which headers it expects of a file it cannot read', async () => {
    const cohort = await cohortOfAdviser();
    const form = await browser.get(`/edities/${cohort.id}/importeren`).expect(200);
    const refused = await upload(cohort.id, form.text, Buffer.from('Naam,Adres\r\nA,B\r\n'));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('onder de kolomkoppen Gemeente, Uitvoerder, Collectieve voorzieningen');
    const tooMany = await upload(cohort.id, form.text, csvOf(...Array.from({ length: 201 }, (_, i) => line(i + 1))));
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('hoogstens 200 duo’s');
    const pdf = await upload(cohort.id, form.text, Buffer.from('%PDF-1.4'), 'aanmeldingen.pdf');
    expect(pdf.status).toBe(415);
    expect(pdf.text).toContain('onder de kolomkoppen Gemeente');
    expect(await duoCount(cohort.id)).toBe(0);
  });
});

describeInBrowser('in Chromium, at desktop and phone width', () => {
  let chromium: Browser;
  let base: string;
  const folder = mkdtempSync(join(tmpdir(), 'duo-import-'));

  beforeAll(async () => {
    base = await listening(app.testApp.app);
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  for (const size of SCREEN_SIZES) {
    it(`uploads, previews and imports at ${size.width} px`, async () => {
      const context = await contextAt(chromium, size);
      const cohort = await cohortOfAdviser();
      const page = await signedInPage(context, base, adviser);
      await page.goto(`${base}/edities/${cohort.id}`);
      await submit(page, page.getByRole('link', { name: 'Duo’s importeren' }));
      await expectFits(page, `duo-import-${size.name}`);

      const bad = join(folder, `fout-${size.name}.csv`);
      writeFileSync(bad, csvOf(line(1), line(2, 'geen-adres')));
      await page.getByLabel('Bestand', { exact: true }).setInputFiles(bad);
      await submit(page, page.getByRole('button', { name: 'Inlezen' }));
      expect(await page.getByText('E-mail gemeente is geen e-mailadres: geen-adres.').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Importeren' }).count()).toBe(0);
      await expectFits(page, `duo-import-fouten-${size.name}`);

      const good = join(folder, `goed-${size.name}.csv`);
      writeFileSync(good, csvOf(line(1), line(2)));
      await page.getByLabel('Bestand', { exact: true }).setInputFiles(good);
      await submit(page, page.getByRole('button', { name: 'Inlezen' }));
      await expectFits(page, `duo-import-voorbeeld-${size.name}`);
      expect(await duoCount(cohort.id)).toBe(0);
      await submit(page, page.getByRole('button', { name: 'Importeren' }));
      expect(page.url()).toContain(`/edities/${cohort.id}?opgeslagen=import`);
      await expect(page.locator('#melding').textContent()).resolves.toContain('De duo’s zijn geïmporteerd.');
      await expect(page.getByRole('link', { name: 'Gemeente Pagina 2 · Stichting Pagina 2' }).count()).resolves.toBe(1);
      await context.close();
    });
  }
});
