import { duosPastWorkshop1, startBenchApp } from './bench-app.js';
import { todayInAmsterdam } from '../src/shared/dates.js';

/**
 * npm run bench: the write path of a trajectory under concurrent requests, on a fresh embedded
 * PostgreSQL (or on DATABASE_URL, which must then name an empty database). It prints figures;
 * it is not a test and asserts nothing. The clients run in the app's own process.
 *   BENCH_DUOS (default 200) duos, each taken through admission, intake and workshop 1, then
 *   BENCH_CONCURRENCY (default 20) clients at once record two advisory meetings per duo and try
 *   a third (refused), so every request locks a duo row and writes or refuses in a transaction;
 *   then they record evidence for steps 1 to 6 of every duo (each locks the duo's compass).
 */
const DUOS = Number(process.env.BENCH_DUOS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const { url, adviserToken: token, close } = await startBenchApp('bench', 54339);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const post = (path: string, body?: unknown) => fetch(url(path), { method: 'POST', headers, body: JSON.stringify(body ?? {}) });

console.log(`setting up ${DUOS} duos ...`);
const duoIds = await duosPastWorkshop1(post, DUOS);

/** Sends the requests from CONCURRENCY clients at once and prints what they got and how fast. */
async function measure(label: string, requests: { path: string; body: unknown }[]): Promise<void> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const { path, body } = requests[next++];
        const t = performance.now();
        const response = await post(path, body);
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(`${requests.length} ${label} on ${duoIds.length} duos, ${CONCURRENCY} clients at once`);
  console.log(`  statuses: ${[...statuses].map(([status, count]) => `${status} x${count}`).join(', ')}`);
  console.log(`  throughput: ${(requests.length / seconds).toFixed(0)} requests/s`);
  console.log(`  latency ms: p50 ${percentile(50)}, p95 ${percentile(95)}, p99 ${percentile(99)}, max ${latencies.at(-1)?.toFixed(1)}`);
  console.log(`  memory: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
}

const meeting = { heldOn: todayInAmsterdam(), adviser: 'A' };
await measure(
  'advisory-meeting requests',
  duoIds.flatMap((id) => [0, 1, 2].map(() => ({ path: `/api/duos/${id}/advisory-meetings`, body: meeting }))),
);
// Evidence for steps 1 to 6 of every duo, interleaved so that clients often wait on the same duo's compass.
const evidence = (step: number) => ({ step, kind: 'other', perspective: 'provider', title: `Stap ${step}`, text: 'Bench' });
await measure(
  'evidence recordings',
  [1, 2, 3, 4, 5, 6].flatMap((step) => duoIds.map((id) => ({ path: `/api/duos/${id}/evidence`, body: evidence(step) }))),
);
await close();
process.exit(0);
