import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { databaseUrl } from '../src/database/database-url.js';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { duosPastWorkshop1, startBenchApp } from './bench-app.js';
import { appEnv, startApp, stopApp } from './child-app.js';
import type { BareSpec } from './bench-bare-server.js';
import type { LoadResult } from './bench-load.js';
import { loadFrom, rssSampler } from './load.js';
import { startSqlCapture, type CapturedStatement } from './sql-capture.js';

/**
 * npm run bench:compare: how close the app comes to what PostgreSQL allows, on the hot paths.
 * It prints figures and ratios; it is not a test and asserts nothing.
 *   1. A PostgreSQL server: DATABASE_URL, or an embedded one in .data/bench-compare-postgres.
 *      A database of its own there, made afresh: BENCH_DUOS (default 200) duos past workshop 1.
 *      BENCH_GROUP (40) more duos get BENCH_ITEMS (500) pieces of evidence in their open cycle;
 *      three groups of BENCH_GROUP more stay without.
 *   2. The SQL the app sends for one request of each kind, captured between the app (a child
 *      process, dist/src/main.js) and the server, and printed.
 *   3. The app in a child process of its own, and a load generator in another (bench-load.ts):
 *      BENCH_CONCURRENCY (20) clients for BENCH_SECONDS (8) after 2 s of warm-up, in
 *      BENCH_ROUNDS (3) rounds, the median taken, each round interleaving what it compares:
 *      - the next step (GET /api/duos/{id}/next-step), the app against a bare Fastify + pg server
 *        sending the same SQL and returning the same JSON (bench-bare-server.ts);
 *      - recording evidence (POST /api/duos/{id}/evidence), the app against pgbench sending the
 *        app's own statements and the least SQL for the same durable change (100 duos of its own,
 *        a script each); pgbench is installed from Debian's packages when it is missing;
 *      - recording evidence for the duos with BENCH_ITEMS pieces against duos with none.
 *   4. The RSS of the app: idle after start, its peak under the recording load, 10 s after it.
 */
const DUOS = Number(process.env.BENCH_DUOS ?? 200);
const GROUP = Number(process.env.BENCH_GROUP ?? 40);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
/** Duos for pgbench's scripts, one script each (pgbench takes at most 128 scripts). */
const REPLAYED = 100;
const DATABASE = 'trajectkompas_bench_compare';
const BARE = new URL('./bench-bare-server.js', import.meta.url).pathname;

const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: '.data/bench-compare-postgres', port: await freePort(), database: 'postgres' });
const serverUrl = process.env.DATABASE_URL ?? (embedded?.url as string);
const url = databaseUrl(serverUrl, DATABASE);
await sql(serverUrl, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`, `CREATE DATABASE ${DATABASE}`);

console.log(`setting up ${DUOS} duos past workshop 1 ...`);
process.env.DATABASE_URL = url;
const bench = await startBenchApp('bench-compare', 54379);
const adviser = { authorization: `Bearer ${bench.adviserToken}`, 'content-type': 'application/json' };
const post = (path: string, body?: unknown) => fetch(bench.url(path), { method: 'POST', headers: adviser, body: JSON.stringify(body ?? {}) });
const everyDuo = await duosPastWorkshop1(post, DUOS + 4 * GROUP + REPLAYED);
const duoIds = everyDuo.slice(0, DUOS);
/** For "flat in the size of a cycle": a group of duos with ITEMS pieces of evidence in the open cycle, and a fresh group per round. */
const bigGroup = everyDuo.slice(DUOS, DUOS + GROUP);
const freshGroups = [1, 2, 3].map((n) => everyDuo.slice(DUOS + n * GROUP, DUOS + (n + 1) * GROUP));
/**
 * The duos pgbench writes for: duos of their own, since its statements carry the captured
 * snapshot and version, which would set back the compass of a duo the app then records for.
 */
const replayedDuos = everyDuo.slice(DUOS + 4 * GROUP);
console.log(`recording ${ITEMS} pieces of evidence for each of ${bigGroup.length} duos ...`);
await Promise.all(
  bigGroup.map(async (duoId) => {
    for (let n = 0; n < ITEMS; n++) {
      const response = await post(`/api/duos/${duoId}/evidence`, { step: 1 + (n % 6), kind: 'other', perspective: 'provider', title: `Stuk ${n}`, text: 'Bench' });
      if (response.status !== 201) throw new Error(`recording evidence answered ${response.status}: ${await response.text()}`);
    }
  }),
);
// Their compasses exist before pgbench writes for them, as they do for a duo that recorded before.
for (const duoId of replayedDuos) await post(`/api/duos/${duoId}/evidence`, { step: 1, kind: 'other', perspective: 'provider', title: 'Eerste', text: 'Bench' });
await bench.app.close();

// ---------------------------------------------------------------- the SQL of one request

const server = new URL(url);
const capture = await startSqlCapture({ host: server.hostname, port: Number(server.port || 5432) });
const proxied = new URL(url);
proxied.hostname = '127.0.0.1';
proxied.port = String(capture.port);
const app = await startApp(await appEnv({ DATABASE_URL: proxied.toString() }));
const send = (method: string, path: string, body?: unknown) =>
  fetch(`${app.address}${path}`, { method, headers: adviser, body: body === undefined ? undefined : JSON.stringify(body) });

/** The statements one request sends, and its answer. The request is sent once before, so that nothing first-time is captured. */
async function captured(method: string, path: string, body?: unknown): Promise<{ statements: CapturedStatement[]; status: number; answer: string }> {
  await (await send(method, path, body)).arrayBuffer();
  capture.statements = [];
  capture.recording = true;
  const response = await send(method, path, body);
  const answer = await response.text();
  capture.recording = false;
  return { statements: capture.statements, status: response.status, answer };
}

const evidence = { step: 1, kind: 'other', perspective: 'provider', title: 'Stap 1', text: 'Bench' };
const recording = await captured('POST', `/api/duos/${duoIds[0]}/evidence`, evidence);
const nextStep = await captured('GET', `/api/duos/${duoIds[1]}/next-step`);
await stopApp(app);
await capture.close();

for (const [label, request] of [
  ['recording evidence (POST /api/duos/{id}/evidence)', recording],
  ['the next step (GET /api/duos/{id}/next-step)', nextStep],
] as const) {
  console.log(`\n${label}: ${request.status}, ${request.statements.length} statements`);
  request.statements.forEach((statement, index) => console.log(`  ${index + 1}. ${oneLine(statement.sql)}`));
}
if (process.env.BENCH_SQL_FILE) await writeFile(process.env.BENCH_SQL_FILE, JSON.stringify({ recording, nextStep }, null, 2));

// ---------------------------------------------------------------- measuring

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const cohortOf = await cohortsOf(url);
const scripts = await mkdtemp(join(tmpdir(), 'bench-compare-'));
const pgbench = await pgbenchBinary();

const measured = await startApp(await appEnv({ DATABASE_URL: url }));
const memory = rssSampler(measured.child.pid as number);
console.log(`\nthe app: RSS ${memory.now()} MiB idle after start`);

const load = (base: string, method: 'GET' | 'POST', paths: string[], body?: unknown) =>
  loadFrom({ base, method, paths, headers: adviser, body, concurrency, seconds, warmupSeconds: 2 });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (value: number) => `${value.toFixed(0)}/s`;
const ratio = (value: number, goal: number) => `${value.toFixed(2)} (goal ${goal}: ${value >= goal ? 'met' : 'NOT MET'})`;

// The next step: the app against the bare server with the same SQL, A B A B.
const bare = await startBare({ databaseUrl: url, poolSize: 10, statements: nextStep.statements, captured: { duoId: duoIds[1], cohortId: cohortOf.get(duoIds[1]) as string }, answer: nextStep.answer });
const nextStepPaths = duoIds.map((id) => `/api/duos/${id}/next-step`);
const nextStepRates = { app: [] as number[], bare: [] as number[] };
for (let round = 1; round <= rounds; round++) {
  nextStepRates.app.push(reported(`round ${round}: the app, next step`, await load(measured.address, 'GET', nextStepPaths)));
  nextStepRates.bare.push(reported(`round ${round}: bare Fastify + pg, next step`, await load(bare.address, 'GET', nextStepPaths)));
}
bare.child.kill('SIGTERM');

// Recording evidence: the app against pgbench sending the app's SQL and the least SQL for the same change.
const recordingPaths = duoIds.map((id) => `/api/duos/${id}/evidence`);
const replayed = replayedDuos.map((duoId) => ({ duoId, cohortId: cohortOf.get(duoId) as string }));
const appSql = await writeScripts(scripts, 'app', replayed.map((target) => replayScript(recording.statements, capturedIds(recording), target)));
const leastSql = await writeScripts(scripts, 'least', replayed.map((target) => replayScript(leastStatements(recording.statements), capturedIds(recording), target)));
const recordingRates = { app: [] as number[], appSql: [] as number[], leastSql: [] as number[] };
memory.reset();
for (let round = 1; round <= rounds; round++) {
  recordingRates.app.push(reported(`round ${round}: the app, recording evidence`, await load(measured.address, 'POST', recordingPaths, evidence)));
  if (pgbench) {
    recordingRates.appSql.push(reportedTps(`round ${round}: pgbench, the app's ${recording.statements.length} statements`, await runPgbench(pgbench, url, appSql)));
    recordingRates.leastSql.push(reportedTps(`round ${round}: pgbench, the least SQL`, await runPgbench(pgbench, url, leastSql)));
  }
}

// Flat in the size of a cycle: recording for duos with ITEMS pieces of evidence in the open cycle,
// against duos with none (a fresh group each round, so that they have few even at its end).
const flatRates = { big: [] as number[], fresh: [] as number[] };
for (let round = 1; round <= rounds; round++) {
  const fresh = freshGroups[(round - 1) % freshGroups.length];
  flatRates.fresh.push(reported(`round ${round}: the app, recording for ${fresh.length} duos with no evidence`, await load(measured.address, 'POST', fresh.map((id) => `/api/duos/${id}/evidence`), evidence)));
  flatRates.big.push(reported(`round ${round}: the app, recording for ${bigGroup.length} duos with ${ITEMS} pieces`, await load(measured.address, 'POST', bigGroup.map((id) => `/api/duos/${id}/evidence`), evidence)));
}
const peak = memory.peak();
await new Promise((resolve) => setTimeout(resolve, 10_000));
const after = memory.now();

console.log('\nfigures (median of the rounds)');
console.log(`  next step: the app ${rate(median(nextStepRates.app))}, bare Fastify + pg ${rate(median(nextStepRates.bare))}, ratio ${ratio(median(nextStepRates.app) / median(nextStepRates.bare), 0.6)}`);
if (pgbench) {
  console.log(`  recording evidence: the app ${rate(median(recordingRates.app))}, pgbench with the app's SQL ${rate(median(recordingRates.appSql))}, with the least SQL ${rate(median(recordingRates.leastSql))}`);
  console.log(`    ratio to the least SQL ${ratio(median(recordingRates.app) / median(recordingRates.leastSql), 0.5)}; to the app's own SQL ${(median(recordingRates.app) / median(recordingRates.appSql)).toFixed(2)}`);
} else console.log(`  recording evidence: the app ${rate(median(recordingRates.app))}; no pgbench, so no ratio`);
console.log(`  flat in the size of a cycle: ${rate(median(flatRates.big))} with ${ITEMS} pieces in the open cycle, ${rate(median(flatRates.fresh))} with none at the start, ratio ${ratio(median(flatRates.big) / median(flatRates.fresh), 0.9)}`);
console.log(`  RSS of the app: peak ${peak} MiB under the recording load (goal 200: ${peak <= 200 ? 'met' : 'NOT MET'}), ${after} MiB 10 s after it (goal below 180: ${after < 180 ? 'met' : 'NOT MET'})`);

memory.stop();
await stopApp(measured);
await rm(scripts, { recursive: true, force: true });
await embedded?.stop();
process.exit(0);

// ---------------------------------------------------------------- helpers

function reported(label: string, result: LoadResult): number {
  console.log(`  ${label}: ${rate(result.perSecond)} (${Object.entries(result.statuses).map(([status, count]) => `${status} x${count}`).join(', ')}; p50 ${result.p50} ms, p99 ${result.p99} ms)`);
  return result.perSecond;
}

function reportedTps(label: string, tps: number): number {
  console.log(`  ${label}: ${rate(tps)}`);
  return tps;
}

/** Starts the bare server and waits for its port. */
async function startBare(spec: BareSpec): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [BARE, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bare server stopped (exit code ${code})`)));
  });
  return { child, address: `http://127.0.0.1:${port}` };
}

async function cohortsOf(connection: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return new Map((await client.query<{ id: string; cohort_id: string }>('SELECT id, cohort_id FROM duos')).rows.map((row) => [row.id, row.cohort_id]));
  } finally {
    await client.end();
  }
}

interface Ids {
  duoId: string;
  cohortId: string;
}

/** The ids the captured recording was about: its duo, that duo's cohort, and the evidence it made. */
function capturedIds(request: { answer: string }): Ids & { evidenceId: string } {
  const answer = JSON.parse(request.answer) as { id: string; duoId: string };
  return { duoId: answer.duoId, cohortId: cohortOf.get(answer.duoId) as string, evidenceId: answer.id };
}

/**
 * The least SQL for the same durable change: one query for the session and whether its account
 * may write for the duo, then in one transaction lock the compass, insert the evidence, insert the
 * event and update the snapshot (the statements the app sends for those four; the app sends the
 * last two as one statement, which this yardstick sends as two, as the issue that set it did; and
 * the evidence with its first revision, of which the yardstick sends the evidence alone).
 */
function leastStatements(statements: CapturedStatement[]): CapturedStatement[] {
  const find = (prefix: string) => {
    const found = statements.find((statement) => statement.sql.trimStart().startsWith(prefix));
    if (!found) throw new Error(`the app sent no statement that starts with "${prefix}"`);
    return found;
  };
  const session = statements[0];
  const stored = find('WITH stored AS (UPDATE compasses');
  const [, update, insert] = /^WITH stored AS \((UPDATE compasses [\s\S]*?)\)\s+(INSERT INTO compass_events [\s\S]*)$/.exec(stored.sql.trim()) ?? [];
  if (!update || !insert) throw new Error(`the app's statement for the snapshot and its event is not one the yardstick can split: ${stored.sql}`);
  // The app writes the evidence with its first revision in one statement: the least SQL has the evidence alone.
  const recorded = find('WITH e AS (INSERT INTO evidence ');
  const [, evidence] = /^WITH e AS \((INSERT INTO evidence [\s\S]*?)\),\s+r AS \(INSERT INTO evidence_revisions /.exec(recorded.sql.trim()) ?? [];
  if (!evidence) throw new Error(`the app's statement for the evidence is not one the yardstick can take the insert from: ${recorded.sql}`);
  const duoId = recorded.params[1];
  return [
    {
      sql: `SELECT a.id, a.role, EXISTS (SELECT 1 FROM duos d JOIN cohort_advisers ca ON ca.cohort_id = d.cohort_id WHERE d.id = $2 AND ca.account_id = a.id) AS may
            FROM sessions s JOIN accounts a ON a.id = s.account_id
            WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL`,
      params: [session.params[0], duoId],
    },
    { sql: 'START TRANSACTION', params: [] },
    find('SELECT compass_version, snapshot, version FROM compasses'),
    { sql: evidence, params: recorded.params },
    { sql: insert, params: stored.params },
    { sql: update, params: stored.params },
    { sql: 'COMMIT', params: [] },
  ];
}

/**
 * A pgbench script that sends the statements for another duo: its id and its cohort's in place
 * of the captured ones, a new evidence id each time (two random numbers), and a random event
 * sequence number (the captured one would collide). Parameters go in as literals (-M simple).
 */
function replayScript(statements: CapturedStatement[], captured: Ids & { evidenceId: string }, target: Ids): string {
  const newId = "(lpad(to_hex(:e1), 16, '0') || lpad(to_hex(:e2), 16, '0'))::uuid";
  const literal = (value: string | null, statement: CapturedStatement, index: number) => {
    if (value === null) return 'NULL';
    if (value === captured.evidenceId) return newId;
    if (/^(WITH stored AS \(UPDATE compasses [\s\S]*?\)\s+)?INSERT INTO compass_events/.test(statement.sql.trim()) && index === 1) return ':sequence';
    return `'${value.replaceAll(captured.duoId, target.duoId).replaceAll(captured.cohortId, target.cohortId).replaceAll("'", "''")}'`;
  };
  const lines = ['\\set e1 random(1, 4611686018427387903)', '\\set e2 random(1, 4611686018427387903)', '\\set sequence random(1000000, 2000000000)'];
  for (const statement of statements) {
    lines.push(`${statement.sql.replace(/\s+/g, ' ').replace(/\$(\d+)/g, (_, n: string) => literal(statement.params[Number(n) - 1], statement, Number(n) - 1))};`);
  }
  return `${lines.join('\n')}\n`;
}

async function writeScripts(folder: string, name: string, texts: string[]): Promise<string[]> {
  return Promise.all(
    texts.map(async (text, index) => {
      const path = join(folder, `${name}-${index}.sql`);
      await writeFile(path, text);
      return path;
    }),
  );
}

/** pgbench of this machine's PostgreSQL, installed from Debian's packages when it is missing (and this may). */
async function pgbenchBinary(): Promise<string | undefined> {
  const find = () => readdirSync('/usr/lib/postgresql', { withFileTypes: true }).map((entry) => join('/usr/lib/postgresql', entry.name, 'bin/pgbench')).find((path) => existsSync(path));
  const found = existsSync('/usr/lib/postgresql') ? find() : undefined;
  if (found) return found;
  console.log('pgbench is missing: installing Debian\'s postgresql package, which has it ...');
  try {
    await promisify(execFile)('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
    return find();
  } catch (error) {
    console.log(`  could not install it (${(error as Error).message.split('\n')[0]}): the figures against pgbench are left out`);
    return undefined;
  }
}

/** Runs pgbench with the scripts, each as likely, for the same time and clients as the load generator; its tps. */
async function runPgbench(binary: string, connection: string, files: string[]): Promise<number> {
  const args = ['-n', '-M', 'simple', '-c', String(concurrency), '-j', '2', '-T', String(seconds), ...files.flatMap((file) => ['-f', `${file}@1`]), connection];
  const { stdout } = await promisify(execFile)(binary, args, { maxBuffer: 16 << 20, timeout: (seconds + 120) * 1000 });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout.slice(-2000)}`);
  return Number(tps);
}


function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

async function sql(connection: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
