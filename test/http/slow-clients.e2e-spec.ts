import { connect, type Socket } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Slow clients do not hold a connection: headers that never end, a body that stops halfway and
 * a body that trickles in are all cut off within seconds (here with the timeouts set to 1, 1
 * and 3 seconds), without a proxy in front. A normal request on the same server still works.
 */
let testApp: TestApp;
let port: number;
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, { HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_IDLE_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '3' });
  testApp = await startTestApp();
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  port = (testApp.app.getHttpServer().address() as { port: number }).port;
});
afterAll(async () => {
  await testApp.close();
  for (const name of ['HTTP_HEADERS_TIMEOUT_SECONDS', 'HTTP_IDLE_TIMEOUT_SECONDS', 'HTTP_REQUEST_TIMEOUT_SECONDS']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** Opens a connection, sends `start`, and resolves with the seconds until the server closed it (and what it said). */
function heldFor(start: string, trickle?: { every: number; chunk: string }): Promise<{ seconds: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(start);
      if (trickle) timer = setInterval(() => socket.writable && socket.write(trickle.chunk), trickle.every);
    });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ seconds: (Date.now() - began) / 1000, answer });
    });
    setTimeout(() => reject(new Error('the server still holds the connection after 15 s')), 15_000).unref();
  });
}

const signInHead = (length: number) =>
  `POST /api/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

it('closes a connection whose headers never end', async () => {
  const { seconds } = await heldFor('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  expect(seconds).toBeLessThan(5);
});

it('closes a connection whose body stops halfway', async () => {
  const { seconds } = await heldFor(`${signInHead(200)}{"email":"iemand@`);
  expect(seconds).toBeLessThan(5);
});

it('closes a connection whose body trickles in, byte by byte', async () => {
  const { seconds } = await heldFor(`${signInHead(10_000)}{`, { every: 300, chunk: ' ' });
  expect(seconds).toBeGreaterThan(2);
  expect(seconds).toBeLessThan(8);
});

it('keeps the connection of a request the server itself takes longer over than the idle time', async () => {
  const blocker = new pg.Client({ connectionString: testApp.database.url });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE cohorts IN ACCESS EXCLUSIVE MODE');
    const answered = request(`http://127.0.0.1:${port}`).get('/api/cohorts').set('authorization', `Bearer ${testApp.admin.token}`);
    const release = new Promise((resolve) => setTimeout(resolve, 2500)).then(() => blocker.query('COMMIT'));
    const [response] = await Promise.all([answered, release]);
    expect(response.status).toBe(200);
  } finally {
    await blocker.end();
  }
});

it('still answers a client that sends its request at once', async () => {
  const body = JSON.stringify({ email: 'niemand@adviesbureau.example', password: 'een wachtwoord van twaalf' });
  const { answer } = await heldFor(`${signInHead(Buffer.byteLength(body)).replace('HTTP/1.1\r\n', 'HTTP/1.1\r\nConnection: close\r\n')}${body}`);
  expect(answer).toMatch(/^HTTP\/1\.1 401/);
});
