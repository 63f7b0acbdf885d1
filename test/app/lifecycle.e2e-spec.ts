import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCommand } from '../../scripts/child-app.js';
import { freePort, isProcessRunning } from '../../src/database/embedded-postgres.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * The built app as a user starts it (`npm start` runs dist/src/main.js, with its Node options) with no DATABASE_URL:
 * on its embedded PostgreSQL, stopped by a signal, killed, and started again.
 */
const main = new URL('../../dist/src/main.js', import.meta.url).pathname;
const SLOW = 90_000;

let workDir: string;
let env: NodeJS.ProcessEnv;
let address: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'trajectkompas-lifecycle-'));
  const port = await freePort();
  address = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  env = {
    ...inherited,
    PORT: String(port),
    EMBEDDED_POSTGRES_DIR: join(workDir, 'postgres'),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  };
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(overrides: NodeJS.ProcessEnv = {}): Promise<Running> {
  const started = startCommand();
  const child = spawn(process.execPath, [...started.options, main], { env: { ...started.env, ...env, ...overrides }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Trajectkompas listens on')) resolve({ child, output: () => output, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the app exited (${code}) before listening:\n${output}`)));
  });
}

async function postmasterPid(): Promise<number> {
  return Number((await readFile(join(env.EMBEDDED_POSTGRES_DIR as string, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

it('starts on the embedded PostgreSQL, says where it listens, and stops it cleanly on SIGTERM', async () => {
  const app = await start();
  expect(app.output()).toContain(`listens on ${address}`);
  const health = await fetch(`${address}/health`);
  expect(health.status).toBe(200);
  const postgres = await postmasterPid();

  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);
  expect(isProcessRunning(postgres)).toBe(false);
  expect(existsSync(join(env.EMBEDDED_POSTGRES_DIR as string, 'postmaster.pid'))).toBe(false);
}, SLOW);

/** The README's way to the first admin: `npm run create-admin`, then the link, then signing in. */
async function firstAdminToken(): Promise<string> {
  const script = new URL('../../dist/scripts/create-admin.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--name', 'Beheerder', '--email', 'beheer@example.org'], { env });
  const token = /token=([A-Za-z0-9_-]+)/.exec(stdout)?.[1];
  const json = { 'content-type': 'application/json' };
  const password = 'een lang genoeg wachtwoord';
  const accepted = await fetch(`${address}/api/invitations/accept`, { method: 'POST', headers: json, body: JSON.stringify({ token, password }) });
  expect(accepted.status).toBe(201);
  const signIn = await fetch(`${address}/api/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'beheer@example.org', password }),
  });
  expect(signIn.status).toBe(200);
  return ((await signIn.json()) as { token: string }).token;
}

it('starts again after being killed with -9, with its data', async () => {
  const first = await start();
  const token = await firstAdminToken();
  const authorization = `Bearer ${token}`;
  const created = await fetch(`${address}/api/cohorts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ name: 'Editie 2099', registrationDeadline: '2099-03-31', capacity: 6 }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const orphan = await postmasterPid();

  first.child.kill('SIGKILL');
  await first.exited;
  expect(isProcessRunning(orphan)).toBe(true);

  const second = await start();
  expect(second.output()).toContain('stopping a server left running by an earlier process');
  const read = await fetch(`${address}/api/cohorts/${id}`, { headers: { authorization } });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ name: 'Editie 2099' });
  second.child.kill('SIGINT');
  expect(await second.exited).toBe(0);
}, SLOW);

it('lets a second process (npm run migration:run) use the running app\'s database without stopping it', async () => {
  const app = await start();
  const migrate = new URL('../../dist/scripts/migrate.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [migrate, 'up'], { env });
  expect(stdout).toContain('Nothing to apply');
  expect((await fetch(`${address}/health`)).status).toBe(200);
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);
}, SLOW);

it.each(['SIGTERM', 'SIGHUP'] as const)('on a PostgreSQL server of its own (DATABASE_URL) stops cleanly on %s', async (signal) => {
  const database = await createTestDatabase();
  try {
    const app = await start({ DATABASE_URL: database.url });
    expect(app.output()).not.toContain('embedded PostgreSQL');
    expect((await fetch(`${address}/health`)).status).toBe(200);
    app.child.kill(signal);
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain(`${signal} received: stopping`);
  } finally {
    await database.drop();
  }
}, SLOW);

it('refuses to start with a wrong variable, naming it', async () => {
  await expect(start({ PORT: 'eighty', LOG_LEVEL: 'loud' })).rejects.toThrow(/PORT: .*LOG_LEVEL: /s);
}, SLOW);

it("starts with npm start's memory budget (Node options and malloc arenas), in the container image too", async () => {
  const { env: variables, options } = startCommand();
  expect(options).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
  expect(variables).toEqual({ MALLOC_ARENA_MAX: '1' });
  const dockerfile = await readFile(new URL('../../Dockerfile', import.meta.url), 'utf8');
  const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
  expect(command).toEqual(['node', ...options, 'dist/src/main.js']);
  const environment = /^ENV (.*)$/m.exec(dockerfile)?.[1].split(' ') ?? [];
  expect(environment).toEqual(expect.arrayContaining(Object.entries(variables).map(([name, value]) => `${name}=${value}`)));
});
