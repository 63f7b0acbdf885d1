import { AccountsService } from '../src/accounts/accounts.service.js';
import { AuthService } from '../src/auth/auth.service.js';
import { BENCH_PASSWORD, startBenchApp } from './bench-app.js';
import { todayInAmsterdam } from '../src/shared/dates.js';

/**
 * npm run bench:pages: how fast the busiest web pages render for a full cohort, on a fresh
 * embedded PostgreSQL (or on DATABASE_URL, which must then name an empty database). It prints
 * figures; it is not a test and asserts nothing. The clients run in the app's own process.
 *   One cohort of 8 duos, each past workshop 1 with one advisory meeting and BENCH_EVIDENCE
 *   (default 5) pieces of evidence per step of its first cycle; then BENCH_REQUESTS (default
 *   400) GETs per page from BENCH_CONCURRENCY (default 4) clients at once, signed in with the
 *   session cookie as a browser is: the cohort page, the attendance list of workshop 2, the duo
 *   page of an adviser, and "Mijn traject" of a participant.
 */
const EVIDENCE = Number(process.env.BENCH_EVIDENCE ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
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

/** GETs a page from CONCURRENCY clients at once with the session cookie, and prints how fast. */
async function measure(label: string, path: string, token: string): Promise<void> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent++ < REQUESTS) {
        const t = performance.now();
        const response = await fetch(url(path), { headers: { cookie: `tk_session=${token}` } });
        bytes = (await response.arrayBuffer()).byteLength;
        latencies.push(performance.now() - t);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(`${label} (${(bytes / 1024).toFixed(0)} KiB of HTML), ${REQUESTS} requests, ${CONCURRENCY} clients at once`);
  console.log(`  statuses: ${[...statuses].map(([status, count]) => `${status} x${count}`).join(', ')}`);
  console.log(`  throughput: ${(REQUESTS / seconds).toFixed(0)} pages/s`);
  console.log(`  latency ms: p50 ${percentile(50)}, p95 ${percentile(95)}, p99 ${percentile(99)}, max ${latencies.at(-1)?.toFixed(1)}`);
  console.log(`  memory: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
}

await measure('the cohort page', `/edities/${cohort.id}`, adviserToken);
await measure('the attendance list of workshop 2', `/edities/${cohort.id}/werkateliers/2/presentielijst`, adviserToken);
await measure("an adviser's duo page", `/trajecten/${duoIds[0]}`, adviserToken);
await measure('Mijn traject of a participant', '/mijn-traject', participant.token);
await close();
process.exit(0);
