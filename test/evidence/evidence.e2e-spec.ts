import { createHash } from 'node:crypto';
import { useTestApp, type Api } from '../support/api.js';
import { figures, otherMeans, story } from '../support/fixtures.js';
import { attachmentLimitOfThisFile, type SignedInPerson } from '../support/test-app.js';

/**
 * Evidence (onderbouwing) of a duo's Kwaliteitskompas over HTTP: what a participant may record,
 * the files it can carry, its history, deletion and undo, consent for stories about a person,
 * who may reach it, and retries with an Idempotency-Key.
 * The app of this file takes attachments of at most ATTACHMENT_LIMIT bytes.
 */
const ATTACHMENT_LIMIT = attachmentLimitOfThisFile(2048);

const app = useTestApp();
let adviser: SignedInPerson;
let adviserOfOtherCohort: SignedInPerson;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  adviserOfOtherCohort = await app.client.staff('adviser', 2);
});

let duoNumber = 1;

/** An admitted duo in a new cohort the adviser runs, with a participant of its municipality signed in. */
async function admittedDuo() {
  const asAdviser = app.client.as(adviser);
  return { asAdviser, ...(await asAdviser.admittedDuoWithParticipant(duoNumber++)) };
}

interface Revision {
  version: number;
  change: string;
  content: { title: string; kind: string; step: number } | null;
  attachments: string[];
  changedBy: string;
}

interface StepProgress {
  step: number;
  evidenceCount: number;
}

const ids = (list: { id: string }[]) => list.map((item) => item.id);
const changes = (history: Revision[]) => history.map((revision) => revision.change);

async function compassOf(client: Api, duoId: string): Promise<{ steps: StepProgress[]; stepsLackingEvidence: StepProgress[] }> {
  return (await client.get(`/api/duos/${duoId}/next-step`).expect(200)).body.compass;
}

const countAt = (compass: { steps: StepProgress[] }, step: number) => compass.steps.find((candidate) => candidate.step === step)?.evidenceCount;
const lacking = (compass: { stepsLackingEvidence: StepProgress[] }) => compass.stepsLackingEvidence.map((candidate) => candidate.step);

/** Sends a file as the body of the attachments route, with its own Content-Type. */
function attach(client: Api, duoId: string, evidenceId: string, fileName: string | undefined, contentType: string, content: Buffer) {
  const query = fileName === undefined ? '' : `?fileName=${encodeURIComponent(fileName)}`;
  return client.http.post(`/api/duos/${duoId}/evidence/${evidenceId}/attachments${query}`).set('content-type', contentType).send(content);
}

/** Downloads an attachment, its body as the bytes received. */
function download(client: Api, url: string) {
  return client.http.get(url).responseType('blob');
}

/**
 * The file name a Content-Disposition header gives, read as a browser reads it: filename* must be
 * an RFC 8187 ext-value (UTF-8, percent-encoded, only attr-chars: no quote or apostrophe), else
 * the plain filename parameter counts.
 */
function fileNameIn(disposition: string | undefined): string | undefined {
  const extended = /(?:^|;)\s*filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)\s*(?:;|$)/i.exec(disposition ?? '');
  if (extended) return decodeURIComponent(extended[1]);
  return /(?:^|;)\s*filename="((?:[^"\\]|\\.)*)"/i.exec(disposition ?? '')?.[1].replace(/\\(.)/g, '$1');
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A small PDF whose second line holds bytes that are not UTF-8: it must come back byte for byte, not as text. */
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const CSV = Buffer.from('week;bezoekers;opmerking\n1;120;rustig\n2;134;café open\n', 'utf8');
/** The start of a zip (an .xlsx is one), then bytes of every value. */
const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37) % 256))]);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ALLOWED_LABELS = ['JPEG photo', 'PNG image', 'WebP image', 'PDF', 'Excel spreadsheet (.xlsx)', 'OpenDocument spreadsheet (.ods)', 'CSV file'];

describe('recording evidence: every field is checked', () => {
  let duoId: string;
  let asParticipant: Api;

  beforeAll(async () => {
    const duo = await admittedDuo();
    duoId = duo.duo.id;
    asParticipant = duo.asParticipant;
  });

  const indicator = figures(1).indicator;
  const cases: [string, Record<string, unknown>, string][] = [
    ['step 7', figures(7), 'step'],
    ['step -1', figures(-1), 'step'],
    ['step 1.5', figures(1.5), 'step'],
    ['step "1" as text', figures(1, { step: '1' }), 'step'],
    ['a kind of "photos"', otherMeans(1, { kind: 'photos' }), 'kind'],
    ['a perspective of "bewoners"', figures(1, { perspective: 'bewoners' }), 'perspective'],
    ['an empty title', figures(1, { title: '' }), 'title'],
    ['a title of only white space', figures(1, { title: ' \t\n ' }), 'title'],
    ['a title of 201 characters', figures(1, { title: 't'.repeat(201) }), 'title'],
    ['no text', figures(1, { text: undefined }), 'text'],
    ['a text of 20001 characters', figures(1, { text: 'x'.repeat(20001) }), 'text'],
    ['figures without an indicator', figures(1, { indicator: undefined }), 'indicator'],
    ['an indicator on a story', story(1, { indicator }), 'indicator'],
    ['an indicator value that is not a number', figures(1, { indicator: { ...indicator, value: 'veel' } }), 'indicator.value'],
    ['an indicator value of "NaN"', figures(1, { indicator: { ...indicator, value: 'NaN' } }), 'indicator.value'],
    ['a period that ends before it starts', figures(1, { indicator: { ...indicator, periodStart: '2019-06-30', periodEnd: '2019-01-01' } }), 'indicator.periodEnd'],
    ['a period start that does not exist (2019-02-30)', figures(1, { indicator: { ...indicator, periodStart: '2019-02-30' } }), 'indicator.periodStart'],
    ['a story without aboutAPerson', story(1, { aboutAPerson: undefined, consentGiven: undefined }), 'aboutAPerson'],
    ['aboutAPerson on figures', figures(1, { aboutAPerson: false }), 'aboutAPerson'],
    ['a story about a person without consentGiven', story(1, { consentGiven: undefined }), 'consentGiven'],
    ['consentGiven on a story not about a person', story(1, { aboutAPerson: false, consentGiven: true }), 'consentGiven'],
    ['a javascript: link', otherMeans(1, { links: ['javascript:alert(1)'] }), 'links'],
    ['an ftp:// link', otherMeans(1, { links: ['ftp://voorbeeld.example/verslag.pdf'] }), 'links'],
    ['21 links', otherMeans(1, { links: Array.from({ length: 21 }, (_, i) => `https://voorbeeld.example/verhaal/${i}`) }), 'links'],
    ['an unknown field', { ...figures(1), colour: 'blauw' }, 'colour'],
    ['cycle 0', { ...figures(1), cycle: 0 }, 'cycle'],
  ];

  it.each(cases)('refuses %s with 400 naming the field, and records nothing', async (_, body, field) => {
    const response = await asParticipant.post(`/api/duos/${duoId}/evidence`, body);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(response.body.errors.find((error: { field: string }) => error.field === field).message).toEqual(expect.any(String));
    expect((await asParticipant.get(`/api/duos/${duoId}/evidence?includeDeleted=true`).expect(200)).body).toEqual([]);
  });

  it('accepts each kind when it is complete, so the refusals above are about the one field', async () => {
    const accepted = [
      figures(1, { title: 't'.repeat(200), text: 'x'.repeat(20000), indicator: { ...indicator, periodEnd: indicator.periodStart } }),
      story(2),
      story(3, { aboutAPerson: false, consentGiven: undefined }),
      otherMeans(0, { links: Array.from({ length: 20 }, (_, i) => `http://voorbeeld.example/${i}`) }),
    ];
    for (const body of accepted) await asParticipant.post(`/api/duos/${duoId}/evidence`, body).expect(201);
    const listed = (await asParticipant.get(`/api/duos/${duoId}/evidence`).expect(200)).body;
    expect(listed.map((item: { step: number; kind: string }) => [item.step, item.kind])).toEqual([
      [0, 'other'],
      [1, 'figures'],
      [2, 'stories'],
      [3, 'stories'],
    ]);
    expect(listed[3]).toMatchObject({ aboutAPerson: false, consentGiven: null, indicator: null });
  });
});

describe('attachments', () => {
  let duoId: string;
  let asParticipant: Api;
  let asAdviser: Api;

  beforeAll(async () => {
    const duo = await admittedDuo();
    ({ asParticipant, asAdviser } = duo);
    duoId = duo.duo.id;
  });

  async function evidence(step = 1): Promise<string> {
    return (await asParticipant.post(`/api/duos/${duoId}/evidence`, figures(step)).expect(201)).body.id;
  }

  /** The evidence as the team reads it: still version 1, no attachment, only its recording in the history. */
  async function expectUntouched(evidenceId: string) {
    const current = (await asParticipant.get(`/api/duos/${duoId}/evidence/${evidenceId}`).expect(200)).body;
    expect(current).toMatchObject({ version: 1, attachments: [] });
    expect(changes(current.history)).toEqual(['recorded']);
  }

  it.each([
    ['a PNG photo', 'opening buurthuis.png', 'image/png', PNG],
    ['a PDF', 'jaarverslag 2019.pdf', 'application/pdf', PDF],
    ['a CSV file', 'bezoekers per week café.csv', 'text/csv', CSV],
    ['an Excel spreadsheet', 'cijfers-wijk-noord.xlsx', XLSX_TYPE, XLSX],
  ])('takes %s and gives it back byte for byte, under its name and type', async (_, fileName, mediaType, content) => {
    const evidenceId = await evidence();
    const attached = await attach(asParticipant, duoId, evidenceId, fileName, mediaType, content);

    expect(attached.status).toBe(201);
    expect(attached.body.version).toBe(2);
    expect(attached.body.attachments).toEqual([
      expect.objectContaining({ fileName, mediaType, sizeBytes: content.length, sha256: sha256(content), url: expect.any(String) }),
    ]);
    for (const reader of [asParticipant, asAdviser, app.client]) {
      const file = await download(reader, attached.body.attachments[0].url);
      expect(file.status).toBe(200);
      expect(Buffer.isBuffer(file.body)).toBe(true);
      expect((file.body as Buffer).equals(content)).toBe(true);
      expect(file.headers['content-type'].split(';')[0].trim()).toBe(mediaType);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(fileNameIn(file.headers['content-disposition'])).toBe(fileName);
    }
  });

  it("names a file with an apostrophe ('s-Hertogenbosch) so that a browser saves it under that name", async () => {
    const evidenceId = await evidence();
    const fileName = "bezoekers 's-Hertogenbosch.csv";
    const attached = (await attach(asParticipant, duoId, evidenceId, fileName, 'text/csv', CSV).expect(201)).body;
    expect(attached.attachments[0].fileName).toBe(fileName);

    const file = await download(asParticipant, attached.attachments[0].url).expect(200);
    expect(fileNameIn(file.headers['content-disposition'])).toBe(fileName);
  });

  it('takes a file of exactly the limit', async () => {
    const evidenceId = await evidence();
    const content = Buffer.alloc(ATTACHMENT_LIMIT, 'a');
    const attached = await attach(asParticipant, duoId, evidenceId, 'precies.csv', 'text/csv', content);
    expect(attached.status).toBe(201);
    expect(attached.body.attachments[0].sizeBytes).toBe(ATTACHMENT_LIMIT);
  });

  it.each([
    ['one byte over the limit', ATTACHMENT_LIMIT + 1],
    ['far over the limit', 64 * 1024],
  ])('refuses a file %s with 413 naming the limit, and attaches nothing', async (_, size) => {
    const evidenceId = await evidence();
    const content = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8, 7)]);
    const response = await attach(asParticipant, duoId, evidenceId, 'groot.png', 'image/png', content);

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(response.body.detail).toContain(String(ATTACHMENT_LIMIT));
    await expectUntouched(evidenceId);
  });

  it.each([
    ['application/zip', 'archief.zip', XLSX],
    ['image/svg+xml', 'logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['text/html', 'pagina.html', Buffer.from('<html><body><script>alert(1)</script></body></html>')],
  ])('refuses a file of type %s with 415 naming the types it takes', async (mediaType, fileName, content) => {
    const evidenceId = await evidence();
    const response = await attach(asParticipant, duoId, evidenceId, fileName, mediaType, content);

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    for (const label of ALLOWED_LABELS) expect(response.body.detail).toContain(label);
    await expectUntouched(evidenceId);
  });

  it('refuses a file from someone not signed in before reading it', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(1)).expect(201)).body;
    const response = await app.client.as().http.post(`/api/duos/${duo.id}/evidence/${recorded.id}/attachments?fileName=foto.png`).set('content-type', 'image/png').send(PNG);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect((await asParticipant.get(`/api/duos/${duo.id}/evidence/${recorded.id}`).expect(200)).body.attachments).toEqual([]);
  });

  it('refuses a file sent as a PNG that is not one', async () => {
    const evidenceId = await evidence();
    const response = await attach(asParticipant, duoId, evidenceId, 'foto.png', 'image/png', Buffer.from('MZ\x90\x00 this is a program, not a photo', 'latin1'));

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(response.body.detail).toContain('PNG image');
    await expectUntouched(evidenceId);
  });

  it.each([
    ['without a file name', undefined],
    ['with a file name holding a slash', '../../etc/passwd'],
  ])('refuses a file %s with 400 naming fileName', async (_, fileName) => {
    const evidenceId = await evidence();
    const response = await attach(asParticipant, duoId, evidenceId, fileName, 'image/png', PNG);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('fileName');
    await expectUntouched(evidenceId);
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE when a PNG is sent to a route that takes JSON', async () => {
    const evidenceId = await evidence();
    const before = (await asParticipant.get(`/api/duos/${duoId}/evidence`).expect(200)).body;

    const recorded = await asParticipant.http.post(`/api/duos/${duoId}/evidence`).set('content-type', 'image/png').send(PNG);
    expect(recorded.status).toBe(415);
    expect(recorded.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const edited = await asParticipant.http.put(`/api/duos/${duoId}/evidence/${evidenceId}`).set('content-type', 'image/png').send(PNG);
    expect(edited.status).toBe(415);
    expect(edited.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    expect((await asParticipant.get(`/api/duos/${duoId}/evidence`).expect(200)).body).toEqual(before);
  });

  it('takes an attachment off: gone from the evidence and its download, kept in the history', async () => {
    const evidenceId = await evidence();
    const attached = (await attach(asParticipant, duoId, evidenceId, 'foto.png', 'image/png', PNG).expect(201)).body;
    const { id: attachmentId, url } = attached.attachments[0];

    const removed = await asParticipant.http.delete(`/api/duos/${duoId}/evidence/${evidenceId}/attachments/${attachmentId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ version: 3, attachments: [] });

    const current = (await asAdviser.get(`/api/duos/${duoId}/evidence/${evidenceId}`).expect(200)).body;
    expect(current.attachments).toEqual([]);
    expect(changes(current.history)).toEqual(['recorded', 'attachmentAdded', 'attachmentRemoved']);
    expect(current.history.map((revision: Revision) => revision.attachments)).toEqual([[], ['foto.png'], []]);
    const listed = (await asParticipant.get(`/api/duos/${duoId}/evidence`).expect(200)).body.find((item: { id: string }) => item.id === evidenceId);
    expect(listed.attachments).toEqual([]);

    const gone = await asParticipant.get(url);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('ATTACHMENT_NOT_FOUND');
    const again = await asParticipant.http.delete(`/api/duos/${duoId}/evidence/${evidenceId}/attachments/${attachmentId}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('ATTACHMENT_NOT_FOUND');
  });
});

describe('recording evidence starts its history', () => {
  it.each([
    ['figures, with a fraction and trimmed words', figures(3, { title: '  Cijfers met ruimte  ', indicator: { ...figures(3).indicator, name: ' Bezoekers ', value: 1234.5678, unit: ' per week ' } })],
    ['a story about a person, with consent', story(4)],
    ['a story about nobody in particular', story(4, { aboutAPerson: false, consentGiven: undefined })],
    ['other means, with links', otherMeans(5, { links: ['https://voorbeeld.example/a', 'https://voorbeeld.example/b'] })],
  ])('with a first revision that holds the content as stored: %s', async (_, recorded) => {
    const { duo, asParticipant } = await admittedDuo();
    const answer = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, recorded).expect(201)).body;
    const read = (await asParticipant.get(`/api/duos/${duo.id}/evidence/${answer.id}`).expect(200)).body;
    const { step, kind, perspective, title, text, indicator, aboutAPerson, consentGiven, links } = read;

    expect(read.history).toHaveLength(1);
    expect(read.history[0]).toMatchObject({ version: 1, change: 'recorded', attachments: [], publishable: false });
    expect(read.history[0].content).toEqual({ step, kind, perspective, title, text, indicator, aboutAPerson, consentGiven, links });
    expect(answer.history).toEqual(read.history);
    expect(answer).toEqual(read);
  });
});

describe('editing evidence keeps its history', () => {
  it('replaces the content, raises the version and keeps the earlier content; a stale If-Match changes nothing', async () => {
    const { duo, asAdviser, asParticipant, participant } = await admittedDuo();
    const recorded = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(2)).expect(201)).body;
    expect(recorded).toMatchObject({ version: 1, title: 'Cijfers bij stap 2', recordedBy: participant.name });

    const newer = figures(2, { title: 'Bezoekers na de zomer', indicator: { ...figures(2).indicator, value: 150.5 } });
    const edited = await asAdviser.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, newer, { 'If-Match': '1' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: 'Bezoekers na de zomer', indicator: { value: 150.5 }, recordedBy: participant.name, updatedBy: adviser.name });

    const read = (await asParticipant.get(`/api/duos/${duo.id}/evidence/${recorded.id}`).expect(200)).body;
    expect(read).toMatchObject({ version: 2, title: 'Bezoekers na de zomer' });
    expect(read.history).toHaveLength(2);
    expect(read.history[0]).toMatchObject({ version: 1, change: 'recorded', changedBy: participant.name, content: { title: 'Cijfers bij stap 2', indicator: { value: 120 } } });
    expect(read.history[1]).toMatchObject({ version: 2, change: 'edited', changedBy: adviser.name, content: { title: 'Bezoekers na de zomer', indicator: { value: 150.5 } } });

    const stale = await asParticipant.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, figures(2, { title: 'Over een oude versie heen' }), { 'If-Match': '1' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const after = (await asParticipant.get(`/api/duos/${duo.id}/evidence/${recorded.id}`).expect(200)).body;
    expect(after).toMatchObject({ version: 2, title: 'Bezoekers na de zomer' });
    expect(after.history).toHaveLength(2);
  });

  it('moves evidence to another step, and the compass counts it there', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(2)).expect(201)).body;
    const before = await compassOf(asParticipant, duo.id);
    expect([countAt(before, 2), countAt(before, 3)]).toEqual([1, 0]);
    expect(lacking(before)).toEqual([1, 3, 4, 5, 6]);

    const moved = await asParticipant.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, figures(3), { 'If-Match': '1' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ step: 3, stepName: expect.any(String), version: 2 });
    expect(moved.body.stepName).not.toBe(recorded.stepName);

    const after = await compassOf(asParticipant, duo.id);
    expect([countAt(after, 2), countAt(after, 3)]).toEqual([0, 1]);
    expect(lacking(after)).toEqual([1, 2, 4, 5, 6]);
    expect(ids((await asParticipant.get(`/api/duos/${duo.id}/evidence?step=3`).expect(200)).body)).toEqual([recorded.id]);
    expect((await asParticipant.get(`/api/duos/${duo.id}/evidence?step=2`).expect(200)).body).toEqual([]);
  });
});

describe('deleting evidence and undoing it', () => {
  it('takes deleted evidence out of the cycle until an adviser restores it', async () => {
    const { duo, asAdviser, asParticipant, participant } = await admittedDuo();
    const path = (suffix = '') => `/api/duos/${duo.id}/evidence${suffix}`;
    const kept = (await asParticipant.post(path(), story(1)).expect(201)).body;
    const recorded = (await asParticipant.post(path(), figures(3)).expect(201)).body;
    expect(lacking(await compassOf(asParticipant, duo.id))).toEqual([2, 4, 5, 6]);

    const deleted = await asParticipant.http.delete(path(`/${recorded.id}`));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ version: 2, deletedBy: participant.name });
    expect(Number.isNaN(Date.parse(deleted.body.deletedAt))).toBe(false);

    expect(ids((await asParticipant.get(path()).expect(200)).body)).toEqual([kept.id]);
    const withDeleted = (await asAdviser.get(path('?includeDeleted=true')).expect(200)).body;
    expect(ids(withDeleted)).toEqual([kept.id, recorded.id]);
    expect(withDeleted[1].deletedAt).toBe(deleted.body.deletedAt);
    const compass = await compassOf(asParticipant, duo.id);
    expect(countAt(compass, 3)).toBe(0);
    expect(lacking(compass)).toEqual([2, 3, 4, 5, 6]);

    const again = await asParticipant.http.delete(path(`/${recorded.id}`));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, deletedAt: deleted.body.deletedAt });
    expect(again.body.history).toHaveLength(2);

    const edit = await asParticipant.put(path(`/${recorded.id}`), figures(3, { title: 'Toch nog aangepast' }));
    expect(edit.status).toBe(422);
    expect(edit.body.code).toBe('EVIDENCE_DELETED');
    const attached = await attach(asParticipant, duo.id, recorded.id, 'cijfers.csv', 'text/csv', CSV);
    expect(attached.status).toBe(422);
    expect(attached.body.code).toBe('EVIDENCE_DELETED');

    // Admins read as outsiders: deleted evidence is not theirs to see, even when they ask for it.
    expect(ids((await app.client.get(path('?includeDeleted=true')).expect(200)).body)).toEqual([kept.id]);
    expect((await app.client.get(path(`/${recorded.id}`))).body).toMatchObject({ status: 404, code: 'EVIDENCE_NOT_FOUND' });

    const byParticipant = await asParticipant.post(path(`/${recorded.id}/restoration`));
    expect(byParticipant.status).toBe(403);
    expect(byParticipant.body.code).toBe('FORBIDDEN');
    expect((await asParticipant.get(path(`/${recorded.id}`)).expect(200)).body).toMatchObject({ version: 2, deletedAt: deleted.body.deletedAt });

    const restored = await asAdviser.post(path(`/${recorded.id}/restoration`));
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ version: 3, deletedAt: null, deletedBy: null, title: 'Cijfers bij stap 3' });
    expect(changes(restored.body.history)).toEqual(['recorded', 'deleted', 'restored']);
    expect(ids((await asParticipant.get(path()).expect(200)).body)).toEqual([kept.id, recorded.id]);
    const restoredCompass = await compassOf(asParticipant, duo.id);
    expect(countAt(restoredCompass, 3)).toBe(1);
    expect(lacking(restoredCompass)).toEqual([2, 4, 5, 6]);

    const live = await asAdviser.post(path(`/${recorded.id}/restoration`));
    expect(live.status).toBe(422);
    expect(live.body.code).toBe('EVIDENCE_NOT_DELETED');
    expect((await asParticipant.get(path(`/${recorded.id}`)).expect(200)).body.version).toBe(3);
  });
});

describe('consent: a story about a person without consent stays within the duo and its advisers', () => {
  it('shows it to the participant and the adviser, and hides it and its files from an admin', async () => {
    const { duo, asAdviser, asParticipant } = await admittedDuo();
    const path = (suffix = '') => `/api/duos/${duo.id}/evidence${suffix}`;
    const withheld = (await asParticipant.post(path(), story(1, { consentGiven: false, title: 'Meneer B. en zijn buren', text: 'Meneer B. woont alleen en kwam via zijn buren.' })).expect(201)).body;
    expect(withheld).toMatchObject({ aboutAPerson: true, consentGiven: false, shareable: false });
    const file = (await attach(asParticipant, duo.id, withheld.id, 'mevrouw-k.png', 'image/png', PNG).expect(201)).body.attachments[0];
    const consented = (await asParticipant.post(path(), story(2)).expect(201)).body;
    const counted = (await asParticipant.post(path(), figures(3)).expect(201)).body;
    expect([consented.shareable, counted.shareable]).toEqual([true, true]);

    for (const team of [asParticipant, asAdviser]) {
      const listed = (await team.get(path()).expect(200)).body;
      expect(ids(listed)).toEqual([withheld.id, consented.id, counted.id]);
      expect(listed[0]).toMatchObject({ shareable: false, text: withheld.text });
      expect((await team.get(path(`/${withheld.id}`)).expect(200)).body).toMatchObject({ shareable: false, title: withheld.title });
      expect((await download(team, file.url).expect(200)).body.equals(PNG)).toBe(true);
    }

    const listedForAdmin = (await app.client.get(path()).expect(200)).body;
    expect(ids(listedForAdmin)).toEqual([consented.id, counted.id]);
    expect(JSON.stringify(listedForAdmin)).not.toContain(withheld.text);
    expect(ids((await app.client.get(path('?step=1')).expect(200)).body)).toEqual([]);
    const item = await app.client.get(path(`/${withheld.id}`));
    expect(item.status).toBe(404);
    expect(item.body.code).toBe('EVIDENCE_NOT_FOUND');
    const attachment = await app.client.get(file.url);
    expect(attachment.status).toBe(404);
    expect(attachment.body.code).toBe('EVIDENCE_NOT_FOUND');
    expect((await app.client.get(path(`/${consented.id}`)).expect(200)).body).toMatchObject({ kind: 'stories', text: consented.text, shareable: true });
    expect((await app.client.get(path(`/${counted.id}`)).expect(200)).body).toMatchObject({ kind: 'figures', indicator: { value: 120 } });
  });

  it('lets an admin read evidence but not record or change it', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(1)).expect(201)).body;

    const record = await app.client.post(`/api/duos/${duo.id}/evidence`, figures(2));
    expect(record.status).toBe(403);
    expect(record.body.code).toBe('FORBIDDEN');
    const edit = await app.client.put(`/api/duos/${duo.id}/evidence/${recorded.id}`, figures(1, { title: 'Door de beheerder' }));
    expect(edit.status).toBe(403);
    expect((await asParticipant.get(`/api/duos/${duo.id}/evidence`).expect(200)).body).toEqual([expect.objectContaining({ id: recorded.id, version: 1 })]);
  });

  it('shows an admin evidence that was once a story without consent, but not what it said then', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const path = (suffix = '') => `/api/duos/${duo.id}/evidence${suffix}`;
    const recorded = (await asParticipant.post(path(), story(1, { consentGiven: false, title: 'Het verhaal van mevrouw K.' })).expect(201)).body;
    await asParticipant.put(path(`/${recorded.id}`), figures(1), { 'If-Match': '1' }).expect(200);

    const forAdmin = await app.client.get(path(`/${recorded.id}`));
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body).toMatchObject({ kind: 'figures', title: 'Cijfers bij stap 1', shareable: true });
    expect(changes(forAdmin.body.history)).toEqual(['recorded', 'edited']);
    expect(forAdmin.body.history[0].content).toBeNull();
    expect(forAdmin.body.history[1].content).toMatchObject({ kind: 'figures', title: 'Cijfers bij stap 1' });
    expect(JSON.stringify(forAdmin.body)).not.toContain('mevrouw K.');
    expect(ids((await app.client.get(path()).expect(200)).body)).toEqual([recorded.id]);

    const forTeam = (await asParticipant.get(path(`/${recorded.id}`)).expect(200)).body;
    expect(forTeam.history[0].content).toMatchObject({ kind: 'stories', title: 'Het verhaal van mevrouw K.', consentGiven: false });
  });

  it('hides from an admin what a story said before its consent was withdrawn, also once it is rewritten', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const path = (suffix = '') => `/api/duos/${duo.id}/evidence${suffix}`;
    const recorded = (await asParticipant.post(path(), story(1, { consentGiven: true, text: 'Meneer P. vond hier weer vrienden.' })).expect(201)).body;
    await asParticipant.put(path(`/${recorded.id}`), story(1, { consentGiven: false, text: 'Meneer P. vond hier weer vrienden.' }), { 'If-Match': '1' }).expect(200);
    await asParticipant.put(path(`/${recorded.id}`), otherMeans(1, { text: 'Een fotoserie van de buurtmaaltijd.' }), { 'If-Match': '2' }).expect(200);

    const forAdmin = (await app.client.get(path(`/${recorded.id}`)).expect(200)).body;
    expect(forAdmin.history.map((revision: Revision) => revision.content === null)).toEqual([true, true, false]);
    expect(JSON.stringify(forAdmin)).not.toContain('Meneer P.');
    const forTeam = (await asParticipant.get(path(`/${recorded.id}`)).expect(200)).body;
    expect(forTeam.history[0].content).toMatchObject({ consentGiven: true });
  });

  it('does not show an admin the names of files a story without consent carried', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const path = (suffix = '') => `/api/duos/${duo.id}/evidence${suffix}`;
    const recorded = (await asParticipant.post(path(), story(1, { consentGiven: false })).expect(201)).body;
    const attached = (await attach(asParticipant, duo.id, recorded.id, 'mevrouw-k-thuis.png', 'image/png', PNG).expect(201)).body;
    await asParticipant.http.delete(path(`/${recorded.id}/attachments/${attached.attachments[0].id}`)).expect(200);
    await asParticipant.put(path(`/${recorded.id}`), figures(1), { 'If-Match': '3' }).expect(200);

    const forAdmin = (await app.client.get(path(`/${recorded.id}`)).expect(200)).body;
    expect(changes(forAdmin.history)).toEqual(['recorded', 'attachmentAdded', 'attachmentRemoved', 'edited']);
    expect(forAdmin.history.slice(0, 3).map((revision: Revision) => revision.content)).toEqual([null, null, null]);
    expect(JSON.stringify(forAdmin)).not.toContain('mevrouw-k-thuis.png');
    // The team still sees which file the story carried.
    const forTeam = (await asParticipant.get(path(`/${recorded.id}`)).expect(200)).body;
    expect(forTeam.history[1].attachments).toEqual(['mevrouw-k-thuis.png']);
  });
});

describe('access: evidence of a duo is for that duo and the advisers of its cohort', () => {
  it('answers 404 to a participant of another duo and to an adviser of another cohort, and changes nothing', async () => {
    const owner = await admittedDuo();
    const other = await admittedDuo();
    const duoId = owner.duo.id;
    const recorded = (await owner.asParticipant.post(`/api/duos/${duoId}/evidence`, figures(1)).expect(201)).body;
    const file = (await attach(owner.asParticipant, duoId, recorded.id, 'cijfers.csv', 'text/csv', CSV).expect(201)).body.attachments[0];
    const evidencePath = `/api/duos/${duoId}/evidence/${recorded.id}`;

    for (const outsider of [other.asParticipant, app.client.as(adviserOfOtherCohort)]) {
      const attempts = [
        outsider.get(`/api/duos/${duoId}/evidence`),
        outsider.get(evidencePath),
        outsider.get(file.url),
        outsider.post(`/api/duos/${duoId}/evidence`, figures(2)),
        outsider.put(evidencePath, figures(1, { title: 'Van buiten' })),
        outsider.http.delete(evidencePath),
        attach(outsider, duoId, recorded.id, 'ook.csv', 'text/csv', CSV),
        outsider.http.delete(`${evidencePath}/attachments/${file.id}`),
      ];
      for (const attempt of attempts) {
        const response = await attempt;
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('DUO_NOT_FOUND');
      }
    }

    // Through their own duo's address, the other duo's evidence does not exist either.
    const ownPath = `/api/duos/${other.duo.id}/evidence/${recorded.id}`;
    for (const attempt of [
      other.asParticipant.get(ownPath),
      other.asParticipant.get(`${ownPath}/attachments/${file.id}`),
      other.asParticipant.put(ownPath, figures(1, { title: 'Via de eigen duo' })),
      other.asParticipant.http.delete(ownPath),
      other.asParticipant.http.delete(`${ownPath}/attachments/${file.id}`),
    ]) {
      const response = await attempt;
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('EVIDENCE_NOT_FOUND');
    }

    const after = (await owner.asParticipant.get(evidencePath).expect(200)).body;
    expect(after).toMatchObject({ version: 2, title: 'Cijfers bij stap 1', deletedAt: null, attachments: [expect.objectContaining({ id: file.id })] });
    expect(ids((await owner.asAdviser.get(`/api/duos/${duoId}/evidence`).expect(200)).body)).toEqual([recorded.id]);
    expect((await other.asParticipant.get(`/api/duos/${other.duo.id}/evidence`).expect(200)).body).toEqual([]);
  });
});

describe('retries with an Idempotency-Key', () => {
  it('records evidence once for the same key and body, and refuses the key for another body', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const path = `/api/duos/${duo.id}/evidence`;
    const key = { 'Idempotency-Key': 'onderbouwing-stap-1-poging' };

    const first = await asParticipant.post(path, figures(1), key);
    expect(first.status).toBe(201);
    const retry = await asParticipant.post(path, figures(1), key);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(ids((await asParticipant.get(path).expect(200)).body)).toEqual([first.body.id]);

    const reused = await asParticipant.post(path, figures(2), key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(ids((await asParticipant.get(path).expect(200)).body)).toEqual([first.body.id]);
  });

  it('attaches a file once for the same key and file', async () => {
    const { duo, asParticipant } = await admittedDuo();
    const recorded = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(1)).expect(201)).body;
    const send = (content: Buffer) =>
      attach(asParticipant, duo.id, recorded.id, 'foto.png', 'image/png', content).set('Idempotency-Key', 'bijlage-foto-1');

    const first = await send(PNG);
    expect(first.status).toBe(201);
    const retry = await send(PNG);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const other = await send(Buffer.concat([PNG, Buffer.from([0])]));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await asParticipant.get(`/api/duos/${duo.id}/evidence/${recorded.id}`).expect(200)).body).toMatchObject({ version: 2, attachments: [expect.objectContaining({ fileName: 'foto.png' })] });
  });
});
