import type { Browser, BrowserContext } from 'playwright-core';
import { FormGuard } from '../../src/meetings/form-guard.js';
import { api } from '../support/api.js';
import { contextAt, describeInBrowser, expectFits, launchBrowser, listening, SCREEN_SIZES, signedInPage, submit } from '../support/browser.js';
import { daysFromToday } from '../support/fixtures.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';
import type { SignedInPerson } from '../support/test-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** An adviser at the door of a Transitiearena meeting: the registrations, the list at the door, the report; at desktop and phone width. */
describeInBrowser('the pages of open meetings for advisers, in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let base: string;
  let adviser: SignedInPerson;
  let seriesId: string;
  let meetingId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const admin = api(testApp, testApp.admin.token);
    adviser = await admin.staff('adviser', 1);
    seriesId = (await admin.post('/api/meeting-series', transitiearena2016()).expect(201)).body.id;
    meetingId = (await admin.post(`/api/meeting-series/${seriesId}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20))).expect(201)).body.id;
    for (const [n, kind] of [[1, 'gemeente'], [2, 'aanbieder'], [3, 'ggz']] as const) {
      const formToken = await testApp.app.get(FormGuard).issue(Date.now() - 10_000);
      await api(testApp)
        .post(`/api/meetings/${meetingId}/registrations`, { name: `Lotte Smit ${n}`, organisation: `Organisatie ${n}`, organisationKind: kind, role: 'Adviseur', email: `lotte${n}@voorbeeld.example`, phone: '06-44444444', formToken })
        .expect(201);
    }
    base = await listening(testApp.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp.close();
  });

  describe.each(SCREEN_SIZES)('at $name width', (size) => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await contextAt(browser, size);
    });
    afterAll(() => context.close());

    it('takes the list at the door and shows the report', async () => {
      const page = await signedInPage(context, base, adviser);
      await page.goto(`${base}/reeksen`);
      await expectFits(page, `reeksen-${size.name}`);
      await page.goto(`${base}/bijeenkomsten/${meetingId}/beheer`);
      // The form that changes the meeting folded open, as an adviser who changes it sees it.
      await page.getByText('Thema, dag, tijden, plek, programma of plaatsen wijzigen').click();
      expect(await page.getByLabel('Thema').inputValue()).toBe('Dagbesteding vanuit het gemeentelijk perspectief');
      await expectFits(page, `bijeenkomst-beheer-${size.name}`);
      await page.getByLabel('Lotte Smit 1, Organisatie 1').check();
      await page.getByLabel('Lotte Smit 3, Organisatie 3').check();
      await page.getByLabel('Lotte Smit 2, Organisatie 2').uncheck();
      await submit(page, page.getByRole('button', { name: 'Presentielijst opslaan' }));
      expect(await page.locator('#melding').textContent()).toContain('De presentielijst is opgeslagen.');
      expect(await page.locator('main').textContent()).toContain('3 aangemeld (van 50 plaatsen), 2 aanwezig');
      await page.goto(`${base}/reeksen/${seriesId}/beheer`);
      expect(await page.getByRole('row', { name: /GGZ/ }).textContent()).toContain('GGZ11');
      await page.getByText('Naam, beschrijving, organisatoren of contactpersoon wijzigen').click();
      expect(await page.getByLabel('Naam van de contactpersoon').first().inputValue()).toBe('Noor Verbeek');
      await expectFits(page, `reeks-beheer-${size.name}`);
    }, 120_000);
  });
});
