import request from 'supertest';
import { useTestApp } from '../support/api.js';
import { PASSWORD, type SignedInPerson } from '../support/test-app.js';

/**
 * What a page route's answer carries, whatever page it is: the status the page chose (not
 * Nest's 201 after a POST), and the headers that keep pages out of caches and frames and stop
 * inline scripts. A redirect is a 303 with the same headers, so a browser follows it with GET.
 */
const app = useTestApp();

const server = () => app.testApp.app.getHttpServer();
const postForm = (path: string, fields: Record<string, string>) =>
  request(server()).post(path).set('content-type', 'application/x-www-form-urlencoded').send(new URLSearchParams(fields).toString());

function expectPageHeaders(response: request.Response) {
  expect(response.headers['content-security-policy']).toBe(
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('same-origin');
  expect(response.headers['cache-control']).toBe('no-store');
}

let adviser: SignedInPerson;

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
});

describe('a page', () => {
  it('is HTML in one piece with the page headers', async () => {
    const response = await request(server()).get('/inloggen').expect(200);

    expectPageHeaders(response);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.text)));
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(response.text).toContain('<form');
  });

  it('answers HEAD with the same headers and no body', async () => {
    const page = await request(server()).get('/inloggen').expect(200);
    const head = await request(server()).head('/inloggen').expect(200);

    expectPageHeaders(head);
    expect(head.headers['content-length']).toBe(page.headers['content-length']);
    expect(head.text).toBeUndefined();
  });

  it('sent back after a POST keeps the status the page chose, with the page headers', async () => {
    const response = await postForm('/inloggen', { email: adviser.email, password: 'niet het goede wachtwoord' });

    expect(response.status).toBe(401);
    expectPageHeaders(response);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('that fails is a page in Dutch with the page headers', async () => {
    const response = await request(server()).get('/edities/bestaat-niet/en-dit-ook-niet');

    expect(response.status).toBe(404);
    expectPageHeaders(response);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.text)));
    expect(response.text).toContain('Niet gevonden');
  });
});

describe('a redirect', () => {
  it('after signing in is a 303 to the start page with its cookies and the page headers, and no body', async () => {
    const response = await postForm('/inloggen', { email: adviser.email, password: PASSWORD });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    expect([response.headers['set-cookie']].flat()).toEqual(expect.arrayContaining([expect.stringMatching(/^tk_session=/)]));
    expectPageHeaders(response);
    expect(response.text).toBe('');
  });

  it('to sign in, for a page that needs a session, is a 303 with the page headers', async () => {
    const response = await request(server()).get('/edities');

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/inloggen?terug=%2Fedities');
    expectPageHeaders(response);
  });
});

describe('the stylesheet', () => {
  it('is CSS that browsers may keep for an hour', async () => {
    const response = await request(server()).get('/assets/trajectkompas.css').expect(200);

    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    expect(response.text.length).toBeGreaterThan(0);
  });
});
