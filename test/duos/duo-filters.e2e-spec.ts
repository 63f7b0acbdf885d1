import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit, contextAt, SCREEN_SIZES } from '../support/browser.js';
import { aDuo, bothPresent, figures, intake, providerAbsent } from '../support/fixtures.js';
import { signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 16: an edition's duos searched and filtered, through GET /api/cohorts/{id}/duos and the
 * GET form on the edition page (no JavaScript needed): by part of the municipality or provider,
 * by state, by the attendance obligation, and by evidence missing in the open compass cycle.
 */
jest.setTimeout(180_000);

const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

let adviser: SignedInPerson;
let asAdviser: Api;
let cohortId: string;
/** 0: missed workshop 1 (dropped out); 1: evidence for every step; 2-4: at workshop 1, evidence lacking; 5: registered only. */
const ids: string[] = [];
const names = ['Zeewolde', 'Almere', 'Lelystad', 'Dronten', 'Urk', 'Noordoostpolder'];

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
  cohortId = (await asAdviser.cohort()).id;
  for (const [i, name] of names.entries()) {
    const duo = await asAdviser.post(`/api/cohorts/${cohortId}/duos`, aDuo(300 + i, { municipality: `Gemeente ${name}`, provider: i === 3 ? 'Welzijn Zeewolde' : `Stichting ${i}` })).expect(201);
    ids.push(duo.body.id);
    if (i === 5) continue;
    await asAdviser.post(`/api/duos/${duo.body.id}/admission`).expect(201);
    await asAdviser.post(`/api/duos/${duo.body.id}/intake`, intake).expect(201);
  }
  await asAdviser.post(`/api/cohorts/${cohortId}/workshops/1/attendance`, { duos: ids.slice(0, 5).map((duoId, i) => ({ duoId, ...(i === 0 ? providerAbsent : bothPresent) })) }).expect(201);
  for (const step of [1, 2, 3, 4, 5, 6]) await asAdviser.post(`/api/duos/${ids[1]}/evidence`, figures(step)).expect(201);
});

const listed = async (query: string) => ((await asAdviser.get(`/api/cohorts/${cohortId}/duos?${query}`).expect(200)).body as { id: string }[]).map((duo) => ids.indexOf(duo.id));

describe('GET /api/cohorts/{id}/duos with filters', () => {
  it('finds duos by part of the municipality or the provider, in any case', async () => {
    expect(await listed('')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await listed('q=zeeWOLDE')).toEqual([0, 3]);
    expect(await listed('q=noordoost')).toEqual([5]);
    expect(await listed('q=Amsterdam')).toEqual([]);
  });

  it('filters by state, by the obligation and by missing evidence, each narrowing the others', async () => {
    expect(await listed('state=registered')).toEqual([5]);
    expect(await listed('state=droppedOut')).toEqual([0]);
    expect(await listed('meetsObligation=false')).toEqual([0]);
    expect(await listed('meetsObligation=true')).toEqual([1, 2, 3, 4]);
    expect(await listed('missingEvidence=true')).toEqual([2, 3, 4]);
    expect(await listed('missingEvidence=false')).toEqual([1]);
    expect(await listed('missingEvidence=true&q=zeewolde')).toEqual([3]);
    expect(await listed('meetsObligation=true&state=registered')).toEqual([]);
  });

  it('refuses filters it does not know with 400 naming them, and shows the list to the cohort’s advisers only', async () => {
    for (const [query, field] of [['state=onzin', 'state'], ['meetsObligation=ja', 'meetsObligation'], ['missingEvidence=1', 'missingEvidence'], [`q=${'a'.repeat(101)}`, 'q'], ['sort=name', 'sort']]) {
      const refused = await asAdviser.get(`/api/cohorts/${cohortId}/duos?${query}`).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    const otherAdviser = await app.client.staff('adviser', 2);
    await app.client.as(otherAdviser).get(`/api/cohorts/${cohortId}/duos?q=zeewolde`).expect(404);
    const participant = await asAdviser.participant(ids[1], aDuo(301).contactPersons[0].email);
    await app.client.as(participant).get(`/api/cohorts/${cohortId}/duos?q=zeewolde`).expect(403);
  });
});

describe('the edition page searches and filters its duos', () => {
  let advisersBrowser: FormBrowser;
  const rowsOf = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/trajecten\/([^"]+)">/g)].map((match) => ids.indexOf(match[1]));

  beforeAll(async () => {
    advisersBrowser = await signedInFormBrowser(server, adviser);
  });

  it('shows only the duos the filters let through, says how many, and keeps what was chosen', async () => {
    const all = (await advisersBrowser.get(`/edities/${cohortId}`).expect(200)).text;
    expect(rowsOf(all)).toEqual([0, 1, 2, 3, 4, 5]);
    const filtered = (await advisersBrowser.get(`/edities/${cohortId}?zoek=zeewolde&stand=&plicht=voldoet&onderbouwing=ontbreekt`).expect(200)).text;
    expect(rowsOf(filtered)).toEqual([3]);
    expect(filtered).toContain('1 duo voldoet aan de filters, van de 6.');
    expect(filtered).toMatch(/<option value="voldoet" selected>/);
    expect(filtered).toContain('value="zeewolde"');
    expect(rowsOf((await advisersBrowser.get(`/edities/${cohortId}?plicht=voldoet-niet`).expect(200)).text)).toEqual([0]);
  });

  it('shows a wrong choice beside its field and every duo', async () => {
    const refused = await advisersBrowser.get(`/edities/${cohortId}?stand=onzin`).expect(400);
    expect(refused.text).toMatch(/<p class="foutmelding" id="zoeken-stand-fout"><span class="verborgen">Fout: <\/span>Kies een van de mogelijkheden\.<\/p>/);
    expect(rowsOf(refused.text)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describeInBrowser('filtering the duos in Chromium, at desktop and phone width', () => {
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = await listening(app.testApp.app);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const size of SCREEN_SIZES) {
    it(`filters on the obligation at ${size.width} px`, async () => {
      const context = await contextAt(browser, size);
      try {
        const page = await signedInPage(context, base, adviser);
        await page.goto(`${base}/edities/${cohortId}`);
        await page.getByText('Duo’s zoeken en filteren').click();
        await page.getByLabel('Aanwezigheidsplicht').selectOption('voldoet-niet');
        await submit(page, page.getByRole('button', { name: 'Filteren' }));
        expect(page.url()).toContain('plicht=voldoet-niet');
        expect(await page.getByRole('row').count()).toBe(2);
        expect(await page.getByText('1 duo voldoet aan de filters, van de 6.').count()).toBe(1);
        await expectFits(page, `duos-gefilterd-${size.name}`);
      } finally {
        await context.close();
      }
    });
  }
});
