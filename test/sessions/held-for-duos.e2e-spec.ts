import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit, contextAt, SCREEN_SIZES } from '../support/browser.js';
import { csrfIn, signedInFormBrowser } from '../support/form-browser.js';
import { daysFromToday, intake } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 16: the intakes of a day logged for several duos at once with
 * POST /api/cohorts/{id}/sessions/{kind}/held: one transaction, all or none, each duo through
 * the same machine and calendar rules as when logged alone.
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

/** A cohort with `admitted` duos admitted (their intake next) and one registered. */
async function cohortAtIntake(admitted: number) {
  const cohort = await asAdviser.cohort();
  const duos = [];
  for (let i = 0; i <= admitted; i++) duos.push(await asAdviser.duo(cohort.id, duoNumber++));
  for (const duo of duos.slice(0, admitted)) await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
  return { cohort, admittedIds: duos.slice(0, admitted).map((duo) => duo.id), registeredId: duos[admitted].id };
}

const snapshotOf = async (ids: string[]) =>
  Promise.all(ids.map(async (id) => { const { state, version, nextStep } = (await asAdviser.get(`/api/duos/${id}`).expect(200)).body; return { state, version, next: nextStep.next?.session }; }));

describe('POST /api/cohorts/{id}/sessions/{kind}/held', () => {
  it('logs the intake for every chosen duo, as each would be logged alone', async () => {
    const { cohort, admittedIds } = await cohortAtIntake(3);
    expect((await snapshotOf(admittedIds)).map((duo) => duo.next)).toEqual(['intake', 'intake', 'intake']);
    const answer = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, notes: 'Samen op het stadskantoor', duoIds: admittedIds }).expect(201);
    expect(answer.body.map((duo: { id: string }) => duo.id).sort()).toEqual([...admittedIds].sort());
    for (const id of admittedIds) {
      const duo = (await asAdviser.get(`/api/duos/${id}`).expect(200)).body;
      expect(duo.nextStep.next?.session).not.toBe('intake');
      expect(duo.history.at(-1)).toMatchObject({ actor: adviser.name, payload: { heldOn: intake.heldOn, location: intake.location, adviser: intake.adviser, notes: 'Samen op het stadskantoor' } });
    }
  });

  it('logs nothing when one duo cannot take the intake now, and names that duo', async () => {
    const { cohort, admittedIds, registeredId } = await cohortAtIntake(2);
    const before = await snapshotOf([...admittedIds, registeredId]);
    const refused = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: [...admittedIds, registeredId] }).expect(422);
    const registered = (await asAdviser.get(`/api/duos/${registeredId}`).expect(200)).body;
    expect(refused.body.detail).toMatch(/^Nothing was logged\. /);
    expect(refused.body.detail).toContain(`${registered.municipality} / ${registered.provider}: `);
    expect(await snapshotOf([...admittedIds, registeredId])).toEqual(before);
  });

  it('logs nothing for a day that cannot be (tomorrow), nor without the location the intake records', async () => {
    const { cohort, admittedIds } = await cohortAtIntake(2);
    const before = await snapshotOf(admittedIds);
    const tomorrow = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, heldOn: daysFromToday(1), duoIds: admittedIds }).expect(422);
    expect(tomorrow.body.code).toBe('DATE_NOT_POSSIBLE');
    const { location: _, ...withoutLocation } = intake;
    const noLocation = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...withoutLocation, duoIds: admittedIds }).expect(400);
    expect(noLocation.body.errors).toEqual([expect.objectContaining({ field: 'location' })]);
    await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/workshop1/held`, { ...intake, duoIds: admittedIds }).expect(404);
    expect(await snapshotOf(admittedIds)).toEqual(before);
  });

  it('is for the cohort’s advisers only, and for its own duos', async () => {
    const { cohort, admittedIds } = await cohortAtIntake(1);
    const other = await cohortAtIntake(1);
    const foreign = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: [admittedIds[0], other.admittedIds[0]] }).expect(404);
    expect(foreign.body.detail).toContain(other.admittedIds[0]);
    const otherAdviser = await app.client.staff('adviser', 2);
    await app.client.as(otherAdviser).post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: admittedIds }).expect(404);
    const duo = (await asAdviser.get(`/api/duos/${admittedIds[0]}`).expect(200)).body;
    const participant = await asAdviser.participant(duo.id, duo.contactPersons[0].email);
    await app.client.as(participant).post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: admittedIds }).expect(403);
    expect((await snapshotOf(admittedIds))[0].next).toBe('intake');
  });
});

describe('the edition page logs the intakes of several duos', () => {
  it('offers the duos whose next step is the intake, logs the ticked ones, and shows a refusal beside the form with nothing logged', async () => {
    const { cohort, admittedIds, registeredId } = await cohortAtIntake(3);
    const browser = await signedInFormBrowser(server, adviser);
    const html = (await browser.get(`/edities/${cohort.id}`).expect(200)).text;
    expect(html).toContain('Kennismakingsgesprek vastleggen voor meerdere duo’s');
    for (const id of admittedIds) expect(html).toContain(`name="duoIds" value="${id}"`);
    expect(html).toContain(`id="gehouden-intake-duoIds-${admittedIds[0]}"`);
    expect(html).not.toContain(`id="gehouden-intake-duoIds-${registeredId}"`);
    const post = (fields: [string, string][]) =>
      browser.raw(`/edities/${cohort.id}/bijeenkomsten/intake/gehouden`, 'application/x-www-form-urlencoded', new URLSearchParams([['_csrf', csrfIn(html)], ...fields]).toString());

    const none = await post([['heldOn', intake.heldOn], ['adviser', intake.adviser], ['location', intake.location]]).expect(400);
    expect(none.text).toContain('<p class="foutmelding" id="gehouden-intake-duoIds-fout"><span class="verborgen">Fout: </span>Kies ten minste één duo.</p>');

    const before = await snapshotOf(admittedIds);
    const tomorrow = await post([['heldOn', daysFromToday(1)], ['adviser', intake.adviser], ['location', intake.location], ['duoIds', admittedIds[0]]]).expect(422);
    expect(tomorrow.text).toMatch(/id="gehouden-intake-heldOn-fout"/);
    expect(await snapshotOf(admittedIds)).toEqual(before);

    const logged = await post([['heldOn', intake.heldOn], ['adviser', intake.adviser], ['location', intake.location], ['duoIds', admittedIds[0]], ['duoIds', admittedIds[2]]]).expect(303);
    expect(logged.headers.location).toBe(`/edities/${cohort.id}?opgeslagen=gehouden-intake#melding`);
    expect((await browser.get(`/edities/${cohort.id}?opgeslagen=gehouden-intake`).expect(200)).text).toContain('Kennismakingsgesprek is vastgelegd voor de gekozen duo’s.');
    expect((await snapshotOf(admittedIds)).map((duo) => duo.next === 'intake')).toEqual([false, true, false]);
  });
});

describeInBrowser('logging intakes for several duos in Chromium, at desktop and phone width', () => {
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
    it(`ticks two duos and logs their intake at ${size.width} px`, async () => {
      const context = await contextAt(browser, size);
      try {
        const { cohort, admittedIds } = await cohortAtIntake(2);
        const duos = await Promise.all(admittedIds.map(async (id) => (await asAdviser.get(`/api/duos/${id}`).expect(200)).body));
        const page = await signedInPage(context, base, adviser);
        await page.goto(`${base}/edities/${cohort.id}`);
        await page.getByText('Kennismakingsgesprek vastleggen voor meerdere duo’s').click();
        const form = page.locator('#formulier-gehouden-intake');
        await form.getByLabel('Datum').fill(intake.heldOn);
        await form.getByLabel('Plaats').fill(intake.location);
        for (const duo of duos) await form.getByLabel(`${duo.municipality} · ${duo.provider}`).check();
        await expectFits(page, `intakes-${size.name}`);
        await submit(page, form.getByRole('button', { name: 'Kennismakingsgesprek vastleggen' }));
        expect(await page.locator('#melding').textContent()).toContain('Kennismakingsgesprek is vastgelegd voor de gekozen duo’s.');
        await expectFits(page, `intakes-vastgelegd-${size.name}`);
        expect((await snapshotOf(admittedIds)).map((duo) => duo.next)).not.toContain('intake');
      } finally {
        await context.close();
      }
    });
  }
});
