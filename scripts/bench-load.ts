import { Agent, request } from 'node:http';

/**
 * The load generator of npm run bench:compare, in a process of its own so that it does not
 * share an event loop with what it measures. Its one argument is a JSON LoadSpec; it prints one
 * JSON LoadResult line. CONCURRENCY clients on kept-alive connections send the requests in
 * turn (request n goes to paths[n % paths.length]) for `seconds`, after `warmupSeconds` whose
 * answers are not counted.
 */
export interface LoadSpec {
  base: string;
  method: 'GET' | 'POST';
  paths: string[];
  headers: Record<string, string>;
  body?: unknown;
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
const body = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
const headers = { ...spec.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
const base = new URL(spec.base);

function send(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: base.hostname, port: base.port, method: spec.method, path, headers, agent }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

let next = 0;
let counting = false;
let stopped = false;
const latencies: number[] = [];
const statuses: Record<string, number> = {};

async function client(): Promise<void> {
  while (!stopped) {
    const path = spec.paths[next++ % spec.paths.length];
    const started = performance.now();
    const status = await send(path);
    if (!counting || stopped) continue;
    latencies.push(performance.now() - started);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}

const clients = Array.from({ length: spec.concurrency }, client);
await new Promise((resolve) => setTimeout(resolve, spec.warmupSeconds * 1000));
counting = true;
const started = performance.now();
await new Promise((resolve) => setTimeout(resolve, spec.seconds * 1000));
stopped = true;
const seconds = (performance.now() - started) / 1000;
await Promise.all(clients);
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (share: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0).toFixed(1));
const result: LoadResult = { requests: latencies.length, seconds, perSecond: latencies.length / seconds, statuses, p50: at(0.5), p99: at(0.99) };
console.log(JSON.stringify(result));
