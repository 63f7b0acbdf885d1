import type { Browser, BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import { contextAt, describeInBrowser, expectFits, launchBrowser, listening, SCREEN_SIZES, submit } from '../support/browser.js';
import { daysFromToday } from '../support/fixtures.js';
import { formBrowser } from '../support/form-browser.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';
import { api } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The public pages of the Transitiearena: the series, a meeting with its programme, and registering, at desktop and phone width. */
describeInBrowser('the public pages of open meetings, in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let base: string;
  let seriesId: string;
  let meetingId: string;
  let nextId: string;
  const before = process.env.MEETING_FORM_MIN_SECONDS;

  beforeAll(async () => {
    process.env.MEETING_FORM_MIN_SECONDS = '1';
    testApp = await startTestApp();
    const admin = api(testApp, testApp.admin.token);
    seriesId = (await admin.post('/api/meeting-series', transitiearena2016()).expect(201)).body.id;
    meetingId = (await admin.post(`/api/meeting-series/${seriesId}/meetings`, dagbestedingMeeting(daysFromToday(30), daysFromToday(20))).expect(201)).body.id;
    nextId = (await admin.post(`/api/meeting-series/${seriesId}/meetings/copy`).expect(201)).body.id;
    base = await listening(testApp.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp.close();
    if (before === undefined) delete process.env.MEETING_FORM_MIN_SECONDS;
    else process.env.MEETING_FORM_MIN_SECONDS = before;
  });

  describe.each(SCREEN_SIZES)('at $name width', (size) => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await contextAt(browser, size);
    });
    afterAll(() => context.close());

    it('shows the series and a meeting with its programme, and registers someone without an account', async () => {
      const page = await context.newPage();
      await page.goto(`${base}/reeksen/${seriesId}`);
      await expectFits(page, `reeks-${size.name}`);
      await submit(page, page.getByRole('link', { name: 'Dagbesteding vanuit het gemeentelijk perspectief' }).first());
      await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
      expect(await page.getByRole('cell', { name: 'Thematafels: 3 praktijkvoorbeelden, 2 rondes' }).count()).toBe(1);
      await expectFits(page, `bijeenkomst-${size.name}`);

      // Sent empty: each field says what is missing, and the summary links to it.
      await page.waitForTimeout(1100);
      await submit(page, page.getByRole('button', { name: 'Aanmelden' }));
      expect(await page.locator('.foutoverzicht').textContent()).toContain('Naam: Vul dit in.');
      await expectFits(page, `bijeenkomst-fouten-${size.name}`);

      await page.getByLabel('Naam', { exact: true }).fill(`Fleur Jansen (${size.name})`);
      await page.getByLabel('Organisatie', { exact: true }).fill('Gemeente Voorbeeld');
      await page.getByLabel('Soort organisatie').selectOption('gemeente');
      await page.getByLabel('Functie of rol').fill('Beleidsmedewerker Wmo');
      await page.getByLabel('E-mailadres').fill(`fleur.${size.name}@gemeente-voorbeeld.example`);
      await page.getByLabel('Telefoonnummer').fill('030-1234567');
      await page.getByRole('checkbox').first().check();
      await page.getByLabel('Wensen voor de lunch').fill('Vegetarisch');
      await submit(page, page.getByRole('button', { name: 'Aanmelden' }));
      const status = await page.getByRole('status').textContent();
      expect(status).toContain('U bent aangemeld voor Dagbesteding vanuit het gemeentelijk perspectief');
      expect(status?.match(/U bent aangemeld/g)).toHaveLength(2);
      await expectFits(page, `aangemeld-${size.name}`);

      // The cancel link from the confirmation (read from the outbox before it is delivered): the registration, cancelling, the data.
      const [message] = await testApp.app.get(DataSource).query("SELECT body FROM outbox WHERE recipient_email = $1 AND kind = 'meeting_confirmation' LIMIT 1", [`fleur.${size.name}@gemeente-voorbeeld.example`]);
      const link = /http:\/\/127\.0\.0\.1:3000(\/bijeenkomsten\/afmelden\?token=[\w-]{43})/.exec(message.body)?.[1];
      await page.goto(`${base}${link}`);
      await expectFits(page, `afmelden-${size.name}`);
      await submit(page, page.getByRole('button', { name: 'Afmelden' }));
      expect(await page.locator('#melding').textContent()).toContain('U bent afgemeld.');
      await expectFits(page, `afgemeld-${size.name}`);
    }, 120_000);
  });

  it('says in Dutch why a registration is refused, and keeps what was typed', async () => {
    const browserOverHttp = formBrowser(() => testApp.app.getHttpServer());
    const html = (await browserOverHttp.get(`/bijeenkomsten/${meetingId}`).expect(200)).text;
    const formToken = /name="_formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fields = {
      _formToken: formToken,
      name: 'Sander de Vries',
      organisation: 'Stichting Werkplaats',
      organisationKind: 'socialeFirma',
      role: 'Coördinator',
      email: 'sander@werkplaats.example',
      phone: '06-11111111',
    };
    await browserOverHttp.post(`/bijeenkomsten/${meetingId}/aanmelden`, fields).expect(200);
    const twice = await browserOverHttp.post(`/bijeenkomsten/${meetingId}/aanmelden`, fields).expect(409);
    expect(twice.text).toContain('sander@werkplaats.example is al aangemeld voor deze bijeenkomst');
    expect(twice.text).toContain('value="Stichting Werkplaats"');
    const robot = await browserOverHttp.post(`/bijeenkomsten/${nextId}/aanmelden`, { ...fields, website: 'https://spam.example' }).expect(422);
    expect(robot.text).toContain('kon niet als aanmelding worden aangenomen');
  });
});
