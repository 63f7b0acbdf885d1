import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit, contextAt, SCREEN_SIZES } from '../support/browser.js';
import { csrfIn, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 16: admitting several duos at once, from the API and from the edition page. All or
 * none, in one transaction: when one chosen duo cannot be admitted (no place left, not waiting
 * for admission) nobody is, and the answer names each such duo and why. Two admissions racing
 * for the last places never fill more than the capacity.
 */
jest.setTimeout(180_000);

const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

let adviser: SignedInPerson;
let asAdviser: Api;
let duoNumber = 1;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
});

/** A cohort of the adviser with `registered` duos that wait for admission (numbered from duoNumber). */
async function cohortWithRegistered(registered: number, capacity = 8) {
  const cohort = await asAdviser.cohort({ capacity });
  const duos = [];
  for (let i = 0; i < registered; i++) duos.push(await asAdviser.duo(cohort.id, duoNumber++));
  return { cohort, duos, ids: duos.map((duo) => duo.id) };
}

const statesIn = async (cohortId: string) =>
  Object.fromEntries(((await asAdviser.get(`/api/cohorts/${cohortId}/duos`).expect(200)).body as { id: string; state: string }[]).map((duo) => [duo.id, duo.state]));

const admittedMails = (duoIds: string[]) =>
  app.testApp.app
    .get(DataSource)
    .query("SELECT count(*)::int AS n FROM outbox o JOIN duos d ON o.recipient_email = ANY(SELECT p->>'email' FROM jsonb_array_elements(d.contact_persons) p) WHERE o.kind = 'admitted' AND d.id = ANY($1)", [duoIds])
    .then(([{ n }]: { n: number }[]) => n);

describe('POST /api/cohorts/{id}/admissions', () => {
  it('admits every chosen duo in one go, each with its event and its mail', async () => {
    const { cohort, ids } = await cohortWithRegistered(4);
    const chosen = ids.slice(0, 3);
    const answer = await asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: chosen }).expect(201);
    expect(answer.body.map((duo: { id: string; state: string }) => [duo.id, duo.state])).toEqual(chosen.map((id) => [id, 'admitted']));
    expect(await statesIn(cohort.id)).toEqual({ [ids[0]]: 'admitted', [ids[1]]: 'admitted', [ids[2]]: 'admitted', [ids[3]]: 'registered' });
    for (const id of chosen) {
      const history = (await asAdviser.get(`/api/duos/${id}`).expect(200)).body.history as { type: string; actor: string }[];
      expect(history.at(-1)).toMatchObject({ type: 'ADMIT', actor: adviser.name });
    }
    // Each of the two contact persons of each admitted duo is told.
    expect(await admittedMails(chosen)).toBe(6);
  });

  it('admits nobody when one chosen duo is not waiting for admission, and names it', async () => {
    const { cohort, ids } = await cohortWithRegistered(3);
    await asAdviser.post(`/api/duos/${ids[0]}/withdrawal`, { reason: 'Geen tijd dit jaar' }).expect(201);
    const refused = await asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'ADMISSIONS_REFUSED',
      params: { refused: [{ duoId: ids[0], duo: expect.stringContaining('Gemeente Voorbeeld'), reason: 'notWaitingForAdmission', state: 'withdrawn' }] },
    });
    expect(refused.body.detail).toMatch(/^Nobody was admitted\./);
    expect(await statesIn(cohort.id)).toEqual({ [ids[0]]: 'withdrawn', [ids[1]]: 'registered', [ids[2]]: 'registered' });
    expect(await admittedMails(ids)).toBe(0);
  });

  it('admits nobody when the places left do not suffice, naming the duos that registered last', async () => {
    const { cohort, ids } = await cohortWithRegistered(4, 5);
    await asAdviser.post(`/api/duos/${ids[0]}/admission`).expect(201);
    await asAdviser.post(`/api/duos/${ids[1]}/admission`).expect(201);
    // Two of five places are taken; one of the three chosen is admitted already.
    const refused = await asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: [ids[1], ids[2], ids[3]] }).expect(422);
    expect(refused.body.params).toMatchObject({ capacity: 5, admitted: 2, refused: [{ duoId: ids[1], reason: 'notWaitingForAdmission', state: 'admitted' }] });

    const small = await cohortWithRegistered(3, 5);
    const taken = small.ids.slice(0, 1);
    for (const id of taken) await asAdviser.post(`/api/duos/${id}/admission`).expect(201);
    for (let i = 0; i < 3; i++) small.ids.push((await asAdviser.duo(small.cohort.id, duoNumber++)).id);
    // One of five places is taken; five duos wait for four places: the last registered is named, nobody is admitted.
    const full = await asAdviser.post(`/api/cohorts/${small.cohort.id}/admissions`, { duoIds: small.ids.slice(1) }).expect(422);
    expect(full.body.params).toEqual({ capacity: 5, admitted: 1, refused: [{ duoId: small.ids[5], duo: expect.any(String), reason: 'noPlaceLeft', state: 'registered' }] });
    expect(Object.values(await statesIn(small.cohort.id)).filter((state) => state === 'admitted')).toHaveLength(1);
  });

  it('never fills more than the capacity when two admissions race for the last places', async () => {
    const { cohort, ids } = await cohortWithRegistered(6, 5);
    await asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids.slice(0, 2) }).expect(201);
    // Three places left; each asks for two of them at the same moment: one is admitted, the other refused whole.
    const answers = await Promise.all([
      asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids.slice(2, 4) }),
      asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids.slice(4, 6) }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
    const states = Object.values(await statesIn(cohort.id));
    expect(states.filter((state) => state === 'admitted')).toHaveLength(4);
    expect(states.filter((state) => state === 'registered')).toHaveLength(2);
    expect((await asAdviser.get(`/api/cohorts/${cohort.id}`).expect(200)).body.placesTaken).toBe(4);
  });

  it('refuses what is not a list of duos of this cohort, and nobody else may admit', async () => {
    const { cohort, ids } = await cohortWithRegistered(2);
    const other = await cohortWithRegistered(1);
    for (const body of [{}, { duoIds: [] }, { duoIds: ['geen-id'] }, { duoIds: [ids[0], ids[0]] }, { duoIds: ids, extra: 1 }]) {
      expect((await asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const foreign = await asAdviser.post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: [ids[0], other.ids[0]] }).expect(404);
    expect(foreign.body.detail).toContain(other.ids[0]);

    const otherAdviser = await app.client.staff('adviser', 2);
    await app.client.as(otherAdviser).post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids }).expect(404);
    const { duos } = await cohortWithRegistered(1);
    const participant = await asAdviser.participant(duos[0].id, duos[0].contactPersons[0].email);
    await app.client.as(participant).post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids }).expect(403);
    await app.client.as().post(`/api/cohorts/${cohort.id}/admissions`, { duoIds: ids }).expect(401);
    expect(Object.values(await statesIn(cohort.id))).toEqual(['registered', 'registered']);
  });
});

/** A form with a repeated field, as a browser posts ticked boxes of one name. */
function postForm(browser: FormBrowser, path: string, fields: [string, string][]) {
  return browser.raw(path, 'application/x-www-form-urlencoded', new URLSearchParams(fields).toString());
}

describe('the edition page admits several duos at once', () => {
  let advisersBrowser: FormBrowser;

  beforeAll(async () => {
    advisersBrowser = await signedInFormBrowser(server, adviser);
  });

  it('admits the ticked duos, and says so', async () => {
    const { cohort, ids } = await cohortWithRegistered(3);
    const html = (await advisersBrowser.get(`/edities/${cohort.id}`).expect(200)).text;
    expect(html).toContain('Geselecteerde duo’s toelaten');
    for (const id of ids) expect(html).toContain(`name="duoIds" value="${id}"`);
    const sent = await postForm(advisersBrowser, `/edities/${cohort.id}/toelatingen`, [['_csrf', csrfIn(html)], ['duoIds', ids[0]], ['duoIds', ids[2]]]).expect(303);
    expect(sent.headers.location).toBe(`/edities/${cohort.id}?opgeslagen=toelatingen#melding`);
    expect((await advisersBrowser.get(sent.headers.location.replace(/#.*/, "")).expect(200)).text).toContain('De gekozen duo’s zijn toegelaten.');
    expect(await statesIn(cohort.id)).toEqual({ [ids[0]]: 'admitted', [ids[1]]: 'registered', [ids[2]]: 'admitted' });
  });

  it('asks for a duo when none is ticked, and names the duo that did not fit beside the boxes, keeping them ticked', async () => {
    const { cohort, ids } = await cohortWithRegistered(3, 5);
    const html = (await advisersBrowser.get(`/edities/${cohort.id}`).expect(200)).text;
    const none = await postForm(advisersBrowser, `/edities/${cohort.id}/toelatingen`, [['_csrf', csrfIn(html)]]).expect(400);
    expect(none.text).toContain('Kies ten minste één duo om toe te laten.');

    await asAdviser.post(`/api/duos/${ids[1]}/withdrawal`, { reason: 'Geen tijd dit jaar' }).expect(201);
    const refused = await postForm(advisersBrowser, `/edities/${cohort.id}/toelatingen`, [['_csrf', csrfIn(html)], ['duoIds', ids[0]], ['duoIds', ids[1]]]).expect(422);
    const beside = /<p class="foutmelding" id="toelatingen-duoIds-fout"><span class="verborgen">Fout: <\/span>([^<]*)<\/p>/.exec(refused.text)?.[1] ?? '';
    expect(beside).toMatch(/^Er is geen enkel duo toegelaten\. Gemeente Voorbeeld \d+ \/ Stichting Buurtwerk \d+: wacht niet op toelating \(afgemeld/);
    expect(refused.text).toMatch(new RegExp(`value="${ids[0]}" checked`));
    expect(await statesIn(cohort.id)).toEqual({ [ids[0]]: 'registered', [ids[1]]: 'withdrawn', [ids[2]]: 'registered' });
  });
});

describeInBrowser('admitting several duos in Chromium, at desktop and phone width', () => {
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
    it(`ticks two duos and admits them at ${size.width} px`, async () => {
      const context = await contextAt(browser, size);
      try {
        const { cohort, duos } = await cohortWithRegistered(4, 5);
        await asAdviser.post(`/api/duos/${duos[3].id}/admission`).expect(201);
        await asAdviser.post(`/api/duos/${duos[3].id}/withdrawal`, { reason: 'Geen tijd dit jaar' }).expect(201);
        const page = await signedInPage(context, base, adviser);
        await page.goto(`${base}/edities/${cohort.id}`);
        await page.getByText('Meerdere duo’s tegelijk toelaten').click();
        await expectFits(page, `toelatingen-${size.name}`);
        await page.getByLabel(`${duos[0].municipality} · ${duos[0].provider}`).check();
        await page.getByLabel(`${duos[2].municipality} · ${duos[2].provider}`).check();
        await submit(page, page.getByRole('button', { name: 'Geselecteerde duo’s toelaten' }));
        await expectFits(page, `toelatingen-gelukt-${size.name}`);
        expect(await page.getByRole('status').textContent()).toContain('De gekozen duo’s zijn toegelaten.');
        expect(await statesIn(cohort.id)).toMatchObject({ [duos[0].id]: 'admitted', [duos[1].id]: 'registered', [duos[2].id]: 'admitted' });
      } finally {
        await context.close();
      }
    });
  }
});
