import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit } from '../support/browser.js';
import { advisoryMeeting, daysFromToday, figures, improvementActions } from '../support/fixtures.js';
import { csrfIn, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import type { SignedInPerson } from '../support/test-app.js';
import { seedCohort, type SeededCohort } from '../reports/seeded-cohort.js';

/**
 * Issue 17: what only the API could do, on the pages. The duo page records the duo's consent to
 * be named in published reports and moves its planned intake and advisory meetings; a duo's
 * frozen reports stand beside the live one; admins read the audit log with filters. Each form
 * over HTTP (done, refused beside the field with nothing written, refused to the wrong people),
 * then each page in Chromium at desktop and phone width: filled in and sent, no sideways
 * scroll, and nothing from axe at any impact.
 */
jest.setTimeout(180_000);

const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

let adviser: SignedInPerson;
let otherAdviser: SignedInPerson;
let asAdviser: Api;
let advisersBrowser: FormBrowser;
let otherAdvisersBrowser: FormBrowser;
let duoNumber = 20;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  otherAdviser = await app.client.staff('adviser', 2);
  asAdviser = app.client.as(adviser);
  advisersBrowser = await signedInFormBrowser(server, adviser);
  otherAdvisersBrowser = await signedInFormBrowser(server, otherAdviser);
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one <input> with this id, as the page renders it. */
function control(html: string, id: string): string {
  const found = html.match(new RegExp(`<input[^>]*\\sid="${escaped(id)}"[^>]*>`, 'g')) ?? [];
  expect(found).toHaveLength(1);
  return found[0] ?? '';
}

/** The message shown beside a field (`<id>-fout`). */
function errorBeside(html: string, id: string): string | undefined {
  return new RegExp(`<p class="foutmelding" id="${escaped(id)}-fout">(?:<span class="verborgen">Fout: </span>)?([^<]*)</p>`).exec(html)?.[1];
}

/** The notice after a change (the redirect's page). */
const noticeIn = (html: string) => /<div class="melding gelukt" id="melding"[^>]*>\s*<p>([^<]*)<\/p>/.exec(html)?.[1]?.replace(/&#39;/g, "'");

/** The message above the forms when a change was refused. */
const problemIn = (html: string) => /<div class="foutoverzicht"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

const decoded = (html: string) => html.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** A duo of a new cohort of the adviser, admitted, with a participant of its municipality. */
async function admittedDuo() {
  return asAdviser.admittedDuoWithParticipant(duoNumber++);
}

/** An intake planned with the duo (ten days on, 10:00 to 11:30), by its id. */
async function plannedIntake(duoId: string, date = daysFromToday(10)): Promise<string> {
  const intake = { kind: 'intake', date, startTime: '10:00', endTime: '11:30', location: 'Stadskantoor Voorbeeld', adviser: 'Adviseur Jansen' };
  return (await asAdviser.post(`/api/duos/${duoId}/sessions`, intake).expect(201)).body.id;
}

const sessionsOf = async (duoId: string) =>
  (await asAdviser.get(`/api/duos/${duoId}/sessions`).expect(200)).body as { id: string; kind: string; date: string; startTime: string; endTime: string; location: string; adviser: string }[];

const outbox = (kind: string, emails: string[]): Promise<{ subject: string; body: string }[]> =>
  app.testApp.app.get(DataSource).query('SELECT subject, body FROM outbox WHERE kind = $1 AND recipient_email = ANY($2) ORDER BY created_at', [kind, emails]);

const auditOf = async (query: string) =>
  (await app.client.get(`/api/audit-log?${query}`).expect(200)).body as { id: string; action: string; actorName: string; subjectId: string; details: Record<string, unknown> }[];

/** A day `from` days on that falls on a Saturday. */
const saturdayFrom = (from: number) => [...Array(7).keys()].map((offset) => daysFromToday(from + offset)).find((day) => new Date(`${day}T12:00:00Z`).getUTCDay() === 6) as string;
/** A day `from` days on that falls on a weekday (Tuesday). */
const tuesdayFrom = (from: number) => [...Array(7).keys()].map((offset) => daysFromToday(from + offset)).find((day) => new Date(`${day}T12:00:00Z`).getUTCDay() === 2) as string;

describe('the publication consent on the duo page', () => {
  let duo: Awaited<ReturnType<typeof admittedDuo>>;

  beforeAll(async () => {
    duo = await admittedDuo();
  });

  const consentOf = async () => (await asAdviser.get(`/api/duos/${duo.duo.id}`).expect(200)).body.namedInPublications as boolean;

  it('shows the consent, and the form changes it; the audit log keeps who changed it and from what', async () => {
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;
    expect(page).toContain('Publicatie: zonder naam in gepubliceerde rapportages.');
    expect(page).toMatch(/<option value="nee" selected>Nee, zonder naam/);

    const saved = await advisersBrowser
      .post(`/trajecten/${duo.duo.id}/publicatie`, { _csrf: csrfIn(page), _key: randomUUID(), namedInPublications: 'ja' })
      .expect(303);
    expect(saved.headers.location).toBe(`/trajecten/${duo.duo.id}?opgeslagen=publicatie-met-naam#melding`);
    expect(await consentOf()).toBe(true);
    const after = (await advisersBrowser.get(saved.headers.location.split('#')[0]).expect(200)).text;
    expect(noticeIn(after)).toBe('Opgeslagen: het duo mag met naam genoemd worden in gepubliceerde rapportages.');
    expect(after).toContain('Publicatie: met naam in gepubliceerde rapportages.');
    expect(after).toMatch(/<option value="ja" selected>Ja, met de namen/);

    const [record] = await auditOf(`duoId=${duo.duo.id}&action=duo.publication_consent`);
    expect(record).toMatchObject({ actorName: adviser.name, subjectId: duo.duo.id, details: { namedInPublications: true, before: false } });
  });

  it('refuses a choice that is neither yes nor no, beside the field, and writes nothing', async () => {
    const before = await consentOf();
    const trail = await auditOf(`duoId=${duo.duo.id}`);
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;

    const refused = await advisersBrowser.post(`/trajecten/${duo.duo.id}/publicatie`, { _csrf: csrfIn(page), _key: randomUUID(), namedInPublications: 'misschien' }).expect(400);
    expect(errorBeside(refused.text, 'publicatie-namedInPublications')).toBe('Kies ja of nee.');
    expect(problemIn(refused.text)).toContain('href="#publicatie-namedInPublications"');
    expect(refused.text).toMatch(/<details open>\s*<summary>Toestemming voor publicatie wijzigen/);
    expect(await consentOf()).toBe(before);
    expect(await auditOf(`duoId=${duo.duo.id}`)).toEqual(trail);
  });

  it('is changed only by the staff of the duo: an adviser of another cohort finds no duo, a participant may not', async () => {
    const before = await consentOf();
    const others = (await otherAdvisersBrowser.get('/edities').expect(200)).text;
    await otherAdvisersBrowser.post(`/trajecten/${duo.duo.id}/publicatie`, { _csrf: csrfIn(others), _key: randomUUID(), namedInPublications: 'nee' }).expect(404);

    const participant = await signedInFormBrowser(server, duo.participant);
    const own = (await participant.get('/mijn-traject').expect(200)).text;
    expect(own).not.toContain('/publicatie"');
    expect(own).not.toContain('Toestemming voor publicatie');
    await participant.post(`/trajecten/${duo.duo.id}/publicatie`, { _csrf: csrfIn(own), _key: randomUUID(), namedInPublications: 'nee' }).expect(403);
    expect(await consentOf()).toBe(before);
  });
});

describe('moving a planned session on the duo page', () => {
  let duo: Awaited<ReturnType<typeof admittedDuo>>;
  let sessionId: string;
  let emails: string[];
  const path = () => `/trajecten/${duo.duo.id}/bijeenkomsten/${sessionId}`;
  const form = () => `verplaatsen-${sessionId}`;

  beforeAll(async () => {
    duo = await admittedDuo();
    emails = duo.duo.contactPersons.map((person) => person.email);
    sessionId = await plannedIntake(duo.duo.id);
  });

  it('gives each planned session of the duo a Verplaatsen form, filled in with when and where it is now', async () => {
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;
    const planned = /<h3>Gepland<\/h3>\s*<ul>([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
    expect(planned).toContain(`action="${path()}"`);
    expect(control(planned, `${form()}-date`)).toContain(`value="${daysFromToday(10)}"`);
    expect(control(planned, `${form()}-startTime`)).toContain('value="10:00"');
    expect(control(planned, `${form()}-endTime`)).toContain('value="11:30"');
    expect(control(planned, `${form()}-location`)).toContain('value="Stadskantoor Voorbeeld"');

    const participant = await signedInFormBrowser(server, duo.participant);
    const own = (await participant.get('/mijn-traject').expect(200)).text;
    expect(own).toContain('kennismakingsgesprek:');
    expect(own).not.toContain('Verplaatsen');
  });

  it('moves it, keeps its kind and adviser, tells the duo by e-mail, and says so with what to check', async () => {
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;
    const saturday = saturdayFrom(14);

    const saved = await advisersBrowser.post(path(), { _csrf: csrfIn(page), date: saturday, startTime: '09:00', endTime: '10:30', location: 'Buurthuis De Linde' }).expect(303);
    expect(saved.headers.location).toBe(`/trajecten/${duo.duo.id}?opgeslagen=verplaatst-intake&bijeenkomst=${sessionId}#melding`);
    expect((await sessionsOf(duo.duo.id)).find((session) => session.id === sessionId)).toMatchObject({
      kind: 'intake',
      date: saturday,
      startTime: '09:00',
      endTime: '10:30',
      location: 'Buurthuis De Linde',
      adviser: 'Adviseur Jansen',
    });
    const told = await outbox('session_moved', emails);
    expect(told).toHaveLength(2);
    expect(told[0].subject).toMatch(/^Verplaatst: kennismakingsgesprek/);
    expect(told[0].body).toContain('Buurthuis De Linde');

    const after = (await advisersBrowser.get(saved.headers.location.split('#')[0]).expect(200)).text;
    expect(noticeIn(after)).toBe(
      'Het kennismakingsgesprek is verplaatst. De contactpersonen van het duo krijgen een bericht met de nieuwe datum, tijd en plaats, en de afspraak voor hun agenda. Let op: deze bijeenkomst valt in het weekend. Klopt dat?',
    );
    const planned = /<h3>Gepland<\/h3>\s*<ul>([\s\S]*?)<\/ul>/.exec(after)?.[1] ?? '';
    expect(planned).toContain('Let op: deze bijeenkomst valt in het weekend. Klopt dat?');
    expect(control(planned, `${form()}-date`)).toContain(`value="${saturday}"`);
    const [record] = await auditOf(`duoId=${duo.duo.id}&action=session.moved`);
    expect(record).toMatchObject({ actorName: adviser.name, details: { sessionId, kind: 'intake' } });
  });

  it('says that nothing changed, and tells no one, when sent as it stands', async () => {
    const current = (await sessionsOf(duo.duo.id)).find((session) => session.id === sessionId);
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;
    const told = (await outbox('session_moved', emails)).length;

    const saved = await advisersBrowser
      .post(path(), { _csrf: csrfIn(page), date: current?.date ?? '', startTime: current?.startTime ?? '', endTime: current?.endTime ?? '', location: '' })
      .expect(303);
    expect(saved.headers.location).toBe(`/trajecten/${duo.duo.id}?opgeslagen=ongewijzigd#melding`);
    expect(noticeIn((await advisersBrowser.get(saved.headers.location.split('#')[0]).expect(200)).text)).toBe(
      'De bijeenkomst stond al zo gepland: er is niets veranderd en het duo krijgt geen bericht.',
    );
    expect(await outbox('session_moved', emails)).toHaveLength(told);
    expect((await sessionsOf(duo.duo.id)).find((session) => session.id === sessionId)).toEqual(current);
  });

  it('refuses an end before the start or a day that does not exist beside the field, keeps what was typed, and moves nothing', async () => {
    const before = await sessionsOf(duo.duo.id);
    const told = (await outbox('session_moved', emails)).length;
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;

    const late = await advisersBrowser.post(path(), { _csrf: csrfIn(page), date: daysFromToday(20), startTime: '14:00', endTime: '13:00', location: '' }).expect(400);
    expect(errorBeside(late.text, `${form()}-endTime`)).toBe('De eindtijd moet na de begintijd liggen.');
    expect(control(late.text, `${form()}-startTime`)).toContain('value="14:00"');
    expect(control(late.text, `${form()}-date`)).toContain(`value="${daysFromToday(20)}"`);
    expect(late.text).toMatch(new RegExp(`<details open>\\s*<summary>Verplaatsen`));
    expect(problemIn(late.text)).toContain(`href="#${form()}-endTime"`);

    const impossible = await advisersBrowser.post(path(), { _csrf: csrfIn(page), date: '2031-02-30', startTime: '10:00', endTime: '', location: '' }).expect(400);
    expect(errorBeside(impossible.text, `${form()}-date`)).toBe('Deze datum bestaat niet.');

    expect(await sessionsOf(duo.duo.id)).toEqual(before);
    expect(await outbox('session_moved', emails)).toHaveLength(told);
  });

  it('moves only what the duo has planned, and only for the staff of its cohort', async () => {
    const before = await sessionsOf(duo.duo.id);
    const page = (await advisersBrowser.get(`/trajecten/${duo.duo.id}`).expect(200)).text;
    const move = { date: daysFromToday(30), startTime: '10:00', endTime: '11:00', location: '' };

    const other = await admittedDuo();
    const othersSession = await plannedIntake(other.duo.id);
    const notOurs = await advisersBrowser.post(`/trajecten/${duo.duo.id}/bijeenkomsten/${othersSession}`, { _csrf: csrfIn(page), ...move }).expect(404);
    expect(problemIn(notOurs.text)).toContain('Deze bijeenkomst staat niet (meer) gepland voor dit duo.');

    const others = (await otherAdvisersBrowser.get('/edities').expect(200)).text;
    await otherAdvisersBrowser.post(path(), { _csrf: csrfIn(others), ...move }).expect(404);
    const participant = await signedInFormBrowser(server, duo.participant);
    const own = (await participant.get('/mijn-traject').expect(200)).text;
    await participant.post(path(), { _csrf: csrfIn(own), ...move }).expect(403);

    expect(await sessionsOf(duo.duo.id)).toEqual(before);
    expect((await sessionsOf(other.duo.id)).map((session) => session.date)).toEqual([daysFromToday(10)]);
  });
});

describe("a duo's frozen reports beside the live one", () => {
  let seeded: SeededCohort;
  let seededAdvisersBrowser: FormBrowser;
  const d = (n: number) => seeded.duos[n - 1].id;

  beforeAll(async () => {
    seeded = await seedCohort(app.client);
    seededAdvisersBrowser = await signedInFormBrowser(server, seeded.adviser);
  });

  it('is linked from the duo page once a cycle is closed, beside the printable report', async () => {
    const closed = (await seededAdvisersBrowser.get(`/trajecten/${d(2)}`).expect(200)).text;
    expect(closed).toContain(`<a href="/trajecten/${d(2)}/rapportage">Vastgelegde rapportages per afgesloten cyclus</a>`);
    expect(closed).toContain(`<a href="/api/duos/${d(2)}/report/print">Afdrukbare rapportage van dit duo</a>`);
    const none = (await seededAdvisersBrowser.get(`/trajecten/${d(5)}`).expect(200)).text;
    expect(none).not.toContain(`/trajecten/${d(5)}/rapportage`);
    expect(none).toContain('Bij het afsluiten van een cyclus wordt de rapportage vastgelegd');
  });

  it('shows what was frozen, nothing changed while nothing did, and then each change since in Dutch', async () => {
    const first = (await seededAdvisersBrowser.get(`/trajecten/${d(2)}/rapportage`).expect(200)).text;
    expect(first).toContain('<h2 id="cyclus-1">Cyclus 1</h2>');
    expect(first).toContain('Niets: de rapportage van nu zegt hetzelfde als de vastgelegde.');
    expect(first).toMatch(/<dt>Adviesgesprekken gehouden<\/dt><dd>1<\/dd>/);
    expect(first).toContain('Stap 1: Monitoring &amp; ambities</strong> · 1 stuk onderbouwing');
    expect(first).toContain(`<a href="/api/duos/${d(2)}/report/print">Afdrukbare rapportage van nu</a>`);

    await app.client.as(seeded.adviser).post(`/api/duos/${d(2)}/advisory-meetings`, advisoryMeeting).expect(201);
    await app.client.as(seeded.adviser).put(`/api/duos/${d(2)}/publication-consent`, { namedInPublications: true }).expect(200);

    const later = decoded((await seededAdvisersBrowser.get(`/trajecten/${d(2)}/rapportage`).expect(200)).text);
    const changes = [.../<h3>Veranderd sinds het vastleggen<\/h3>\s*<ul>([\s\S]*?)<\/ul>/.exec(later)?.[1].matchAll(/<li>([^<]*)<\/li>/g) ?? []].map(([, sentence]) => sentence);
    expect(changes).toEqual([
      'Adviesgesprekken gehouden: was 1, nu 2.',
      'Met naam in gepubliceerde rapportages: was nee, nu ja.',
      `Nieuw sinds het vastleggen, verloop: Adviesgesprek op ${dutchDay(daysFromToday(0))}.`,
    ]);
    // The frozen copy itself says what it said.
    expect(later).toMatch(/<dt>Adviesgesprekken gehouden<\/dt><dd>1<\/dd>/);
  });

  it("lists every closed cycle, newest first, with that cycle's steps and improvement actions", async () => {
    const d1 = app.client.as(seeded.participant);
    for (const step of [2, 3, 4, 5, 6]) await d1.post(`/api/duos/${d(1)}/evidence`, figures(step)).expect(201);
    await d1.put(`/api/duos/${d(1)}/cycles/2/improvement-actions`, improvementActions).expect(200);
    await app.client.as(seeded.adviser).post(`/api/duos/${d(1)}/cycles/2/closure`).expect(201);

    const page = decoded((await seededAdvisersBrowser.get(`/trajecten/${d(1)}/rapportage`).expect(200)).text);
    expect([...page.matchAll(/<h2 id="cyclus-(\d+)">/g)].map(([, cycle]) => Number(cycle))).toEqual([2, 1]);
    const cycle1 = page.slice(page.indexOf('<h2 id="cyclus-1">'));
    expect(cycle1).toContain('Nieuw sinds het vastleggen, cyclus 2: afgesloten op');
    expect(cycle1).toContain('Stap 0: Wat er vooraf gaat');
    expect(cycle1).toContain('1 verhaal over een persoon zonder toestemming: geteld, niet getoond.');
    expect(cycle1).not.toContain('Meneer P.');
    expect(cycle1).toContain(improvementActions.actions[0].description);
  });

  it('says so for a cycle closed before reports were frozen, and still shows the others', async () => {
    // A database from before migration 1764400000000 has closed cycles without a frozen report.
    await app.testApp.app.get(DataSource).query('DELETE FROM frozen_reports WHERE duo_id = $1 AND cycle = 1', [d(1)]);

    const page = decoded((await seededAdvisersBrowser.get(`/trajecten/${d(1)}/rapportage`).expect(200)).text);
    const cycle1 = page.slice(page.indexOf('<h2 id="cyclus-1">'));
    expect(cycle1).toContain('er is geen vastgelegde rapportage van');
    expect(page.slice(page.indexOf('<h2 id="cyclus-2">'), page.indexOf('<h2 id="cyclus-1">'))).toContain('Vastgelegd op');
  });

  it("is for the duo's participants too, not for another duo's or another cohort's adviser", async () => {
    const own = (await signedInFormBrowser(server, seeded.participant)).get(`/trajecten/${d(1)}/rapportage`);
    const ownPage = (await own.expect(200)).text;
    expect(ownPage).toContain('<a href="/mijn-traject">← Mijn traject</a>');
    expect(ownPage).toContain('<h2 id="cyclus-1">Cyclus 1</h2>');

    await (await signedInFormBrowser(server, seeded.participant)).get(`/trajecten/${d(2)}/rapportage`).expect(404);
    await otherAdvisersBrowser.get(`/trajecten/${d(2)}/rapportage`).expect(404);
    await advisersBrowser.get(`/trajecten/${randomUUID()}/rapportage`).expect(404);
  });
});

describe('the audit log page', () => {
  let adminsBrowser: FormBrowser;
  let cohortId: string;
  let duoId: string;
  let auditor: SignedInPerson;

  /** The rows of the page's table: its cells as text, without the names of their columns that a phone shows. */
  const rowsIn = (html: string) =>
    [...html.matchAll(/<tr>\s*<td>([\s\S]*?)<\/tr>/g)].map(([row]) =>
      [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => decoded(cell.replace(/<span class="kolom">[^<]*<\/span>/g, '').replace(/<[^>]*>/g, '')).trim()),
    );

  beforeAll(async () => {
    adminsBrowser = await signedInFormBrowser(server, app.testApp.admin);
    auditor = await app.client.staff('adviser', 3);
    const asAuditor = app.client.as(auditor);
    cohortId = (await asAuditor.cohort({ name: 'Editie voor de auditlog' })).id;
    duoId = (await asAuditor.duo(cohortId, 40)).id;
    await asAuditor.put(`/api/duos/${duoId}/publication-consent`, { namedInPublications: true }).expect(200);
    await asAuditor.post(`/api/duos/${duoId}/sessions`, { kind: 'intake', date: daysFromToday(12), startTime: '10:00', adviser: auditor.name }).expect(201);
  });

  it('lists the changes newest first: when, who, what, about what and the details', async () => {
    const page = (await adminsBrowser.get(`/beheer/auditlog?wie=${auditor.id}`).expect(200)).text;
    expect(rowsIn(page).map(([, who, what, about]) => [who, what, about])).toEqual([
      [auditor.name, 'Bijeenkomst gepland', 'Editie Editie voor de auditlog'],
      [auditor.name, 'Toestemming voor publicatie', 'Duo Gemeente Voorbeeld 40 · Stichting Buurtwerk 40'],
      [auditor.name, 'Editie aangemaakt', 'Editie Editie voor de auditlog'],
      [auditor.name, 'Uitnodiging aangenomen', `Account ${auditor.name}`],
    ]);
    const [planned, consent] = rowsIn(page);
    expect(planned[4]).toMatch(/^kennismakingsgesprek op .* om 10:00, met Gemeente Voorbeeld 40 · Stichting Buurtwerk 40$/);
    expect(consent[4]).toBe('met naam in gepubliceerde rapportages: ja (was nee)');
    expect(page).toContain(`<a href="/trajecten/${duoId}">Duo Gemeente Voorbeeld 40`);
    expect(page).toMatch(new RegExp(`<option value="${auditor.id}" selected>`));
  });

  it('filters by kind of change, by cohort and then one of its duos, and by period, keeping the filters in the form', async () => {
    const kinds = (query: string) => adminsBrowser.get(`/beheer/auditlog?${query}`).expect(200).then(({ text }) => rowsIn(text).map((row) => row[2]));

    expect(await kinds(`wie=${auditor.id}&soort=duo.publication_consent`)).toEqual(['Toestemming voor publicatie']);
    expect(await kinds(`editie=${cohortId}`)).toEqual(['Bijeenkomst gepland', 'Editie aangemaakt']);
    expect(await kinds(`editie=${cohortId}&duo=${duoId}`)).toEqual(['Bijeenkomst gepland', 'Toestemming voor publicatie']);
    expect(await kinds(`wie=${auditor.id}&van=${daysFromToday(0)}&tot=${daysFromToday(0)}`)).toHaveLength(4);
    expect(await kinds(`wie=${auditor.id}&van=${daysFromToday(1)}`)).toEqual([]);
    expect(await kinds(`wie=${auditor.id}&tot=${daysFromToday(-1)}`)).toEqual([]);

    const cohortChosen = (await adminsBrowser.get(`/beheer/auditlog?editie=${cohortId}`).expect(200)).text;
    expect(cohortChosen).toContain(`<option value="${duoId}">Gemeente Voorbeeld 40 · Stichting Buurtwerk 40</option>`);
    expect((await adminsBrowser.get('/beheer/auditlog').expect(200)).text).not.toContain('<label for="filter-duo">');
    const none = (await adminsBrowser.get(`/beheer/auditlog?wie=${auditor.id}&van=${daysFromToday(1)}`).expect(200)).text;
    expect(none).toContain('Er zijn geen wijzigingen die bij deze filters passen.');
    expect(none).toContain(`id="filter-van" name="van" value="${daysFromToday(1)}"`);
  });

  it('refuses a period that ends before it starts, a day that does not exist and an unknown choice, each beside its field', async () => {
    const backwards = await adminsBrowser.get('/beheer/auditlog?van=2030-01-10&tot=2030-01-01').expect(400);
    expect(errorBeside(backwards.text, 'filter-tot')).toBe('Het einde van de periode ligt vóór het begin.');
    expect(problemIn(backwards.text)).toContain('href="#filter-tot"');
    expect(rowsIn(backwards.text)).toEqual([]);

    const impossible = await adminsBrowser.get('/beheer/auditlog?van=2030-02-30').expect(400);
    expect(errorBeside(impossible.text, 'filter-van')).toBe('Deze datum bestaat niet.');
    const unknown = await adminsBrowser.get('/beheer/auditlog?soort=duo.deleted&wie=jansen').expect(400);
    expect(errorBeside(unknown.text, 'filter-soort')).toBe('Kies een van de mogelijkheden.');
    expect(errorBeside(unknown.text, 'filter-wie')).toBe('Kies een van de mogelijkheden.');
  });

  it('shows 50 at a time, with older ones a link further on and a way back to the newest', async () => {
    const asAuditor = app.client.as(auditor);
    for (let n = 1; n <= 52; n++) await asAuditor.http.patch(`/api/cohorts/${cohortId}`).send({ description: `Versie ${n}` }).expect(200);

    const first = (await adminsBrowser.get(`/beheer/auditlog?editie=${cohortId}&soort=cohort.updated`).expect(200)).text;
    expect(rowsIn(first)).toHaveLength(50);
    expect(rowsIn(first)[0][4]).toBe('beschrijving: Versie 51 → Versie 52');
    expect(first).not.toContain('Nieuwste wijzigingen');
    const older = decoded(/<a href="([^"]*)">Oudere wijzigingen/.exec(first)?.[1] ?? '');
    expect(older).toMatch(new RegExp(`^/beheer/auditlog\\?soort=cohort.updated&editie=${cohortId}&voor=\\d+$`));

    const second = (await adminsBrowser.get(older).expect(200)).text;
    expect(rowsIn(second).map((row) => row[4])).toEqual(['beschrijving: Versie 1 → Versie 2', 'beschrijving: (leeg) → Versie 1']);
    expect(second).not.toContain('Oudere wijzigingen');
    expect(decoded(/<a href="([^"]*)">← Nieuwste wijzigingen/.exec(second)?.[1] ?? '')).toBe(`/beheer/auditlog?soort=cohort.updated&editie=${cohortId}`);
  });

  it('is for admins: an adviser and a participant may not, and only admins have it in the menu', async () => {
    await advisersBrowser.get('/beheer/auditlog').expect(403);
    const participant = await signedInFormBrowser(server, (await admittedDuo()).participant);
    await participant.get('/beheer/auditlog').expect(403);
    expect((await advisersBrowser.get('/edities').expect(200)).text).not.toContain('/beheer/auditlog');
    expect((await adminsBrowser.get('/edities').expect(200)).text).toContain('<a href="/beheer/auditlog">Auditlog</a>');
  });
});

describe('the API of the audit log', () => {
  it('filters as the page does, pages with before and limit, and refuses a period backwards', async () => {
    const auditor = await app.client.staff('adviser', 4);
    const cohortId = (await app.client.as(auditor).cohort()).id;
    const duoId = (await app.client.as(auditor).duo(cohortId, 41)).id;
    await app.client.as(auditor).put(`/api/duos/${duoId}/publication-consent`, { namedInPublications: true }).expect(200);

    expect((await auditOf(`actorId=${auditor.id}`)).map((record) => record.action)).toEqual(['duo.publication_consent', 'cohort.created', 'account.activated']);
    expect((await auditOf(`duoId=${duoId}`)).map((record) => record.action)).toEqual(['duo.publication_consent']);
    expect((await auditOf(`cohortId=${cohortId}`)).map((record) => record.action)).toEqual(['cohort.created']);
    const [newest, ...rest] = await auditOf(`actorId=${auditor.id}&limit=1`).then(async (page) => [...page, ...(await auditOf(`actorId=${auditor.id}&before=${page[0].id}`))]);
    expect([newest, ...rest].map((record) => record.action)).toEqual(['duo.publication_consent', 'cohort.created', 'account.activated']);

    const refused = await app.client.get(`/api/audit-log?from=${daysFromToday(1)}&to=${daysFromToday(0)}`).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    await app.client.get('/api/audit-log?limit=201').expect(400);
  });

  it('counts a day from midnight to midnight in Amsterdam, whatever time zone the database speaks', async () => {
    const dataSource = app.testApp.app.get(DataSource);
    const at = async (moment: string) =>
      String(
        (
          await dataSource.query(
            `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details, recorded_at) VALUES (NULL, 'cohort.updated', 'cohort', $1, '{}', $2) RETURNING id`,
            [randomUUID(), moment],
          )
        )[0].id,
      );
    // 1 June 2030 in Amsterdam (summer time, UTC+2) runs from 31 May 22:00 to 1 June 22:00 UTC.
    const justBefore = await at('2030-05-31T21:59:00Z');
    const firstMinute = await at('2030-05-31T22:30:00Z');
    const lastMinute = await at('2030-06-01T21:30:00Z');
    const justAfter = await at('2030-06-01T22:00:00Z');
    const ids = (await auditOf('from=2030-06-01&to=2030-06-01&action=cohort.updated')).map((record) => record.id);

    expect(ids).toEqual([lastMinute, firstMinute]);
    expect(ids).not.toContain(justBefore);
    expect(ids).not.toContain(justAfter);
  });
});

/** How the pages write a day ("dinsdag 14 mei 2030"), in Amsterdam. */
function dutchDay(day: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
}

describeInBrowser('the new pages in Chromium, at desktop and phone width', () => {
  let browser: Browser;
  let base: string;
  let duoId: string;
  let sessionId: string;
  let desk: SignedInPerson;

  beforeAll(async () => {
    base = await listening(app.testApp.app);
    browser = await launchBrowser();
    desk = await app.client.staff('adviser', 5);
    const asDesk = app.client.as(desk);
    const cohort = await asDesk.startableCohort();
    duoId = (await asDesk.duo(cohort.id, 50)).id;
    await asDesk.post(`/api/duos/${duoId}/admission`).expect(201);
    for (const step of [1, 2, 3, 4, 5, 6]) await asDesk.post(`/api/duos/${duoId}/evidence`, figures(step)).expect(201);
    await asDesk.put(`/api/duos/${duoId}/cycles/1/improvement-actions`, improvementActions).expect(200);
    await asDesk.post(`/api/duos/${duoId}/cycles/1/closure`).expect(201);
    sessionId = (await asDesk.post(`/api/duos/${duoId}/sessions`, { kind: 'intake', date: daysFromToday(10), startTime: '10:00', adviser: desk.name }).expect(201)).body.id;
  });

  afterAll(async () => {
    await browser?.close();
  });




  const widths = [
    // The desktop gives the consent, which the frozen report did not have; the phone takes it back.
    { name: 'desktop', width: 1280, height: 900, phone: false, consent: ['ja', 'Opgeslagen: het duo mag met naam'], day: tuesdayFrom(20), since: 'Met naam in gepubliceerde rapportages: was nee, nu ja.' },
    {
      name: 'telefoon',
      width: 390,
      height: 844,
      phone: true,
      consent: ['nee', 'Opgeslagen: in gepubliceerde rapportages wordt het duo niet met naam genoemd.'],
      day: tuesdayFrom(30),
      since: 'Niets: de rapportage van nu zegt hetzelfde als de vastgelegde.',
    },
  ] as const;

  for (const size of widths) {
    describe(`at ${size.width} px`, () => {
      let context: BrowserContext;

      beforeAll(async () => {
        context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          isMobile: size.phone,
          hasTouch: size.phone,
          locale: 'nl-NL',
          timezoneId: 'Europe/Amsterdam',
          bypassCSP: true,
        });
        context.setDefaultTimeout(10_000);
      });

      afterAll(async () => {
        await context?.close();
      });

      it('the adviser records the publication consent and moves the intake on the duo page, then reads the frozen reports', async () => {
        const page = await signedInPage(context, base, desk);
        await page.goto(`${base}/trajecten/${duoId}`);
        await expectFits(page, `duo-adviseur-${size.name}`);

        await page.getByText('Toestemming voor publicatie wijzigen').click();
        await page.getByLabel('Mag het duo met naam genoemd worden in gepubliceerde rapportages?').selectOption(size.consent[0]);
        await submit(page, page.getByRole('button', { name: 'Toestemming opslaan' }));
        await expect(page.getByRole('status').textContent()).resolves.toContain(size.consent[1]);
        await expectFits(page, `duo-toestemming-publicatie-${size.name}`);

        const move = page.locator(`form[action="/trajecten/${duoId}/bijeenkomsten/${sessionId}"]`);
        await page.locator('summary', { hasText: 'Verplaatsen' }).click();
        await move.getByLabel('Datum').fill(size.day);
        await move.getByLabel('Begintijd').fill('13:30');
        await move.getByLabel('Eindtijd').fill('15:00');
        await move.getByLabel('Plaats').fill('Wijkcentrum Oost');
        await expectFits(page, `duo-bijeenkomst-verplaatsen-${size.name}`);
        await submit(page, move.getByRole('button', { name: /^Verplaatsen/ }));
        await expect(page.getByRole('status').textContent()).resolves.toContain('Het kennismakingsgesprek is verplaatst.');
        await expect(page.locator('h3:text-is("Gepland") + ul').textContent()).resolves.toContain(`${dutchDay(size.day)}, 13:30 tot 15:00 uur, Wijkcentrum Oost`);

        await submit(page, page.getByRole('link', { name: 'Vastgelegde rapportages per afgesloten cyclus' }));
        expect(new URL(page.url()).pathname).toBe(`/trajecten/${duoId}/rapportage`);
        await expect(page.locator('main').textContent()).resolves.toContain(size.since);
        await page.getByText('Het verloop van het traject tot het vastleggen').click();
        await expectFits(page, `rapportages-vastgelegd-${size.name}`);
        await page.close();
      });

      it('the admin filters the audit log', async () => {
        const page = await signedInPage(context, base, app.testApp.admin);
        await submit(page, page.getByRole('link', { name: 'Auditlog', exact: true }));
        await expectFits(page, `auditlog-${size.name}`);

        await page.getByLabel('Wie', { exact: true }).selectOption({ label: `${desk.name} (adviseur)` });
        await page.getByLabel('Soort wijziging').selectOption({ label: 'Bijeenkomst verplaatst' });
        await submit(page, page.getByRole('button', { name: 'Filteren' }));
        expect(new URL(page.url()).searchParams.get('soort')).toBe('session.moved');
        const rows = page.locator('tbody tr');
        await expect(rows.count()).resolves.toBeGreaterThanOrEqual(1);
        await expect(rows.first().textContent()).resolves.toContain('Bijeenkomst verplaatst');
        await expect(rows.first().textContent()).resolves.toContain(desk.name);
        await expectFits(page, `auditlog-gefilterd-${size.name}`);

        await page.getByLabel('Van', { exact: true }).fill(daysFromToday(3));
        await page.getByLabel('Tot en met', { exact: true }).fill(daysFromToday(1));
        await submit(page, page.getByRole('button', { name: 'Filteren' }));
        await expect(page.getByRole('alert').textContent()).resolves.toContain('Tot en met: Het einde van de periode ligt vóór het begin.');
        await expectFits(page, `auditlog-fout-${size.name}`);
        await page.close();
      });
    });
  }
});
