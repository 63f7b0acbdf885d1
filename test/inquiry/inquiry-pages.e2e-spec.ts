import { useTestApp, type Api } from '../support/api.js';
import { contextAt, describeInBrowser, expectFits, launchBrowser, listening, SCREEN_SIZES, signedInPage, submit } from '../support/browser.js';
import { daysFromToday } from '../support/fixtures.js';
import { dutchDate } from '../../src/web/page.js';
import { formBrowser, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import { LINDEWAARD_CONTACT, lindewaardTrajectory } from '../support/municipality.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 18, step 4: the pages of gemeente Lindewaard's advisory trajectory, in Dutch. The adviser
 * moves the municipality through its phases on the duo page and keeps the inquiry on its own page;
 * the municipality's contact person reads it and adds an initiative. In Chromium, at desktop and
 * phone width, nothing is wider than the screen and axe finds nothing.
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();
const today = daysFromToday(0);
const contact = LINDEWAARD_CONTACT;

let adviser: SignedInPerson;
let asAdviser: Api;
let browser: FormBrowser;
let contactPerson: SignedInPerson;
let contactBrowser: FormBrowser;
let municipalityId: string;

/** The hidden fields of the form that posts to `action` (_csrf, _key, _version), as a browser sends them back. */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form = html.split(`action="${action}"`)[1]?.split('</form>')[0];
  if (form === undefined) throw new Error(`The page has no form that posts to ${action}`);
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name, value]));
}

async function postForm(on: FormBrowser, pagePath: string, action: string, fields: Record<string, string>) {
  const form = await on.get(pagePath).expect(200);
  return on.post(action, { ...hiddenFields(form.text, action), ...fields });
}

const stateOf = async () => (await asAdviser.get(`/api/duos/${municipalityId}`).expect(200)).body.state;
const inquiryPath = () => `/trajecten/${municipalityId}/onderzoek`;

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
  asAdviser = app.client.as(adviser);
  browser = await signedInFormBrowser(server, adviser);
  ({ municipalityId } = await lindewaardTrajectory(asAdviser));
  contactPerson = await asAdviser.participant(municipalityId, contact.email);
  contactBrowser = await signedInFormBrowser(server, contactPerson);
});

describe('the pages of gemeente Lindewaard’s trajectory', () => {
  it('names the municipality alone, shows its phase and next step, and links to the inquiry', async () => {
    const page = (await browser.get(`/trajecten/${municipalityId}`).expect(200)).text;

    expect(page).toContain('<h1>Gemeente Lindewaard</h1>');
    expect(page).toContain('Stand: toegelaten, in de verkenning van wat er al bekend is en werkt');
    expect(page).toContain(`<a href="/trajecten/${municipalityId}/onderzoek">`);
    expect(page).toContain('Nu aan de beurt: vastleggen');
    expect(page).toContain('Verkenning vastleggen');
    expect(page).not.toContain('<h2>Onderbouwing</h2>');
  });

  it('moves the municipality through its phases with the form of the step that ends each', async () => {
    const steps: [string, string][] = [
      ['exploration', 'needsInventory'],
      ['needsInventory', 'focusGroups'],
      ['focusGroups', 'planMeetings'],
    ];
    for (const [kind, next] of steps) {
      const action = `/trajecten/${municipalityId}/gesprekken/${kind}`;
      const saved = await postForm(browser, `/trajecten/${municipalityId}`, action, { heldOn: today, adviser: adviser.name, notes: '' });
      expect([kind, saved.status, saved.headers.location]).toEqual([kind, 303, `/trajecten/${municipalityId}?opgeslagen=gesprek-${kind}#melding`]);
      expect(await stateOf()).toBe(next);
    }
    const page = (await browser.get(`/trajecten/${municipalityId}`).expect(200)).text;
    expect(page).toContain('Bijeenkomst over het plan van aanpak vastleggen');
    expect(page).toContain('(0 van 3 gehouden)');
  });

  it('refuses a step on a day still to come, beside the date, and moves nothing', async () => {
    const action = `/trajecten/${municipalityId}/gesprekken/planMeeting`;
    const refused = await postForm(browser, `/trajecten/${municipalityId}`, action, { heldOn: daysFromToday(2), adviser: adviser.name, notes: '' });

    expect(refused.status).toBe(422);
    expect(refused.text).toContain('moet nog komen');
    expect((await asAdviser.get(`/api/duos/${municipalityId}`).expect(200)).body.advisoryMeetingsHeld).toBe(0);
  });

  it('records a survey on the inquiry page and shows its figures', async () => {
    const saved = await postForm(browser, inquiryPath(), `${inquiryPath()}/enquetes`, { audience: 'users', sent: '120', returned: '45', sentOn: today, notes: '' });

    expect([saved.status, saved.headers.location]).toEqual([303, `${inquiryPath()}?opgeslagen=enquete#melding`]);
    const page = (await browser.get(`${inquiryPath()}?opgeslagen=enquete`).expect(200)).text;
    expect(page).toContain('De enquête is vastgelegd.');
    expect(page).toMatch(/<tr><th scope="row">gebruikers<\/th><td>1<\/td><td>120<\/td><td>45<\/td><td>38%<\/td><\/tr>/);
  });

  it('refuses more surveys returned than sent, with the message beside the field, and records nothing', async () => {
    const refused = await postForm(browser, inquiryPath(), `${inquiryPath()}/enquetes`, { audience: 'providers', sent: '10', returned: '12', sentOn: today, notes: '' });

    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="enquete-returned-fout"><span class="verborgen">Fout: <\/span>Er kunnen niet meer enquêtes terugkomen dan er verstuurd zijn.<\/p>/);
    expect((await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.surveys).toHaveLength(1);
  });

  it('offers no inquiry forms before admission, and the API refuses a record by the same rule', async () => {
    const { municipalityId: waiting } = await lindewaardTrajectory(asAdviser, { admitted: false });
    const inquiryPage = await browser.get(`/trajecten/${waiting}/onderzoek`).expect(200);

    expect(inquiryPage.text).toContain('nu kan er niets bij');
    expect(inquiryPage.text).not.toContain(`action="/trajecten/${waiting}/onderzoek/`);
    const initiative = { name: 'Zorgboerderij De Hoeve', description: 'Dagbesteding op de boerderij', novelty: 'Open voor iedereen', participationForms: ['dagbesteding'], location: 'Lindewaard-Noord' };
    const refused = await asAdviser.post(`/api/duos/${waiting}/initiatives`, initiative).expect(422);
    expect(refused.body).toMatchObject({ code: 'INQUIRY_CLOSED', params: { state: 'registered' } });
  });

  it('records interviews and a focus group with its themes', async () => {
    const interviews = await postForm(browser, inquiryPath(), `${inquiryPath()}/interviews`, { interviewee: 'provider', count: '4', heldOn: today, notes: 'Vier aanbieders gesproken' });
    const focusGroup = await postForm(browser, inquiryPath(), `${inquiryPath()}/focusgroepen`, { heldOn: today, attendance: '9', themes: 'vervoer, ontmoeting', notes: '' });

    expect([interviews.status, focusGroup.status]).toEqual([303, 303]);

    const page = (await browser.get(inquiryPath()).expect(200)).text;
    expect(page).toMatch(/<tr><th scope="row">aanbieders<\/th><td>4<\/td><\/tr>/);
    expect(page).toContain('9 aanwezig; thema’s: vervoer, ontmoeting');
  });

  it('shows the contact person the inquiry with only the form for an initiative, and records theirs', async () => {
    const page = (await contactBrowser.get(inquiryPath()).expect(200)).text;
    expect(page).toContain('Een initiatief vastleggen');
    expect(page).not.toContain(`action="${inquiryPath()}/enquetes"`);
    expect(page).toContain('<td>120</td>');

    const saved = await postForm(contactBrowser, inquiryPath(), `${inquiryPath()}/initiatieven`, {
      name: 'Buurtboerderij De Hoeve',
      description: 'Een zorgboerderij die ook open is voor buurtbewoners zonder indicatie.',
      novelty: 'Dagbesteding en vrijwilligerswerk op één plek.',
      'form.dagbesteding': 'ja',
      'form.vrijwilligerswerk': 'ja',
      location: 'Lindewaard-Noord',
      link: 'https://buurtboerderij.example',
    });
    expect(saved.status).toBe(303);
    const initiatives = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.initiatives;
    expect(initiatives).toEqual([expect.objectContaining({ name: 'Buurtboerderij De Hoeve', participationForms: ['dagbesteding', 'vrijwilligerswerk'], recordedBy: contact.name })]);

    const survey = await postForm(browser, inquiryPath(), `${inquiryPath()}/enquetes`, { audience: 'users', sent: '1', returned: '1', sentOn: today });
    expect(survey.status).toBe(303);
    // With the contact person's own session and form token: refused for who they are, not for a missing token.
    const own = hiddenFields((await contactBrowser.get(inquiryPath()).expect(200)).text, `${inquiryPath()}/initiatieven`);
    const refused = await contactBrowser.post(`${inquiryPath()}/enquetes`, { ...own, audience: 'users', sent: '1', returned: '1', sentOn: today });
    expect(refused.status).toBe(403);
    expect((await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.surveys).toHaveLength(2);
  });

  it('refuses an initiative without a form of participation, beside the choices', async () => {
    const refused = await postForm(browser, inquiryPath(), `${inquiryPath()}/initiatieven`, { name: 'Moestuin', description: 'Een moestuin.', novelty: 'Nieuw.', location: 'Centrum', link: '' });

    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="initiatief-participationForms-fout"');
  });

  it('lets the adviser take a survey entered by mistake out again, with a notice; the contact person is offered no removal and refused one', async () => {
    const mistake = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.surveys.find((survey: { sent: number }) => survey.sent === 1);
    const removal = `${inquiryPath()}/enquetes/${mistake.id}/verwijderen`;
    const contactsPage = (await contactBrowser.get(inquiryPath()).expect(200)).text;
    expect(contactsPage).not.toContain('/verwijderen"');
    const own = hiddenFields(contactsPage, `${inquiryPath()}/initiatieven`);
    expect((await contactBrowser.post(removal, own)).status).toBe(403);

    const advisersPage = (await browser.get(inquiryPath()).expect(200)).text;
    expect(advisersPage).toContain(`${dutchDate(today)}: 1 verstuurd aan gebruikers, 1 terug (vastgelegd door ${adviser.name})`);
    const removed = await postForm(browser, inquiryPath(), removal, {});
    expect([removed.status, removed.headers.location]).toEqual([303, `${inquiryPath()}?opgeslagen=verwijderd#melding`]);
    const after = (await browser.get(`${inquiryPath()}?opgeslagen=verwijderd`).expect(200)).text;
    expect(after).toContain('Het is uit het onderzoek verwijderd.');
    expect(after).toMatch(/<tr><th scope="row">gebruikers<\/th><td>1<\/td><td>120<\/td><td>45<\/td><td>38%<\/td><\/tr>/);
    expect(after).not.toContain(removal);

    // From a page opened before: the survey is gone, and the page says so.
    const stale = await browser.post(removal, hiddenFields(after, `${inquiryPath()}/enquetes`));
    expect(stale.status).toBe(404);
    expect(stale.text).toContain('Dit staat (niet meer) in het onderzoek.');
    expect((await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.surveys).toHaveLength(1);
  });
});

describe('the public registration form of a dagbesteding edition', () => {
  it('asks a municipality for itself and its contact person only, and takes its request', async () => {
    const { cohortId } = await lindewaardTrajectory(asAdviser, { admitted: false });
    const anonymous = formBrowser(server);
    const form = (await anonymous.get(`/edities/${cohortId}/aanmelden`).expect(200)).text;

    expect(form).toContain('U meldt zich aan als gemeente.');
    expect(form).toContain('<legend>De gemeente</legend>');
    expect(form).not.toContain('Contactpersoon van de uitvoerder');
    expect(form).not.toContain('name="acceptsAttendanceObligation"');

    const sent = await anonymous.post(`/edities/${cohortId}/aanmelden`, {
      ...hiddenFields(form, `/edities/${cohortId}/aanmelden`),
      municipality: 'Gemeente Oosterveen',
      provider: '',
      collectiveServices: 'dagactiviteiten',
      questions: '',
      expectations: '',
      'municipalityContact.name': 'Ilse Mulder',
      'municipalityContact.email': 'i.mulder@oosterveen.example',
      'municipalityContact.phone': '0570-654321',
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Aanmelding ontvangen');
    const registered = (await asAdviser.get(`/api/cohorts/${cohortId}/duos`).expect(200)).body.map((unit: { municipality: string; provider: string }) => [unit.municipality, unit.provider]);
    expect(registered).toEqual([
      ['Gemeente Lindewaard', ''],
      ['Gemeente Oosterveen', ''],
    ]);
  });
});

describeInBrowser('the trajectory’s pages in Chromium', () => {
  let base: string;
  beforeAll(async () => {
    base = await listening(app.testApp.app);
  });

  it.each(SCREEN_SIZES.map((size) => [size.name, size]))('fit the screen and have no accessibility findings on a %s', async (_name, size) => {
    const chromium = await launchBrowser();
    try {
      for (const [person, pages] of [
        [adviser, [`/trajecten/${municipalityId}`, inquiryPath(), `/api/duos/${municipalityId}/inquiry-report/print`]],
        [contactPerson, ['/mijn-traject', inquiryPath()]],
      ] as const) {
        const context = await contextAt(chromium, size);
        const page = await signedInPage(context, base, person);
        for (const path of pages) {
          const response = await page.goto(`${base}${path}`);
          expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
          // The forms folded open, as someone filling them in sees them.
          for (const summary of await page.locator('details > summary').all()) await summary.click();
          await expectFits(page, `dagbesteding-${person === adviser ? 'adviseur' : 'gemeente'}-${path.split('/').at(-1)}-${size.name}`);
        }
        await context.close();
      }
    } finally {
      await chromium.close();
    }
  }, 90_000);

  it('takes a focus group on the phone, by the labels a person reads', async () => {
    const chromium = await launchBrowser();
    try {
      const context = await contextAt(chromium, SCREEN_SIZES[1]);
      const page = await signedInPage(context, base, adviser);
      await page.goto(`${base}${inquiryPath()}`);
      await page.getByText('Een focusgroep vastleggen').click();
      await page.getByLabel('Aantal aanwezigen').fill('7');
      await page.getByLabel('Thema’s').fill('werk\nvrijwilligerswerk');
      await submit(page, page.getByRole('button', { name: 'Focusgroep vastleggen' }));
      expect(await page.locator('#melding').textContent()).toContain('De focusgroep is vastgelegd.');
      expect((await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.figures.focusGroups).toMatchObject({ sessions: 2, attendance: 16 });
      await context.close();
    } finally {
      await chromium.close();
    }
  }, 60_000);
});
