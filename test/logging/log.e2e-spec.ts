import { connect } from 'node:net';
import request from 'supertest';
import { api } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The log, as an operator reads it: one logger writes every line (JSON), each line written while a
 * request runs carries that request's id, also the lines services write, and no secret reaches a
 * line, whatever flow the request took: invitation links (their token sits in the query),
 * passwords, session cookies, bearer tokens and CSRF tokens.
 */
let testApp: TestApp;
const lines: string[] = [];
const PASSWORD = 'Een wachtwoord dat niemand mag lezen';

beforeAll(async () => {
  testApp = await startTestApp({ logLevel: 'debug', logStream: { write: (line) => lines.push(line) } });
});
afterAll(() => testApp.close());

const server = () => testApp.app.getHttpServer();
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** Every secret the flows handled, none of which may be in any line. */
const secrets = new Set<string>();

function expectNoSecretInTheLog(): void {
  const text = lines.join('');
  expect(secrets.size).toBeGreaterThan(0);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

async function invite(email: string): Promise<string> {
  const invited = await api(testApp, testApp.admin.token).post('/api/accounts', { name: 'Iemand', email, role: 'adviser' }).expect(201);
  const token = invited.body.invitation.token as string;
  secrets.add(token);
  return token;
}

function sessionCookieIn(response: request.Response): string {
  const cookie = [response.headers['set-cookie'] ?? []].flat().find((line: string) => line.startsWith('tk_session='));
  if (!cookie) throw new Error('no session cookie was set');
  const value = cookie.split(';')[0];
  secrets.add(value.slice('tk_session='.length));
  return value;
}

const form = (path: string, fields: Record<string, string>, cookie?: string) => {
  const call = request(server()).post(path).set('content-type', 'application/x-www-form-urlencoded');
  return (cookie ? call.set('cookie', cookie) : call).send(new URLSearchParams(fields).toString());
};

describe('the log', () => {
  it('keeps the invitation token out when the link is opened and the invitation accepted on the page', async () => {
    const token = await invite('pagina@adviesbureau.example');
    await request(server()).get(`/uitnodiging?token=${token}`).expect(200);
    secrets.add(PASSWORD);
    const accepted = await form('/uitnodiging', { token, password: PASSWORD, repeat: PASSWORD }).expect(303);
    sessionCookieIn(accepted);
    expectNoSecretInTheLog();
    expect(lines.join('')).toContain('/uitnodiging?token=[redacted]');
  });

  it('keeps passwords, the session cookie and the CSRF token out of signing in, a form and signing out on the pages', async () => {
    const signedIn = await form('/inloggen', { email: 'pagina@adviesbureau.example', password: PASSWORD }).expect(303);
    const cookie = sessionCookieIn(signedIn);
    const page = await request(server()).get('/edities').set('cookie', cookie).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    secrets.add(csrf);
    await form('/edities', { _csrf: csrf, name: '' }, cookie);
    await form('/uitloggen', { _csrf: csrf }, cookie).expect(303);
    await form('/inloggen', { email: 'pagina@adviesbureau.example', password: `${PASSWORD} fout` }).expect(401);
    secrets.add(`${PASSWORD} fout`);
    expectNoSecretInTheLog();
  });

  it('keeps tokens and passwords out of the API: accepting, signing in, bearer requests and refusals', async () => {
    const token = await invite('api@adviesbureau.example');
    const anonymous = api(testApp);
    await anonymous.post('/api/invitations/accept', { token, password: 'kort' }).expect(400);
    await anonymous.post('/api/invitations/accept', { token, password: PASSWORD }).expect(201);
    const session = await anonymous.post('/api/auth/sign-in', { email: 'api@adviesbureau.example', password: PASSWORD }).expect(200);
    secrets.add(session.body.token);
    secrets.add(session.body.csrfToken);
    await api(testApp, session.body.token).get('/api/cohorts').expect(200);
    await request(server()).get('/api/cohorts').set('authorization', 'Bearer niet-geldig-maar-wel-geheim').expect(401);
    secrets.add('niet-geldig-maar-wel-geheim');
    await request(server()).get('/api/cohorts').set('cookie', 'tk_session=ook-dit-is-geheim').expect(401);
    secrets.add('ook-dit-is-geheim');
    expectNoSecretInTheLog();
  });

  it('writes one JSON shape, with the request id on the request line and on what services write during it', async () => {
    const invited = await api(testApp, testApp.admin.token)
      .post('/api/accounts', { name: 'Nog iemand', email: 'nog@adviesbureau.example', role: 'adviser' }, { 'x-request-id': 'verzoek-42' })
      .expect(201);
    secrets.add(invited.body.invitation.token);
    expect(invited.headers['x-request-id']).toBe('verzoek-42');
    const ofRequest = logged().filter((line) => line.requestId === 'verzoek-42');
    expect(ofRequest.map((line) => line.message)).toEqual(['Invitation issued', 'POST /api/accounts 201']);
    expect(ofRequest[0]).toMatchObject({ level: 'info', context: 'Accounts', accountId: invited.body.account.id });
    expect(ofRequest[1]).toMatchObject({ level: 'info', req: { method: 'POST', url: '/api/accounts' }, res: { statusCode: 201 } });
    for (const line of logged()) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(Number), message: expect.any(String) }));
    const requestLines = logged().filter((line) => line.req);
    expect(requestLines.length).toBeGreaterThan(10);
    for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
    expectNoSecretInTheLog();
  });

  it('writes a warning for a request the client gave up on while sending its body, and nothing about the database', async () => {
    const listening = server().listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    const socket = connect((listening.address() as { port: number }).port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/accounts HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${testApp.admin.token}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\nx-request-id: half-gestuurd\r\n\r\n{"name":`,
    );
    const requestLine = () => logged().find((line) => line.requestId === 'half-gestuurd' && line.req);
    for (let tries = 0; tries < 50 && !requestLine(); tries++) {
      if (tries === 5) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    listening.close();
    expect(logged().filter((line) => line.requestId === 'half-gestuurd')).toEqual([
      expect.objectContaining({ level: 'warn', message: 'POST /api/accounts aborted by the client', req: { method: 'POST', url: '/api/accounts' } }),
    ]);
  });
});
