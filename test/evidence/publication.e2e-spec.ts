import { useTestApp, type Api } from '../support/api.js';
import { figures, improvementActions, story } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Publishing stories over HTTP: an anonymised report quotes a story only after an adviser of the
 * cohort read it and marked it fit for publication (PUT .../publication). The mark belongs to
 * the words the adviser read: it asks for their version (If-Match), a later change to them takes
 * it away, and the history keeps who marked what and when. The report for the duo and its
 * advisers quotes every story as before.
 */
const app = useTestApp();
let adviser: SignedInPerson;
let asAdviser: Api;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
});

let duoNumber = 1;

interface Revision {
  version: number;
  change: string;
  publishable: boolean;
  changedBy: string;
}

interface Evidence {
  id: string;
  version: number;
  title: string;
  text: string;
  publication: { markedBy: string; markedAt: string; version: number } | null;
  history: Revision[];
}

/** An admitted duo of a new cohort of the adviser, with a participant of its municipality signed in. */
async function admittedDuo() {
  return asAdviser.admittedDuoWithParticipant(duoNumber++);
}

async function record(client: Api, duoId: string, body: object): Promise<Evidence> {
  return (await client.post(`/api/duos/${duoId}/evidence`, body).expect(201)).body;
}

async function read(client: Api, duoId: string, evidenceId: string): Promise<Evidence> {
  return (await client.get(`/api/duos/${duoId}/evidence/${evidenceId}`).expect(200)).body;
}

function mark(client: Api, duoId: string, evidenceId: string, publishable: boolean, version?: number) {
  return client.put(`/api/duos/${duoId}/evidence/${evidenceId}/publication`, { publishable }, version === undefined ? {} : { 'If-Match': String(version) });
}

const changes = (evidence: Evidence) => evidence.history.map((revision) => revision.change);

describe('marking a story fit for publication', () => {
  it('records who marked which version and when, as a revision of its own', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    expect(recorded.publication).toBeNull();

    const marked = (await mark(asAdviser, duo.id, recorded.id, true, recorded.version).expect(200)).body as Evidence;

    expect(marked.version).toBe(recorded.version + 1);
    expect(marked.publication).toEqual({ markedBy: adviser.name, markedAt: expect.any(String), version: marked.version });
    expect(changes(marked)).toEqual(['recorded', 'publicationMarked']);
    expect(marked.history.map((revision) => revision.publishable)).toEqual([false, true]);
    expect(marked.history[1].changedBy).toBe(adviser.name);
    expect((await read(asParticipant, duo.id, recorded.id)).publication).toEqual(marked.publication);
  });

  it('takes the mark back, and asking for the mark as it is changes nothing', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    const marked = (await mark(asAdviser, duo.id, recorded.id, true, recorded.version).expect(200)).body as Evidence;
    const again = (await mark(asAdviser, duo.id, recorded.id, true, marked.version).expect(200)).body as Evidence;
    expect(again.version).toBe(marked.version);

    const withdrawn = (await mark(asAdviser, duo.id, recorded.id, false).expect(200)).body as Evidence;

    expect(withdrawn.publication).toBeNull();
    expect(changes(withdrawn)).toEqual(['recorded', 'publicationMarked', 'publicationWithdrawn']);
  });

  it('refuses a mark without the version read, or for what is not a story, and changes nothing', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    const counted = await record(asParticipant, duo.id, figures(2));

    const unread = await mark(asAdviser, duo.id, recorded.id, true).expect(400);
    expect(unread.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'If-Match' })] });
    const notAStory = await mark(asAdviser, duo.id, counted.id, true, counted.version).expect(400);
    expect(notAStory.body.errors).toEqual([expect.objectContaining({ field: 'publishable' })]);

    expect(await read(asAdviser, duo.id, recorded.id)).toMatchObject({ version: 1, publication: null });
    expect(await read(asAdviser, duo.id, counted.id)).toMatchObject({ version: 1, publication: null });
  });

  it('is for the advisers of the cohort: the duo’s participants and admins get 403 and change nothing', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));

    const byParticipant = await mark(asParticipant, duo.id, recorded.id, true, recorded.version).expect(403);
    expect(byParticipant.body.code).toBe('FORBIDDEN');
    await mark(app.client, duo.id, recorded.id, true, recorded.version).expect(403);

    expect(await read(asAdviser, duo.id, recorded.id)).toMatchObject({ version: 1, publication: null });
  });

  it('is refused for deleted evidence until it is restored', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    const deleted = (await asParticipant.http.delete(`/api/duos/${duo.id}/evidence/${recorded.id}`).expect(200)).body as Evidence;

    const refused = await mark(asAdviser, duo.id, recorded.id, true, deleted.version).expect(422);

    expect(refused.body.code).toBe('EVIDENCE_DELETED');
    expect((await read(asAdviser, duo.id, recorded.id)).publication).toBeNull();
    const restored = (await asAdviser.post(`/api/duos/${duo.id}/evidence/${recorded.id}/restoration`).expect(201)).body as Evidence;
    expect((await mark(asAdviser, duo.id, recorded.id, true, restored.version).expect(200)).body.publication).toMatchObject({ markedBy: adviser.name });
  });
});

describe('a mark belongs to the words that were read', () => {
  it('goes when the title or text of the story changes, and stays when only its perspective does', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    const marked = (await mark(asAdviser, duo.id, recorded.id, true, recorded.version).expect(200)).body as Evidence;

    const moved = (await asParticipant.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, story(3, { perspective: 'provider' })).expect(200)).body as Evidence;
    expect(moved.publication).toEqual(marked.publication);

    const rewritten = (
      await asParticipant.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, story(3, { perspective: 'provider', text: 'Gemeente Voorbeeld 1 en Stichting Buurtwerk 1 zien samen dat mevrouw K. opbloeit.' })).expect(200)
    ).body as Evidence;

    expect(rewritten.publication).toBeNull();
    expect(changes(rewritten)).toEqual(['recorded', 'publicationMarked', 'edited', 'edited']);
    expect(rewritten.history.map((revision) => revision.publishable)).toEqual([false, true, true, false]);
  });

  it('stays when the same words come back with the line breaks a browser sends (CRLF)', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3, { text: 'Mevrouw K. kookt mee.\nHaar buurman ook.' }));
    const marked = (await mark(asAdviser, duo.id, recorded.id, true, recorded.version).expect(200)).body as Evidence;

    const resaved = (await asParticipant.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, story(3, { text: 'Mevrouw K. kookt mee.\r\nHaar buurman ook.' })).expect(200)).body as Evidence;

    expect(resaved.publication).toEqual(marked.publication);
  });

  it('is refused (409) when the story changed after the version the adviser read, and nothing is marked', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    const readByAdviser = await read(asAdviser, duo.id, recorded.id);
    const rewritten = (await asParticipant.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, story(3, { text: 'Gemeente Voorbeeld 1 noemt mevrouw K. bij naam.' }), { 'If-Match': String(readByAdviser.version) }).expect(200))
      .body as Evidence;

    const refused = await mark(asAdviser, duo.id, recorded.id, true, readByAdviser.version).expect(409);

    expect(refused.body).toMatchObject({ code: 'VERSION_CONFLICT', params: { expectedVersion: readByAdviser.version, currentVersion: rewritten.version } });
    expect(await read(asAdviser, duo.id, recorded.id)).toMatchObject({ version: rewritten.version, publication: null });
    await mark(asAdviser, duo.id, recorded.id, true, rewritten.version).expect(200);
  });

  it('marks a story once with the same Idempotency-Key', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = await record(asParticipant, duo.id, story(3));
    const headers = { 'If-Match': String(recorded.version), 'Idempotency-Key': 'vrijgave-1' };

    const first = await asAdviser.put(`/api/duos/${duo.id}/evidence/${recorded.id}/publication`, { publishable: true }, headers).expect(200);
    const retry = await asAdviser.put(`/api/duos/${duo.id}/evidence/${recorded.id}/publication`, { publishable: true }, headers).expect(200);

    expect(retry.body).toEqual(first.body);
    expect(changes(await read(asAdviser, duo.id, recorded.id))).toEqual(['recorded', 'publicationMarked']);
  });
});

describe('the anonymised report', () => {
  const MARKED = 'Mevrouw K. komt sinds de zomer elke week en kookt nu mee.';
  const UNMARKED = 'De gemeente Voorbeeldstad en Buurtkracht Oost zien samen dat het buurthuis vol zit.';

  it('quotes only the stories an adviser marked, also in a closed cycle; the report for the duo quotes them all', async () => {
    const { cohort, duo, asParticipant } = await admittedDuo();
    for (const step of [1, 2, 4, 5, 6]) await record(asParticipant, duo.id, figures(step));
    const marked = await record(asParticipant, duo.id, story(3, { title: 'Koken in de buurtkamer', text: MARKED }));
    const unmarked = await record(asParticipant, duo.id, story(3, { title: 'Buurtkracht Oost en de buurtkamer', text: UNMARKED, aboutAPerson: false, consentGiven: undefined }));
    await asParticipant.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
    await asAdviser.post(`/api/duos/${duo.id}/cycles/1/closure`).expect(201);

    // Reports are about closed cycles: the mark is given after the cycle closed, where nothing else can change.
    await mark(asAdviser, duo.id, marked.id, true, marked.version).expect(200);

    const anonymised = (await asAdviser.get(`/api/cohorts/${cohort.id}/report/print?anonymised=true`).expect(200)).text;
    expect(anonymised).toContain(MARKED);
    expect(anonymised).toContain('Koken in de buurtkamer');
    expect(anonymised).not.toContain('Buurtkracht Oost');
    expect(anonymised).toContain('[verhaal niet vrijgegeven voor publicatie]');

    const full = (await asAdviser.get(`/api/cohorts/${cohort.id}/report/print`).expect(200)).text;
    expect(full).toContain(MARKED);
    expect(full).toContain(UNMARKED);
    const report = (await asAdviser.get(`/api/duos/${duo.id}/report`).expect(200)).body;
    const step3 = report.cycles[0].steps.find((step: { step: number }) => step.step === 3);
    expect(step3.stories).toEqual([
      { evidenceId: marked.id, perspective: 'residents', title: 'Koken in de buurtkamer', quote: MARKED },
      { evidenceId: unmarked.id, perspective: 'residents', title: 'Buurtkracht Oost en de buurtkamer', quote: UNMARKED },
    ]);
  });
});
