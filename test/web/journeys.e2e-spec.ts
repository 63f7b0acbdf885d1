import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AuthService } from '../../src/auth/auth.service.js';
import { api, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, screenshot } from '../support/browser.js';
import { aPublicForm, daysFromToday, figures, otherMeans, story } from '../support/fixtures.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { letDaysPass } from '../support/time.js';

/**
 * The two journeys of issue 7 in real Chromium, as people click through them: an adviser runs a
 * cohort from registration to the report, and a participant finds the next step and adds
 * evidence with an attachment, on a phone-sized screen. axe finds nothing on any page, at any
 * impact; screenshots of the main pages are kept in test-artifacts/screenshots.
 */

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

jest.setTimeout(120_000);

let testApp: TestApp;
let admin: Api;
let browser: Browser;
let base: string;

/** Opens a page, checks it (axe, no sideways scroll, table frames a keyboard can scroll) and keeps its screenshot. */
async function visit(page: Page, path: string, name: string): Promise<void> {
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(200);
  await expectFits(page, name);
}

/** Clicks a button that sends a form (or a link), and waits for the page the server answers with. */
async function submit(page: Page, button: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated');
  await button.click();
  await navigated;
  await page.waitForLoadState('load');
}

function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

describeInBrowser('the web pages in Chromium', () => {
  let adviserContext: BrowserContext;
  let adviser: Page;
  let adviserApi: Api;
  let cohortId: string;
  let duoId: string;
  let participantLink: string;
  let invitationLink: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = api(testApp, testApp.admin.token);
    browser = await launchBrowser();
    adviserContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', bypassCSP: true });
    adviserContext.setDefaultTimeout(10_000);
    adviser = await adviserContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('the admin invites an adviser on the accounts page', async () => {
    const adminPage = await browser.newPage({ bypassCSP: true });
    adminPage.setDefaultTimeout(10_000);
    await visit(adminPage, '/inloggen', 'inloggen');
    await adminPage.getByLabel('E-mailadres').fill(testApp.admin.email);
    await adminPage.getByLabel('Wachtwoord').fill(PASSWORD);
    await submit(adminPage, adminPage.getByRole('button', { name: 'Inloggen' }));
    await submit(adminPage, adminPage.getByRole('link', { name: 'Accounts' }));

    await adminPage.getByLabel('Naam').fill('Adviseur Jansen');
    await adminPage.getByLabel('E-mailadres').fill('jansen@adviesbureau.example');
    await adminPage.getByLabel('Rol').selectOption('adviser');
    await submit(adminPage, adminPage.getByRole('button', { name: 'Uitnodiging versturen' }));
    invitationLink = (await adminPage.locator('.melding.gelukt code').textContent()) ?? '';
    expect(invitationLink).toMatch(/\/uitnodiging\?token=/);
    await expect(adminPage.getByRole('row', { name: /Adviseur Jansen/ }).textContent()).resolves.toContain('uitgenodigd');
    await expectFits(adminPage, 'accounts');
    await adminPage.close();
  });

  it('an adviser accepts the invitation and creates a cohort', async () => {
    await visit(adviser, pathOf(invitationLink), 'uitnodiging');
    await adviser.getByLabel('Nieuw wachtwoord').fill(PASSWORD);
    await adviser.getByLabel('Nog een keer hetzelfde wachtwoord').fill(PASSWORD);
    await submit(adviser, adviser.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }));
    // An adviser starts at Mijn werk, which sends one without editions on to make one.
    await adviser.waitForURL((url) => url.pathname === '/mijn-werk');
    await adviser.getByRole('link', { name: 'Maak een editie aan' }).click();
    await adviser.waitForURL((url) => url.pathname === '/edities');
    await expect(adviser.getByText('U bent nog aan geen editie gekoppeld.').isVisible()).resolves.toBe(true);

    await adviser.getByText('Een nieuwe editie aanmaken').click();
    await adviser.getByLabel('Naam').fill('Werkateliers outcome 2027');
    await adviser.getByLabel('Plaats van de bijeenkomsten').fill('Utrecht');
    await adviser.getByLabel('Programma').selectOption('werkateliers');
    await adviser.getByLabel('Aantal plaatsen').fill('9');
    await submit(adviser, adviser.getByRole('button', { name: 'Editie aanmaken' }));
    await expect(adviser.locator('#editie-registrationDeadline-fout').textContent()).resolves.toContain('Vul een datum in.');
    await expect(adviser.locator('#editie-capacity-fout').textContent()).resolves.toContain('Kies 5 tot 8 plaatsen');
    await expect(adviser.getByLabel('Naam').inputValue()).resolves.toBe('Werkateliers outcome 2027');
    await expectFits(adviser, 'edities-fouten');

    await adviser.getByLabel('Aanmelden kan tot en met').fill(daysFromToday(30));
    await adviser.getByLabel('Aantal plaatsen').fill('8');
    await submit(adviser, adviser.getByRole('button', { name: 'Editie aanmaken' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De editie is aangemaakt.');
    cohortId = new URL(adviser.url()).pathname.split('/')[2];
    await visit(adviser, '/edities', 'edities');
    await expect(adviser.getByRole('link', { name: 'Werkateliers outcome 2027' }).isVisible()).resolves.toBe(true);
    const session = await testApp.app.get(AuthService).signIn('jansen@adviesbureau.example', PASSWORD, '127.0.0.1');
    adviserApi = api(testApp, session.token);
  });

  it('a duo registers on the public form, which shows the deadline and the obligation and keeps what was typed when something is missing', async () => {
    const visitor = await browser.newPage({ bypassCSP: true });
    visitor.setDefaultTimeout(10_000);
    await visit(visitor, `/edities/${cohortId}/aanmelden`, 'aanmelden');
    await expect(visitor.getByText(/gratis, maar niet vrijblijvend/i).allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Aanwezigheidsplicht\. Deelname is gratis, maar niet vrijblijvend: /),
    ]);
    await expect(visitor.getByText(/aanmelden kan tot en met/).textContent()).resolves.toContain(String(new Date(daysFromToday(30)).getFullYear()));

    await visitor.getByLabel('Gemeente', { exact: true }).fill('Gemeente Lindendal');
    await visitor.getByLabel('Uitvoerder', { exact: true }).fill('Stichting Welzijn Lindendal');
    await visitor.getByLabel('Op welke collectieve voorzieningen').fill('jongerenwerk, buurthuisbeheer');
    await submit(visitor, visitor.getByRole('button', { name: 'Aanmelden' }));
    await expect(visitor.locator('#providerContact-name-fout').textContent()).resolves.toContain('Vul dit in.');
    await expect(visitor.locator('[aria-invalid="true"]').count()).resolves.toBeGreaterThan(3);
    await expect(visitor.getByLabel('Gemeente', { exact: true }).inputValue()).resolves.toBe('Gemeente Lindendal');
    await expectFits(visitor, 'aanmelden-fouten');

    for (const [side, name, email, phone] of [
      ['municipality', 'Fenna Verbeek', 'f.verbeek@lindendal.example', '0341-555123'],
      ['provider', 'Ahmed El Amrani', 'ahmed@welzijnlindendal.example', '06-55512345'],
    ]) {
      const group = visitor.getByRole('group', { name: side === 'municipality' ? 'Contactpersoon van de gemeente' : 'Contactpersoon van de uitvoerder' });
      await group.getByLabel('Naam').fill(name);
      await group.getByLabel('E-mailadres').fill(email);
      await group.getByLabel('Telefoonnummer').fill(phone);
    }
    await visitor.getByLabel(/Wij zijn als duo aanwezig/).check();
    await submit(visitor, visitor.getByRole('button', { name: 'Aanmelden' }));
    await expect(visitor.getByRole('heading', { name: 'Aanmelding ontvangen' }).isVisible()).resolves.toBe(true);
    await expectFits(visitor, 'aanmelding-ontvangen');
    await visitor.close();

    const duos = (await adviserApi.get(`/api/cohorts/${cohortId}/duos`).expect(200)).body as { id: string; municipality: string; state: string }[];
    expect(duos).toEqual([expect.objectContaining({ municipality: 'Gemeente Lindendal', state: 'registered' })]);
    duoId = duos[0].id;
    for (let n = 1; n <= 4; n++) await admin.post(`/api/cohorts/${cohortId}/registrations`, aPublicForm(n)).expect(201);
  });

  it('the adviser admits the duos and plans the workshops on the cohort page', async () => {
    await visit(adviser, `/edities/${cohortId}`, 'editie-aanmeldingen');
    for (let admitted = 0; admitted < 5; admitted++) {
      await submit(adviser, adviser.getByRole('button', { name: /^Toelaten/ }).first());
      await expect(adviser.getByRole('status').textContent()).resolves.toContain('Het duo is toegelaten.');
    }
    await expect(adviser.getByRole('button', { name: /^Toelaten/ }).count()).resolves.toBe(0);

    // After the registration deadline (30 days from now), in order.
    for (const [workshop, days] of [[1, 35], [2, 60]] as const) {
      await adviser.getByText(`Plannen werkatelier ${workshop}`).click();
      const form = adviser.locator('details[open] form');
      await form.getByLabel('Datum').fill(daysFromToday(days));
      await form.getByLabel('Begintijd').fill('13:30');
      await submit(adviser, form.getByRole('button', { name: 'Opslaan' }));
      await expect(adviser.getByRole('status').textContent()).resolves.toContain(`Werkatelier ${workshop} is gepland.`);
    }
    await expect(adviser.getByText('13:30 tot 16:30 uur, Utrecht').count()).resolves.toBe(2);

    await admin.post('/api/accounts', { name: 'Adviseur De Vries', email: 'devries@adviesbureau.example', role: 'adviser' }).expect(201);
    await adviser.reload();
    await adviser.getByText('Een collega aan deze editie koppelen').click();
    await adviser.getByLabel('Adviseur', { exact: true }).selectOption({ label: 'Adviseur De Vries (devries@adviesbureau.example)' });
    await submit(adviser, adviser.getByRole('button', { name: 'Koppelen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De adviseur is aan de editie gekoppeld.');
    await expect(adviser.getByRole('listitem').filter({ hasText: 'Adviseur De Vries' }).count()).resolves.toBe(1);
    await expectFits(adviser, 'editie');
  });

  it('the adviser logs the intake on the duo page, and the next step moves to workshop 1', async () => {
    await submit(adviser, adviser.getByRole('link', { name: 'Gemeente Lindendal · Stichting Welzijn Lindendal' }));
    await adviser.waitForURL((url) => url.pathname === `/trajecten/${duoId}`);
    await expect(adviser.locator('.volgende').textContent()).resolves.toContain('Nu aan de beurt: het kennismakingsgesprek.');
    await expect(adviser.locator('.diagram [aria-current="step"]').textContent()).resolves.toContain('Toegelaten');

    await adviser.getByText('Een kennismakingsgesprek plannen').click();
    const plan = adviser.locator('form[action$="/bijeenkomsten"]');
    await plan.getByLabel('Datum').fill(daysFromToday(5));
    await plan.getByLabel('Begintijd').fill('10:00');
    await plan.getByLabel('Plaats').fill('Gemeentehuis Lindendal');
    await submit(adviser, plan.getByRole('button', { name: 'Plannen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De bijeenkomst is gepland');
    await expect(adviser.locator('.volgende').textContent()).resolves.toMatch(/kennismakingsgesprek.*10:00 tot 13:00 uur.*Gemeentehuis Lindendal/s);

    const intake = adviser.locator('form[action$="/gesprekken/intake"]');
    await intake.getByLabel('Locatie').fill('Gemeentehuis Lindendal');
    await intake.getByLabel('Gehouden op').fill('');
    await submit(adviser, intake.getByRole('button', { name: 'Kennismakingsgesprek vastleggen' }));
    await expect(adviser.locator('#gesprek-intake-heldOn-fout').textContent()).resolves.toContain('Vul een datum in.');
    await expect(adviser.locator('form[action$="/gesprekken/intake"]').getByLabel('Locatie').inputValue()).resolves.toBe('Gemeentehuis Lindendal');

    await adviser.locator('form[action$="/gesprekken/intake"]').getByLabel('Gehouden op').fill(daysFromToday(0));
    await submit(adviser, adviser.getByRole('button', { name: 'Kennismakingsgesprek vastleggen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('Het kennismakingsgesprek is vastgelegd.');
    await expect(adviser.locator('.volgende').textContent()).resolves.toContain('Nu aan de beurt: werkatelier 1.');
    await expect(adviser.locator('.diagram [aria-current="step"]').textContent()).resolves.toContain('Kennismakingsgesprek');
    await expectFits(adviser, 'duo-adviseur');
  });

  it('the adviser invites the municipality contact person and gets the link to pass on', async () => {
    await adviser.getByText('Een contactpersoon uitnodigen voor Trajectkompas').click();
    await adviser.getByLabel('Contactpersoon').selectOption('f.verbeek@lindendal.example');
    await submit(adviser, adviser.getByRole('button', { name: 'Uitnodiging versturen' }));
    participantLink = (await adviser.locator('.melding.gelukt code').textContent()) ?? '';
    expect(participantLink).toMatch(/\/uitnodiging\?token=/);
  });

  it('a participant on a phone finds the next step first, then adds a story with a photo', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nl-NL', bypassCSP: true });
    phone.setDefaultTimeout(10_000);
    const participant = await phone.newPage();
    await participant.goto(`${base}${pathOf(participantLink)}`);
    await participant.getByLabel('Nieuw wachtwoord').fill(PASSWORD);
    await participant.getByLabel('Nog een keer hetzelfde wachtwoord').fill(PASSWORD);
    await submit(participant, participant.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }));
    await participant.waitForURL((url) => url.pathname === '/mijn-traject');

    const next = participant.locator('.volgende');
    const firstHeading = await participant.locator('main h2').first().textContent();
    expect(firstHeading).toBe('Volgende stap');
    await expect(next.textContent()).resolves.toContain('Nu aan de beurt: werkatelier 1.');
    await expect(next.textContent()).resolves.toContain('13:30 tot 16:30 uur');
    await expect(next.textContent()).resolves.toContain('Utrecht');
    await expect(next.textContent()).resolves.toContain('Kom als duo');
    await expect(next.textContent()).resolves.toContain('Stap 1, Monitoring & ambities');
    const width = await participant.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectFits(participant, 'mijn-traject-telefoon');

    await submit(participant, next.getByRole('link', { name: 'Onderbouwing toevoegen bij stap 1' }));
    await expect(participant.getByLabel('Stap van het Kwaliteitskompas').inputValue()).resolves.toBe('1');
    await participant.getByLabel('Titel').fill('Het verhaal van de buurtkamer');
    await participant.getByLabel('De onderbouwing', { exact: true }).fill('Een bewoner vertelt hoe de buurtkamer haar weer onder de mensen bracht.');
    await participant.getByLabel('Vanuit wiens perspectief').selectOption('residents');
    await submit(participant, participant.getByRole('button', { name: 'Onderbouwing opslaan' }));
    await expect(participant.locator('#aboutAPerson-fout').textContent()).resolves.toContain('Vul dit in.');
    await expect(participant.getByLabel('Titel').inputValue()).resolves.toBe('Het verhaal van de buurtkamer');
    await expectFits(participant, 'onderbouwing-fouten');

    await participant.getByLabel('Gaat het verhaal over een persoon?').selectOption('ja');
    await participant.getByLabel(/heeft die persoon toestemming/).selectOption('ja');
    await submit(participant, participant.getByRole('button', { name: 'Onderbouwing opslaan' }));
    await expect(participant.getByRole('status').textContent()).resolves.toContain('De onderbouwing is opgeslagen.');

    await participant.getByLabel('Bestand').setInputFiles({ name: 'buurtkamer.png', mimeType: 'image/png', buffer: PNG });
    await submit(participant, participant.getByRole('button', { name: 'Bijlage toevoegen' }));
    await expect(participant.getByRole('status').textContent()).resolves.toContain('De bijlage is toegevoegd.');
    await expect(participant.getByRole('link', { name: 'buurtkamer.png' }).isVisible()).resolves.toBe(true);
    await expectFits(participant, 'onderbouwing');

    await submit(participant, participant.getByRole('link', { name: '← Mijn traject' }));
    await expect(participant.locator('.stappen').first().textContent()).resolves.toContain('Het verhaal van de buurtkamer');
    await expect(participant.locator('.volgende').textContent()).resolves.not.toContain('Stap 1, Monitoring & ambities');
    const recorded = (await adviserApi.get(`/api/duos/${duoId}/evidence`).expect(200)).body as { title: string; recordedBy: string; attachments: { fileName: string }[] }[];
    expect(recorded).toEqual([expect.objectContaining({ title: 'Het verhaal van de buurtkamer', recordedBy: 'Fenna Verbeek', attachments: [expect.objectContaining({ fileName: 'buurtkamer.png' })] })]);
    await phone.close();
  });

  it('the adviser fills in the attendance list of workshop 1, holds an advisory meeting and the one of workshop 2', async () => {
    for (let n = 0; n < 4; n++) {
      const other = (await adviserApi.get(`/api/cohorts/${cohortId}/duos`)).body.find((duo: { municipality: string }) => duo.municipality === `Gemeente Voorbeeld ${n + 1}`);
      await adviserApi.post(`/api/duos/${other.id}/intake`, { heldOn: daysFromToday(0), adviser: 'Adviseur Jansen', location: 'Stadskantoor' }).expect(201);
    }
    // Forty days on, workshop 1 (planned 35 days out) has taken place: its list can be taken.
    await letDaysPass(testApp.app, cohortId, 40);
    await visit(adviser, `/edities/${cohortId}/werkateliers/1/presentielijst`, 'presentielijst');
    await expect(adviser.locator('tbody tr').count()).resolves.toBe(5);
    const lindendal = adviser.getByRole('group', { name: 'uitvoerder van Gemeente Lindendal · Stichting Welzijn Lindendal' });
    await lindendal.getByRole('radio', { name: 'afwezig met reden', exact: true }).check();
    await submit(adviser, adviser.getByRole('button', { name: 'Presentielijst opslaan' }));
    await expect(adviser.locator('.foutmelding').allTextContents()).resolves.toEqual(['Vul dit in.']);
    await adviser.getByRole('group', { name: 'uitvoerder van Gemeente Lindendal · Stichting Welzijn Lindendal' }).getByLabel(/Reden bij afwezig met reden/).fill('Ziek; collega ingevallen');
    await submit(adviser, adviser.getByRole('button', { name: 'Presentielijst opslaan' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De presentielijst van werkatelier 1 is opgeslagen.');
    await expect(adviser.getByText('Alle duo’s voldoen tot nu toe').isVisible()).resolves.toBe(true);

    // Reopened, the list shows what was recorded; a duo's correction opens on its page, at what was recorded.
    await visit(adviser, `/edities/${cohortId}/werkateliers/1/presentielijst`, 'presentielijst-vastgelegd');
    const lindendalRow = adviser.getByRole('row', { name: /Gemeente Lindendal/ });
    await expect(lindendalRow.textContent()).resolves.toMatch(/afwezig met reden\s*Reden: Ziek; collega ingevallen \(geaccepteerd door Adviseur Jansen\)/);
    await submit(adviser, lindendalRow.getByRole('link', { name: /Corrigeren/ }));
    const correction = adviser.locator('#correctie-workshop1 form');
    await expect(correction.isVisible()).resolves.toBe(true);
    const provider = correction.getByRole('group', { name: 'uitvoerder' });
    await expect(provider.getByLabel('Aanwezigheid').inputValue()).resolves.toBe('excused');
    await expect(provider.getByLabel(/Reden bij afwezig met reden/).inputValue()).resolves.toBe('Ziek; collega ingevallen');
    await provider.getByLabel('Aanwezigheid').selectOption('absent');
    await correction.getByLabel('Waarom de correctie?').fill('Niemand van de uitvoerder was er; de reden bleek niet te kloppen');
    await submit(adviser, correction.getByRole('button', { name: 'Correctie vastleggen' }));
    // A correction that drops the duo out asks first, saying so; nothing is saved until confirmed.
    const confirmation = adviser.locator('#bevestiging');
    await expect(confirmation.textContent()).resolves.toContain('Gemeente Lindendal · Stichting Welzijn Lindendal valt uit: de uitvoerder was afwezig zonder reden.');
    await expect(adviser.locator('.diagram [aria-current="step"]').textContent()).resolves.toContain('Werkatelier 1');
    await expectFits(adviser, 'duo-correctie-bevestigen');
    await submit(adviser, confirmation.getByRole('button', { name: 'Bevestigen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De aanwezigheid bij werkatelier 1 is gecorrigeerd');
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('Gemeente Lindendal · Stichting Welzijn Lindendal is uitgevallen.');
    await expect(adviser.locator('.diagram [aria-current="step"]').textContent()).resolves.toContain('Uitgevallen');
    await expect(adviser.locator('.tijdlijn').textContent()).resolves.toContain('uitvoerder afwezig');

    await adviser.getByText('Aanwezigheid corrigeren').click();
    const undo = adviser.locator('form[action$="/aanwezigheidscorrecties"]');
    await expect(undo.getByRole('group', { name: 'uitvoerder' }).getByLabel('Aanwezigheid').inputValue()).resolves.toBe('absent');
    await undo.getByRole('group', { name: 'uitvoerder' }).getByLabel('Aanwezigheid').selectOption('present');
    await undo.getByLabel('Waarom de correctie?').fill('De uitvoerder was er toch, met een invaller');
    await submit(adviser, undo.getByRole('button', { name: 'Correctie vastleggen' }));
    await expect(adviser.locator('#bevestiging').textContent()).resolves.toContain('Gemeente Lindendal · Stichting Welzijn Lindendal valt niet meer uit');
    await submit(adviser, adviser.locator('#bevestiging').getByRole('button', { name: 'Bevestigen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('Gemeente Lindendal · Stichting Welzijn Lindendal valt niet meer uit.');
    await expect(adviser.locator('.diagram [aria-current="step"]').textContent()).resolves.toContain('Werkatelier 1');
    await expectFits(adviser, 'duo-correctie');

    await adviser.getByText(/^Adviesgesprek \(0 van 2 gehouden\)/).click();
    await adviser.locator('form[action$="/gesprekken/advisoryMeeting"]').getByLabel('Aantekeningen').fill('Indicatoren voor de buurtkamer besproken');
    await submit(adviser, adviser.getByRole('button', { name: 'Adviesgesprek vastleggen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('Het adviesgesprek is vastgelegd.');
    await expect(adviser.locator('.volgende').textContent()).resolves.toContain('1 gehouden, nog 1 mogelijk');

    // And 25 days later workshop 2.
    await letDaysPass(testApp.app, cohortId, 25);
    await adviser.goto(`${base}/edities/${cohortId}/werkateliers/2/presentielijst`);
    await submit(adviser, adviser.getByRole('button', { name: 'Presentielijst opslaan' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De presentielijst van werkatelier 2 is opgeslagen.');
  });

  it('the adviser agrees the improvement actions, closes the cycle, completes the trajectory and reads the report', async () => {
    for (const item of [figures(2), otherMeans(3), story(4), figures(5), story(6)]) await adviserApi.post(`/api/duos/${duoId}/evidence`, item).expect(201);
    await adviser.goto(`${base}/trajecten/${duoId}`);
    await submit(adviser, adviser.getByRole('button', { name: 'Cyclus 1 afsluiten' }));
    await expect(adviser.getByRole('alert').textContent()).resolves.toMatch(/Cyclus 1 is nog niet compleet: er ontbreekt nog de verbeteracties van stap 6/i);

    const actions = adviser.locator('form[action$="/verbeteracties"]');
    await actions.getByRole('group', { name: 'Verbeteractie 1' }).getByLabel('Wat').fill('Bewoners tellen mee in de jaarlijkse monitor');
    await actions.getByRole('group', { name: 'Verbeteractie 1' }).getByLabel('Wie pakt het op').selectOption('municipality');
    await submit(adviser, actions.getByRole('button', { name: 'Verbeteracties opslaan' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De verbeteracties zijn opgeslagen.');
    await expect(adviser.locator('.volgende').textContent()).resolves.toContain('U kunt de cyclus hieronder afsluiten.');

    await submit(adviser, adviser.getByRole('button', { name: 'Cyclus 1 afsluiten' }));
    await expect(adviser.locator('#bevestiging').textContent()).resolves.toContain('Cyclus 1 wordt afgesloten en bevroren, met de rapportage van het duo.');
    await submit(adviser, adviser.locator('#bevestiging').getByRole('button', { name: 'Bevestigen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('De cyclus is afgesloten.');
    await expect(adviser.getByText(/Cyclus 1 afgesloten op/).isVisible()).resolves.toBe(true);

    await submit(adviser, adviser.getByRole('button', { name: 'Traject afronden' }));
    await expect(adviser.locator('#bevestiging').textContent()).resolves.toContain('Het traject van Gemeente Lindendal · Stichting Welzijn Lindendal wordt afgerond');
    await submit(adviser, adviser.locator('#bevestiging').getByRole('button', { name: 'Bevestigen' }));
    await expect(adviser.getByRole('status').textContent()).resolves.toContain('Het traject van dit duo is afgerond.');
    await expect(adviser.locator('.diagram [aria-current="step"]').textContent()).resolves.toContain('Afgerond');
    await expectFits(adviser, 'duo-afgerond');

    await visit(adviser, `/edities/${cohortId}/rapportage`, 'rapportage');
    const lindendalRow = adviser.getByRole('row', { name: /Gemeente Lindendal/ });
    await expect(lindendalRow.textContent()).resolves.toMatch(/Afgerond.*voldoet.*1.*1/s);
    const [download] = await Promise.all([adviser.waitForEvent('download'), adviser.getByRole('link', { name: 'Spreadsheet (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await submit(adviser, adviser.getByRole('link', { name: 'Afdrukbare rapportage', exact: true }));
    await expect(adviser.locator('body').textContent()).resolves.toContain('Gemeente Lindendal');
    await screenshot(adviser, 'rapportage-afdruk');
  });
});

