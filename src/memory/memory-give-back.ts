import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';

/** When the app counts as busy, and as idle again. */
export interface GiveBackOptions {
  /** How often the event loop's use is looked at. */
  windowMs: number;
  /** A window this busy (the share of its time the loop worked) makes a busy spell. */
  busy: number;
  /** A window this quiet after a busy spell ends it: then the memory is given back. */
  idle: number;
}

export const GIVE_BACK: GiveBackOptions = { windowMs: 3000, busy: 0.2, idle: 0.02 };

/**
 * Whether to give memory back after this window, and whether a busy spell is still waiting for
 * its end: the rule, apart from the clock and V8.
 */
export function afterWindow(utilization: number, busySpell: boolean, options: GiveBackOptions = GIVE_BACK): { giveBack: boolean; busySpell: boolean } {
  if (utilization >= options.busy) return { giveBack: false, busySpell: true };
  if (busySpell && utilization < options.idle) return { giveBack: true, busySpell: false };
  return { giveBack: false, busySpell };
}

/**
 * After a busy spell, the app gives the memory it grew into back to the system. V8 keeps the
 * pages its heap grew into after the work that needed them is done, and Node never tells it that
 * memory is short, so the process stays at its peak (about 190 MiB after a minute of writes,
 * against 145 MiB at start). When the event loop has been busy and then stays idle for a whole
 * window, this asks V8 for a memory-reducing collection, as a system low on memory would (the
 * inspector's HeapProfiler.collectGarbage, sent in-process: no port is opened). It runs once per
 * busy spell, while nothing waits: it takes a few hundred milliseconds at most (166 ms after a
 * recording load).
 *
 * Starts looking at the event loop; the function returned stops it. `report` hears of each time
 * memory was given back.
 */
export function giveMemoryBackWhenIdle(report: (message: string) => void, options: GiveBackOptions = GIVE_BACK): () => void {
  const session = new Session();
  session.connect();
  let last = performance.eventLoopUtilization();
  let busySpell = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const window = performance.eventLoopUtilization(now, last);
    last = now;
    const next = afterWindow(window.utilization, busySpell, options);
    busySpell = next.busySpell;
    if (!next.giveBack) return;
    const before = { rss: process.memoryUsage.rss(), at: performance.now() };
    session.post('HeapProfiler.collectGarbage', () => {
      const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
      report(`Memory given back after a busy spell: RSS ${mib(before.rss)} → ${mib(process.memoryUsage.rss())} MiB in ${Math.round(performance.now() - before.at)} ms`);
    });
  }, options.windowMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    session.disconnect();
  };
}
