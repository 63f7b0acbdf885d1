import request from 'supertest';
import { PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The session cookie as @fastify/cookie writes it, where people reach the app over https
 * (PUBLIC_URL), as it runs anywhere but on one's own machine.
 */
let testApp: TestApp;
const publicUrl = process.env.PUBLIC_URL;

beforeAll(async () => {
  process.env.PUBLIC_URL = 'https://trajectkompas.example';
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
  if (publicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = publicUrl;
});

const flagsOf = (setCookie: string) => setCookie.split(/;\s*/).slice(1);

it('is set HttpOnly, SameSite=Lax, Secure for the whole site on signing in, and removed with the same flags on signing out', async () => {
  const server = testApp.app.getHttpServer();
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  const signedIn = await request(server)
    .post('/inloggen')
    .set('content-type', 'application/x-www-form-urlencoded')
    .send(form({ email: testApp.admin.email, password: PASSWORD }))
    .expect(303);
  const [cookie] = [signedIn.headers['set-cookie']].flat();
  expect(cookie).toMatch(/^tk_session=[A-Za-z0-9_-]{20,};/);
  expect(flagsOf(cookie)).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Secure', 'Path=/', expect.stringMatching(/^Max-Age=\d+$/)]));

  const session = cookie.split(';')[0];
  const page = await request(server).get('/edities').set('cookie', session).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const signedOut = await request(server)
    .post('/uitloggen')
    .set('cookie', session)
    .set('content-type', 'application/x-www-form-urlencoded')
    .send(form({ _csrf: csrf }))
    .expect(303);
  const [removal] = [signedOut.headers['set-cookie']].flat();
  expect(removal).toMatch(/^tk_session=;/);
  expect(flagsOf(removal)).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Secure', 'Path=/', 'Max-Age=0']));
});
