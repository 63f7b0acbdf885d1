import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PASSWORD } from './test-app.js';

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser; STACK.md). Where
 * none is installed the browser tests are skipped with a message, unless REQUIRE_BROWSER is
 * set (CI sets it after installing the browser, so there they cannot be skipped).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);

if (!browserAvailable) {
  const message = `No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`;
  if (process.env.REQUIRE_BROWSER) throw new Error(message);
  console.warn(`${message} The browser tests are skipped.`);
}

export const describeInBrowser = browserAvailable ? describe : describe.skip;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AccessibilityViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Every violation axe-core finds on the page as it is now, of any impact (moderate and minor
 * included): WCAG 2.1 A and AA rules and axe's best practices. The pages forbid inline scripts
 * (CSP), so the browser contexts of the tests bypass CSP to let axe in.
 */
export async function axeViolations(page: Page): Promise<AccessibilityViolation[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
    const { axe, document } = globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> }; document: unknown };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}

const SCREENSHOTS = new URL('../../test-artifacts/screenshots/', import.meta.url);

/** Keeps a full-page screenshot as a test artefact (test-artifacts/screenshots/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}

/** Starts the app listening on a free port of this machine, for a browser: its base address. */
export async function listening(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** Clicks what sends a form (or follows a link), and waits for the page the server answers with. */
export async function submit(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated');
  await target.click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Whether the page is wider than its window: then it scrolls sideways, which a phone should never need. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return document.documentElement.scrollWidth > innerWidth;
  });
}

/** Nothing from axe at any impact, and no sideways scroll at the window's width; a screenshot kept as NAME. */
export async function expectFits(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
  expect({ page: name, scrollsSideways: await scrollsSideways(page) }).toEqual({ page: name, scrollsSideways: false });
  expect({ page: name, unreachableTables: await unreachableTableFrames(page) }).toEqual({ page: name, unreachableTables: [] });
}

/**
 * The table frames (`.tabel`, which scroll sideways on a narrow screen) a keyboard cannot scroll:
 * neither focusable with a name of their own (tabindex="0" and aria-label or aria-labelledby) nor
 * holding a field or link to tab to. axe finds them only where the table is wider than the screen
 * in this run; this finds them whatever the width of the data.
 */
export function unreachableTableFrames(page: Page): Promise<string[]> {
  return page.$$eval('.tabel', (frames) =>
    frames
      .filter((frame) => {
        const named = frame.getAttribute('tabindex') === '0' && (frame.hasAttribute('aria-label') || frame.hasAttribute('aria-labelledby'));
        return !named && !frame.querySelector('a[href], button, input, select, textarea, [tabindex="0"]');
      })
      .map((frame) => frame.querySelector('caption, th')?.textContent?.trim() ?? frame.outerHTML.slice(0, 80)),
  );
}

/** A new page of the context, signed in through the sign-in form (the app at BASE). */
export async function signedInPage(context: BrowserContext, base: string, person: { email: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await submit(page, page.getByRole('button', { name: 'Inloggen' }));
  return page;
}

/** The two widths every page is tried at: a desktop and a phone. */
export const SCREEN_SIZES = [
  { name: 'desktop', width: 1280, height: 900, phone: false },
  { name: 'telefoon', width: 390, height: 844, phone: true },
] as const;

export type ScreenSize = (typeof SCREEN_SIZES)[number];

/** A browser context of that size, in Dutch and Amsterdam time, that lets axe in (CSP bypassed); 10 s per step. */
export async function contextAt(browser: Browser, size: ScreenSize): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: size.phone,
    hasTouch: size.phone,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    bypassCSP: true,
  });
  context.setDefaultTimeout(10_000);
  return context;
}
