import { AccountsService } from '../src/accounts/accounts.service.js';
import { AuthService } from '../src/auth/auth.service.js';
import pg from 'pg';
import { databaseUrl } from '../src/database/database-url.js';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { BENCH_PASSWORD, startBenchApp } from './bench-app.js';
import { appEnv, startApp, stopApp } from './child-app.js';
import { loadFrom, rssSampler } from './load.js';
import { todayInAmsterdam } from '../src/shared/dates.js';

/**
 * npm run bench:pages: how fast the busiest web pages render for a full cohort, on a fresh
 * database of its own on DATABASE_URL's server (or on an embedded PostgreSQL in
 * .data/bench-pages-postgres). It prints figures; it is not a test and asserts nothing.
 *   One cohort of 8 duos, each past workshop 1 with one advisory meeting and BENCH_EVIDENCE
 *   (default 5) pieces of evidence per step of its first cycle, set up by the app in this
 *   process. Then the app runs as `npm start` runs it, in a process of its own, and a load
 *   generator in another (bench-load.ts, as for bench:compare) GETs each page from
 *   BENCH_CONCURRENCY (default 4) clients at once for BENCH_SECONDS (default 5) after 2 s of
 *   warm-up, signed in with the session cookie as a browser is: the cohort page, the
 *   attendance list of workshop 2, the duo page of an adviser, and "Mijn traject" of a
 *   participant. (Until this version the clients ran in the app's own process, so that their
 *   fetch calls were counted as the app's work.)
 */
const EVIDENCE = Number(process.env.BENCH_EVIDENCE ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DATABASE = 'trajectkompas_bench_pages';

const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: '.data/bench-pages-postgres', port: await freePort(), database: 'postgres' });
const serverUrl = process.env.DATABASE_URL ?? (embedded?.url as string);
const server = new pg.Client({ connectionString: serverUrl });
await server.connect();
await server.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await server.query(`CREATE DATABASE ${DATABASE}`);
await server.end();
process.env.DATABASE_URL = databaseUrl(serverUrl, DATABASE);
const { app, url, adviserToken, close } = await startBenchApp('bench-pages', 54359);
const accounts = app.get(AccountsService);
const auth = app.get(AuthService);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${adviserToken}` };
const post = (path: string, body?: unknown) => fetch(url(path), { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
const json = async (response: Promise<Response>) => (await response).json() as Promise<{ id: string }>;

console.log(`setting up a cohort of 8 duos with ${EVIDENCE} pieces of evidence per step ...`);
const cohort = await json(post('/api/cohorts', { name: 'Bench', registrationDeadline: '2099-03-31', capacity: 8 }));
await fetch(url(`/api/cohorts/${cohort.id}/workshops/2`), { method: 'PUT', headers, body: JSON.stringify({ date: '2099-06-25', startTime: '13:30' }) });
const duoIds: string[] = [];
for (let n = 0; n < 8; n++) {
  const duo = await json(post(`/api/cohorts/${cohort.id}/duos`, {
    municipality: `Gemeente ${n}`, provider: `Uitvoerder ${n}`, collectiveServices: ['jongerenwerk'],
    contactPersons: [{ side: 'municipality', name: `A ${n}`, email: `a${n}@example.org` }, { side: 'provider', name: `B ${n}`, email: `b${n}@example.org` }],
  }));
  await post(`/api/duos/${duo.id}/admission`);
  await post(`/api/duos/${duo.id}/intake`, { heldOn: todayInAmsterdam(), location: 'X', adviser: 'A' });
  duoIds.push(duo.id);
}
const present = { municipality: { status: 'present' }, provider: { status: 'present' } };
await post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: duoIds.map((duoId) => ({ duoId, ...present })) });
for (const duoId of duoIds) {
  await post(`/api/duos/${duoId}/advisory-meetings`, { heldOn: todayInAmsterdam(), adviser: 'A' });
  for (let step = 0; step <= 6; step++) {
    for (let n = 0; n < EVIDENCE; n++) {
      await post(`/api/duos/${duoId}/evidence`, { step, kind: 'other', perspective: 'provider', title: `Stap ${step}, nummer ${n}`, text: 'Bench '.repeat(40) });
    }
  }
}
const participantInvitation = (await (await post(`/api/duos/${duoIds[0]}/invitations`, { email: 'a0@example.org' })).json()) as { invitation: { token: string } };
await accounts.acceptInvitation(participantInvitation.invitation.token, BENCH_PASSWORD);
const participant = await auth.signIn('a0@example.org', BENCH_PASSWORD, '127.0.0.1');

await close();

// The app as `npm start` runs it, in a process of its own; the clients in another (bench-load.ts).
const measured = await startApp(await appEnv({ DATABASE_URL: process.env.DATABASE_URL }));
const memory = rssSampler(measured.child.pid as number);

/** GETs a page from CONCURRENCY clients at once with the session cookie for SECONDS after a warm-up, and prints how fast. */
async function measure(label: string, path: string, token: string): Promise<void> {
  const result = await loadFrom({ base: measured.address, method: 'GET', paths: [path], headers: { cookie: `tk_session=${token}` }, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: 2 });
  const bytes = (await (await fetch(`${measured.address}${path}`, { headers: { cookie: `tk_session=${token}` } })).arrayBuffer()).byteLength;
  console.log(`${label} (${(bytes / 1024).toFixed(0)} KiB of HTML), ${CONCURRENCY} clients at once for ${SECONDS} s`);
  console.log(`  statuses: ${Object.entries(result.statuses).map(([status, count]) => `${status} x${count}`).join(', ')}`);
  console.log(`  throughput: ${result.perSecond.toFixed(0)} pages/s`);
  console.log(`  latency ms: p50 ${result.p50}, p99 ${result.p99}`);
  console.log(`  the app's RSS: ${memory.now()} MiB (peak ${memory.peak()} MiB)`);
}

await measure('the cohort page', `/edities/${cohort.id}`, adviserToken);
await measure('the attendance list of workshop 2', `/edities/${cohort.id}/werkateliers/2/presentielijst`, adviserToken);
await measure("an adviser's duo page", `/trajecten/${duoIds[0]}`, adviserToken);
await measure('Mijn traject of a participant', '/mijn-traject', participant.token);
memory.stop();
await stopApp(measured);
await embedded?.stop();
process.exit(0);
