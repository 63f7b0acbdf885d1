import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

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
