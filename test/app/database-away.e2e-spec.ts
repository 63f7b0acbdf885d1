import request from 'supertest';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { aCohort } from '../support/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * While PostgreSQL is away (here: a proxy in front of it drops every connection and refuses new
 * ones), every request gets 503 with Retry-After instead of a 500, the log says so once (not a
 * stack trace per request), /health says the database is down without saying where it is, and
 * the app recovers by itself when it is back.
 */
let testApp: TestApp;
let proxy: TcpProxy;
const lines: string[] = [];
const logged = () => lines.map((line) => JSON.parse(line) as { level: string; message?: string; context?: string });

beforeAll(async () => {
  const database = await createTestDatabase();
  const url = new URL(database.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  testApp = await startTestApp({ logLevel: 'info', logStream: { write: (line) => lines.push(line) }, database: { url: url.toString(), drop: database.drop } });
});
afterAll(async () => {
  await proxy.restore();
  await testApp.close();
  await proxy.close();
});

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('answers 503 with Retry-After while the database is away, logs it once, and recovers by itself', async () => {
  const adviser = api(testApp, testApp.admin.token);
  await adviser.get('/api/cohorts').expect(200);
  const before = lines.length;

  await proxy.cut();
  for (let round = 0; round < 5; round++) {
    for (const response of [await adviser.get('/api/cohorts'), await adviser.post('/api/cohorts', aCohort()), await api(testApp).post('/api/auth/sign-in', { email: testApp.admin.email, password: 'een lang genoeg wachtwoord' })]) {
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(response.body.detail).toMatch(/cannot reach its database.*Try again in 5 seconds/);
    }
  }
  const page = await request(testApp.app.getHttpServer()).get('/edities').set('cookie', `tk_session=${testApp.admin.token}`);
  expect(page.status).toBe(503);
  expect(page.headers['retry-after']).toBe('5');
  expect(page.text).toContain('Trajectkompas is even niet bereikbaar');

  const health = await request(testApp.app.getHttpServer()).get('/health');
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { database: 'down' } });
  expect(health.text).not.toMatch(/ECONN|127\.0\.0\.1|timeout/i);
  expect(health.text).not.toContain(`:${proxy.port}`);

  await testApp.app.get(Scheduler).tick();

  const outage = logged().slice(before);
  expect(outage.filter((line) => /does not answer/.test(line.message ?? ''))).toHaveLength(1);
  // Nothing else but the request lines (warnings, one per request): no stack trace per request, no scheduler or health check errors.
  expect(outage.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([expect.stringMatching(/does not answer/)]);
  expect(outage.filter((line) => !('req' in line) && !/does not answer/.test(line.message ?? ''))).toEqual([]);
  const requestLines = outage.filter((line) => 'req' in line);
  expect(requestLines.length).toBeGreaterThanOrEqual(17);
  expect(requestLines.every((line) => line.level === 'warn')).toBe(true);

  await proxy.restore();
  await until(async () => (await adviser.get('/api/cohorts')).status === 200);
  await until(() => logged().some((line) => /answers again/.test(line.message ?? '')));
  await adviser.post('/api/cohorts', aCohort({ name: 'Na de storing' })).expect(201);
  expect(logged().filter((line) => /answers again/.test(line.message ?? ''))).toHaveLength(1);
});
