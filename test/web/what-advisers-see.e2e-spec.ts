import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage } from '../support/browser.js';
import { daysFromToday, intake } from '../support/fixtures.js';
import { csrfIn, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * What people need to see before they act (issue 17): the registration form names the planned
 * workshops with date and place, the duo page shows what the duo wrote when it registered, the
 * attendance list names each side at phone width, and the words count right ("1 duo", "2 duo's").
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

let adviser: SignedInPerson;
let asAdviser: Api;
let forms: FormBrowser;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
  forms = await signedInFormBrowser(server, adviser);
});

/** The text of the page, without its tags, as a reader sees it. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('the public registration form', () => {
  it('lists the planned workshops with date, time and place, the mandatory ones marked', async () => {
    const cohort = await asAdviser.cohort({ location: 'Utrecht' });
    await asAdviser.put(`/api/cohorts/${cohort.id}/sessions/workshop1`, { date: daysFromToday(70), startTime: '13:30', location: 'Buurthuis De Linde' }).expect(200);
    await asAdviser.put(`/api/cohorts/${cohort.id}/sessions/workshop3`, { date: daysFromToday(120), startTime: '10:00' }).expect(200);

    const text = textOf((await app.client.as().get(`/edities/${cohort.id}/aanmelden`).expect(200)).text);

    expect(text).toContain('De bijeenkomsten');
    expect(text).toMatch(/Werkatelier 1 verplicht : \w+dag \d+ \w+ \d{4} , 13:30 tot 16:30 uur, Buurthuis De Linde/);
    // Workshop 3 is not part of the obligation, and takes the edition's place when planned without one.
    expect(text).toMatch(/Werkatelier 3 : \w+dag \d+ \w+ \d{4} , 10:00 tot 13:00 uur, Utrecht/);
    expect(text).not.toMatch(/Werkatelier 3 verplicht/);
  });

  it('says the dates are not planned yet while none is, and puts no stray separator where the edition has no place', async () => {
    const cohort = await asAdviser.cohort({ location: undefined });
    const html = (await app.client.as().get(`/edities/${cohort.id}/aanmelden`).expect(200)).text;

    expect(textOf(html)).toContain('De data van de bijeenkomsten zijn nog niet gepland');
    expect(html).toMatch(/<p class="meta">aanmelden kan tot en met/);
  });
});

describe('the duo page', () => {
  it('shows the adviser what the duo wrote when it registered: its collective services, questions and expectations', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 31);
    const text = textOf((await forms.get(`/trajecten/${duo.id}`).expect(200)).text);

    expect(text).toContain('Bij de aanmelding');
    expect(text).toMatch(/Collectieve voorzieningen jongerenwerk buurthuisbeheer/);
    expect(text).toContain('Vragen Hoe laten we zien wat het buurthuis oplevert?');
    expect(text).toContain('Verwachtingen Een set indicatoren die tellen en vertellen.');
  });

  it('shows the answers right under the next step, open until the intake is held, then folded away', async () => {
    const cohort = await asAdviser.startableCohort();
    const duo = await asAdviser.duo(cohort.id, 36);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const answers = (html: string) => /<section aria-labelledby="aanmelding-kop">[\s\S]*?<details( open)?>/.exec(html);

    const before = (await forms.get(`/trajecten/${duo.id}`).expect(200)).text;
    expect(answers(before)?.[1]).toBe(' open');
    expect(before.indexOf('id="aanmelding-kop"')).toBeLessThan(before.indexOf('<h2>Het traject</h2>'));
    expect(before.indexOf('id="aanmelding-kop"')).toBeGreaterThan(before.indexOf('id="volgende-stap"'));

    await asAdviser.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    const after = (await forms.get(`/trajecten/${duo.id}`).expect(200)).text;
    expect(answers(after)).not.toBeNull();
    expect(answers(after)?.[1]).toBeUndefined();
  });

  it('quotes a reason in the history without running its full stop into the rest of the sentence', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 32);
    await asAdviser.post(`/api/duos/${duo.id}/withdrawal`, { reason: 'Afmelding per mail was over het hoofd gezien.' }).expect(201);
    const text = textOf((await forms.get(`/trajecten/${duo.id}`).expect(200)).text);

    expect(text).toContain('(reden: “Afmelding per mail was over het hoofd gezien.”); vastgelegd door');
    expect(text).not.toContain('gezien.,');
  });
});

describe('the cohort pages', () => {
  it('count in the singular for one and the plural otherwise, and name the CSV tables as their sheets', async () => {
    const cohort = await asAdviser.cohort({ capacity: 5 });
    const duo = await asAdviser.duo(cohort.id, 33);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);

    expect(textOf((await forms.get(`/edities/${cohort.id}`).expect(200)).text)).toContain('Er is 1 duo toegelaten; de editie start pas met ten minste 5.');
    const report = textOf((await forms.get(`/edities/${cohort.id}/rapportage`).expect(200)).text);
    expect(report).toContain('In totaal 0 afgesloten cycli, bij 0 duo’s; 0 adviesgesprekken.');
    expect(report).toContain("Duo's (CSV)");
    expect(report).not.toContain('CSV: duos');
  });

  it('asks for 5 to 8 places when the capacity of a new edition is left empty, beside the field', async () => {
    const form = (await forms.get('/edities').expect(200)).text;
    const answer = await forms
      .post('/edities', { _csrf: csrfIn(form), _key: randomUUID(), name: 'Zonder aantal', registrationDeadline: daysFromToday(30), capacity: '' })
      .expect(400);

    expect(answer.text).toContain('Kies 5 tot 8 plaatsen');
    expect(answer.text).not.toContain('buiten het toegestane bereik');
    expect((await asAdviser.get('/api/cohorts').expect(200)).body.map((cohort: { name: string }) => cohort.name)).not.toContain('Zonder aantal');
  });

  it('says that a workshop moved, and that the duos hear of it, where it was planned already', async () => {
    const cohort = await asAdviser.cohort();
    const path = `/edities/${cohort.id}/bijeenkomsten/workshop1`;
    const plan = async (date: string) => {
      const form = (await forms.get(`/edities/${cohort.id}`).expect(200)).text;
      const answer = await forms.post(path, { _csrf: csrfIn(form), date, startTime: '13:30' }).expect(303);
      return textOf((await forms.get(answer.headers.location.split('#')[0]).expect(200)).text);
    };

    expect(await plan(daysFromToday(70))).toContain('Werkatelier 1 is gepland.');
    const moved = await plan(daysFromToday(71));
    expect(moved).toContain('Werkatelier 1 is verplaatst. De toegelaten duo’s krijgen een bericht');
    expect(moved).not.toContain('Werkatelier 1 is gepland.');
  });
});

describeInBrowser('at phone width, in Chromium', () => {
  let browser: Browser;
  let phone: Page;
  let base: string;

  beforeAll(async () => {
    base = await listening(app.testApp.app);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', bypassCSP: true });
    context.setDefaultTimeout(10_000);
    phone = await signedInPage(context, base, adviser);
  });

  afterAll(() => browser?.close());

  it('the attendance list names the municipality and the provider above each duo’s choices, where the table’s headers are hidden', async () => {
    const cohort = await asAdviser.startableCohort();
    const duo = await asAdviser.duo(cohort.id, 34);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    await asAdviser.post(`/api/duos/${duo.id}/intake`, intake).expect(201);

    await phone.goto(`${base}/edities/${cohort.id}/bijeenkomsten/workshop1/presentielijst`);
    const row = phone.getByRole('row', { name: /Gemeente Voorbeeld 34/ });
    const municipality = row.getByRole('group', { name: /^Gemeente van Gemeente Voorbeeld 34/ });
    const provider = row.getByRole('group', { name: /^Uitvoerder van Gemeente Voorbeeld 34/ });
    // The legend is on screen (not only for screen readers): a visible word above the choices.
    for (const [side, word] of [[municipality, 'Gemeente'], [provider, 'Uitvoerder']] as const) {
      const legend = side.locator('legend');
      await expect(legend.isVisible()).resolves.toBe(true);
      const box = await legend.boundingBox();
      expect({ word, width: (box?.width ?? 0) > 20, height: (box?.height ?? 0) > 10 }).toEqual({ word, width: true, height: true });
      // The rest of the legend ("van Gemeente Voorbeeld 34 · ...") is for screen readers only.
      await expect(legend.innerText()).resolves.toMatch(new RegExp(`^${word}\\s+van Gemeente Voorbeeld 34`));
      expect(((await legend.locator('.verborgen').boundingBox())?.width ?? 0) <= 1).toBe(true);
    }
    await expect(phone.locator('.presentie thead').first().isVisible()).resolves.toBe(false);
    await expectFits(phone, 'presentielijst-telefoon');
  });

  it('the registration form lists the planned workshops, fits the screen and passes axe', async () => {
    const cohort = await asAdviser.cohort();
    await asAdviser.put(`/api/cohorts/${cohort.id}/sessions/workshop1`, { date: daysFromToday(70), startTime: '13:30' }).expect(200);
    await phone.goto(`${base}/edities/${cohort.id}/aanmelden`);

    await expect(phone.getByRole('heading', { name: 'De bijeenkomsten' }).isVisible()).resolves.toBe(true);
    await expect(phone.getByRole('listitem').filter({ hasText: /^Werkatelier 1 verplicht/ }).count()).resolves.toBe(1);
    await expectFits(phone, 'aanmelden-bijeenkomsten-telefoon');
  });

  it('the duo page shows the registration answers and passes axe', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 35);
    await phone.goto(`${base}/trajecten/${duo.id}`);

    await expect(phone.getByRole('heading', { name: 'Bij de aanmelding' }).isVisible()).resolves.toBe(true);
    await expect(phone.getByText('Hoe laten we zien wat het buurthuis oplevert?').isVisible()).resolves.toBe(true);
    await expectFits(phone, 'duo-aanmelding-telefoon');
  });
});
