import type { Browser, BrowserContext } from 'playwright-core';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit } from '../support/browser.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const WIDTHS = [
  ['desktop', { width: 1280, height: 800 }],
  ['telefoon', { width: 390, height: 844 }],
] as const;

describeInBrowser('wachtwoord vergeten and sending an invitation again, in a browser', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let testApp: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    testApp = await startTestApp({ smtpUrl: smtp.url });
    base = await listening(testApp.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await testApp.close();
    await smtp.close();
  });

  const deliver = () => testApp.app.get(Scheduler).tick();
  const linkMailedTo = (email: string, path: string) => {
    const links = smtp.received
      .filter((received) => received.to === email)
      .map((mail) => mail.raw.replace(/=\r\n/g, '').replace(/=3D/g, '='))
      .flatMap((text) => new RegExp(`http://127\\.0\\.0\\.1:3000(${path}\\?token=[\\w-]{43})`).exec(text)?.[1] ?? []);
    return links.at(-1) ?? '';
  };

  describe.each(WIDTHS)('at %s width', (name, viewport) => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await browser.newContext({ viewport, locale: 'nl-NL', bypassCSP: true });
      context.setDefaultTimeout(10_000);
    });
    afterAll(() => context.close());

    it('someone who forgot their password asks for a link, chooses a new one with it, and a used link says what to do', async () => {
      const adviser = await api(testApp, testApp.admin.token).staff('adviser', name === 'desktop' ? 1 : 2);
      const page = await context.newPage();
      await page.goto(`${base}/inloggen`);
      await submit(page, page.getByRole('link', { name: 'Wachtwoord vergeten?' }));
      await page.getByLabel('E-mailadres').fill(adviser.email);
      await submit(page, page.getByRole('button', { name: 'Link aanvragen' }));
      await expect(page.getByRole('status').textContent()).resolves.toContain(`Als er een account bij ${adviser.email} hoort, ontvangt u een e-mail`);
      await expectFits(page, `wachtwoord-vergeten-${name}`);

      await deliver();
      const link = linkMailedTo(adviser.email, '/wachtwoord-herstellen');
      expect(link).not.toBe('');
      await page.goto(`${base}${link}`);
      await expectFits(page, `wachtwoord-herstellen-${name}`);
      await page.getByLabel('Nieuw wachtwoord').fill('een heel nieuw wachtwoord');
      await page.getByLabel('Nog een keer hetzelfde wachtwoord').fill('een heel nieuw wachtwoord');
      await submit(page, page.getByRole('button', { name: 'Wachtwoord opslaan' }));
      expect(new URL(page.url()).pathname).toBe('/inloggen');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Uw nieuwe wachtwoord is opgeslagen');

      await page.goto(`${base}${link}`);
      await page.getByLabel('Nieuw wachtwoord').fill('nog een ander wachtwoord');
      await page.getByLabel('Nog een keer hetzelfde wachtwoord').fill('nog een ander wachtwoord');
      await submit(page, page.getByRole('button', { name: 'Wachtwoord opslaan' }));
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Deze link is al gebruikt');
      await expect(page.getByRole('link', { name: 'Vraag een nieuwe link aan', exact: true }).getAttribute('href')).resolves.toBe('/wachtwoord-vergeten');
      await expectFits(page, `wachtwoord-link-gebruikt-${name}`);

      await page.goto(`${base}/inloggen`);
      await page.getByLabel('E-mailadres').fill(adviser.email);
      await page.getByLabel('Wachtwoord').fill('een heel nieuw wachtwoord');
      await submit(page, page.getByRole('button', { name: 'Inloggen' }));
      expect(new URL(page.url()).pathname).toBe('/mijn-werk');
      await page.close();
    });

    it('an admin sends a pending invitation again: a new link by mail, the old one refused', async () => {
      const email = `nog-niet-actief-${name}@adviesbureau.example`;
      const first = await api(testApp, testApp.admin.token).post('/api/accounts', { name: `Nog Niet Actief ${name}`, email, role: 'adviser' }).expect(201);
      await deliver();
      const page = await signedInPage(context, base, testApp.admin);
      await page.goto(`${base}/beheer/accounts`);
      await expectFits(page, `accounts-opnieuw-versturen-${name}`);
      await submit(page, page.getByRole('button', { name: `Opnieuw versturen uitnodiging aan Nog Niet Actief ${name}` }));
      await expect(page.getByRole('status').textContent()).resolves.toContain('de vorige link werkt niet meer');
      await deliver();
      const link = linkMailedTo(email, '/uitnodiging');
      expect(link).not.toContain(first.body.invitation.token);
      expect(await page.locator('.melding.gelukt code').textContent()).toBe(`http://127.0.0.1:3000${link}`);
      await api(testApp).post('/api/invitations/accept', { token: first.body.invitation.token, password: 'een lang genoeg wachtwoord' }).expect(422);
      await page.close();
    });
  });
});
