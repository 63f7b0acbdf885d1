import { randomUUID } from 'node:crypto';
import { useTestApp, type Api } from '../support/api.js';
import { figures, improvementActions, intake, otherMeans, story, bothPresent } from '../support/fixtures.js';
import { csrfIn, signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Consequences before they happen, on the pages over HTTP: a form whose change drops a duo out,
 * ends a trajectory, gives a place back or freezes a cycle first comes back with what it will
 * do and a "Bevestigen" that posts the same fields with _bevestigd=ja; only that post saves, and
 * the notice after it says what happened.
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

let adviser: SignedInPerson;
let asAdviser: Api;
let browser: FormBrowser;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
  browser = await signedInFormBrowser(server, adviser);
});

const stateOf = async (duoId: string) => (await asAdviser.get(`/api/duos/${duoId}`).expect(200)).body.state as string;

/** The confirmation box of a page: its heading, its sentences and the fields its form posts again. */
function confirmationIn(html: string) {
  const box = /<section class="melding let-op bevestiging"[\s\S]*?<\/section>/.exec(html)?.[0];
  if (!box) throw new Error('The page asks nothing');
  const fields = Object.fromEntries([...box.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name, value]) => [name, value]));
  return {
    heading: /<h2 id="bevestiging-kop">([^<]*)<\/h2>/.exec(box)?.[1],
    sentences: [...box.matchAll(/<li>([^<]*)<\/li>/g)].map(([, sentence]) => sentence.replace(/&#39;/g, "'")),
    fields,
    back: /<a href="([^"]*)">Terug<\/a>/.exec(box)?.[1],
  };
}

/** Five admitted duos of a new cohort of the adviser, intakes held. */
async function cohortAtWorkshop1(capacity = 8) {
  const cohortId = (await asAdviser.cohort({ capacity })).id;
  const duos = [];
  for (let n = 1; n <= 5; n++) {
    const duo = await asAdviser.duo(cohortId, 500 + n);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    await asAdviser.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    duos.push(duo);
  }
  return { cohortId, duoIds: duos.map((duo) => duo.id) };
}

describe('the attendance list', () => {
  it('asks first when a duo drops out, saves only once confirmed, and names the duo after', async () => {
    const { cohortId, duoIds } = await cohortAtWorkshop1();
    const path = `/edities/${cohortId}/bijeenkomsten/workshop1/presentielijst`;
    const form = (await browser.get(path).expect(200)).text;
    const fields: Record<string, string> = { _csrf: csrfIn(form), _key: randomUUID() };
    for (const id of duoIds) for (const side of ['municipality', 'provider']) fields[`duos.${id}.${side}.status`] = 'present';
    fields[`duos.${duoIds[3]}.provider.status`] = 'absent';

    const asked = await browser.post(path, fields).expect(200);
    const confirmation = confirmationIn(asked.text);
    expect(confirmation).toMatchObject({
      heading: 'Presentielijst van werkatelier 1 opslaan?',
      sentences: ['Gemeente Voorbeeld 504 · Stichting Buurtwerk 504 valt uit: de uitvoerder was afwezig zonder reden. Een correctie van de aanwezigheid kan dat later ongedaan maken.'],
      back: '#formulier',
    });
    expect(confirmation.fields).toEqual({ ...fields, _csrf: fields._csrf, _bevestigd: 'ja' });
    // The form below keeps what was chosen, to change it.
    expect(asked.text).toMatch(new RegExp(`name="duos\\.${duoIds[3]}\\.provider\\.status" value="absent" checked`));
    expect(await Promise.all(duoIds.map(stateOf))).toEqual(duoIds.map(() => 'intakeHeld'));

    const saved = await browser.post(path, confirmation.fields).expect(303);
    expect(saved.headers.location).toBe(`/edities/${cohortId}?opgeslagen=presentielijst-workshop1&uitgevallen=${duoIds[3]}#melding`);
    expect(await stateOf(duoIds[3])).toBe('droppedOut');
    const cohortPage = (await browser.get(saved.headers.location.split('#')[0]).expect(200)).text;
    expect(cohortPage).toContain('De presentielijst van werkatelier 1 is opgeslagen. Gemeente Voorbeeld 504 · Stichting Buurtwerk 504 is uitgevallen.');

    // The same confirmation sent twice (a double click) saves once.
    await browser.post(path, confirmation.fields).expect(303);
    expect((await asAdviser.get(`/api/duos/${duoIds[3]}`).expect(200)).body.history.filter((event: { type: string }) => event.type === 'RECORD_WORKSHOP_1_ATTENDANCE')).toHaveLength(1);
  });

  it('saves a list on which nobody drops out at once', async () => {
    const { cohortId, duoIds } = await cohortAtWorkshop1();
    const path = `/edities/${cohortId}/bijeenkomsten/workshop1/presentielijst`;
    const fields: Record<string, string> = { _csrf: csrfIn((await browser.get(path).expect(200)).text) };
    for (const id of duoIds) for (const side of ['municipality', 'provider']) fields[`duos.${id}.${side}.status`] = 'present';
    const saved = await browser.post(path, fields).expect(303);
    expect(saved.headers.location).toBe(`/edities/${cohortId}?opgeslagen=presentielijst-workshop1#melding`);
  });

  it('names no duo of another cohort in the notice, whatever the address says', async () => {
    const { cohortId } = await cohortAtWorkshop1();
    const other = await cohortAtWorkshop1();
    const page = (await browser.get(`/edities/${cohortId}?opgeslagen=presentielijst-workshop1&uitgevallen=${other.duoIds[0]}`).expect(200)).text;
    expect(page).toContain('De presentielijst van werkatelier 1 is opgeslagen.');
    expect(page).not.toContain('is uitgevallen');
  });
});

describe('on the duo page', () => {
  it('asks before a withdrawal, says who moves up, and names that duo after', async () => {
    const { cohortId, duoIds } = await cohortAtWorkshop1(5);
    const waiting = await asAdviser.duo(cohortId, 509);
    await asAdviser.post(`/api/duos/${waiting.id}/admission`).expect(201);
    const page = (await browser.get(`/trajecten/${duoIds[0]}`).expect(200)).text;
    const fields = { _csrf: csrfIn(page), _key: randomUUID(), _version: String((await asAdviser.get(`/api/duos/${duoIds[0]}`)).body.version), reason: 'Geen capaciteit' };

    const asked = await browser.post(`/trajecten/${duoIds[0]}/afmelding`, fields).expect(200);
    expect(confirmationIn(asked.text)).toMatchObject({
      heading: 'Duo afmelden?',
      sentences: [
        'Gemeente Voorbeeld 501 · Stichting Buurtwerk 501 wordt afgemeld en geeft zijn plaats in de editie terug; daarna kan er in het traject niets meer bij.',
        'Gemeente Voorbeeld 509 · Stichting Buurtwerk 509 schuift op van de wachtlijst en krijgt de vrijgekomen plaats.',
      ],
      back: '#formulier-afmelding',
    });
    expect(await stateOf(waiting.id)).toBe('waitingList');

    const saved = await browser.post(`/trajecten/${duoIds[0]}/afmelding`, { ...fields, _bevestigd: 'ja' }).expect(303);
    expect(saved.headers.location).toBe(`/trajecten/${duoIds[0]}?opgeslagen=afmelding&opgeschoven=${waiting.id}#melding`);
    expect(await stateOf(waiting.id)).toBe('admitted');
    expect((await browser.get(saved.headers.location.split('#')[0]).expect(200)).text).toContain(
      'Het duo is afgemeld. Gemeente Voorbeeld 509 · Stichting Buurtwerk 509 is van de wachtlijst opgeschoven en toegelaten.',
    );
  });

  it('asks before completing, and a refusal shows as ever', async () => {
    const { cohortId, duoIds } = await cohortAtWorkshop1();
    const page = (await browser.get(`/trajecten/${duoIds[0]}`).expect(200)).text;
    const early = await browser.post(`/trajecten/${duoIds[0]}/afronding`, { _csrf: csrfIn(page) });
    expect(early.status).toBe(422);
    expect(early.text).not.toContain('bevestiging');

    const list = { duos: duoIds.map((duoId) => ({ duoId, ...bothPresent })) };
    for (const workshop of [1, 2, 3]) await asAdviser.post(`/api/cohorts/${cohortId}/workshops/${workshop}/attendance`, list).expect(201);
    const asked = await browser.post(`/trajecten/${duoIds[0]}/afronding`, { _csrf: csrfIn(page) }).expect(200);
    expect(confirmationIn(asked.text).sentences).toEqual([
      'Het traject van Gemeente Voorbeeld 501 · Stichting Buurtwerk 501 wordt afgerond; daarna worden er geen bijeenkomsten meer vastgelegd.',
    ]);
    expect(await stateOf(duoIds[0])).toBe('workshop3Held');
    await browser.post(`/trajecten/${duoIds[0]}/afronding`, { _csrf: csrfIn(page), _bevestigd: 'ja' }).expect(303);
    expect(await stateOf(duoIds[0])).toBe('completed');
  });

  it('asks before closing a cycle, saying it is frozen with the report', async () => {
    const { duo, asParticipant } = await asAdviser.admittedDuoWithParticipant(520);
    await asParticipant.post(`/api/duos/${duo.id}/evidence`, otherMeans(0, { perspective: 'municipality' })).expect(201);
    for (const step of [1, 2, 3, 4, 5]) await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(step)).expect(201);
    await asParticipant.post(`/api/duos/${duo.id}/evidence`, story(6)).expect(201);
    await asParticipant.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
    const page = (await browser.get(`/trajecten/${duo.id}`).expect(200)).text;

    const asked = await browser.post(`/trajecten/${duo.id}/cycli/1/afsluiting`, { _csrf: csrfIn(page) }).expect(200);
    expect(confirmationIn(asked.text)).toMatchObject({
      heading: 'Cyclus 1 afsluiten?',
      sentences: ['Cyclus 1 wordt afgesloten en bevroren, met de rapportage van het duo. Cyclus 2 begint daarna bij stap 1.'],
    });
    expect((await asAdviser.get(`/api/duos/${duo.id}/cycles`).expect(200)).body).toEqual([expect.objectContaining({ number: 1, open: true })]);
    await browser.post(`/trajecten/${duo.id}/cycli/1/afsluiting`, { _csrf: csrfIn(page), _bevestigd: 'ja' }).expect(303);
    expect((await asAdviser.get(`/api/duos/${duo.id}/cycles`).expect(200)).body).toEqual([expect.objectContaining({ number: 1, open: false }), expect.objectContaining({ number: 2, open: true })]);
  });
});
