import pg from 'pg';
import { databaseUrl } from '../src/database/database-url.js';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { duosPastWorkshop1, startBenchApp } from './bench-app.js';
import { appEnv, startApp, stopApp } from './child-app.js';
import { startSqlCapture, type CapturedStatement } from './sql-capture.js';

/**
 * npm run bench:compare: how close the app comes to what PostgreSQL allows, on the hot paths.
 * It prints figures and ratios; it is not a test and asserts nothing.
 *   1. A PostgreSQL server: DATABASE_URL, or an embedded one in .data/bench-compare-postgres.
 *      A database of its own there, made afresh: BENCH_DUOS (default 200) duos past workshop 1.
 *   2. The SQL the app sends for one request of each kind, captured between the app (a child
 *      process, dist/src/main.js) and the server.
 */
const DUOS = Number(process.env.BENCH_DUOS ?? 200);
const DATABASE = 'trajectkompas_bench_compare';

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
const duoIds = await duosPastWorkshop1(post, DUOS);
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

await embedded?.stop();
process.exit(0);

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
