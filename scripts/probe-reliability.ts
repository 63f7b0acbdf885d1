import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import pg from 'pg';
import { persistCompass, replayStoredCompass } from '../src/compass/compass.js';
import { databaseUrl } from '../src/database/database-url.js';
import { freePort } from '../src/database/embedded-postgres.js';
import { appEnv, startApp, stopApp, type RunningApp } from './child-app.js';
import { persistTrajectory, replayTrajectory } from '../src/trajectory/trajectory.js';
import { programmeDefinition } from '../src/programmes/programmes.js';
import type { TrajectoryEvent, TrajectoryInput } from '../src/programmes/werkateliers/werkateliers.machine.js';
import { todayInAmsterdam } from '../src/shared/dates.js';

/**
 * npm run probe:reliability: the figures issue 13 says must keep holding, measured on the built
 * app (dist/src/main.js) as child processes on 127.0.0.1. It prints figures; it is not a test,
 * but it ends with exit code 1 when a figure that must hold does not.
 *   1. kill -9 under load: every acknowledged write is there after a restart (on DATABASE_URL;
 *      then on the embedded PostgreSQL, killed too, unless PROBE_EMBEDDED=0);
 *   2. two processes on one database: a cohort's capacity and a duo's advisory-meeting cap hold;
 *   3. fuzzed requests over every operation of the OpenAPI document: no 5xx;
 *   4. every trajectory and compass event log in the probe's database replays to its snapshot.
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test); the
 * probe creates a database of its own there and drops it at the end.
 * Counts: PROBE_CLIENTS (16 concurrent writers), PROBE_KILL_AFTER_MS (3000 ms of load before the
 * kill), PROBE_CAP_ROUNDS (3 races per cap), PROBE_FUZZ_REQUESTS (15000 in all), PROBE_FUZZ_CLIENTS (8).
 */
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLIENTS = count('PROBE_CLIENTS', 16);
const KILL_AFTER_MS = count('PROBE_KILL_AFTER_MS', 3000);
const CAP_ROUNDS = count('PROBE_CAP_ROUNDS', 3);
const FUZZ_REQUESTS = count('PROBE_FUZZ_REQUESTS', 15_000);
const FUZZ_CLIENTS = count('PROBE_FUZZ_CLIENTS', 8);
const EMBEDDED = process.env.PROBE_EMBEDDED !== '0';
/** No phase may run longer than this; a request longer than REQUEST_TIMEOUT_MS counts as a timeout. */
const PHASE_DEADLINE_MS = 240_000;
const REQUEST_TIMEOUT_MS = 15_000;
const PASSWORD = 'een lang genoeg wachtwoord';
const CREATE_ADMIN = new URL('./create-admin.js', import.meta.url).pathname;

function count(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not ${process.env[name]}`);
  return value;
}

const failures: string[] = [];
function figure(label: string, value: string | number, mustHold?: boolean): void {
  if (mustHold === false) failures.push(label);
  console.log(`  ${label}: ${value}${mustHold === undefined ? '' : mustHold ? '  (holds)' : '  (DOES NOT HOLD)'}`);
}

// ---------------------------------------------------------------- HTTP

interface Answer {
  /** 0 when no response came: `error` says why. */
  status: number;
  /** The JSON answer (or the text when it is none), of whatever shape: the probe reads the few fields it needs. */
  body: any;
  error?: string;
}

async function call(address: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string | Buffer; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  try {
    const response = await fetch(`${address}${path}`, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (a page, a CSV): kept as text
    }
    return { status: response.status, body: parsed };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { status: 0, body: undefined, error: cause };
  }
}

async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const result = await answer;
  if (result.status !== status) throw new Error(`${what}: expected ${status}, got ${result.status} ${result.error ?? JSON.stringify(result.body).slice(0, 500)}`);
  return result;
}

// ---------------------------------------------------------------- people and data

interface People {
  admin: string;
  adviser: string;
  cohortId: string;
  /** Admitted duos, each with a participant (its municipality's contact person) signed in. */
  duos: { id: string; participant: string }[];
}

async function signIn(address: string, email: string): Promise<string> {
  return (await expectStatus(call(address, 'POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } }), 200, `sign-in of ${email}`)).body.token;
}

async function accept(address: string, token: string): Promise<void> {
  await expectStatus(call(address, 'POST', '/api/invitations/accept', { body: { token, password: PASSWORD } }), 201, 'accepting an invitation');
}

function aDuo(n: number) {
  return {
    municipality: `Gemeente Proef ${n}`,
    provider: `Stichting Proef ${n}`,
    contactPersons: [
      { side: 'municipality', name: `Sanne Proef ${n}`, email: `sanne${n}.${randomBytes(3).toString('hex')}@gemeente-proef.example` },
      { side: 'provider', name: `Joris Proef ${n}`, email: `joris${n}@proef.example` },
    ],
    collectiveServices: ['jongerenwerk'],
  };
}

const aCohort = (name: string, capacity = 8) => ({ name, registrationDeadline: '2099-03-31', capacity, workshop3Planned: true });

async function createCohort(address: string, token: string, name: string, capacity = 8): Promise<string> {
  return (await expectStatus(call(address, 'POST', '/api/cohorts', { token, body: aCohort(name, capacity) }), 201, 'creating a cohort')).body.id;
}

async function registerDuo(address: string, token: string, cohortId: string, n: number): Promise<{ id: string; email: string }> {
  const duo = aDuo(n);
  const { body } = await expectStatus(call(address, 'POST', `/api/cohorts/${cohortId}/duos`, { token, body: duo }), 201, 'registering a duo');
  return { id: body.id, email: duo.contactPersons[0].email };
}

/** The first admin as `npm run create-admin` makes one, an adviser they invite, a cohort of the adviser with four admitted duos and their participants. */
async function seed(app: RunningApp): Promise<People> {
  const adminEmail = `beheer.${randomBytes(3).toString('hex')}@proef.example`;
  const { stdout } = await promisify(execFile)(process.execPath, [CREATE_ADMIN, '--name', 'Beheerder Proef', '--email', adminEmail], { env: app.env, timeout: 60_000 });
  const adminInvitation = /token=([A-Za-z0-9_-]+)/.exec(stdout)?.[1];
  if (!adminInvitation) throw new Error(`create-admin printed no invitation link:\n${stdout}`);
  await accept(app.address, adminInvitation);
  const admin = await signIn(app.address, adminEmail);
  const adviserEmail = `adviseur.${randomBytes(3).toString('hex')}@proef.example`;
  const invited = await expectStatus(call(app.address, 'POST', '/api/accounts', { token: admin, body: { name: 'Adviseur Proef', email: adviserEmail, role: 'adviser' } }), 201, 'inviting an adviser');
  await accept(app.address, invited.body.invitation.token);
  const adviser = await signIn(app.address, adviserEmail);
  const cohortId = await createCohort(app.address, adviser, 'Proef kill -9');
  const duos: People['duos'] = [];
  for (let n = 1; n <= 4; n++) {
    const duo = await registerDuo(app.address, adviser, cohortId, n);
    await expectStatus(call(app.address, 'POST', `/api/duos/${duo.id}/admission`, { token: adviser }), 201, 'admitting a duo');
    const invitation = await expectStatus(call(app.address, 'POST', `/api/duos/${duo.id}/invitations`, { token: adviser, body: { email: duo.email } }), 201, 'inviting a participant');
    await accept(app.address, invitation.body.invitation.token);
    duos.push({ id: duo.id, participant: await signIn(app.address, duo.email) });
  }
  return { admin, adviser, cohortId, duos };
}

// ---------------------------------------------------------------- 1. kill -9 under load

interface Write {
  marker: string;
  kind: 'cohort' | 'evidence';
  duo?: { id: string; participant: string };
}

/**
 * CLIENTS clients write at once (even ones: cohorts as the adviser; odd ones: evidence as a
 * participant), each write named by a marker of its own. After KILL_AFTER_MS `kill` kills the
 * app; after a restart every acknowledged write must be readable, and each write that got no
 * answer is looked up by its marker (committed or not: both are fine; an acknowledged write lost is not).
 */
async function killUnderLoad(label: string, app: RunningApp, people: People, kill: (app: RunningApp) => Promise<void>): Promise<RunningApp> {
  console.log(`\n${label}`);
  const acknowledged: (Write & { id: string })[] = [];
  const unanswered: Write[] = [];
  const statuses = new Map<string, number>();
  let sent = 0;
  let killed = false;
  const deadline = Date.now() + PHASE_DEADLINE_MS;
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let n = 0; !killed && Date.now() < deadline; n++) {
      const marker = `proef-${client}-${n}`;
      const duo = people.duos[Math.floor(client / 2) % people.duos.length];
      const write: Write = client % 2 === 0 ? { marker, kind: 'cohort' } : { marker, kind: 'evidence', duo };
      sent++;
      const answer =
        write.kind === 'cohort'
          ? await call(app.address, 'POST', '/api/cohorts', { token: people.adviser, body: aCohort(marker) })
          : await call(app.address, 'POST', `/api/duos/${duo.id}/evidence`, {
              token: duo.participant,
              body: { step: 0, kind: 'other', perspective: 'municipality', title: marker, text: 'Geschreven onder belasting.' },
            });
      if (!answer.status) unanswered.push(write);
      const key = answer.status ? String(answer.status) : `no response (${answer.error})`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (answer.status >= 200 && answer.status < 300) acknowledged.push({ ...write, id: answer.body.id });
    }
  });
  await new Promise((resolve) => setTimeout(resolve, KILL_AFTER_MS));
  // No client starts another write from here on; the ones in flight meet the kill.
  killed = true;
  await kill(app);
  await Promise.all(clients);

  const restarted = await startApp(app.env);
  let lost = 0;
  for (const write of acknowledged) {
    const path = write.kind === 'cohort' ? `/api/cohorts/${write.id}` : `/api/duos/${write.duo?.id}/evidence/${write.id}`;
    const answer = await call(restarted.address, 'GET', path, { token: write.kind === 'cohort' ? people.adviser : write.duo?.participant });
    if (answer.status !== 200 || (answer.body.name ?? answer.body.title) !== write.marker) lost++;
  }
  const committed = await markersPresent(restarted, people, unanswered);
  figure('requests sent', sent);
  figure('statuses', [...statuses].map(([status, times]) => `${status} x${times}`).join(', '));
  figure('acknowledged (2xx)', acknowledged.length);
  figure('acknowledged writes lost after the restart', lost, lost === 0 && acknowledged.length > 0);
  figure('in flight at the kill, no answer', `${unanswered.length}: ${committed} committed, ${unanswered.length - committed} not written`);
  return restarted;
}

/** How many of the writes carry a marker that the restarted app shows (cohort names of the adviser, evidence titles of the duos). */
async function markersPresent(app: RunningApp, people: People, writes: Write[]): Promise<number> {
  const shown = new Set<string>();
  const cohorts = await call(app.address, 'GET', '/api/cohorts', { token: people.adviser });
  for (const cohort of listOf(cohorts.body)) shown.add(cohort.name);
  for (const duo of people.duos) {
    const evidence = await call(app.address, 'GET', `/api/duos/${duo.id}/evidence`, { token: duo.participant });
    for (const item of listOf(evidence.body)) shown.add(item.title);
  }
  return writes.filter((write) => shown.has(write.marker)).length;
}

/** A list answer: an array, or the array inside a page object. */
function listOf(body: any): any[] {
  if (Array.isArray(body)) return body;
  const inner = body && typeof body === 'object' ? Object.values(body).find(Array.isArray) : undefined;
  return (inner as unknown[] | undefined) ?? [];
}

// ---------------------------------------------------------------- 2. two processes, one cap

async function capsAcrossProcesses(a: RunningApp, b: RunningApp, people: People): Promise<void> {
  console.log('\n2. two processes on one database');
  const tally = (answers: Answer[]) => {
    const counts = new Map<string, number>();
    for (const answer of answers) {
      const outcome = answer.body?.code ?? answer.body?.state;
      const key = answer.status ? `${answer.status}${outcome ? ` ${outcome}` : ''}` : `no response (${answer.error})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, times]) => `${key} x${times}`).join(', ');
  };
  for (let round = 1; round <= CAP_ROUNDS; round++) {
    const cohortId = await createCohort(a.address, people.adviser, `Proef capaciteit ${round}`, 5);
    const duos = [];
    for (let n = 1; n <= 12; n++) duos.push(await registerDuo(n % 2 ? a.address : b.address, people.adviser, cohortId, 100 + n));
    const answers = await Promise.all(duos.map((duo, n) => call(n % 2 ? a.address : b.address, 'POST', `/api/duos/${duo.id}/admission`, { token: people.adviser })));
    // A duo that finds the cohort full is put on its waiting list (201, state waitingList).
    const admitted = answers.filter((answer) => answer.status === 201 && answer.body.state === 'admitted').length;
    const listed = listOf((await call(b.address, 'GET', `/api/cohorts/${cohortId}/duos`, { token: people.adviser })).body);
    const stored = listed.filter((duo) => duo.state === 'admitted').length;
    figure(`round ${round}: 12 admissions at once through 2 processes into a cohort of 5`, tally(answers));
    figure(`round ${round}: admitted`, `${admitted} answered admitted, ${stored} listed as admitted`, admitted === 5 && stored === 5);
  }

  const cohortId = await createCohort(a.address, people.adviser, 'Proef adviesgesprekken');
  const duos: string[] = [];
  for (let n = 1; n <= 5; n++) {
    const duo = await registerDuo(a.address, people.adviser, cohortId, 200 + n);
    await expectStatus(call(a.address, 'POST', `/api/duos/${duo.id}/admission`, { token: people.adviser }), 201, 'admitting a duo');
    await expectStatus(call(a.address, 'POST', `/api/duos/${duo.id}/intake`, { token: people.adviser, body: { heldOn: todayInAmsterdam(), location: 'Proeflokaal', adviser: 'Adviseur Proef' } }), 201, 'holding an intake');
    duos.push(duo.id);
  }
  const present = { municipality: { status: 'present' }, provider: { status: 'present' } };
  await expectStatus(call(a.address, 'POST', `/api/cohorts/${cohortId}/workshops/1/attendance`, { token: people.adviser, body: { duos: duos.map((duoId) => ({ duoId, ...present })) } }), 201, 'recording workshop 1');
  const meeting = { heldOn: todayInAmsterdam(), adviser: 'Adviseur Proef' };
  for (const [n, duoId] of duos.slice(0, CAP_ROUNDS).entries()) {
    const answers = await Promise.all([a, b, a].map((app) => call(app.address, 'POST', `/api/duos/${duoId}/advisory-meetings`, { token: people.adviser, body: meeting })));
    const held = answers.filter((answer) => answer.status === 201).length;
    figure(`duo ${n + 1}: 3 advisory meetings at once through 2 processes`, tally(answers));
    figure(`duo ${n + 1}: meetings held (at most 2)`, held, held <= 2 && held > 0);
  }
}

// ---------------------------------------------------------------- 3. fuzz

interface Operation {
  method: string;
  path: string;
  bodySchema?: Schema;
  contentTypes: string[];
}
type Schema = { $ref?: string; properties?: Record<string, Schema>; type?: string; items?: Schema; enum?: unknown[] };

const random = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(values: readonly T[]): T => values[random(values.length)];

const STRANGE_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  '\uD800',
  'foto\u202Egnp.exe',
  '..',
  '../../etc/passwd',
  "'; DROP TABLE duos; --",
  '<script>alert(1)</script>',
  '%00',
  '%',
  '😀'.repeat(500),
  'ß∂ƒ©˙∆˚¬…æ',
  '2019-02-30',
  '9999-99-99',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '{}',
  '[]',
  '__proto__',
];
const STRANGE_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, [], {}, [null], { a: 1 }, ...STRANGE_STRINGS];

function strangeValue(depth = 0): unknown {
  const roll = random(10);
  if (roll === 0 && depth < 3) return { [pick(['__proto__', 'constructor', 'prototype', 'x'])]: strangeValue(depth + 1) };
  if (roll === 1 && depth < 3) return Array.from({ length: random(4) }, () => strangeValue(depth + 1));
  return pick(STRANGE_VALUES);
}

/** JSON nested `depth` levels deep, written as text: JSON.stringify itself would run out of stack. */
function deeplyNested(depth: number): string {
  const opening = Array.from({ length: depth }, () => (random(2) ? '[' : '{"a":'));
  return `${opening.join('')}1${opening.reverse().map((open) => (open === '[' ? ']' : '}')).join('')}`;
}

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  return schema?.$ref ? components[schema.$ref.split('/').at(-1) as string] : schema;
}

/** A body built from the operation's schema with some fields wrong, or something else entirely. */
function fuzzBody(operation: Operation, components: Record<string, Schema>): { raw: string | Buffer; contentType: string } | undefined {
  const schema = resolve(operation.bodySchema, components);
  const properties = Object.keys(schema?.properties ?? {});
  const json = (value: unknown) => ({ raw: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  switch (random(12)) {
    case 0:
      return undefined;
    case 1:
      return { raw: pick(['{', '{"a":', 'nul', '[1,]', '\u0000', '{"a":1}{"b":2}', '']), contentType: 'application/json' };
    case 2:
      return { raw: deeplyNested(pick([100, 1000, 10_000, 100_000])), contentType: 'application/json' };
    case 3:
      return { raw: randomBytes(random(4096)), contentType: pick([...operation.contentTypes, 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x']) };
    case 4:
      return json(strangeValue());
    case 5:
      return { raw: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' };
    case 6:
      return json({ blob: 'x'.repeat(pick([200_000, 1_100_000])) });
    default: {
      // Mostly the right fields, each with a one-in-three chance of a strange value, and sometimes an extra key.
      const body: Record<string, unknown> = {};
      for (const name of properties) {
        const property = resolve(schema?.properties?.[name], components);
        if (random(3) === 0) body[name] = strangeValue();
        else if (property?.enum) body[name] = pick(property.enum);
        else if (property?.type === 'integer' || property?.type === 'number') body[name] = random(10);
        else if (property?.type === 'boolean') body[name] = random(2) === 0;
        else if (property?.type === 'array') body[name] = [pick(['jongerenwerk', 'x', 1])];
        else if (property?.type === 'object') body[name] = { name: 'x' };
        else body[name] = pick(['Proef', '2099-04-01', 'proef@example.org', 'municipality']);
      }
      if (random(3) === 0) body[pick(['extra', '__proto__', 'constructor', 'id', 'role'])] = strangeValue();
      return json(body);
    }
  }
}

/** A URL component; a lone surrogate (which encodeURIComponent refuses) and one time in ten a raw malformed escape become bytes that are no UTF-8. */
function encode(value: string): string {
  if (random(10) === 0) return pick(['%', '%zz', '%E0%A4%A', '%C0%AF', '%FF']);
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function fuzzQuery(): string {
  if (random(2)) return '';
  const pairs = Array.from({ length: 1 + random(3) }, () => `${encode(pick(['page', 'limit', 'cohort', 'q', 'from', 'to', 'format', 'x', 'sort', '__proto__']))}=${encode(String(strangeValue()))}`);
  return `?${pairs.join('&')}${random(4) === 0 ? '&page=1&page=2' : ''}`;
}

async function fuzz(apps: RunningApp[], people: People, evidenceId: string): Promise<void> {
  const document = (await expectStatus(call(apps[0].address, 'GET', '/api/docs/openapi.json'), 200, 'the OpenAPI document')).body;
  const components: Record<string, Schema> = document.components?.schemas ?? {};
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema?: Schema }> } }>>(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = operation.requestBody?.content ?? {};
      operations.push({ method: method.toUpperCase(), path, bodySchema: content['application/json']?.schema, contentTypes: Object.keys(content) });
    }
  }
  const callers: { name: string; token?: string }[] = [
    { name: 'anonymous' },
    { name: 'participant', token: people.duos[0].participant },
    { name: 'adviser', token: people.adviser },
    { name: 'admin', token: people.admin },
  ];
  // Signing out would end the session the later requests of a signed-in caller need.
  const pairs = operations.flatMap((operation) => callers.filter((caller) => !(operation.path === '/api/auth/sign-out' && caller.token)).map((caller) => ({ operation, caller })));
  const perPair = Math.ceil(FUZZ_REQUESTS / pairs.length);
  console.log(`\n3. fuzz: ${operations.length} operations, ${callers.length} kinds of caller, ${perPair} requests each, ${FUZZ_CLIENTS} clients at once, over ${apps.length} processes`);
  // Real ids take requests past the lookups into the handlers; random and malformed ones test the lookups.
  const realIds: Record<string, string[]> = {
    id: [people.cohortId, people.duos[0].id],
    evidenceId: [evidenceId],
    workshop: ['1', '2', '3'],
    cycle: ['1', '2'],
    table: ['duos', 'attendance', 'evidence'],
  };
  const pathParam = (name: string) =>
    encode(String(random(2) && realIds[name] ? pick(realIds[name]) : pick([randomUUID(), '0', '-1', '99999999999999999999', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', ...STRANGE_STRINGS.slice(3)])));

  const jobs = pairs.flatMap((pair) => Array.from({ length: perPair }, () => pair)).sort(() => Math.random() - 0.5);

  const statuses = new Map<string, number>();
  const serverErrors: string[] = [];
  const resets: string[] = [];
  let next = 0;
  const deadline = Date.now() + PHASE_DEADLINE_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FUZZ_CLIENTS }, async (_, client) => {
      while (next < jobs.length && Date.now() < deadline) {
        const { operation, caller } = jobs[next++];
        const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => pathParam(name)) + fuzzQuery();
        // fetch sends no body with a GET.
        const body = operation.method === 'GET' ? undefined : fuzzBody(operation, components);
        const send = () => call(apps[client % apps.length].address, operation.method, path, { token: caller.token, ...body });
        const describe = (answer: Answer) =>
          `${caller.name} ${operation.method} ${path.slice(0, 160)} body ${String(body?.raw ?? '').slice(0, 160)} -> ${answer.status || answer.error} ${JSON.stringify(answer.body ?? '').slice(0, 200)}`;
        let answer = await send();
        if (answer.status === 0) {
          // A connection reset can be a race on a reused keep-alive connection: sent once more on
          // another connection, an answer below 500 tells such a race from a server that fails.
          resets.push(describe(answer));
          answer = await send();
        }
        const key = answer.status ? String(answer.status) : `no response (${answer.error})`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (answer.status >= 500 || answer.status === 0) serverErrors.push(describe(answer));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sent = [...statuses.values()].reduce((sum, times) => sum + times, 0);
  figure('requests sent', `${sent} of ${jobs.length} in ${seconds.toFixed(0)} s`);
  figure('statuses', [...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, times]) => `${status} x${times}`).join(', '));
  figure('5xx or no response', serverErrors.length, serverErrors.length === 0 && sent === jobs.length);
  for (const example of serverErrors.slice(0, 5)) console.log(`    ${example}`);
  figure('connections reset, each sent once more (the statuses count the second answer)', resets.length);
  for (const example of resets.slice(0, 5)) console.log(`    ${example}`);
}

// ---------------------------------------------------------------- 4. replay

async function replayLogs(url: string): Promise<void> {
  console.log('\n4. event logs replayed to their snapshots');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: duos } = await client.query('SELECT d.id, d.trajectory_version, d.trajectory_snapshot, c.programme_key FROM duos d JOIN cohorts c ON c.id = d.cohort_id');
    let trajectories = 0;
    for (const duo of duos) {
      const { rows: events } = await client.query('SELECT type, payload FROM duo_events WHERE duo_id = $1 ORDER BY sequence', [duo.id]);
      const [registration, ...later] = events;
      const definition = programmeDefinition(duo.programme_key, duo.trajectory_version);
      const replayed = replayTrajectory(
        definition,
        registration.payload.trajectoryInput as TrajectoryInput,
        later.map(({ type, payload }) => ({ type, ...payload }) as TrajectoryEvent),
      );
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(persistTrajectory(definition, replayed))), duo.trajectory_snapshot)) trajectories++;
    }
    const { rows: compasses } = await client.query('SELECT duo_id, compass_version, snapshot FROM compasses');
    let matching = 0;
    let events = 0;
    for (const compass of compasses) {
      const { rows } = await client.query('SELECT compass_version, type, payload FROM compass_events WHERE duo_id = $1 ORDER BY sequence', [compass.duo_id]);
      events += rows.length;
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(persistCompass(replayStoredCompass(rows)))), compass.snapshot)) matching++;
    }
    figure('trajectories matching their snapshot', `${trajectories} of ${duos.length}`, trajectories === duos.length && duos.length > 0);
    figure('compasses matching their snapshot', `${matching} of ${compasses.length} (${events} compass events)`, matching === compasses.length && compasses.length > 0);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- the run

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(SERVER_URL, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function probeOnServer(): Promise<void> {
  const name = `trajectkompas_probe_${randomBytes(6).toString('hex')}`;
  const url = databaseUrl(SERVER_URL, name);
  await onServer(`CREATE DATABASE ${name}`);
  const running: RunningApp[] = [];
  try {
    const first = await startApp(await appEnv({ DATABASE_URL: url }));
    running.push(first);
    const people = await seed(first);
    const a = await killUnderLoad(`1. kill -9 under load, ${CLIENTS} clients: the app, on DATABASE_URL`, first, people, async (app) => {
      app.child.kill('SIGKILL');
      await app.exited;
    });
    running.push(a);
    const b = await startApp(await appEnv({ DATABASE_URL: url }));
    running.push(b);
    await capsAcrossProcesses(a, b, people);
    const evidence = listOf((await call(a.address, 'GET', `/api/duos/${people.duos[0].id}/evidence`, { token: people.duos[0].participant })).body);
    await fuzz([a, b], people, evidence[0]?.id ?? randomUUID());
    await replayLogs(url);
  } finally {
    for (const app of running) await stopApp(app);
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** The app on its embedded PostgreSQL, both killed with -9 under load, then started again. */
async function probeEmbedded(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'trajectkompas-probe-'));
  const dataDir = join(workDir, 'postgres');
  const running: RunningApp[] = [];
  try {
    const env = await appEnv({ EMBEDDED_POSTGRES_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) });
    const first = await startApp(env);
    running.push(first);
    const people = await seed(first);
    const restarted = await killUnderLoad(`1b. kill -9 under load, ${CLIENTS} clients: the app and its embedded PostgreSQL`, first, people, async (app) => {
      const postgres = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      app.child.kill('SIGKILL');
      process.kill(postgres, 'SIGKILL');
      await app.exited;
    });
    running.push(restarted);
  } finally {
    for (const app of running) await stopApp(app);
    await rm(workDir, { recursive: true, force: true });
  }
}

const started = performance.now();
console.log(`Reliability probe of dist/src/main.js on ${new URL(SERVER_URL).host} (a database of its own)`);
await probeOnServer();
if (EMBEDDED) await probeEmbedded();
console.log(`\n${failures.length ? `DOES NOT HOLD: ${failures.join('; ')}` : 'All figures hold.'} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
process.exit(failures.length ? 1 : 0);
