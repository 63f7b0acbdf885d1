import request from 'supertest';
import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { aCohort, aDuo, figures, intake } from '../support/fixtures.js';

/**
 * What the app does with a request body before any route sees it: a route that wants a session
 * asks for it before reading a byte of the body, and fields no route takes are refused, also
 * the ones that name an object's machinery.
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

const SOME_ID = '7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11';
const TWO_MIB_OF_JSON = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });

interface Operation {
  'x-access'?: string;
}

/** Every route of the API that changes something and is not for anyone, as the OpenAPI document of the running app lists them. */
async function nonPublicWriteRoutes(): Promise<{ method: 'post' | 'put' | 'patch' | 'delete'; path: string }[]> {
  const document = (await app.client.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method, operation]) => ['post', 'put', 'patch', 'delete'].includes(method) && operation['x-access'] !== 'anyone')
      .map(([method]) => ({ method: method as 'post' | 'put' | 'patch' | 'delete', path: path.replace(/\{(workshop|cycle)\}/g, '1').replace(/\{\w+\}/g, SOME_ID) })),
  );
}

/** How many rows each table holds: a refused request must not change any of them. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = app.testApp.app.get(DataSource);
  const tables: { tablename: string }[] = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const counts = await Promise.all(tables.map(async ({ tablename }) => [tablename, (await db.query(`SELECT count(*)::int AS n FROM "${tablename}"`))[0].n]));
  return Object.fromEntries(counts);
}

describe('a route that wants a session', () => {
  it.each([
    ['a body that is not JSON', '{"name": '],
    ['a body of 2 MiB', TWO_MIB_OF_JSON],
  ])('answers 401 to someone not signed in who sends %s, on every such route that changes something', async (_, body) => {
    const routes = await nonPublicWriteRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(28);
    expect(routes).toContainEqual({ method: 'post', path: '/api/cohorts' });

    const answers = [];
    for (const { method, path } of routes) {
      const response = await request(server())[method](path).set('content-type', 'application/json').send(body);
      answers.push(`${method.toUpperCase()} ${path} ${response.status} ${response.body.code}`);
    }

    expect(answers).toEqual(routes.map(({ method, path }) => `${method.toUpperCase()} ${path} 401 UNAUTHENTICATED`));
  });

  it('sends someone not signed in who posts a form of 2 MiB on a page to the sign-in page', async () => {
    const response = await request(server())
      .post('/edities')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(`name=${'x'.repeat(2 * 1024 * 1024)}`);

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/inloggen');
  });

  it('still reads the body of a public route for someone not signed in: 400 for a body that is not JSON, 413 for 2 MiB', async () => {
    const invalid = await request(server()).post('/api/auth/sign-in').set('content-type', 'application/json').send('{"email": ');
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('MALFORMED_REQUEST');

    const large = await request(server()).post('/api/auth/sign-in').set('content-type', 'application/json').send(TWO_MIB_OF_JSON);
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads the body once the session is there: 400 for a body that is not JSON', async () => {
    const response = await app.client.http.post('/api/cohorts').set('content-type', 'application/json').send('{"name": ');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_REQUEST');
  });
});

describe('a key that names an object\'s machinery', () => {
  let cohortId: string;
  let duoId: string;

  beforeAll(async () => {
    cohortId = (await app.client.cohort()).id;
    duoId = (await app.client.duo(cohortId)).id;
  });

  /** An own property named `key` (JSON.parse makes one; an object literal would set the prototype instead). */
  const withKey = <T extends object>(body: T, key: string): T => ({ ...body, ...JSON.parse(`{"${key}": {"role": "admin"}}`) });

  /** The key, the route, and where in its body (nested too): `{id}` is the cohort or the duo. */
  const cases = ['__proto__', 'constructor', 'prototype'].flatMap((key): [string, string, object, string][] => [
    [key, 'POST /api/cohorts', withKey(aCohort({ name: `Editie met ${key}` }), key), key],
    [key, 'POST /api/cohorts/{id}/duos', aDuo(7, { contactPersons: [withKey(aDuo(7).contactPersons[0], key), aDuo(7).contactPersons[1]] }), `contactPersons.0.${key}`],
    [key, 'POST /api/duos/{id}/intake', withKey(intake, key), key],
    [key, 'PUT /api/duos/{id}/publication-consent', withKey({ namedInPublications: true }, key), key],
    [key, 'POST /api/duos/{id}/evidence', figures(1, { indicator: withKey(figures(1).indicator, key) }), `indicator.${key}`],
  ]);

  it.each(cases)('%s in %s is refused with 400 naming the field, and nothing is written', async (_key, route, body, field) => {
    const [method, template] = route.split(' ');
    const path = template.replace('{id}', template.startsWith('/api/cohorts') ? cohortId : duoId);
    const before = await rowCounts();

    const response = await app.client.http[method.toLowerCase() as 'post' | 'put'](path).send(body);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field, message: `property ${field} should not exist` }]);
    expect(response.body.detail).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('a body on a route that takes none', () => {
  let duoId: string;

  beforeAll(async () => {
    duoId = (await app.client.duo((await app.client.cohort()).id)).id;
  });

  it.each([
    ['admits', () => `/api/duos/${duoId}/admission`],
    ['places on the waiting list', () => `/api/duos/${duoId}/waiting-list`],
  ])('is refused with 400 naming its fields where the route %s, and nothing is written', async (_, path) => {
    const before = { version: (await app.client.get(`/api/duos/${duoId}`).expect(200)).body.version, rows: await rowCounts() };

    const response = await app.client.post(path(), { x: 1, reason: 'ziek' });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { field: 'x', message: 'property x should not exist' },
      { field: 'reason', message: 'property reason should not exist' },
    ]);
    expect((await app.client.get(`/api/duos/${duoId}`).expect(200)).body.version).toBe(before.version);
    expect(await rowCounts()).toEqual(before.rows);
  });

  it('is refused with 400 when it is not an object at all', async () => {
    const response = await app.client.post(`/api/duos/${duoId}/admission`, [1]);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body', message: 'this route takes no body' }]);
  });

  it('passes as an empty object, which says nothing', async () => {
    await app.client.post(`/api/duos/${duoId}/admission`, {}).expect(201);
  });

  it('is refused first for whom the route is not: a participant hears 403, not which fields are unknown', async () => {
    const { duo, asParticipant } = await app.client.admittedDuoWithParticipant(2);

    const response = await asParticipant.post(`/api/duos/${duo.id}/waiting-list`, { x: 1 });

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });
});

describe('a form with a file on a public page', () => {
  it('is refused with 415 before its file is read: no public form takes one', async () => {
    for (const path of ['/inloggen', '/uitnodiging']) {
      const response = await request(server())
        .post(path)
        .field('email', 'iemand@adviesbureau.example')
        .attach('bestand', Buffer.alloc(64 * 1024, 1), { filename: 'groot.bin', contentType: 'application/octet-stream' });
      expect(response.status).toBe(415);
    }
  });
});

describe('an answer given before the body was read', () => {
  it('closes the connection with it, so the rest of the body is never read as a next request', async () => {
    const { connect } = await import('node:net');
    await app.testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.testApp.app.getHttpServer().address() as { port: number }).port;
    const body = JSON.stringify({ name: 'x'.repeat(200_000) });
    const answered = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(`POST /api/cohorts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      setTimeout(() => socket.writable && socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 100);
      setTimeout(() => socket.destroy(), 5000).unref();
    });
    expect(answered.match(/^HTTP\/1\.1 \d+/gm)).toEqual(['HTTP/1.1 401']);
    expect(answered).toMatch(/\r\nconnection: close\r\n/i);
  });
});
