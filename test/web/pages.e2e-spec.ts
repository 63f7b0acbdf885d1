import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useTestApp, type Api } from '../support/api.js';
import { advisoryMeeting, bothPresent, daysFromToday, figures, intake, story } from '../support/fixtures.js';
import { PASSWORD, type SignedInPerson } from '../support/test-app.js';
import { csrfIn, formBrowser, sessionCookieIn, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';

/**
 * The Dutch web pages over HTTP, as a browser uses them: signing in sets the session cookie,
 * every form of a signed-in person carries the CSRF token the page rendered into it, errors
 * come back as pages (with what was typed and a message beside each wrong field), and the API
 * beside them still speaks JSON only.
 */
const app = useTestApp();

const server = () => app.testApp.app.getHttpServer();

/** A browser: no cookie (someone not signed in), or the session cookie it got from /inloggen. */
const browser = (cookie?: string) => formBrowser(server, cookie);

type Browser = FormBrowser;

/** Signs in on the sign-in page and gives the browser that carries the session cookie it set. */
const signedInBrowser = (person: { email: string }): Promise<Browser> => signedInFormBrowser(server, person);

/** The one <input> (or <textarea>) with this id, as the page renders it. */
function control(html: string, id: string): string {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = html.match(new RegExp(`<(?:input|textarea)[^>]*\\sid="${escaped}"[^>]*>`, 'g')) ?? [];
  expect(found).toHaveLength(1);
  return found[0] ?? '';
}

/** The message shown beside a field (the partials render it as `<id>-fout`). */
function errorBeside(html: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<p class="foutmelding" id="${escaped}-fout">(?:<span class="verborgen">Fout: </span>)?([^<]*)</p>`).exec(html)?.[1];
}

const expectHtml = (response: request.Response) => expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);

/** How the pages write a date ("maandag 14 januari 2030"), in Amsterdam. */
const dutchDate = (day: string) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${day}T12:00:00Z`),
  );

let adviser: SignedInPerson;
let otherAdviser: SignedInPerson;
let asAdviser: Api;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  otherAdviser = await app.client.staff('adviser', 2);
  asAdviser = app.client.as(adviser);
});

let duoNumber = 1;

/** A duo registered in a new cohort of the adviser, admitted, with a participant of its municipality. */
const admittedDuoWithParticipant = () => asAdviser.admittedDuoWithParticipant(duoNumber++);

const stateOf = async (duoId: string) => {
  const { state, version } = (await asAdviser.get(`/api/duos/${duoId}`).expect(200)).body;
  return { state, version };
};

describe('signing in on the pages', () => {
  it('sends someone without a session to the sign-in page, with the page to come back to', async () => {
    const cohorts = await browser().get('/edities');
    expect(cohorts.status).toBe(303);
    expect(cohorts.headers.location).toBe('/inloggen?terug=%2Fedities');

    const duoId = randomUUID();
    const duo = await browser().get(`/trajecten/${duoId}`);
    expect(duo.status).toBe(303);
    expect(duo.headers.location).toBe(`/inloggen?terug=${encodeURIComponent(`/trajecten/${duoId}`)}`);
  });

  it('refuses a wrong password with a page in Dutch that keeps the typed address, and sets no cookie', async () => {
    const response = await browser().post('/inloggen', { email: adviser.email, password: 'niet het goede wachtwoord' });

    expect(response.status).toBe(401);
    expectHtml(response);
    expect(response.text).toContain('Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.');
    expect(control(response.text, 'email')).toContain(`value="${adviser.email}"`);
    expect(control(response.text, 'password')).toContain('value=""');
    expect(response.text).not.toContain('niet het goede wachtwoord');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('with the right password sets an HttpOnly, SameSite=Lax session cookie and goes to the start page', async () => {
    const response = await browser().post('/inloggen', { email: adviser.email, password: PASSWORD });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const setCookie = [response.headers['set-cookie'] ?? []].flat();
    expect(setCookie.map((cookie) => cookie.split('=')[0])).toEqual(['tk_session', 'tk_device']);
    expect(setCookie[0]).toMatch(/^tk_session=[A-Za-z0-9_-]{20,};/);
    expect(setCookie[0].split(/;\s*/)).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));

    const signedIn = browser(sessionCookieIn(setCookie));
    expect((await signedIn.get('/').expect(303)).headers.location).toBe('/mijn-werk');
    const cohorts = await signedIn.get('/edities').expect(200);
    expectHtml(cohorts);
    expect(cohorts.text).toContain(adviser.name);
  });
});

describe('a form of someone signed in', () => {
  it('signs out only with the CSRF token of the page, and then the old cookie opens nothing', async () => {
    const signedIn = await signedInBrowser(adviser);
    const csrf = csrfIn((await signedIn.get('/edities').expect(200)).text);

    for (const fields of [{}, { _csrf: 'x'.repeat(csrf.length) }] as Record<string, string>[]) {
      const forged = await signedIn.post('/uitloggen', fields);
      expect(forged.status).toBe(403);
      expectHtml(forged);
      expect(forged.text).toContain('Dit formulier is verlopen of kwam niet van Trajectkompas.');
      expect(forged.headers['set-cookie']).toBeUndefined();
      await signedIn.get('/edities').expect(200);
    }

    const signedOut = await signedIn.post('/uitloggen', { _csrf: csrf });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/inloggen?melding=uitgelogd#melding');
    expect([signedOut.headers['set-cookie']].flat()[0]).toMatch(/^tk_session=;.*Max-Age=0/);

    const afterwards = await signedIn.get('/edities');
    expect(afterwards.status).toBe(303);
    expect(afterwards.headers.location).toBe('/inloggen?terug=%2Fedities');
  });

  it('admits a duo only with the CSRF token of the cohort page; without it the duo stays as it was', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 50);
    const before = await stateOf(duo.id);
    const signedIn = await signedInBrowser(adviser);

    const forged = await signedIn.post(`/trajecten/${duo.id}/toelating`, { _version: String(before.version) });
    expect(forged.status).toBe(403);
    expectHtml(forged);
    expect(await stateOf(duo.id)).toEqual({ state: 'registered', version: before.version });

    const csrf = csrfIn((await signedIn.get(`/edities/${cohort.id}`).expect(200)).text);
    const admitted = await signedIn.post(`/trajecten/${duo.id}/toelating`, { _csrf: csrf, _version: String(before.version) });
    expect(admitted.status).toBe(303);
    expect(admitted.headers.location).toBe(`/edities/${cohort.id}?opgeslagen=toelating#melding`);
    expect((await stateOf(duo.id)).state).toBe('admitted');
  });
});

describe('a refusal, in the API and on the page, with the real numbers', () => {
  let cohortId: string;
  let waiting: { id: string };

  /** A cohort of 5 places with 5 duos admitted, and a sixth that the admission put on the waiting list. */
  beforeAll(async () => {
    cohortId = (await asAdviser.cohort({ name: 'Editie van vijf', capacity: 5 })).id;
    for (let n = 1; n <= 5; n++) {
      const duo = await asAdviser.duo(cohortId, 60 + n);
      await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    }
    waiting = await asAdviser.duo(cohortId, 66);
    const placed = await asAdviser.post(`/api/duos/${waiting.id}/admission`).expect(201);
    expect(placed.body.state).toBe('waitingList');
  });

  it('answers COHORT_FULL with the capacity in params and in the detail', async () => {
    const refused = await asAdviser.post(`/api/duos/${waiting.id}/admission`).expect(422);
    expect(refused.body).toMatchObject({ code: 'COHORT_FULL', params: { capacity: 5, admitted: 5 } });
    expect(refused.body.detail).toContain('All 5 places of cohort "Editie van vijf" are taken');
  });

  it('says on the cohort page that all 5 places are taken', async () => {
    const signedIn = await signedInBrowser(adviser);
    const csrf = csrfIn((await signedIn.get(`/edities/${cohortId}`).expect(200)).text);
    const refused = await signedIn.post(`/trajecten/${waiting.id}/toelating`, { _csrf: csrf });
    expect(refused.status).toBe(422);
    expectHtml(refused);
    expect(refused.text).toContain('De editie is vol: alle 5 plaatsen zijn bezet.');
    expect(refused.text).not.toContain('8 duo');
    expect((await stateOf(waiting.id)).state).toBe('waitingList');
  });
});

describe('the public registration form', () => {
  const deadline = daysFromToday(45);
  let cohortId: string;

  beforeAll(async () => {
    cohortId = (await asAdviser.cohort({ name: 'Editie Aanmelden', registrationDeadline: deadline })).id;
  });

  const duosOfCohort = async () => (await asAdviser.get(`/api/cohorts/${cohortId}/duos`).expect(200)).body as { municipality: string; provider: string }[];

  /** The form as someone fills it in completely. */
  const complete = (n: number): Record<string, string> => ({
    municipality: `Gemeente Aanmelding ${n}`,
    provider: `Stichting Wijkkracht ${n}`,
    collectiveServices: 'jongerenwerk, buurthuisbeheer',
    questions: 'Hoe laten we zien wat het buurthuis oplevert?',
    expectations: '',
    'municipalityContact.name': `Sanne de Wit ${n}`,
    'municipalityContact.email': `sanne${n}@gemeente-aanmelding.example`,
    'municipalityContact.phone': '030-1234567',
    'providerContact.name': `Joris Bakker ${n}`,
    'providerContact.email': `joris${n}@wijkkracht.example`,
    'providerContact.phone': '06-12345678',
    acceptsAttendanceObligation: 'ja',
  });

  it('says that taking part is not without obligation, and until when one can register', async () => {
    const response = await browser().get(`/edities/${cohortId}/aanmelden`);

    expect(response.status).toBe(200);
    expectHtml(response);
    expect(response.text).toContain('niet vrijblijvend');
    expect(response.text).toContain(`aanmelden kan tot en met ${dutchDate(deadline)}`);
    expect(control(response.text, 'acceptsAttendanceObligation')).not.toContain('checked');
  });

  it('refuses a form without the provider contact and the obligation, with a message beside each, keeping what was typed', async () => {
    const { acceptsAttendanceObligation: _, ...fields } = complete(1);
    const response = await browser().post(`/edities/${cohortId}/aanmelden`, {
      ...fields,
      'providerContact.name': '',
      'providerContact.email': '',
      'providerContact.phone': '',
    });

    expect(response.status).toBe(400);
    expectHtml(response);
    for (const id of ['providerContact-name', 'providerContact-email', 'providerContact-phone', 'acceptsAttendanceObligation']) {
      expect(control(response.text, id)).toContain('aria-invalid="true"');
      expect(control(response.text, id)).toContain(`${id}-fout`);
    }
    expect(errorBeside(response.text, 'providerContact-name')).toBe('Vul dit in.');
    expect(errorBeside(response.text, 'acceptsAttendanceObligation')).toBe('Vink dit aan om verder te gaan.');
    expect(control(response.text, 'municipality')).toContain('value="Gemeente Aanmelding 1"');
    expect(control(response.text, 'municipality')).not.toContain('aria-invalid');
    expect(control(response.text, 'municipalityContact-email')).toContain('value="sanne1@gemeente-aanmelding.example"');
    expect(await duosOfCohort()).toEqual([]);
  });

  it('refuses a form without the provider where the edition enrols duos, with the message beside it, and registers nothing', async () => {
    const response = await browser().post(`/edities/${cohortId}/aanmelden`, { ...complete(4), provider: '' });

    expect(response.status).toBe(400);
    expect(control(response.text, 'provider')).toContain('aria-invalid="true"');
    expect(errorBeside(response.text, 'provider')).toBe('Vul dit in: dit programma is voor een gemeente met haar uitvoerder, samen.');
    expect(await duosOfCohort()).toEqual([]);
  });

  it('refuses one address for both contact persons, with the message beside the provider’s address, and registers nothing', async () => {
    const fields = complete(3);
    const response = await browser().post(`/edities/${cohortId}/aanmelden`, { ...fields, 'providerContact.email': fields['municipalityContact.email'] });

    expect(response.status).toBe(422);
    expectHtml(response);
    expect(control(response.text, 'providerContact-email')).toContain('aria-invalid="true"');
    expect(errorBeside(response.text, 'providerContact-email')).toContain('Dit e-mailadres staat al bij een andere contactpersoon');
    expect(control(response.text, 'municipalityContact-email')).not.toContain('aria-invalid');
    expect(await duosOfCohort()).toEqual([]);
  });

  it('takes a complete form, says it was received, and the duo is registered', async () => {
    const response = await browser().post(`/edities/${cohortId}/aanmelden`, complete(2));

    expect(response.status).toBe(200);
    expectHtml(response);
    expect(response.text).toContain('Aanmelding ontvangen');
    expect(response.text).toContain('Gemeente Aanmelding 2 en Stichting Wijkkracht 2 zijn aangemeld voor Editie Aanmelden');
    expect(await duosOfCohort()).toEqual([expect.objectContaining({ municipality: 'Gemeente Aanmelding 2', provider: 'Stichting Wijkkracht 2', state: 'registered' })]);
  });
});

describe('who opens which page', () => {
  let cohortId: string;
  let duoId: string;
  let participantsBrowser: Browser;
  let otherDuoId: string;

  beforeAll(async () => {
    const mine = await admittedDuoWithParticipant();
    cohortId = mine.cohort.id;
    duoId = mine.duo.id;
    participantsBrowser = await signedInBrowser(mine.participant);
    otherDuoId = (await asAdviser.duo(cohortId, 60)).id;
  });

  it('shows an adviser of another cohort a page in Dutch that the cohort and its duo do not exist', async () => {
    const stranger = await signedInBrowser(otherAdviser);
    for (const [path, message] of [
      [`/edities/${cohortId}`, 'Deze editie bestaat niet, of u hebt er geen toegang toe.'],
      [`/trajecten/${duoId}`, 'Dit duo bestaat niet, of u hebt er geen toegang toe.'],
    ]) {
      const response = await stranger.get(path);
      expect(response.status).toBe(404);
      expectHtml(response);
      expect(response.text).toContain('Niet gevonden');
      expect(response.text).toContain(message);
    }
    await (await signedInBrowser(adviser)).get(`/trajecten/${duoId}`).expect(200);
  });

  it("sends a participant from their duo's page to Mijn traject, and shows them no other duo", async () => {
    const own = await participantsBrowser.get(`/trajecten/${duoId}`);
    expect(own.status).toBe(303);
    expect(own.headers.location).toBe('/mijn-traject');
    const mine = await participantsBrowser.get('/mijn-traject').expect(200);
    expect(mine.text).toContain('Mijn traject');

    const other = await participantsBrowser.get(`/trajecten/${otherDuoId}`);
    expect(other.status).toBe(404);
    expectHtml(other);
    expect(other.text).toContain('Dit duo bestaat niet, of u hebt er geen toegang toe.');
  });
});

describe('the API beside the pages', () => {
  it('refuses a form body with 415 problem details', async () => {
    const response = await browser().post('/api/auth/sign-in', { email: adviser.email, password: PASSWORD });

    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a multipart body with 415 problem details, and creates nothing', async () => {
    const before = (await asAdviser.get('/api/cohorts').expect(200)).body.length;
    const response = await asAdviser.http
      .post('/api/cohorts')
      .field('name', 'Editie via multipart')
      .field('registrationDeadline', daysFromToday(30))
      .field('capacity', '6');

    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await asAdviser.get('/api/cohorts').expect(200)).body).toHaveLength(before);
  });
});

describe('an address that does not exist', () => {
  it('is a page in Dutch outside /api', async () => {
    const response = await browser().get('/bestaat-niet');

    expect(response.status).toBe(404);
    expectHtml(response);
    expect(response.text).toContain('<html lang="nl">');
    expect(response.text).toContain('Deze pagina bestaat niet.');
  });

  it('is problem details under /api', async () => {
    const response = await browser().get('/api/bestaat-niet');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });
});

describe('the attendance list of workshop 1', () => {
  let cohortId: string;
  let duoIds: string[];
  let adviserBrowser: Browser;

  beforeAll(async () => {
    cohortId = (await asAdviser.cohort({ name: 'Editie Presentie' })).id;
    duoIds = [];
    for (let n = 1; n <= 5; n++) {
      const duo = await asAdviser.duo(cohortId, 200 + n);
      await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
      await asAdviser.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
      duoIds.push(duo.id);
    }
    adviserBrowser = await signedInBrowser(adviser);
  });

  const path = () => `/edities/${cohortId}/werkateliers/1/presentielijst`;

  /** The list as the adviser fills it in: everyone present, except what `changes` says. */
  function list(csrf: string, changes: Record<string, string> = {}): Record<string, string> {
    const fields: Record<string, string> = { _csrf: csrf };
    for (const id of duoIds) {
      for (const side of ['municipality', 'provider']) {
        fields[`duos.${id}.${side}.status`] = 'present';
        fields[`duos.${id}.${side}.reason`] = '';
      }
    }
    return { ...fields, ...changes };
  }

  it('refuses an excused absence without a reason, records nothing, and says so beside that reason', async () => {
    const form = await adviserBrowser.get(path()).expect(200);
    for (const id of duoIds) expect(form.text).toContain(`name="duos.${id}.provider.status"`);
    const before = await Promise.all(duoIds.map(stateOf));
    const excused = duoIds[2];

    const response = await adviserBrowser.post(path(), list(csrfIn(form.text), { [`duos.${excused}.provider.status`]: 'excused' }));

    expect(response.status).toBe(400);
    expectHtml(response);
    const reason = control(response.text, `duos.${excused}.provider-reason`);
    expect(reason).toContain('aria-invalid="true"');
    expect(reason).toContain(`aria-describedby="duos.${excused}.provider-fout"`);
    expect(response.text).toMatch(new RegExp(`<p class="foutmelding" id="duos\\.${excused}\\.provider-fout">Vul dit in\\.</p>`));
    expect(response.text).toMatch(new RegExp(`name="duos\\.${excused}\\.provider\\.status" value="excused" checked`));
    for (const id of duoIds.filter((candidate) => candidate !== excused)) {
      expect(control(response.text, `duos.${id}.provider-reason`)).not.toContain('aria-invalid');
    }
    expect(await Promise.all(duoIds.map(stateOf))).toEqual(before);
    expect(before.map((duo) => duo.state)).toEqual(duoIds.map(() => 'intakeHeld'));
  });

  it('records the whole list when it is right, and goes back to the cohort', async () => {
    const form = await adviserBrowser.get(path()).expect(200);
    const excused = duoIds[2];

    const response = await adviserBrowser.post(
      path(),
      list(csrfIn(form.text), { [`duos.${excused}.provider.status`]: 'excused', [`duos.${excused}.provider.reason`]: 'Ziek gemeld' }),
    );

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/edities/${cohortId}?opgeslagen=presentielijst-workshop1#melding`);
    expect((await Promise.all(duoIds.map(stateOf))).map((duo) => duo.state)).toEqual(duoIds.map(() => 'workshop1Attended'));
    const overview = (await asAdviser.get(`/api/cohorts/${cohortId}/attendance`).expect(200)).body;
    expect(overview.notMeetingObligation).toEqual([]);
    expect(overview.duos.find((duo: { duoId: string }) => duo.duoId === excused).workshops[1]).toMatchObject({ municipality: 'present', provider: 'excused', met: true });
    const cohortPage = await adviserBrowser.get(response.headers.location).expect(200);
    expect(cohortPage.text).toContain('De presentielijst van werkatelier 1 is opgeslagen.');
  });
});

/** The fields of the form inside the element with this id, as a browser would send them unchanged. */
function formIn(html: string, id: string): Record<string, string> {
  const section = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (!section) throw new Error(`The page has no section #${id}`);
  const unescape = (value: string) =>
    value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const fields: Record<string, string> = {};
  for (const [tag] of section.matchAll(/<input[^>]*>/g)) {
    const name = attribute(tag, 'name');
    if (name && (!/type="(radio|checkbox)"/.test(tag) || / checked/.test(tag))) fields[name] = unescape(attribute(tag, 'value') ?? '');
  }
  for (const [, name, options] of section.matchAll(/<select[^>]*\sname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name] = unescape((/<option value="([^"]*)" selected>/.exec(options) ?? /<option value="([^"]*)"/.exec(options))?.[1] ?? '');
  }
  for (const [, name, content] of section.matchAll(/<textarea[^>]*\sname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[name] = unescape(content);
  return fields;
}

describe('an attendance list once taken: in view, and corrected from what was recorded', () => {
  let cohortId: string;
  let duoIds: string[];
  let adviserBrowser: Browser;
  const listPath = () => `/edities/${cohortId}/bijeenkomsten/workshop1/presentielijst`;
  /** The first duo: its municipality excused by someone else, its provider present with names. */
  const taken = {
    municipality: { status: 'excused', excuse: { reason: 'Raadsvergadering over de begroting', excusedBy: 'Adviseur Jansen' } },
    provider: { status: 'present', attendees: ['Sanne de Wit', "Ilse d'Oliveira"] },
  };
  const recordOf = async (duoId: string) =>
    (await asAdviser.get(`/api/cohorts/${cohortId}/attendance`).expect(200)).body.duos.find((duo: { duoId: string }) => duo.duoId === duoId).sessions.workshop1;

  beforeAll(async () => {
    cohortId = (await asAdviser.cohort({ name: 'Editie Genomen Lijst' })).id;
    duoIds = [];
    for (let n = 1; n <= 6; n++) {
      const duo = await asAdviser.duo(cohortId, 300 + n);
      await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
      // The sixth comes onto the list only after the others' is taken.
      if (n < 6) await asAdviser.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
      duoIds.push(duo.id);
    }
    const list = duoIds.slice(0, 5).map((duoId, i) => ({ duoId, ...(i === 0 ? taken : i === 1 ? { municipality: { status: 'present' }, provider: { status: 'absent' } } : bothPresent) }));
    await asAdviser.post(`/api/cohorts/${cohortId}/workshops/1/attendance`, { duos: list }).expect(201);
    adviserBrowser = await signedInBrowser(adviser);
  });

  it('shows per duo and side what was recorded, who recorded it and when, and where to correct it', async () => {
    const response = await adviserBrowser.get(listPath()).expect(200);
    expectHtml(response);
    const row = (duoId: string) => new RegExp(`<tr id="duo-${duoId}">[\\s\\S]*?</tr>`).exec(response.text)?.[0] ?? '';

    expect(response.text).not.toContain('Er is geen duo dat nu de aanwezigheid');
    expect(row(duoIds[0])).toContain('afwezig met reden');
    expect(row(duoIds[0])).toContain('Reden: Raadsvergadering over de begroting (geaccepteerd door Adviseur Jansen)');
    expect(row(duoIds[0])).toContain('Sanne de Wit, Ilse d&#39;Oliveira');
    expect(row(duoIds[0])).toContain(`door ${adviser.name}, ${dutchDate(daysFromToday(0))} om `);
    expect(row(duoIds[0])).toContain(`href="/trajecten/${duoIds[0]}#correctie-workshop1"`);
    expect(row(duoIds[1])).toMatch(/<span class="status slecht">afwezig<\/span>/);
    expect(row(duoIds[1])).not.toContain('gecorrigeerd');
    // Those the list already holds are not asked again; the one who now expects the workshop is.
    const sixth = await asAdviser.post(`/api/duos/${duoIds[5]}/intake`, intake).expect(201);
    expect(sixth.body.state).toBe('intakeHeld');
    const again = (await adviserBrowser.get(listPath()).expect(200)).text;
    expect(again).toContain('<h2>Nog vast te leggen</h2>');
    expect(again).toContain(`name="duos.${duoIds[5]}.provider.status"`);
    for (const duoId of duoIds.slice(0, 5)) expect(again).not.toContain(`name="duos.${duoId}.provider.status"`);
  });

  it('opens the duo page\'s correction of the workshop at what was recorded: statuses, names and the excuse with who accepted it', async () => {
    const page = (await adviserBrowser.get(`/trajecten/${duoIds[0]}`).expect(200)).text;
    const fields = formIn(page, 'correctie-workshop1');

    expect(fields).toMatchObject({
      session: 'workshop1',
      'municipality.status': 'excused',
      'municipality.reason': 'Raadsvergadering over de begroting',
      'provider.status': 'present',
      'provider.attendees': "Sanne de Wit\nIlse d'Oliveira",
      reason: '',
    });
    expect(page).toContain('Geaccepteerd door Adviseur Jansen; zo blijft het zolang de reden niet verandert.');
    expect(page).toContain(`Vastgelegd door ${adviser.name} op ${dutchDate(daysFromToday(0))} om `);
  });

  it('refuses a correction without its reason, beside that field, and keeps what was typed', async () => {
    const page = (await adviserBrowser.get(`/trajecten/${duoIds[0]}`).expect(200)).text;
    const fields = { ...formIn(page, 'correctie-workshop1'), 'provider.status': 'absent' };

    const response = await adviserBrowser.post(`/trajecten/${duoIds[0]}/aanwezigheidscorrecties`, fields);

    expect(response.status).toBe(400);
    expect(errorBeside(response.text, 'correctie-workshop1-reason')).toBe('Vul dit in.');
    expect(formIn(response.text, 'correctie-workshop1')['provider.status']).toBe('absent');
    expect(await recordOf(duoIds[0])).toMatchObject({ corrected: false, provider: 'present' });
  });

  it('corrects one side and keeps the other side\'s excuse, with who accepted it; the list then shows the correction', async () => {
    const page = (await adviserBrowser.get(`/trajecten/${duoIds[0]}`).expect(200)).text;
    const fields = { ...formIn(page, 'correctie-workshop1'), 'provider.status': 'absent', reason: 'De uitvoerder was er niet; de namen hoorden bij een ander duo' };

    // The duo would drop out: the page asks first, and saves nothing yet.
    const asked = await adviserBrowser.post(`/trajecten/${duoIds[0]}/aanwezigheidscorrecties`, fields).expect(200);
    expect(asked.text).toContain('Gemeente Voorbeeld 301 · Stichting Buurtwerk 301 valt uit: de uitvoerder was afwezig zonder reden.');
    expect(await recordOf(duoIds[0])).toMatchObject({ corrected: false, provider: 'present' });
    const response = await adviserBrowser.post(`/trajecten/${duoIds[0]}/aanwezigheidscorrecties`, { ...fields, _bevestigd: 'ja' });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/trajecten/${duoIds[0]}?opgeslagen=correctie-workshop1&uitgevallen=${duoIds[0]}#melding`);
    const saved = (await adviserBrowser.get(response.headers.location.split('#')[0]).expect(200)).text;
    expect(saved).toContain('De aanwezigheid bij werkatelier 1 is gecorrigeerd; de eerdere registratie blijft in de geschiedenis. Gemeente Voorbeeld 301 · Stichting Buurtwerk 301 is uitgevallen.');
    const record = await recordOf(duoIds[0]);
    expect(record).toMatchObject({ corrected: true, recordedBy: adviser.name, municipality: 'excused', provider: 'absent' });
    expect(record.attendance).toEqual({ municipality: taken.municipality, provider: { status: 'absent' } });
    const list = (await adviserBrowser.get(listPath()).expect(200)).text;
    const row = new RegExp(`<tr id="duo-${duoIds[0]}">[\\s\\S]*?</tr>`).exec(list)?.[0] ?? '';
    expect(row).toContain('<span class="status">gecorrigeerd</span>');
    expect(row).toContain('(geaccepteerd door Adviseur Jansen)');
  });

  it('a new reason for an excuse is accepted by the adviser who corrects it', async () => {
    const page = (await adviserBrowser.get(`/trajecten/${duoIds[1]}`).expect(200)).text;
    const fields = { ...formIn(page, 'correctie-workshop1'), 'provider.status': 'excused', 'provider.reason': 'Ziek gemeld per mail', reason: 'De afmelding kwam later binnen' };

    // It undoes a drop-out, which the page asks to confirm.
    const asked = await adviserBrowser.post(`/trajecten/${duoIds[1]}/aanwezigheidscorrecties`, fields).expect(200);
    expect(asked.text).toContain('Gemeente Voorbeeld 302 · Stichting Buurtwerk 302 valt niet meer uit: het traject gaat verder (werkatelier 1 bijgewoond, wacht op werkatelier 2).');
    await adviserBrowser.post(`/trajecten/${duoIds[1]}/aanwezigheidscorrecties`, { ...fields, _bevestigd: 'ja' }).expect(303);

    expect((await recordOf(duoIds[1])).attendance).toEqual({
      municipality: { status: 'present' },
      provider: { status: 'excused', excuse: { reason: 'Ziek gemeld per mail', excusedBy: adviser.name } },
    });
  });
});

describe('the next step and what is planned, on the duo page', () => {
  let cohortId: string;
  let duoId: string;
  let advisersBrowser: Browser;
  let participantsBrowser: Browser;

  /** What the page lists under "Gepland", or nothing when it has no such list. */
  const plannedOn = (html: string) => /<h3>Gepland<\/h3>\s*<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1];
  const nextStepOn = (html: string) => /<section class="volgende"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

  beforeAll(async () => {
    const mine = await admittedDuoWithParticipant();
    cohortId = mine.cohort.id;
    duoId = mine.duo.id;
    await asAdviser.post(`/api/duos/${duoId}/intake`, intake).expect(201);
    await asAdviser.post(`/api/duos/${duoId}/workshops/1/attendance`, bothPresent).expect(201);
    await asAdviser
      .post(`/api/duos/${duoId}/sessions`, { kind: 'advisoryMeeting', date: daysFromToday(5), startTime: '10:00', location: 'Stadskantoor Voorbeeld', adviser: adviser.name })
      .expect(201);
    advisersBrowser = await signedInBrowser(adviser);
    participantsBrowser = await signedInBrowser(mine.participant);
  });

  it('names workshop 2 with no date under it while only an advisory meeting is planned, which is listed under Gepland', async () => {
    const page = (await advisersBrowser.get(`/trajecten/${duoId}`).expect(200)).text;
    const box = nextStepOn(page);

    expect(box).toContain('Nu aan de beurt: werkatelier 2.');
    expect(box).not.toContain('<dt>Wat</dt>');
    expect(box).not.toContain('adviesgesprek');
    expect(plannedOn(page)).toContain(`adviesgesprek: ${dutchDate(daysFromToday(5))}, 10:00 tot 13:00 uur, Stadskantoor Voorbeeld`);
  });

  it('tells the adviser where to plan the workshop, and quotes what the duo prepares; the participant hears that the adviser will say', async () => {
    const advisers = nextStepOn((await advisersBrowser.get(`/trajecten/${duoId}`).expect(200)).text);
    expect(advisers).toContain(`Er is nog geen datum gepland; plan de bijeenkomst op <a href="/edities/${cohortId}">de editiepagina</a>.`);
    expect(advisers).toContain('<strong>Wat het duo voorbereidt:</strong> <q>Kom als duo');
    expect(advisers).not.toContain('uw adviseur');

    const participants = nextStepOn((await participantsBrowser.get('/mijn-traject').expect(200)).text);
    expect(participants).toContain('Er is nog geen datum gepland; uw adviseur laat het weten.');
    expect(participants).toContain('<strong>Voorbereiden:</strong> Kom als duo');
  });

  it('tells the adviser of an admitted duo to plan its intake below, where the form is', async () => {
    const admitted = (await admittedDuoWithParticipant()).duo.id;
    const page = (await advisersBrowser.get(`/trajecten/${admitted}`).expect(200)).text;

    expect(nextStepOn(page)).toContain('Er is nog geen datum gepland; plan de bijeenkomst hieronder, bij Vastleggen.');
    expect(page).toContain('<h2>Vastleggen</h2>');
    expect(page).toContain('Een kennismakingsgesprek plannen');
  });

  it('shows workshop 2 under the headline once the edition plans it, even with the advisory meeting planned earlier', async () => {
    await asAdviser.http.put(`/api/cohorts/${cohortId}/workshops/2`).send({ date: daysFromToday(90), startTime: '13:30' }).expect(200);

    const page = (await participantsBrowser.get('/mijn-traject').expect(200)).text;
    const box = nextStepOn(page);

    expect(box).toContain('Nu aan de beurt: werkatelier 2.');
    expect(box).toMatch(new RegExp(`<dt>Wat</dt><dd>werkatelier 2</dd>\\s*<dt>Wanneer</dt><dd>${dutchDate(daysFromToday(90))}, 13:30 tot 16:30 uur</dd>`));
    expect(box).not.toContain('adviesgesprek');
    expect(plannedOn(page)).toMatch(/adviesgesprek[\s\S]*werkatelier 2/);
  });

  it('lists an advisory meeting as planned no more once the duo has held both it may have', async () => {
    for (let held = 0; held < 2; held++) await asAdviser.post(`/api/duos/${duoId}/advisory-meetings`, advisoryMeeting).expect(201);

    for (const page of [(await advisersBrowser.get(`/trajecten/${duoId}`).expect(200)).text, (await participantsBrowser.get('/mijn-traject').expect(200)).text]) {
      expect(plannedOn(page)).toContain('werkatelier 2');
      expect(plannedOn(page)).not.toContain('adviesgesprek');
    }
  });

  it('lists nothing as planned and shows the adviser no Vastleggen once the duo has completed, an advisory meeting planned', async () => {
    const completed = (await admittedDuoWithParticipant()).duo.id;
    await asAdviser.post(`/api/duos/${completed}/intake`, intake).expect(201);
    await asAdviser.post(`/api/duos/${completed}/workshops/1/attendance`, bothPresent).expect(201);
    await asAdviser
      .post(`/api/duos/${completed}/sessions`, { kind: 'advisoryMeeting', date: daysFromToday(5), startTime: '10:00', adviser: adviser.name })
      .expect(201);
    for (const workshop of [2, 3]) await asAdviser.post(`/api/duos/${completed}/workshops/${workshop}/attendance`, bothPresent).expect(201);
    await asAdviser.post(`/api/duos/${completed}/completion`).expect(201);

    const page = (await advisersBrowser.get(`/trajecten/${completed}`).expect(200)).text;

    expect(plannedOn(page)).toBeUndefined();
    expect(page).not.toContain('<h2>Vastleggen</h2>');
    expect(page).toContain('<h2>Contactpersonen</h2>');
  });
});

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('evidence recorded by a participant on the pages', () => {
  let duoId: string;
  let participantsBrowser: Browser;
  let asParticipant: Api;
  let evidenceId: string;

  beforeAll(async () => {
    const { duo, participant } = await admittedDuoWithParticipant();
    duoId = duo.id;
    asParticipant = app.client.as(participant);
    participantsBrowser = await signedInBrowser(participant);
  });

  const recorded = async () => (await asParticipant.get(`/api/duos/${duoId}/evidence?includeDeleted=true`).expect(200)).body as { id: string }[];
  const attachmentsOf = async (id: string) =>
    (await asParticipant.get(`/api/duos/${duoId}/evidence/${id}`).expect(200)).body.attachments as { fileName: string; mediaType: string; sizeBytes: number; url: string }[];

  it('refuses figures without the value of the indicator, says so beside that field, and records nothing', async () => {
    const form = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);
    const { indicator, ...item } = figures(1);

    const response = await participantsBrowser.post(`/trajecten/${duoId}/onderbouwing`, {
      _csrf: csrfIn(form.text),
      step: String(item.step),
      kind: String(item.kind),
      perspective: String(item.perspective),
      title: String(item.title),
      text: String(item.text),
      'indicator.name': indicator.name,
      'indicator.value': '',
      'indicator.unit': indicator.unit,
      'indicator.periodStart': indicator.periodStart,
      'indicator.periodEnd': indicator.periodEnd,
      links: '',
    });

    expect(response.status).toBe(400);
    expectHtml(response);
    expect(control(response.text, 'indicator-value')).toContain('aria-invalid="true"');
    expect(errorBeside(response.text, 'indicator-value')).toEqual(expect.any(String));
    expect(control(response.text, 'indicator-name')).toContain(`value="${indicator.name}"`);
    expect(control(response.text, 'indicator-name')).not.toContain('aria-invalid');
    expect(await recorded()).toEqual([]);
  });

  it('records a story and shows its page', async () => {
    const form = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);
    const item = story(2);

    const response = await participantsBrowser.post(`/trajecten/${duoId}/onderbouwing`, {
      _csrf: csrfIn(form.text),
      step: String(item.step),
      kind: String(item.kind),
      perspective: String(item.perspective),
      title: String(item.title),
      text: String(item.text),
      aboutAPerson: 'ja',
      consentGiven: 'ja',
      links: '',
    });

    expect(response.status).toBe(303);
    const location = new RegExp(`^/trajecten/${duoId}/onderbouwing/([0-9a-f-]{36})\\?opgeslagen=opgeslagen#melding$`).exec(response.headers.location);
    expect(location).not.toBeNull();
    evidenceId = location![1];
    expect(await recorded()).toEqual([expect.objectContaining({ id: evidenceId, step: 2, kind: 'stories', title: item.title, aboutAPerson: true, consentGiven: true })]);
    const shown = await participantsBrowser.get(response.headers.location).expect(200);
    expect(shown.text).toContain(String(item.title));
    expect(shown.text).toContain('De onderbouwing is opgeslagen.');
  });

  it('adds a PNG sent with the attachment form, byte for byte', async () => {
    const page = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);
    expect(page.text).toContain(`action="/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen" enctype="multipart/form-data"`);

    const response = await participantsBrowser.upload(
      `/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen`,
      { _csrf: csrfIn(page.text) },
      { fileName: 'opening buurthuis.png', contentType: 'image/png', content: PNG },
    );

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/trajecten/${duoId}/onderbouwing/${evidenceId}?opgeslagen=bijlage#melding`);
    const attachments = await attachmentsOf(evidenceId);
    expect(attachments).toEqual([expect.objectContaining({ fileName: 'opening buurthuis.png', mediaType: 'image/png', sizeBytes: PNG.length })]);
    const file = await asParticipant.http.get(attachments[0].url).responseType('blob').expect(200);
    expect((file.body as Buffer).equals(PNG)).toBe(true);
  });

  it.each([
    ['text sent as a PNG', 'image/png'],
    ['text sent as text', 'text/plain'],
  ])('refuses a file x.png that holds %s with a page in Dutch, and adds nothing', async (_, contentType) => {
    const page = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);
    const before = await attachmentsOf(evidenceId);

    const response = await participantsBrowser.upload(
      `/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen`,
      { _csrf: csrfIn(page.text) },
      { fileName: 'x.png', contentType, content: Buffer.from('Dit is geen foto, maar gewone tekst.\n', 'utf8') },
    );

    expect(response.status).toBe(415);
    expectHtml(response);
    expect(response.text).toContain('Dit soort bestand kan niet als bijlage');
    expect(await attachmentsOf(evidenceId)).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('refuses the attachment form without the CSRF token, and adds nothing', async () => {
    const response = await participantsBrowser.upload(`/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen`, {}, {
      fileName: 'tweede.png',
      contentType: 'image/png',
      content: PNG,
    });

    expect(response.status).toBe(403);
    expectHtml(response);
    expect(await attachmentsOf(evidenceId)).toHaveLength(1);
  });

  it('takes a CSV file that a Windows browser declares as an Excel file, by its extension and its bytes', async () => {
    const page = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);

    const response = await participantsBrowser.upload(
      `/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen`,
      { _csrf: csrfIn(page.text) },
      { fileName: 'bezoekers.csv', contentType: 'application/vnd.ms-excel', content: Buffer.from('week;bezoekers\n1;42\n', 'utf8') },
    );

    expect(response.status).toBe(303);
    expect(await attachmentsOf(evidenceId)).toEqual([
      expect.objectContaining({ fileName: 'opening buurthuis.png' }),
      expect.objectContaining({ fileName: 'bezoekers.csv', mediaType: 'text/csv' }),
    ]);
  });

  it('answers a form whose file part ends early with 400, and goes on serving', async () => {
    const page = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);
    const boundary = 'grens';
    const truncated = [
      `--${boundary}`,
      'content-disposition: form-data; name="_csrf"',
      '',
      csrfIn(page.text),
      `--${boundary}`,
      'content-disposition: form-data; name="file"; filename="half.png"',
      'content-type: image/png',
      '',
      'half a file, and then the body ends',
    ].join('\r\n');

    const response = await participantsBrowser.raw(`/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen`, `multipart/form-data; boundary=${boundary}`, truncated);

    expect(response.status).toBe(400);
    expectHtml(response);
    await request(server()).get('/health').expect(200);
    expect(await attachmentsOf(evidenceId)).toHaveLength(2);
  });

  it('sends someone not signed in who posts a form with a file to the sign-in page, and adds nothing', async () => {
    const response = await browser().upload(`/trajecten/${duoId}/onderbouwing/${evidenceId}/bijlagen`, {}, {
      fileName: 'anoniem.png',
      contentType: 'image/png',
      content: PNG,
    });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/inloggen');
    expect(await attachmentsOf(evidenceId)).toHaveLength(2);
  });

  it('deletes the evidence for the participant, and only an adviser of the cohort puts it back', async () => {
    const page = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);
    const fields = { _csrf: csrfIn(page.text), _key: randomUUID() };
    const asked = await participantsBrowser.post(`/trajecten/${duoId}/onderbouwing/${evidenceId}/verwijderen`, fields).expect(200);
    expect(asked.text).toMatch(/<h2 id="bevestiging-kop">Onderbouwing verwijderen\?<\/h2>[\s\S]*wordt verwijderd en telt niet meer mee in cyclus 1\. Een adviseur kan de onderbouwing terugzetten\./);
    expect(await recorded()).toEqual([expect.objectContaining({ id: evidenceId, deletedAt: null })]);
    const deleted = await participantsBrowser.post(`/trajecten/${duoId}/onderbouwing/${evidenceId}/verwijderen`, { ...fields, _bevestigd: 'ja' });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe('/mijn-traject?opgeslagen=verwijderd#melding');
    expect(await recorded()).toEqual([expect.objectContaining({ id: evidenceId, deletedAt: expect.any(String) })]);

    const shown = await participantsBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);
    expect(shown.text).not.toContain('Terugzetten');
    await participantsBrowser.post(`/trajecten/${duoId}/onderbouwing/${evidenceId}/terugzetten`, { _csrf: csrfIn(shown.text) }).expect(403);

    const advisersBrowser = await signedInBrowser(adviser);
    const duoPage = await advisersBrowser.get(`/trajecten/${duoId}`).expect(200);
    expect(duoPage.text).toContain('verwijderd');
    const evidencePage = await advisersBrowser.get(`/trajecten/${duoId}/onderbouwing/${evidenceId}`).expect(200);
    const restored = await advisersBrowser.post(`/trajecten/${duoId}/onderbouwing/${evidenceId}/terugzetten`, { _csrf: csrfIn(evidencePage.text), _key: randomUUID() });
    expect(restored.status).toBe(303);
    expect(await recorded()).toEqual([expect.objectContaining({ id: evidenceId, deletedAt: null })]);
  });
});

describe('a form sent from another site', () => {
  it('is refused before signing anyone in, so no other site can sign a browser in to its own account', async () => {
    const response = await browser()
      .post('/inloggen', { email: adviser.email, password: PASSWORD })
      .set('sec-fetch-site', 'cross-site')
      .expect(403);

    expectHtml(response);
    expect(response.headers['set-cookie']).toBeUndefined();
    await browser().post('/inloggen', { email: adviser.email, password: PASSWORD }).set('sec-fetch-site', 'same-origin').expect(303);
  });
});
