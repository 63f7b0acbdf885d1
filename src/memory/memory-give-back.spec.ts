import { afterWindow, GIVE_BACK } from './memory-give-back.js';

/** When the app gives memory back: once at the end of each busy spell, never while it works. */
describe('giving memory back after a busy spell', () => {
  const run = (utilizations: number[]) => {
    let busySpell = false;
    return utilizations.map((utilization) => {
      const next = afterWindow(utilization, busySpell, GIVE_BACK);
      busySpell = next.busySpell;
      return next.giveBack;
    });
  };

  it('gives back once, in the first quiet window after busy ones', () => {
    expect(run([0.9, 0.95, 0.5, 0.01, 0.0, 0.01])).toEqual([false, false, false, true, false, false]);
  });

  it('never gives back while the app only idles, as after its start', () => {
    expect(run([0.01, 0.0, 0.015, 0.0])).toEqual([false, false, false, false]);
  });

  it('waits while the load tails off, and gives back when it is quiet', () => {
    expect(run([0.8, 0.1, 0.05, 0.01])).toEqual([false, false, false, true]);
  });

  it('gives back again after a second busy spell', () => {
    expect(run([0.9, 0.0, 0.0, 0.7, 0.0])).toEqual([false, true, false, false, true]);
  });
});
