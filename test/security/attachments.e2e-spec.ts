import { useTestApp, type Api } from '../support/api.js';
import { figures } from '../support/fixtures.js';

/**
 * Attachments that could fool the person who downloads them: a name that reads as another type
 * ("foto\u202Egnp.exe" shows as "fotoexe.png"), and a "CSV" that is a web page in disguise.
 */
const app = useTestApp();
let asParticipant: Api;
let duoId: string;

beforeAll(async () => {
  const adviser = await app.client.staff('adviser', 1);
  const duo = await app.client.as(adviser).admittedDuoWithParticipant(1);
  ({ asParticipant } = duo);
  duoId = duo.duo.id;
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function evidence(): Promise<string> {
  return (await asParticipant.post(`/api/duos/${duoId}/evidence`, figures(1)).expect(201)).body.id;
}

function attach(evidenceId: string, fileName: string, contentType: string, content: Buffer) {
  return asParticipant.http
    .post(`/api/duos/${duoId}/evidence/${evidenceId}/attachments?fileName=${encodeURIComponent(fileName)}`)
    .set('content-type', contentType)
    .send(content);
}

async function attachments(evidenceId: string): Promise<unknown[]> {
  return (await asParticipant.get(`/api/duos/${duoId}/evidence/${evidenceId}`).expect(200)).body.attachments;
}

describe('the name of an attachment', () => {
  it.each([
    ['a right-to-left override (shows as "fotoexe.png")', 'foto\u202Egnp.exe', /direction/],
    ['a first-strong isolate', 'rapport\u2068.pdf', /direction/],
    ['a right-to-left mark', 'cijfers\u200F.csv', /direction/],
    ['a line separator', 'foto\u2028.png', /control/],
    ['a tab', 'foto\t.png', /control/],
    ['the name "."', '.', /"\." or "\.\."/],
    ['the name ".."', '..', /"\." or "\.\."/],
  ])('is refused with 400 when it holds %s, and nothing is attached', async (_, fileName, message) => {
    const evidenceId = await evidence();
    const response = await attach(evidenceId, fileName, 'image/png', PNG);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'fileName', message: expect.stringMatching(message) }]);
    expect(await attachments(evidenceId)).toEqual([]);
  });

  it('may hold letters of any script, and dots inside it', async () => {
    const evidenceId = await evidence();
    await attach(evidenceId, 'שכונה..מפה.png', 'image/png', PNG).expect(201);
  });
});

describe('a CSV attachment', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'],
    ['HTML after blank lines', '\r\n\n   <script>alert(document.cookie)</script>\n'],
    ['HTML after a byte order mark', '\uFEFF<html><body>hallo</body></html>'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['text with a NUL', 'week;bezoekers\n1;\u0000120\n'],
    ['bytes that are not UTF-8', Buffer.from('week;bezoekers\n1;caf\xe9\n', 'latin1')],
    ['text with control characters', 'week;bezoekers\n1;\u0007120\u001b[2J\n'],
  ])('is refused with 415 when it is %s', async (_, content) => {
    const evidenceId = await evidence();
    const response = await attach(evidenceId, 'bezoekers.csv', 'text/csv', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(response.body.detail).toMatch(/CSV file.*plain text/);
    expect(await attachments(evidenceId)).toEqual([]);
  });

  it('is taken with a byte order mark, tabs and Windows line ends, and downloaded as a file the browser does not sniff', async () => {
    const evidenceId = await evidence();
    const content = Buffer.from('\uFEFFweek\tbezoekers\r\n1\t120\r\n2\t134 (café <open>)\r\n', 'utf8');
    const attached = (await attach(evidenceId, 'bezoekers.csv', 'text/csv', content).expect(201)).body;

    const file = await asParticipant.http.get(attached.attachments[0].url).responseType('blob').expect(200);
    expect((file.body as Buffer).equals(content)).toBe(true);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });
});
