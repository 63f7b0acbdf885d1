import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { api, type Api } from '../support/api.js';
import { describeInBrowser, launchBrowser, screenshot, axeViolations } from '../support/browser.js';
import { daysFromToday } from '../support/fixtures.js';
import { PASSWORD, startTestApp, type SignedInPerson, type TestApp } from '../support/test-app.js';

/**
 * Messages where the eye is (issue 15), on a phone: after a change the page opens at its message,
 * at the top, with focus on it; a refused form opens at an error summary at the top whose links
 * lead to the fields (GOV.UK's pattern), and a refusal of the service links to its form. The
 * cohort and duo pages are several screens long, their forms far below the first.
 */

jest.setTimeout(120_000);

let testApp: TestApp;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let base: string;
let adviser: SignedInPerson;
let asAdviser: Api;

/** Clicks a button that sends a form (or a link), and waits for the page the server answers with. */
async function submit(button: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated');
  await button.click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Whether the element lies wholly within the screen as it is scrolled now. */
function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
  });
}

/** The id of the element that has focus, or its tag where it has none. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string } | null } }).document.activeElement;
    return active?.id || active?.tagName || '';
  });
}

/** Keeps what the phone's screen shows now (test-artifacts/screenshots/NAME-scherm.png), beside the whole page. */
async function screen(name: string): Promise<void> {
  await page.screenshot({ path: new URL(`../../test-artifacts/screenshots/${name}-scherm.png`, import.meta.url).pathname });
}

async function expectAccessible(name: string): Promise<void> {
  await screen(name);
  await screenshot(page, name);
  expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
}

/** The page is taller than the screen: what is at its top is not all there is. */
async function expectLongerThanTheScreen(): Promise<void> {
  const height = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
  expect(height).toBeGreaterThan(844 * 2);
}

describeInBrowser('messages at the top of the page, on a phone', () => {
  let cohortId: string;
  let duoId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    adviser = await api(testApp, testApp.admin.token).staff('adviser', 1);
    asAdviser = api(testApp, adviser.token);
    cohortId = (await asAdviser.startableCohort({ registrationDeadline: daysFromToday(30) })).id;
    duoId = (await asAdviser.duo(cohortId, 1)).id;
    browser = await launchBrowser();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', bypassCSP: true });
    phone.setDefaultTimeout(10_000);
    page = await phone.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('an invitation link cut short says so at the top, where there is no field to link to', async () => {
    await page.goto(`${base}/uitnodiging?token=`);
    await page.getByLabel('Nieuw wachtwoord').fill(PASSWORD);
    await page.getByLabel('Nog een keer hetzelfde wachtwoord').fill(PASSWORD);
    await submit(page.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }));

    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('Deze link is niet compleet. Kopieer de hele link uit de uitnodiging.');
    await expect(focused()).resolves.toBe('foutoverzicht');
    await expect(page.getByRole('alert').count()).resolves.toBe(1);
    await expectAccessible('melding-uitnodiging-afgebroken');
  });

  it('a refused sign-in opens at the summary, which links to the form', async () => {
    await page.goto(`${base}/inloggen`);
    await page.getByLabel('E-mailadres').fill(adviser.email);
    await page.getByLabel('Wachtwoord').fill('niet het wachtwoord');
    await submit(page.getByRole('button', { name: 'Inloggen' }));

    const summary = page.getByRole('alert');
    await expect(summary.getByRole('heading', { name: 'Er is een probleem' }).isVisible()).resolves.toBe(true);
    await expect(focused()).resolves.toBe('foutoverzicht');
    await expect(inViewport(summary)).resolves.toBe(true);
    await expect(page.title()).resolves.toMatch(/^Fout: Inloggen/);
    await expectAccessible('melding-inloggen-geweigerd');

    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await submit(page.getByRole('button', { name: 'Inloggen' }));
    await page.waitForURL((url) => url.pathname === '/mijn-werk');
  });

  it('after admitting a duo the long cohort page opens at its message, which has focus', async () => {
    await page.goto(`${base}/edities/${cohortId}`);
    await submit(page.getByRole('button', { name: /^Toelaten/ }));

    expect(new URL(page.url()).hash).toBe('#melding');
    const notice = page.getByRole('status');
    await expect(notice.textContent()).resolves.toContain('Het duo is toegelaten.');
    await expect(focused()).resolves.toBe('melding');
    await expect(inViewport(notice)).resolves.toBe(true);
    await expectLongerThanTheScreen();
    await expectAccessible('melding-editie-toegelaten');
  });

  it('a plan with fields missing opens at the summary; its links lead to the fields, far down the page', async () => {
    await page.getByText('Plannen werkatelier 1').click();
    const form = page.locator('details[open] form');
    await form.getByLabel('Datum').fill('');
    await form.getByLabel('Begintijd').fill('');
    await submit(form.getByRole('button', { name: 'Opslaan' }));

    const summary = page.getByRole('alert');
    await expect(focused()).resolves.toBe('foutoverzicht');
    await expect(inViewport(summary)).resolves.toBe(true);
    const links = summary.getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual(['Datum: Vul een datum in.', 'Begintijd: Vul een tijd in, als uu:mm.']);
    await expectAccessible('melding-editie-fouten');

    await links.nth(1).click();
    await expect(focused()).resolves.toBe('bijeenkomst-workshop1-startTime');
    await expect(inViewport(page.locator('#bijeenkomst-workshop1-startTime'))).resolves.toBe(true);
    await expect(inViewport(page.locator('#bijeenkomst-workshop1-startTime-fout'))).resolves.toBe(true);
    await screen('melding-editie-naar-het-veld');
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    await links.first().click();
    await expect(focused()).resolves.toBe('bijeenkomst-workshop1-date');
    await expect(inViewport(page.locator('label[for="bijeenkomst-workshop1-date"]'))).resolves.toBe(true);
  });

  it('a plan the service refuses opens at its message, which links to the form', async () => {
    const form = page.locator('form#formulier-bijeenkomst-workshop1');
    await form.getByLabel('Datum').fill(daysFromToday(10));
    await form.getByLabel('Begintijd').fill('13:30');
    await submit(form.getByRole('button', { name: 'Opslaan' }));

    const summary = page.getByRole('alert');
    await expect(focused()).resolves.toBe('foutoverzicht');
    await expect(inViewport(summary)).resolves.toBe(true);
    const link = summary.getByRole('link');
    await expect(link.textContent()).resolves.toMatch(/ligt niet na het einde van de aanmeldtermijn\. Kies een dag vanaf/);
    await expectAccessible('melding-editie-geweigerd');

    await link.click();
    await screen('melding-editie-naar-het-formulier');
    await expect(inViewport(page.locator('#formulier-bijeenkomst-workshop1 label[for="bijeenkomst-workshop1-date"]'))).resolves.toBe(true);
  });

  it('on the duo page a missing date is summed up at the top, and the intake, once logged, is the message at the top', async () => {
    await page.goto(`${base}/trajecten/${duoId}`);
    const intake = page.locator('form[action$="/gesprekken/intake"]');
    await intake.getByLabel('Gehouden op').fill('');
    await intake.getByLabel('Locatie').fill('Gemeentehuis');
    await submit(intake.getByRole('button', { name: 'Kennismakingsgesprek vastleggen' }));

    const summary = page.getByRole('alert');
    await expect(focused()).resolves.toBe('foutoverzicht');
    await expect(inViewport(summary)).resolves.toBe(true);
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Gehouden op: Vul een datum in.']);
    await expectAccessible('melding-duo-fouten');

    await summary.getByRole('link').click();
    await expect(focused()).resolves.toBe('gesprek-intake-heldOn');
    await page.locator('#gesprek-intake-heldOn').fill(daysFromToday(0));
    await submit(page.getByRole('button', { name: 'Kennismakingsgesprek vastleggen' }));

    expect(new URL(page.url()).hash).toBe('#melding');
    const notice = page.getByRole('status');
    await expect(notice.textContent()).resolves.toContain('Het kennismakingsgesprek is vastgelegd.');
    await expect(focused()).resolves.toBe('melding');
    await expect(inViewport(notice)).resolves.toBe(true);
    await expectLongerThanTheScreen();
    await expectAccessible('melding-duo-vastgelegd');
  });
});
