import { jest } from '@jest/globals';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/auth/auth.service.js';
import { dutchDate } from '../../src/reports/print.js';
import { api } from '../support/api.js';
import { axeViolations, describeInBrowser, launchBrowser, screenshot, unreachableTableFrames } from '../support/browser.js';
import { figures, improvementActions, otherMeans, story } from '../support/fixtures.js';
import { startTestApp, type SignedInPerson, type TestApp } from '../support/test-app.js';
import { seedCohort, type SeededCohort } from './seeded-cohort.js';

/**
 * The printable reports (the duo's, the cohort's and the cohort's anonymised one) in Chromium,
 * as people open them from the duo page and the cohort report, at desktop and phone width:
 * nothing for axe at any impact, nothing wider than the screen, dates on one line, a way back;
 * printed, every page headed with the edition and the day the report was made, and numbered;
 * a duo's photos in its report as pictures, and a photo too large to embed named with a link.
 */

jest.setTimeout(120_000);

/** A cohort name a CSS string must escape to show as it is in the head of the printed pages. */
const COHORT_NAME = 'Werkateliers "Noord\\Oost" 2099';
const PHOTO_EVIDENCE = 'Opening van de tweede ruimte';
const WIDTHS = [1280, 390] as const;

/** A PNG of `width` x `height` pixels: a gradient, or noise stored uncompressed (a file of about 3 bytes a pixel). */
function png(width: number, height: number, noise = false): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (1 + width * 3) + 1 + x * 3;
      rows.set(noise ? [Math.random() * 256, Math.random() * 256, Math.random() * 256] : [0, Math.round((x / width) * 104), 55], at);
    }
  }
  const signature = Buffer.from('89504e470d0a1a0a', 'hex');
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: noise ? 0 : 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The photo small enough to embed, as attached. */
const PHOTO = png(800, 600);

interface PrintableReport {
  name: string;
  path: string;
  /** What the head of every printed page names (the edition). */
  edition: string;
  back: { text: string; path: string };
}

let testApp: TestApp;
let browser: Browser;
let base: string;
let seeded: SeededCohort;
let photoDuoId: string;
let largePhotoUrl: string;
let reports: PrintableReport[];

/**
 * A browser signed in as `person`, at `width` (a phone below 600). It lets axe in past the
 * pages' Content-Security-Policy unless `enforcePolicy` (the photos must show under it).
 */
async function contextOf(person: SignedInPerson, width: number, { enforcePolicy = false } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    ...(width < 600 ? { isMobile: true, hasTouch: true } : {}),
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    bypassCSP: !enforcePolicy,
  });
  context.setDefaultTimeout(10_000);
  await context.addCookies([{ name: SESSION_COOKIE, value: person.token, url: base }]);
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${base}${path}`);
  expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
  return page;
}

describeInBrowser('the printable reports in Chromium', () => {
  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    const client = api(testApp, testApp.admin.token);
    seeded = await seedCohort(client);
    const asAdviser = client.as(seeded.adviser);
    await asAdviser.http.patch(`/api/cohorts/${seeded.cohortId}`).send({ name: COHORT_NAME }).expect(200);

    // A seventh duo whose closed cycle holds evidence with two photos: one to embed, and one too large to.
    photoDuoId = (await asAdviser.duo(seeded.cohortId, 7)).id;
    await asAdviser.post(`/api/duos/${photoDuoId}/admission`).expect(201);
    const record = async (body: object) => (await asAdviser.post(`/api/duos/${photoDuoId}/evidence`, body).expect(201)).body.id as string;
    const photographed = await record(otherMeans(0, { title: PHOTO_EVIDENCE }));
    const attach = async (fileName: string, content: Buffer) => {
      const evidence = (
        await asAdviser.http.post(`/api/duos/${photoDuoId}/evidence/${photographed}/attachments?fileName=${fileName}`).set('content-type', 'image/png').send(content).expect(201)
      ).body;
      return evidence.attachments.find((attachment: { fileName: string }) => attachment.fileName === fileName).url as string;
    };
    await attach('buurthuis.png', PHOTO);
    largePhotoUrl = await attach('plattegrond-groot.png', png(900, 800, true));
    for (const step of [1, 2]) await record(figures(step));
    for (const step of [3, 4, 5, 6]) await record(story(step, { aboutAPerson: false, consentGiven: undefined }));
    await asAdviser.put(`/api/duos/${photoDuoId}/cycles/1/improvement-actions`, improvementActions).expect(200);
    await asAdviser.post(`/api/duos/${photoDuoId}/cycles/1/closure`).expect(201);

    const cohortReport = { text: '← de rapportage', path: `/edities/${seeded.cohortId}/rapportage` };
    reports = [
      { name: 'duo', path: `/api/duos/${photoDuoId}/report/print`, edition: COHORT_NAME, back: { text: '← terug naar het duo', path: `/trajecten/${photoDuoId}` } },
      { name: 'cohort', path: `/api/cohorts/${seeded.cohortId}/report/print`, edition: COHORT_NAME, back: cohortReport },
      { name: 'cohort-anonymised', path: `/api/cohorts/${seeded.cohortId}/report/print?anonymised=true`, edition: `${COHORT_NAME} · geanonimiseerd`, back: cohortReport },
    ];
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    it.each(['duo', 'cohort', 'cohort-anonymised'])('the %s report has nothing for axe at any impact, fits the screen, keeps every date on one line and shows the way back', async (name) => {
      const report = reports.find((candidate) => candidate.name === name) as PrintableReport;
      const context = await contextOf(seeded.adviser, width);
      try {
        const page = await open(context, report.path);
        await screenshot(page, `afdruk-${name}-${width}`);
        expect({ name, width, violations: await axeViolations(page) }).toEqual({ name, width, violations: [] });
        expect({ name, width, unreachableTables: await unreachableTableFrames(page) }).toEqual({ name, width, unreachableTables: [] });
        // The page scrolls down, not sideways: wide tables scroll in their own frame.
        const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
        expect(scrollWidth).toBeLessThanOrEqual(width);
        const dates = await page.locator('time').evaluateAll((times) => times.map((time) => ({ date: time.textContent, lines: time.getClientRects().length })));
        expect(dates.length).toBeGreaterThan(3);
        expect(dates.filter(({ lines }) => lines !== 1)).toEqual([]);
        const back = page.getByRole('navigation', { name: 'Terug' }).getByRole('link', { name: report.back.text });
        await expect(back.isVisible()).resolves.toBe(true);
        await expect(back.getAttribute('href')).resolves.toBe(report.back.path);
      } finally {
        await context.close();
      }
    });
  });

  it.each(['duo', 'cohort', 'cohort-anonymised'])('printed, the %s report heads every page with the edition and the day it was made, numbers the pages and leaves out the way back', async (name) => {
    const report = reports.find((candidate) => candidate.name === name) as PrintableReport;
    const context = await contextOf(seeded.adviser, 1280);
    try {
      const page = await open(context, report.path);
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('link', { name: report.back.text }).isVisible()).resolves.toBe(false);
      const madeAt = (await page.locator('main .meta time').first().getAttribute('datetime')) as string;
      const marginBoxes = await page.evaluate(() => {
        const { document, CSSPageRule } = globalThis as unknown as {
          document: { styleSheets: Iterable<{ cssRules: Iterable<unknown> }> };
          CSSPageRule: new () => { cssRules: Iterable<{ name: string; style: { getPropertyValue(property: string): string } }> };
        };
        const pageRules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSPageRule) as InstanceType<typeof CSSPageRule>[];
        return Object.fromEntries(pageRules.flatMap((rule) => [...rule.cssRules]).map((margin) => [margin.name, margin.style.getPropertyValue('content')]));
      });
      expect(marginBoxes).toEqual({
        'top-left': JSON.stringify(report.edition),
        'top-right': JSON.stringify(`gemaakt op ${dutchDate(madeAt)}`),
        'bottom-right': '"Pagina " counter(page) " van " counter(pages)',
      });
      // Chromium lays the report out on A4 pages: a page for the cohort and one per duo.
      const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(name === 'duo' ? 1 : 7);
    } finally {
      await context.close();
    }
  });

  it("shows the duo's photo as a picture with its evidence named, under the pages' policy, and names a photo too large to embed with a link to it", async () => {
    for (const [path, width] of [[`/api/duos/${photoDuoId}/report/print`, 390], [`/api/cohorts/${seeded.cohortId}/report/print`, 1280]] as const) {
      const context = await contextOf(seeded.adviser, width, { enforcePolicy: true });
      try {
        const page = await open(context, path);
        const photo = page.getByRole('img', { name: `Foto bij ‘${PHOTO_EVIDENCE}’` });
        await expect(photo.count()).resolves.toBe(1);
        await expect(photo.evaluate((image: { complete: boolean; naturalWidth: number }) => image.complete && image.naturalWidth)).resolves.toBe(800);
        await expect(photo.getAttribute('src')).resolves.toBe(`data:image/png;base64,${PHOTO.toString('base64')}`);
        const shown = await photo.boundingBox();
        // A thumbnail: at most 16rem wide (and its border), not the photo's 800 pixels.
        expect(shown?.width).toBeGreaterThan(100);
        expect(shown?.width).toBeLessThanOrEqual(16 * 16 + 2);
        await expect(page.getByText('buurthuis.png').isVisible()).resolves.toBe(true);

        const large = page.getByRole('link', { name: 'plattegrond-groot.png' });
        await expect(large.getAttribute('href')).resolves.toBe(largePhotoUrl);
        expect((await context.request.get(`${base}${largePhotoUrl}`)).status()).toBe(200);
        await expect(page.locator('img').evaluateAll((images) => images.length)).resolves.toBe(1);
      } finally {
        await context.close();
      }
    }
  });

  it('leaves the photos out of the anonymised report', async () => {
    const context = await contextOf(seeded.adviser, 1280);
    try {
      const page = await open(context, `/api/cohorts/${seeded.cohortId}/report/print?anonymised=true`);
      // The duo with the photos is there, as the seventh (none agreed to be named), but not its photos.
      await expect(page.getByRole('heading', { level: 1, name: 'Duo G', exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.locator('img').count()).resolves.toBe(0);
      await expect(page.content()).resolves.not.toMatch(/buurthuis\.png|plattegrond-groot\.png/);
    } finally {
      await context.close();
    }
  });

  it('takes an adviser back to the duo and to the cohort report, and a participant to their own page', async () => {
    const adviser = await contextOf(seeded.adviser, 390);
    const participant = await contextOf(seeded.participant, 390);
    try {
      const duoPrint = await open(adviser, `/api/duos/${photoDuoId}/report/print`);
      await Promise.all([duoPrint.waitForURL(`${base}/trajecten/${photoDuoId}`), duoPrint.getByRole('link', { name: '← terug naar het duo' }).click()]);
      await expect(duoPrint.getByRole('link', { name: 'Afdrukbare rapportage van dit duo' }).getAttribute('href')).resolves.toBe(`/api/duos/${photoDuoId}/report/print`);

      const cohortPrint = await open(adviser, `/api/cohorts/${seeded.cohortId}/report/print?anonymised=true`);
      await Promise.all([cohortPrint.waitForURL(`${base}/edities/${seeded.cohortId}/rapportage`), cohortPrint.getByRole('link', { name: '← de rapportage' }).click()]);
      await expect(cohortPrint.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Rapportage ${COHORT_NAME}`);

      const ownPrint = await open(participant, `/api/duos/${seeded.duos[0].id}/report/print`);
      await Promise.all([ownPrint.waitForURL(`${base}/mijn-traject`), ownPrint.getByRole('link', { name: '← terug naar het duo' }).click()]);
    } finally {
      await adviser.close();
      await participant.close();
    }
  });
});
