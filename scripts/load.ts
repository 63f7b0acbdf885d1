import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { LoadResult, LoadSpec } from './bench-load.js';

const LOAD = new URL('./bench-load.js', import.meta.url).pathname;

/** Runs the load generator (bench-load.ts) in a process of its own and reads its one line of JSON. */
export async function loadFrom(spec: LoadSpec): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [LOAD, JSON.stringify(spec)], { maxBuffer: 1 << 20, timeout: (spec.seconds + spec.warmupSeconds + 60) * 1000 });
  return JSON.parse(stdout) as LoadResult;
}

/** The RSS of a process in MiB, now and at its peak since the last reset (sampled every 100 ms). */
export function rssSampler(pid: number) {
  const now = () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  };
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, now())), 100);
  return { now, peak: () => peak, reset: () => (peak = 0), stop: () => clearInterval(timer) };
}
