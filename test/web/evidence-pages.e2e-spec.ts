import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, screenshot, signedInPage, submit } from '../support/browser.js';
import { figures, improvementActions, story } from '../support/fixtures.js';
import { csrfIn, signedInFormBrowser } from '../support/form-browser.js';
import { attachmentLimitOfThisFile, type SignedInPerson } from '../support/test-app.js';

/**
 * Issue 17, evidence and publishing, on the pages. The evidence form takes a file itself (all or
 * nothing: a refused file records nothing and comes back beside its field, with what was typed),
 * shows the fields of the kind chosen, and the evidence page shows photos, the history of every
 * change and, for stories, whether an adviser released them for publication. The duo page counts
 * in Dutch and keeps the improvement actions of closed cycles. Each over HTTP first, then in
 * Chromium at desktop and phone width, with nothing from axe at any impact.
 *
 * The app of this file takes attachments of at most ATTACHMENT_LIMIT bytes: the variable is read
 * when the app starts, which useTestApp does in its beforeAll, after this line.
 */
jest.setTimeout(180_000);

const ATTACHMENT_LIMIT = attachmentLimitOfThisFile(4096);

const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const NOT_A_PNG = Buffer.from('Dit is geen foto, maar gewone tekst.\n', 'utf8');

let adviser: SignedInPerson;
let asAdviser: Api;
let duoNumber = 1;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one <input> or <textarea> with this id, as the page renders it. */
function control(html: string, id: string): string {
  const found = html.match(new RegExp(`<(?:input|textarea)[^>]*\\sid="${escaped(id)}"[^>]*>`, 'g')) ?? [];
  expect(found).toHaveLength(1);
  return found[0] ?? '';
}

/** The message shown beside a field (`<id>-fout`). */
function errorBeside(html: string, id: string): string | undefined {
  return new RegExp(`<p class="foutmelding" id="${escaped(id)}-fout">(?:<span class="verborgen">Fout: </span>)?([^<]*)</p>`).exec(html)?.[1];
}

/** The notice after a change (the redirect's page). */
const noticeIn = (html: string) => /<div class="melding gelukt" id="melding"[^>]*>\s*<p>([^<]*)<\/p>/.exec(html)?.[1];

/** The section of the page under the h2 with this text, up to the next h2. */
const sectionOf = (html: string, heading: string) => new RegExp(`<h2>${escaped(heading)}</h2>([\\s\\S]*?)(?=<h2|$)`).exec(html)?.[1] ?? '';

/** What the page shows as text, tags left out (enough to read a list). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

interface Evidence {
  id: string;
  version: number;
  title: string;
  kind: string;
  indicator: object | null;
  attachments: { id: string; fileName: string; mediaType: string; url: string }[];
  publication: { markedBy: string } | null;
  history: { change: string; attachments: string[] }[];
}

/** A duo of a new cohort of the adviser, admitted, with a participant of its municipality signed in on the pages. */
async function duoWithParticipant() {
  const { duo, participant, asParticipant } = await asAdviser.admittedDuoWithParticipant(duoNumber++);
  return { duoId: duo.id, participant, asParticipant, pages: await signedInFormBrowser(server, participant) };
}

/** The story the form sends, as its fields are named. */
function storyFields(page: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    _csrf: csrfIn(page),
    _key: randomUUID(),
    step: '3',
    kind: 'stories',
    perspective: 'residents',
    title: 'Koken in de buurtkamer',
    text: 'Mevrouw K. komt sinds de zomer elke week en kookt nu mee.',
    aboutAPerson: 'ja',
    consentGiven: 'ja',
    links: '',
    ...overrides,
  };
}

const evidenceOf = async (client: Api, duoId: string): Promise<Evidence[]> => (await client.get(`/api/duos/${duoId}/evidence?includeDeleted=true`).expect(200)).body;
const read = async (client: Api, duoId: string, id: string): Promise<Evidence> => (await client.get(`/api/duos/${duoId}/evidence/${id}`).expect(200)).body;
const recordedId = (location: string) => /\/onderbouwing\/([0-9a-f-]{36})\?/.exec(location)?.[1] as string;

describe('the evidence form takes a file with the evidence: both are saved, or neither', () => {
  it('records a story and its photo in one change, and shows the photo on the evidence page', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const form = await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);
    expect(form.text).toContain(`action="/trajecten/${duoId}/onderbouwing" enctype="multipart/form-data"`);

    const response = await pages.upload(`/trajecten/${duoId}/onderbouwing`, storyFields(form.text), { fileName: 'buurtkamer.png', contentType: 'image/png', content: PNG });

    expect(response.status).toBe(303);
    const recorded = await read(asParticipant, duoId, recordedId(response.headers.location));
    expect(recorded).toMatchObject({ title: 'Koken in de buurtkamer', version: 1, attachments: [expect.objectContaining({ fileName: 'buurtkamer.png', mediaType: 'image/png' })] });
    expect(recorded.history).toEqual([expect.objectContaining({ change: 'recorded', attachments: ['buurtkamer.png'] })]);
    const shown = await pages.get(response.headers.location.split('#')[0]).expect(200);
    expect(shown.text).toContain(`<img class="foto" src="${recorded.attachments[0].url}" alt="Foto: buurtkamer.png">`);
    const photo = await asParticipant.http.get(recorded.attachments[0].url).responseType('blob').expect(200);
    expect((photo.body as Buffer).equals(PNG)).toBe(true);
  });

  it('refuses a file that is not what it says: nothing is recorded, the error is beside the file field, what was typed stays', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const form = await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);

    const response = await pages.upload(`/trajecten/${duoId}/onderbouwing`, storyFields(form.text, { title: 'Wat ik typte' }), {
      fileName: 'buurtkamer.png',
      contentType: 'image/png',
      content: NOT_A_PNG,
    });

    expect(response.status).toBe(415);
    expect(errorBeside(response.text, 'file')).toContain('Dit soort bestand kan niet als bijlage');
    expect(control(response.text, 'file')).toContain('aria-invalid="true"');
    expect(control(response.text, 'title')).toContain('value="Wat ik typte"');
    expect(control(response.text, 'kind-stories')).toContain('checked');
    expect(response.text).not.toContain('Dit is geen foto');
    expect(await evidenceOf(asParticipant, duoId)).toEqual([]);
  });

  it('refuses a file just over the limit, records nothing, and comes back with what was typed and the limit beside the file', async () => {
    const size = ATTACHMENT_LIMIT + 1;
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const form = await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);

    const response = await pages.upload(`/trajecten/${duoId}/onderbouwing`, storyFields(form.text, { title: 'Wat ik typte' }), {
      fileName: 'groot.png',
      contentType: 'image/png',
      content: Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]),
    });

    expect(response.status).toBe(413);
    expect(errorBeside(response.text, 'file')).toBe('Het bestand is te groot: een bijlage mag hoogstens 4 kB zijn. Kies een kleiner bestand, of voeg een link toe.');
    expect(control(response.text, 'title')).toContain('value="Wat ik typte"');
    expect(response.text).toContain('>Mevrouw K. komt sinds de zomer elke week en kookt nu mee.</textarea>');
    expect(await evidenceOf(asParticipant, duoId)).toEqual([]);
  });

  it('refuses a form announced larger than the whole form may be before reading it, and says how to get back to what was typed', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const form = await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);

    const response = await pages.upload(`/trajecten/${duoId}/onderbouwing`, storyFields(form.text), {
      fileName: 'groot.png',
      contentType: 'image/png',
      content: Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_LIMIT + 2 * 1024 * 1024)]),
    });

    expect(response.status).toBe(413);
    expect(response.text).toContain('Het bestand is te groot: een bijlage mag hoogstens 4 kB zijn.');
    expect(response.text).toContain('Ga met de knop <strong>Vorige</strong> van uw browser terug naar het formulier');
    expect(await evidenceOf(asParticipant, duoId)).toEqual([]);
  });

  it('asks for the file again when the rest of the form is refused, and records nothing', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const form = await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);

    const response = await pages.upload(`/trajecten/${duoId}/onderbouwing`, storyFields(form.text, { title: '', text: 'Wat ik typte' }), {
      fileName: 'buurtkamer.png',
      contentType: 'image/png',
      content: PNG,
    });

    expect(response.status).toBe(400);
    expect(errorBeside(response.text, 'title')).toBe('Vul dit in.');
    expect(errorBeside(response.text, 'file')).toBe('Kies het bestand opnieuw: het is nog niet opgeslagen.');
    expect(response.text).toContain('>Wat ik typte</textarea>');
    expect(await evidenceOf(asParticipant, duoId)).toEqual([]);
  });

  it('edits the story and attaches a file in one revision; a refused file changes nothing', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const recorded = (await asParticipant.post(`/api/duos/${duoId}/evidence`, story(3)).expect(201)).body as Evidence;
    const page = await pages.get(`/trajecten/${duoId}/onderbouwing/${recorded.id}`).expect(200);
    const fields = { ...storyFields(page.text, { title: 'Koken en eten in de buurtkamer' }), _version: String(recorded.version) };

    const refused = await pages.upload(`/trajecten/${duoId}/onderbouwing/${recorded.id}`, fields, { fileName: 'foto.png', contentType: 'image/png', content: NOT_A_PNG });
    expect(refused.status).toBe(415);
    expect(errorBeside(refused.text, 'file')).toContain('Dit soort bestand kan niet als bijlage');
    expect(control(refused.text, 'title')).toContain('value="Koken en eten in de buurtkamer"');
    expect(await read(asParticipant, duoId, recorded.id)).toMatchObject({ version: 1, title: recorded.title, attachments: [] });

    const edited = await pages.upload(`/trajecten/${duoId}/onderbouwing/${recorded.id}`, { ...fields, _key: randomUUID() }, { fileName: 'foto.png', contentType: 'image/png', content: PNG });
    expect(edited.status).toBe(303);
    const after = await read(asParticipant, duoId, recorded.id);
    expect(after).toMatchObject({ version: 2, title: 'Koken en eten in de buurtkamer', attachments: [expect.objectContaining({ fileName: 'foto.png' })] });
    expect(after.history.map((revision) => [revision.change, revision.attachments])).toEqual([
      ['recorded', []],
      ['edited', ['foto.png']],
    ]);
  });

  it('still takes a form without a file, sent as a plain form, and ignores the fields of another kind', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const form = await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200);

    const response = await pages.post(`/trajecten/${duoId}/onderbouwing`, {
      ...storyFields(form.text),
      'indicator.name': 'Bezoekers',
      'indicator.value': '12',
      'indicator.unit': 'bezoekers',
      'indicator.periodStart': '2019-01-01',
      'indicator.periodEnd': '2019-06-30',
    });

    expect(response.status).toBe(303);
    expect(await evidenceOf(asParticipant, duoId)).toEqual([expect.objectContaining({ kind: 'stories', indicator: null, attachments: [] })]);
  });
});

describe('the evidence page', () => {
  it('shows the kind as a choice, with each kind’s own fields in a group of their own', async () => {
    const { duoId, pages } = await duoWithParticipant();
    const form = (await pages.get(`/trajecten/${duoId}/onderbouwing/nieuw`).expect(200)).text;

    expect(control(form, 'kind-stories')).toMatch(/type="radio"[^>]*name="kind"[^>]*value="stories" checked/);
    expect(control(form, 'kind-figures')).not.toContain('checked');
    expect(form).toMatch(/<fieldset class="bij-soort voor-figures">\s*<legend>Alleen bij cijfers<\/legend>/);
    expect(form).toMatch(/<fieldset class="bij-soort voor-stories">\s*<legend>Alleen bij verhalen<\/legend>/);
  });

  it('tells every change in the history: who, when, what changed, files, deletion and restoration', async () => {
    const { duoId, participant, asParticipant, pages } = await duoWithParticipant();
    const recorded = (await asParticipant.post(`/api/duos/${duoId}/evidence`, figures(2)).expect(201)).body as Evidence;
    await asParticipant.put(`/api/duos/${duoId}/evidence/${recorded.id}`, figures(2, { title: 'Bezoekers na de zomer', indicator: { ...figures(2).indicator, value: 150 } })).expect(200);
    await asParticipant.http.post(`/api/duos/${duoId}/evidence/${recorded.id}/attachments?fileName=telling.png`).set('content-type', 'image/png').send(PNG).expect(201);
    await asParticipant.http.delete(`/api/duos/${duoId}/evidence/${recorded.id}`).expect(200);
    await asAdviser.post(`/api/duos/${duoId}/evidence/${recorded.id}/restoration`).expect(201);

    const history = textOf(sectionOf((await pages.get(`/trajecten/${duoId}/onderbouwing/${recorded.id}`).expect(200)).text, 'Geschiedenis'));

    const versions = [...history.matchAll(/Versie (\d): ([^·]+) · ([^,]+),/g)].map(([, version, change, who]) => [Number(version), change.trim(), who]);
    expect(versions).toEqual([
      [5, 'Teruggezet', adviser.name],
      [4, 'Verwijderd', participant.name],
      [3, 'Bijlage toegevoegd', participant.name],
      [2, 'Gewijzigd', participant.name],
      [1, 'Vastgelegd', participant.name],
    ]);
    expect(history).toContain('Titel: “Cijfers bij stap 2” → “Bezoekers na de zomer”');
    expect(history).toContain('Cijfers: Bezoekers buurthuis per week: 120 bezoekers');
    expect(history).toMatch(/→ Bezoekers buurthuis per week: 150 bezoekers/);
    expect(history).toContain('Bijlage toegevoegd: telling.png');
  });

  it('lets an adviser release a story for publication, says so to the duo, and takes the release away when the words change', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    const recorded = (await asParticipant.post(`/api/duos/${duoId}/evidence`, story(3)).expect(201)).body as Evidence;
    const advisersPages = await signedInFormBrowser(server, adviser);
    const path = `/trajecten/${duoId}/onderbouwing/${recorded.id}`;

    const forParticipant = (await pages.get(path).expect(200)).text;
    expect(sectionOf(forParticipant, 'Publicatie')).toContain('Niet vrijgegeven voor publicatie');
    expect(forParticipant).not.toContain(`${path}/publicatie`);
    await pages.post(`${path}/publicatie`, { _csrf: csrfIn(forParticipant), publishable: 'ja', _version: '1' }).expect(403);

    const forAdviser = (await advisersPages.get(path).expect(200)).text;
    expect(forAdviser).toMatch(new RegExp(`action="${escaped(path)}/publicatie"[\\s\\S]*name="_version" value="1"[\\s\\S]*name="publishable" value="ja"[\\s\\S]*>Geschikt voor publicatie</button>`));
    // Someone else changed the story after the adviser's page showed version 1: the release is refused.
    await asParticipant.put(`/api/duos/${duoId}/evidence/${recorded.id}`, story(3, { text: 'Mevrouw K. uit de Lindenstraat kookt nu mee.' })).expect(200);
    const stale = await advisersPages.post(`${path}/publicatie`, { _csrf: csrfIn(forAdviser), _key: randomUUID(), publishable: 'ja', _version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('foutoverzicht');
    expect((await read(asAdviser, duoId, recorded.id)).publication).toBeNull();

    const reread = (await advisersPages.get(path).expect(200)).text;
    const released = await advisersPages.post(`${path}/publicatie`, { _csrf: csrfIn(reread), _key: randomUUID(), publishable: 'ja', _version: '2' });
    expect(released.status).toBe(303);
    expect(released.headers.location).toBe(`${path}?opgeslagen=vrijgegeven#melding`);
    expect((await read(asAdviser, duoId, recorded.id)).publication).toMatchObject({ markedBy: adviser.name });
    const afterwards = (await advisersPages.get(`${path}?opgeslagen=vrijgegeven`).expect(200)).text;
    expect(noticeIn(afterwards)).toContain('Het verhaal is vrijgegeven voor publicatie');
    expect(textOf(sectionOf(afterwards, 'Publicatie'))).toContain(`Vrijgegeven voor publicatie door ${adviser.name}`);
    expect(afterwards).toContain('>Niet meer publiceren</button>');

    const page = (await pages.get(path).expect(200)).text;
    const edited = await pages.post(path, { ...storyFields(page, { text: 'Mevrouw K. kookt nu elke dinsdag mee.' }), _version: '3' });
    expect(edited.status).toBe(303);
    expect(edited.headers.location).toBe(`${path}?opgeslagen=opgeslagen-opnieuw-lezen#melding`);
    expect((await read(asAdviser, duoId, recorded.id)).publication).toBeNull();
    const history = textOf(sectionOf((await pages.get(path).expect(200)).text, 'Geschiedenis'));
    expect(history).toContain('Vrijgegeven voor publicatie');
    expect(history).toContain('Niet meer vrijgegeven voor publicatie: de woorden zijn veranderd.');
  });

  it('does not call the release a change of the words: "laatst gewijzigd" only once someone changed them', async () => {
    const { duoId, participant, asParticipant, pages } = await duoWithParticipant();
    const recorded = (await asParticipant.post(`/api/duos/${duoId}/evidence`, story(4)).expect(201)).body as Evidence;
    await asAdviser.put(`/api/duos/${duoId}/evidence/${recorded.id}/publication`, { publishable: true }, { 'If-Match': '1' }).expect(200);
    const path = `/trajecten/${duoId}/onderbouwing/${recorded.id}`;
    const released = (await pages.get(path).expect(200)).text;
    expect(released).toContain(`vastgelegd door ${participant.name}`);
    expect(released).not.toContain('laatst gewijzigd door');

    await asParticipant.put(`/api/duos/${duoId}/evidence/${recorded.id}`, story(4, { text: 'Het buurtrestaurant draait nu twee avonden.' })).expect(200);
    expect((await pages.get(path).expect(200)).text).toContain(`laatst gewijzigd door ${participant.name}`);
  });
});

describe('the Onderbouwing of the duo page', () => {
  it('counts in Dutch, shows the photo beside the evidence, and keeps the improvement actions of a closed cycle on both pages', async () => {
    const { duoId, asParticipant, pages } = await duoWithParticipant();
    for (const step of [1, 2, 4, 5, 6]) await asParticipant.post(`/api/duos/${duoId}/evidence`, figures(step)).expect(201);
    await asParticipant.post(`/api/duos/${duoId}/evidence`, story(3)).expect(201);
    const withFiles = (await asParticipant.post(`/api/duos/${duoId}/evidence`, story(3, { title: 'Twee foto’s' })).expect(201)).body as Evidence;
    for (const fileName of ['een.png', 'twee.png']) {
      await asParticipant.http.post(`/api/duos/${duoId}/evidence/${withFiles.id}/attachments?fileName=${fileName}`).set('content-type', 'image/png').send(PNG).expect(201);
    }
    await asParticipant.put(`/api/duos/${duoId}/cycles/1/improvement-actions`, improvementActions).expect(200);
    await asAdviser.post(`/api/duos/${duoId}/cycles/1/closure`).expect(201);

    const advisersPages = await signedInFormBrowser(server, adviser);
    for (const html of [(await advisersPages.get(`/trajecten/${duoId}`).expect(200)).text, (await pages.get('/mijn-traject').expect(200)).text]) {
      const evidence = sectionOf(html, 'Onderbouwing');
      const shown = textOf(evidence);
      expect(shown).toContain('Stap 1: Monitoring & ambities · 1 stuk');
      expect(shown).toContain('Stap 3: Activiteiten · 2 stukken');
      expect(shown).toContain('· 2 bijlagen');
      expect(shown).not.toMatch(/stuk\(ken\)|bijlage\(n\)/);
      expect(evidence).toMatch(/<img class="duimnagel" src="[^"]+" alt="Foto: een\.png" loading="lazy">/);
      const cycle1 = /<section aria-labelledby="cyclus-1">([\s\S]*?)<\/section>/.exec(evidence)?.[1] ?? '';
      expect(textOf(cycle1)).toContain('Verbeteracties van cyclus 1 (stap 6)');
      for (const action of improvementActions.actions) expect(textOf(cycle1)).toContain(action.description);
      expect(cycle1).not.toContain('<textarea');
    }
  });
});

describeInBrowser('the evidence pages in Chromium, at desktop and phone width', () => {
  let browser: Browser;
  let base: string;
  let duoId: string;
  let participant: SignedInPerson;
  let asParticipant: Api;

  beforeAll(async () => {
    base = await listening(app.testApp.app);
    browser = await launchBrowser();
    // A duo whose cycle 1 is closed with a story that carries a photo; new evidence goes into cycle 2.
    ({ duoId, participant, asParticipant } = await duoWithParticipant());
    for (const step of [1, 2, 4, 5, 6]) await asParticipant.post(`/api/duos/${duoId}/evidence`, figures(step)).expect(201);
    const withPhoto = (await asParticipant.post(`/api/duos/${duoId}/evidence`, story(3)).expect(201)).body as Evidence;
    await asParticipant.http.post(`/api/duos/${duoId}/evidence/${withPhoto.id}/attachments?fileName=buurtkamer.png`).set('content-type', 'image/png').send(PNG).expect(201);
    await asParticipant.put(`/api/duos/${duoId}/cycles/1/improvement-actions`, improvementActions).expect(200);
    await asAdviser.post(`/api/duos/${duoId}/cycles/1/closure`).expect(201);
  });

  afterAll(async () => {
    await browser?.close();
  });




  /** Whether an image arrived and could be shown (its natural width), once it is scrolled into view. */
  async function loaded(image: Locator): Promise<number> {
    await image.scrollIntoViewIfNeeded();
    await image.evaluate((element: { decode: () => Promise<void> }) => element.decode());
    return image.evaluate((element: { complete: boolean; naturalWidth: number }) => (element.complete ? element.naturalWidth : 0));
  }

  /** The contrast ratio of an element's text against the background it stands on (WCAG 2.1). */
  function contrastOf(element: Locator): Promise<number> {
    return element.evaluate((node: unknown) => {
      type Styled = { parentElement: Styled | null };
      const style = (target: Styled) => (globalThis as unknown as { getComputedStyle: (target: Styled) => { color: string; backgroundColor: string } }).getComputedStyle(target);
      let background = 'rgba(0, 0, 0, 0)';
      for (let at: Styled | null = node as Styled; at && /rgba\(.*, 0\)$|^transparent$/.test(background); at = at.parentElement) background = style(at).backgroundColor;
      if (/rgba\(.*, 0\)$|^transparent$/.test(background)) background = 'rgb(255, 255, 255)';
      const luminance = (color: string) => {
        const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
          const channel = Number(part) / 255;
          return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [light, dark] = [luminance(style(node as Styled).color), luminance(background)].sort((a, b) => b - a);
      return (light + 0.05) / (dark + 0.05);
    });
  }

  // The desktop releases the story of the closed cycle for publication; the phone takes the release back.
  const widths = [
    {
      name: 'desktop',
      width: 1280,
      height: 900,
      phone: false,
      publication: { before: 'Niet vrijgegeven voor publicatie', button: 'Geschikt voor publicatie', notice: 'Het verhaal is vrijgegeven voor publicatie', history: 'Versie 3: Vrijgegeven voor publicatie' },
    },
    {
      name: 'telefoon',
      width: 390,
      height: 844,
      phone: true,
      publication: { before: 'Vrijgegeven voor publicatie', button: 'Niet meer publiceren', notice: 'Het verhaal is niet meer vrijgegeven', history: 'Versie 4: Niet meer vrijgegeven voor publicatie' },
    },
  ] as const;

  for (const size of widths) {
    describe(`at ${size.width} px`, () => {
      const contextOptions = {
        viewport: { width: size.width, height: size.height },
        isMobile: size.phone,
        hasTouch: size.phone,
        locale: 'nl-NL',
        timezoneId: 'Europe/Amsterdam',
        bypassCSP: true,
      };
      let context: BrowserContext;

      beforeAll(async () => {
        context = await browser.newContext(contextOptions);
        context.setDefaultTimeout(10_000);
      });

      afterAll(async () => {
        await context?.close();
      });

      it.each([
        ['with', true],
        ['without', false],
      ])('shows only the fields of the kind chosen, %s JavaScript', async (_, javaScriptEnabled) => {
        const own = await browser.newContext({ ...contextOptions, javaScriptEnabled });
        own.setDefaultTimeout(10_000);
        const page = await signedInPage(own, base, participant);
        await page.goto(`${base}/trajecten/${duoId}/onderbouwing/nieuw`);
        const figuresGroup = page.getByRole('group', { name: 'Alleen bij cijfers' });
        const storiesGroup = page.getByRole('group', { name: 'Alleen bij verhalen' });
        const shown = async () => [await figuresGroup.isVisible(), await storiesGroup.isVisible()];

        await expect(page.getByRole('radio', { name: 'Verhalen (vertellen)' }).isChecked()).resolves.toBe(true);
        await expect(shown()).resolves.toEqual([false, true]);
        await expect(page.getByLabel(/heeft die persoon toestemming/).isVisible()).resolves.toBe(true);
        await page.getByLabel('Gaat het verhaal over een persoon?').selectOption('nee');
        await expect(page.getByLabel(/heeft die persoon toestemming/).isVisible()).resolves.toBe(false);

        await page.getByRole('radio', { name: 'Cijfers (tellen)' }).check();
        await expect(shown()).resolves.toEqual([true, false]);
        await expect(page.getByLabel('Wat is er geteld (indicator)').isVisible()).resolves.toBe(true);
        // axe is a script: it checks the page where the page runs scripts; the other only keeps its screenshot.
        if (javaScriptEnabled) await expectFits(page, `onderbouwing-cijfers-${size.name}`);
        else await screenshot(page, `onderbouwing-cijfers-zonder-js-${size.name}`);

        await page.getByRole('radio', { name: /Andere middelen/ }).check();
        await expect(shown()).resolves.toEqual([false, false]);
        await own.close();
      });

      it('records a story with a photo on the form itself; the photo shows and loads, and its Weghalen button is readable', async () => {
        const page = await signedInPage(context, base, participant);
        await page.goto(`${base}/trajecten/${duoId}/onderbouwing/nieuw?stap=3`);
        const before = (await evidenceOf(asParticipant, duoId)).length;

        await page.getByLabel('Titel').fill(`Een foto van de buurtkamer (${size.name})`);
        await page.getByLabel('De onderbouwing', { exact: true }).fill('De buurtkamer zit elke dinsdag vol.');
        await page.getByLabel('Gaat het verhaal over een persoon?').selectOption('nee');
        await page.getByLabel('Bijlage').setInputFiles({ name: 'geen-foto.png', mimeType: 'image/png', buffer: NOT_A_PNG });
        await submit(page, page.getByRole('button', { name: 'Onderbouwing opslaan' }));
        await expect(page.locator('#file-fout').textContent()).resolves.toContain('Dit soort bestand kan niet als bijlage');
        await expect(page.getByLabel('Titel').inputValue()).resolves.toBe(`Een foto van de buurtkamer (${size.name})`);
        await expect(page.getByLabel('Gaat het verhaal over een persoon?').inputValue()).resolves.toBe('nee');
        expect(await evidenceOf(asParticipant, duoId)).toHaveLength(before);
        await expectFits(page, `onderbouwing-bestand-geweigerd-${size.name}`);

        await page.getByLabel('Bijlage').setInputFiles({ name: 'buurtkamer.png', mimeType: 'image/png', buffer: PNG });
        await submit(page, page.getByRole('button', { name: 'Onderbouwing opslaan' }));
        await expect(page.getByRole('status').textContent()).resolves.toContain('De onderbouwing is opgeslagen.');
        expect(await evidenceOf(asParticipant, duoId)).toHaveLength(before + 1);
        const photo = page.getByRole('img', { name: 'Foto: buurtkamer.png' });
        await expect(loaded(photo)).resolves.toBeGreaterThan(0);

        const remove = page.getByRole('button', { name: 'Weghalen buurtkamer.png' });
        await expect(remove.isVisible()).resolves.toBe(true);
        await expect(contrastOf(remove)).resolves.toBeGreaterThanOrEqual(4.5);
        await expect(page.getByRole('heading', { name: 'Geschiedenis' }).isVisible()).resolves.toBe(true);
        await expect(page.locator('.geschiedenis').textContent()).resolves.toContain('Versie 1: Vastgelegd');
        await expectFits(page, `onderbouwing-met-foto-${size.name}`);
        await page.close();
      });

      it('shows the photo beside the evidence on Mijn traject and the improvement actions of the closed cycle', async () => {
        const page = await signedInPage(context, base, participant);
        await page.goto(`${base}/mijn-traject`);
        const cycle1 = page.locator('section[aria-labelledby="cyclus-1"]');
        await expect(loaded(cycle1.getByRole('img', { name: 'Foto: buurtkamer.png' }))).resolves.toBeGreaterThan(0);
        await expect(cycle1.getByRole('heading', { name: 'Verbeteracties van cyclus 1 (stap 6)' }).isVisible()).resolves.toBe(true);
        for (const action of improvementActions.actions) await expect(cycle1.getByText(action.description).isVisible()).resolves.toBe(true);
        await expectFits(page, `mijn-traject-onderbouwing-${size.name}`);
        await page.close();
      });

      it('the adviser releases a story of the closed cycle for publication and reads its history', async () => {
        const page = await signedInPage(context, base, adviser);
        await page.goto(`${base}/trajecten/${duoId}`);
        await expectFits(page, `duo-onderbouwing-${size.name}`);
        await submit(page, page.locator('section[aria-labelledby="cyclus-1"]').getByRole('link', { name: 'Verhaal bij stap 3' }));
        await expect(page.getByText(size.publication.before, { exact: true }).isVisible()).resolves.toBe(true);
        await expectFits(page, `verhaal-publicatie-${size.name}`);

        await submit(page, page.getByRole('button', { name: size.publication.button }));
        await expect(page.getByRole('status').textContent()).resolves.toContain(size.publication.notice);
        await expect(page.locator('.geschiedenis').textContent()).resolves.toContain(size.publication.history);
        await expectFits(page, `verhaal-vrijgegeven-${size.name}`);
        await page.close();
      });
    });
  }
});
