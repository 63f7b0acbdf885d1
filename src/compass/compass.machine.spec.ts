import { initialTransition, transition } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { compassMachineV1, type CompassV1Event } from './compass-v1.machine.js';
import { compassMachine, markKey, markOfKey, type CompassEvent, type CompassStep, type EvidenceMark } from './compass.machine.js';
import {
  applyCompassEvent,
  persistCompass,
  replayCompass,
  replayStoredCompass,
  restoreCompass,
  startCompass,
  upgradeCompass,
  type CompassRefusalCode,
  type CompassSnapshot,
  type PersistedCompassV1,
} from './compass.js';

/**
 * One piece of evidence per step, with the perspectives and kinds a duo records: step 1's comes
 * from residents only, which still counts as evidence for the step (DOMAIN.md: residents
 * preferred, not required, and any evidence counts).
 */
const MARKS: Record<CompassStep, EvidenceMark> = {
  0: { step: 0, perspective: 'municipality', kind: 'stories' },
  1: { step: 1, perspective: 'residents', kind: 'stories' },
  2: { step: 2, perspective: 'municipality', kind: 'figures' },
  3: { step: 3, perspective: 'provider', kind: 'other' },
  4: { step: 4, perspective: 'provider', kind: 'figures' },
  5: { step: 5, perspective: 'provider', kind: 'stories' },
  6: { step: 6, perspective: 'municipality', kind: 'other' },
};
const ALL_STEPS: CompassStep[] = [0, 1, 2, 3, 4, 5, 6];

/** Evidence ids are fixed per cycle and step; the compass counts their marks, so a state of the graph is known by the steps it covers. */
const evidenceId = (cycle: number, step: CompassStep) => `c${cycle}-s${step}`;
const record = (cycle: number, step: CompassStep): CompassEvent => ({
  type: 'RECORD_EVIDENCE',
  cycle,
  evidenceId: evidenceId(cycle, step),
  mark: MARKS[step],
});
const remove = (cycle: number, step: CompassStep): CompassEvent => ({ type: 'DELETE_EVIDENCE', cycle, evidenceId: evidenceId(cycle, step), mark: MARKS[step] });
const restore = (cycle: number, step: CompassStep): CompassEvent => ({
  type: 'RESTORE_EVIDENCE',
  cycle,
  evidenceId: evidenceId(cycle, step),
  mark: MARKS[step],
});
const agree = (cycle: number, count: number): CompassEvent => ({ type: 'AGREE_IMPROVEMENT_ACTIONS', cycle, count });
const close = (cycle: number): CompassEvent => ({ type: 'CLOSE_CYCLE', cycle });

/** The events of the model: evidence for every step in cycles 1 and 2 (step 0 of cycle 2 included, to be refused), a delete, agreed and withdrawn improvement actions, and closing either cycle. */
const EVENTS: CompassEvent[] = [1, 2].flatMap((cycle) => [
  ...ALL_STEPS.map((step) => record(cycle, step)),
  remove(cycle, 1),
  agree(cycle, 2),
  agree(cycle, 0),
  close(cycle),
]);

// ---------------------------------------------------------------------------------------------
// The Kwaliteitskompas as DOMAIN.md tells it, written without looking at the machine.

interface DomainCompass {
  /** The open cycle; the earlier ones are closed and frozen. */
  cycle: number;
  /** How many live pieces of evidence the open cycle holds, by step, perspective and kind. */
  counts: Map<string, number>;
  improvementActions: number;
}

const newCompass = (): DomainCompass => ({ cycle: 1, counts: new Map(), improvementActions: 0 });
const keyOf = (mark: EvidenceMark) => `${mark.step}.${mark.perspective}.${mark.kind}`;

/** One piece more or less of a mark; a mark with none is not counted (the service deletes only live evidence). */
function counting(counts: Map<string, number>, mark: EvidenceMark, by: 1 | -1): Map<string, number> {
  const next = new Map(counts);
  const count = (counts.get(keyOf(mark)) ?? 0) + by;
  if (count > 0) next.set(keyOf(mark), count);
  else next.delete(keyOf(mark));
  return next;
}

/** "A completed cycle has evidence for steps 1 to 6 and its improvement actions." Step 0 is no part of it. */
function completeByTheDomain(compass: DomainCompass): boolean {
  const covered = new Set([...compass.counts.keys()].map((key) => Number(key.split('.')[0])));
  return [1, 2, 3, 4, 5, 6].every((step) => covered.has(step as CompassStep)) && compass.improvementActions > 0;
}

type DomainVerdict = { accepted: true; next: DomainCompass } | { accepted: false; code: CompassRefusalCode };

function byTheDomain(compass: DomainCompass, event: CompassEvent): DomainVerdict {
  // Closed cycles are frozen; a cycle opens only when the one before it is closed.
  if (event.cycle < compass.cycle) return { accepted: false, code: 'CYCLE_CLOSED' };
  if (event.cycle > compass.cycle) return { accepted: false, code: 'CYCLE_NOT_OPEN' };
  switch (event.type) {
    case 'RECORD_EVIDENCE':
    case 'REVISE_EVIDENCE':
    case 'RESTORE_EVIDENCE': {
      // Step 0 happens once, before the first cycle.
      if (event.mark.step === 0 && compass.cycle > 1) return { accepted: false, code: 'PREPARATION_CLOSED' };
      // A revision moves the piece from what it was to what it is now.
      const before = event.type === 'REVISE_EVIDENCE' ? counting(compass.counts, event.previous, -1) : compass.counts;
      return { accepted: true, next: { ...compass, counts: counting(before, event.mark, 1) } };
    }
    case 'DELETE_EVIDENCE':
      return { accepted: true, next: { ...compass, counts: counting(compass.counts, event.mark, -1) } };
    case 'AGREE_IMPROVEMENT_ACTIONS':
      return { accepted: true, next: { ...compass, improvementActions: event.count } };
    case 'CLOSE_CYCLE':
      // An adviser closes a complete cycle; the compass starts again at step 1 with new ambitions.
      if (!completeByTheDomain(compass)) return { accepted: false, code: 'CYCLE_INCOMPLETE' };
      return { accepted: true, next: { cycle: compass.cycle + 1, counts: new Map(), improvementActions: 0 } };
  }
}

function domainAfter(events: CompassEvent[]): DomainCompass {
  return events.reduce((compass, event) => {
    const verdict = byTheDomain(compass, event);
    if (!verdict.accepted) throw new Error(`the domain refuses ${event.type}: ${verdict.code}`);
    return verdict.next;
  }, newCompass());
}

/** An accepted event in words with where it leads, or the refusal's code. */
const verdictOf = (verdict: DomainVerdict) =>
  verdict.accepted ? `accepted: ${completeByTheDomain(verdict.next) ? 'readyToClose' : 'collecting'}, ${describeDomain(verdict.next)}` : verdict.code;
const outcomeOf = (result: ReturnType<typeof applyCompassEvent>) =>
  result.accepted ? `accepted: ${String(result.snapshot.value)}, ${describeDomain(domainOf(result.snapshot))}` : result.refusal.code;

function describeDomain(compass: DomainCompass): string {
  const counts = [...compass.counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `${key}=${count}`);
  return `cycle ${compass.cycle}, evidence [${counts.join(' ')}], ${compass.improvementActions} actions`;
}

/** What the machine holds, in the domain's terms. */
function domainOf(snapshot: CompassSnapshot): DomainCompass {
  const { cycle, counts, improvementActions } = snapshot.context;
  return { cycle, counts: new Map(Object.entries(counts)), improvementActions };
}

// ---------------------------------------------------------------------------------------------
// Walking the paths.

function describeEvent(event: CompassEvent): string {
  const cycle = `c${event.cycle}`;
  switch (event.type) {
    case 'RECORD_EVIDENCE':
      return `${cycle} step ${event.mark.step}`;
    case 'REVISE_EVIDENCE':
      return `${cycle} revise ${event.evidenceId} from step ${event.previous.step} to step ${event.mark.step}`;
    case 'RESTORE_EVIDENCE':
      return `${cycle} restore step ${event.mark.step}`;
    case 'DELETE_EVIDENCE':
      return `${cycle} delete ${event.evidenceId}`;
    case 'AGREE_IMPROVEMENT_ACTIONS':
      return `${cycle} ${event.count} actions`;
    case 'CLOSE_CYCLE':
      return `${cycle} close`;
  }
}

type PathStep = { event: CompassEvent; state: CompassSnapshot };

function describePath(start: string, steps: PathStep[]): string {
  return [start, ...steps.slice(1).map(({ event }) => describeEvent(event))].join(' → ');
}

/** The graph's paths begin with the machine's own init step; the compass's events follow it. */
function compassSteps(steps: PathStep[]): PathStep[] {
  expect(steps[0].event.type).toBe('xstate.init');
  return steps.slice(1);
}

/** At every step: the machine is where the domain says, and accepts or refuses each event of the model as the domain does. */
function expectAsTheDomainSays(snapshot: CompassSnapshot, domain: DomainCompass) {
  const complete = completeByTheDomain(domain);
  const outcomes = (decide: (event: CompassEvent) => string) => EVENTS.map((event) => `${describeEvent(event)}: ${decide(event)}`);
  expect({
    cycle: snapshot.context.cycle,
    value: snapshot.value,
    counts: snapshot.context.counts,
    improvementActions: snapshot.context.improvementActions,
    // An adviser can close the open cycle exactly when it is complete.
    closeAccepted: applyCompassEvent(snapshot, close(domain.cycle)).accepted,
    outcomes: outcomes((event) => outcomeOf(applyCompassEvent(snapshot, event))),
  }).toEqual({
    cycle: domain.cycle,
    value: complete ? 'readyToClose' : 'collecting',
    counts: Object.fromEntries(domain.counts),
    improvementActions: domain.improvementActions,
    closeAccepted: complete,
    outcomes: outcomes((event) => verdictOf(byTheDomain(domain, event))),
  });
}

function walk(start: { snapshot: CompassSnapshot; domain: DomainCompass }, steps: PathStep[]) {
  let { snapshot, domain } = start;
  expectAsTheDomainSays(snapshot, domain);
  for (const step of compassSteps(steps)) {
    const verdict = byTheDomain(domain, step.event);
    const result = applyCompassEvent(snapshot, step.event);
    expect(outcomeOf(result)).toBe(verdictOf(verdict));
    if (!result.accepted || !verdict.accepted) throw new Error(`refused ${describeEvent(step.event)}`);
    snapshot = result.snapshot;
    domain = verdict.next;
    expectAsTheDomainSays(snapshot, domain);
    // The graph took the machine to the same place.
    expect(snapshot.value).toBe(step.state.value);
    expect(snapshot.context).toEqual(step.state.context);
  }
  return snapshot;
}

/** A state of the graph: where the machine is, the open cycle, the steps with evidence and whether actions are agreed. */
function serializeState(snapshot: CompassSnapshot): string {
  const { cycle, counts, improvementActions } = snapshot.context;
  const covered = [...new Set(Object.keys(counts).map((key) => markOfKey(key).step))].sort();
  return `${String(snapshot.value)} | cycle ${cycle} | steps ${covered.join(',')} | actions ${improvementActions > 0}`;
}

describe('every shortest path of the compass, up to cycle 3', () => {
  const paths = getShortestPaths(compassMachine, {
    events: EVENTS,
    serializeState,
    stopWhen: (snapshot) => snapshot.context.cycle >= 3,
    // A machine that grows its state without bound fails here instead of hanging.
    limit: 20_000,
  });

  it.each(paths.map((path) => [describePath('(start)', path.steps), path] as const))('%s', (_, path) => {
    walk({ snapshot: startCompass(), domain: newCompass() }, path.steps);
  });

  it('reaches every combination of steps and actions: steps 0-6 in cycle 1, steps 1-6 in cycle 2, then cycle 3', () => {
    expect(paths).toHaveLength(2 ** 7 * 2 + 2 ** 6 * 2 + 1);
    const reached = new Set(paths.map((path) => `${String(path.state.value)} ${path.state.context.cycle}`));
    expect([...reached].sort()).toEqual(['collecting 1', 'collecting 2', 'collecting 3', 'readyToClose 1', 'readyToClose 2']);
    expect(paths.some((path) => path.state.context.cycle === 2 && Object.keys(path.state.context.counts).some((key) => markOfKey(key).step === 0))).toBe(
      false,
    );
  });
});

describe('every simple path from steps 0-5 recorded to closing cycle 1', () => {
  // Around completion: step 6 arrives, step 1's only evidence comes and goes, actions are agreed and withdrawn.
  const prefix = [0, 1, 2, 3, 4, 5].map((step) => record(1, step as CompassStep));
  const start = () => ({ snapshot: replayCompass(prefix), domain: domainAfter(prefix) });
  const exact = (snapshot: CompassSnapshot) => `${serializeState(snapshot)} | counts ${JSON.stringify(Object.entries(snapshot.context.counts).sort())}`;
  const paths = getSimplePaths(compassMachine, {
    events: [record(1, 6), remove(1, 1), restore(1, 1), agree(1, 2), agree(1, 0), close(1), close(2)],
    fromState: replayCompass(prefix),
    serializeState: exact,
    // A second piece of one mark ends a path: from there on, its paths are those of the first.
    stopWhen: (snapshot) => snapshot.context.cycle >= 2 || Object.values(snapshot.context.counts).some((count) => count > 1),
    limit: 1_000,
  });

  it.each(paths.map((path) => [describePath('c1 steps 0-5', path.steps), path] as const))('%s', (_, path) => {
    walk(start(), path.steps);
  });

  it('include paths that fall back from readyToClose to collecting and still close the cycle', () => {
    const fallsBackAndCloses = paths.filter((path) => {
      const values = path.steps.map((step) => String(step.state.value));
      const back = values.findIndex((value, i) => i > 0 && value === 'collecting' && values[i - 1] === 'readyToClose');
      return back > 0 && path.state.context.cycle === 2;
    });
    expect(fallsBackAndCloses.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Focused tests.

function reach(events: CompassEvent[]): CompassSnapshot {
  return events.reduce((snapshot, event) => {
    const result = applyCompassEvent(snapshot, event);
    if (!result.accepted) throw new Error(result.refusal.message);
    return result.snapshot;
  }, startCompass());
}

const cycleComplete = (cycle: number): CompassEvent[] => [...[1, 2, 3, 4, 5, 6].map((step) => record(cycle, step as CompassStep)), agree(cycle, 3)];
const inCycle2 = [...cycleComplete(1), close(1)];

describe('step 0, preparation', () => {
  it('is accepted in cycle 1', () => {
    const result = applyCompassEvent(startCompass(), record(1, 0));
    expect(result.accepted).toBe(true);
    expect(result.accepted && result.snapshot.context.counts).toEqual({ '0.municipality.stories': 1 });
  });

  it('is refused in cycle 2, as it happens once, before the first cycle', () => {
    const snapshot = reach(inCycle2);
    expect(applyCompassEvent(snapshot, record(2, 0))).toEqual({
      accepted: false,
      refusal: {
        code: 'PREPARATION_CLOSED',
        message: expect.stringMatching(/^step 0 \(Wat er vooraf gaat\) happens once, before the first cycle.*cycle 2\.$/),
        params: { openCycle: 2 },
      },
    });
    const revise: CompassEvent = { type: 'REVISE_EVIDENCE', cycle: 2, evidenceId: 'c2-s1', previous: MARKS[1], mark: MARKS[0] };
    for (const event of [revise, { ...restore(2, 0), evidenceId: 'c2-s1' }]) {
      expect(applyCompassEvent(snapshot, event)).toMatchObject({ accepted: false, refusal: { code: 'PREPARATION_CLOSED' } });
    }
  });

  it('is not needed to close cycle 1', () => {
    const snapshot = reach(cycleComplete(1));
    expect(snapshot.value).toBe('readyToClose');
    expect(applyCompassEvent(snapshot, close(1)).accepted).toBe(true);
  });
});

describe('only the open cycle accepts changes', () => {
  const eventsFor = (cycle: number): CompassEvent[] => [
    record(cycle, 2),
    { type: 'REVISE_EVIDENCE', cycle, evidenceId: evidenceId(cycle, 1), previous: MARKS[1], mark: MARKS[2] },
    remove(cycle, 1),
    restore(cycle, 1),
    agree(cycle, 1),
    close(cycle),
  ];

  it.each(eventsFor(1).map((event) => [event.type, event] as const))('%s for closed cycle 1 is refused: the cycle is frozen', (_, event) => {
    const snapshot = reach([...inCycle2, record(2, 1)]);
    expect(applyCompassEvent(snapshot, event)).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_CLOSED',
        message: 'Cycle 1 is closed, and what it holds is frozen. Changes go into cycle 2, the open one.',
        params: { cycle: 1, openCycle: 2 },
      },
    });
  });

  it.each(eventsFor(3).map((event) => [event.type, event] as const))('%s for cycle 3 while cycle 2 is open is refused: not open yet', (_, event) => {
    const snapshot = reach([...inCycle2, ...cycleComplete(2)]);
    expect(snapshot.value).toBe('readyToClose');
    expect(applyCompassEvent(snapshot, event)).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_NOT_OPEN',
        message: 'Cycle 3 is not open; cycle 2 is. A cycle opens when an adviser closes the one before it.',
        params: { cycle: 3, openCycle: 2 },
      },
    });
  });
});

describe('closing an incomplete cycle', () => {
  it('is refused on a new compass, naming every step 1-6 and the improvement actions', () => {
    expect(applyCompassEvent(startCompass(), close(1))).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_INCOMPLETE',
        message:
          'Cycle 1 cannot be closed yet: it still needs evidence for step 1 (Monitoring & ambities), ' +
          'step 2 (Maatschappelijk resultaat), step 3 (Activiteiten), step 4 (Input kwaliteit), step 5 (Outcome), ' +
          'step 6 (Verbetercyclus), and the improvement actions agreed at step 6 (Verbetercyclus).',
        params: { cycle: 1, stepsLackingEvidence: [1, 2, 3, 4, 5, 6], improvementActionsAgreed: false },
      },
    });
  });

  it('names only the steps still lacking evidence, and the improvement actions', () => {
    const snapshot = reach([record(1, 0), record(1, 1), record(1, 3), record(1, 4), record(1, 6)]);
    expect(applyCompassEvent(snapshot, close(1))).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_INCOMPLETE',
        message:
          'Cycle 1 cannot be closed yet: it still needs evidence for step 2 (Maatschappelijk resultaat), ' +
          'step 5 (Outcome), and the improvement actions agreed at step 6 (Verbetercyclus).',
        params: { cycle: 1, stepsLackingEvidence: [2, 5], improvementActionsAgreed: false },
      },
    });
  });

  it('names only the improvement actions when every step has evidence', () => {
    const snapshot = reach([...[1, 2, 3, 4, 5, 6].map((step) => record(1, step as CompassStep))]);
    expect(snapshot.value).toBe('collecting');
    expect(applyCompassEvent(snapshot, close(1))).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_INCOMPLETE',
        message: 'Cycle 1 cannot be closed yet: it still needs the improvement actions agreed at step 6 (Verbetercyclus).',
        params: { cycle: 1, stepsLackingEvidence: [], improvementActionsAgreed: false },
      },
    });
  });

  it('names only the step lacking evidence when the improvement actions are agreed', () => {
    const snapshot = reach([...cycleComplete(1), remove(1, 4)]);
    expect(applyCompassEvent(snapshot, close(1))).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_INCOMPLETE',
        message: 'Cycle 1 cannot be closed yet: it still needs evidence for step 4 (Input kwaliteit).',
        params: { cycle: 1, stepsLackingEvidence: [4], improvementActionsAgreed: true },
      },
    });
  });
});

describe('coverage of the steps', () => {
  it('falls back to collecting when the only evidence of a step is deleted, and returns when it is restored', () => {
    const ready = reach(cycleComplete(1));
    expect(ready.value).toBe('readyToClose');
    const deleted = reach([...cycleComplete(1), remove(1, 3)]);
    expect(deleted.value).toBe('collecting');
    expect(deleted.context.counts).not.toHaveProperty('3.provider.other');
    expect(applyCompassEvent(deleted, close(1))).toMatchObject({ accepted: false, refusal: { code: 'CYCLE_INCOMPLETE' } });
    expect(reach([...cycleComplete(1), remove(1, 3), restore(1, 3)]).value).toBe('readyToClose');
  });

  it('stays readyToClose when a step keeps other evidence after a deletion', () => {
    const second: CompassEvent = { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'c1-s3-b', mark: { step: 3, perspective: 'residents', kind: 'figures' } };
    expect(reach([...cycleComplete(1), second, remove(1, 3)]).value).toBe('readyToClose');
  });

  it('falls back to collecting when the improvement actions are withdrawn', () => {
    expect(reach([...cycleComplete(1), agree(1, 0)]).value).toBe('collecting');
  });

  it('moves with evidence revised to another step', () => {
    const revise: CompassEvent = { type: 'REVISE_EVIDENCE', cycle: 1, evidenceId: evidenceId(1, 3), previous: MARKS[3], mark: { ...MARKS[3], step: 4 } };
    const revised = reach([...cycleComplete(1), revise]);
    expect(revised.value).toBe('collecting');
    expect(revised.context.counts).toMatchObject({ '4.provider.other': 1, '4.provider.figures': 1 });
    expect(revised.context.counts).not.toHaveProperty('3.provider.other');
    expect(applyCompassEvent(revised, close(1))).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_INCOMPLETE',
        message: 'Cycle 1 cannot be closed yet: it still needs evidence for step 3 (Activiteiten).',
        params: { cycle: 1, stepsLackingEvidence: [3], improvementActionsAgreed: true },
      },
    });
    const back: CompassEvent = { type: 'REVISE_EVIDENCE', cycle: 1, evidenceId: evidenceId(1, 3), previous: { ...MARKS[3], step: 4 }, mark: MARKS[3] };
    expect(reach([...cycleComplete(1), revise, back]).value).toBe('readyToClose');
  });

  it('counts evidence from residents only', () => {
    const residentsOnly = [1, 2, 3, 4, 5, 6].map(
      (step): CompassEvent => ({ type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: `r${step}`, mark: { step: step as CompassStep, perspective: 'residents', kind: 'stories' } }),
    );
    expect(reach([...residentsOnly, agree(1, 1)]).value).toBe('readyToClose');
  });
});

describe('closing a complete cycle', () => {
  it('opens the next cycle empty, at step 1', () => {
    const closed = reach([record(1, 0), ...inCycle2]);
    expect(closed.value).toBe('collecting');
    expect(closed.context).toEqual({ cycle: 2, counts: {}, improvementActions: 0 });
  });

  it('lets cycle 2 be completed and closed in turn, opening cycle 3', () => {
    const snapshot = reach([...inCycle2, ...cycleComplete(2), close(2)]);
    expect(snapshot.value).toBe('collecting');
    expect(snapshot.context).toEqual({ cycle: 3, counts: {}, improvementActions: 0 });
  });
});

describe('storing, restoring and replaying', () => {
  const log: CompassEvent[] = [
    record(1, 0),
    ...cycleComplete(1),
    remove(1, 2),
    restore(1, 2),
    close(1),
    record(2, 1),
    { type: 'REVISE_EVIDENCE', cycle: 2, evidenceId: evidenceId(2, 1), previous: MARKS[1], mark: MARKS[5] },
    record(2, 6),
    agree(2, 2),
  ];

  it.each([
    ['collecting, in cycle 2', log],
    ['readyToClose, in cycle 1', cycleComplete(1)],
    ['new', []],
  ] as const)('restores a stored %s compass to the same value and context', (_, events) => {
    const snapshot = reach([...events]);
    const stored = JSON.parse(JSON.stringify(persistCompass(snapshot)));
    const restored = restoreCompass(2, stored);
    expect(restored.value).toBe(snapshot.value);
    expect(restored.context).toEqual(snapshot.context);
    expect(applyCompassEvent(restored, close(restored.context.cycle)).accepted).toBe(snapshot.value === 'readyToClose');
  });

  it('replays the log to the snapshot of applying its events one by one', () => {
    const oneByOne = reach(log);
    const replayed = replayCompass(log);
    expect(replayed.value).toBe('collecting');
    expect(replayed.context).toEqual({
      cycle: 2,
      counts: { [markKey(MARKS[5])]: 1, [markKey(MARKS[6])]: 1 },
      improvementActions: 2,
    });
    expect(persistCompass(replayed)).toEqual(persistCompass(oneByOne));
  });

  it('leaves the snapshot unchanged when an event is refused', () => {
    const snapshot = reach(log);
    const before = JSON.parse(JSON.stringify(persistCompass(snapshot)));
    for (const event of [record(2, 0), close(2), record(1, 3), agree(3, 1)]) {
      const result = applyCompassEvent(snapshot, event);
      expect(result.accepted).toBe(false);
      expect(result).not.toHaveProperty('snapshot');
    }
    expect(JSON.parse(JSON.stringify(persistCompass(snapshot)))).toEqual(before);
    expect(snapshot.value).toBe('collecting');
    expect(snapshot.context.cycle).toBe(2);
  });
});

describe('version 1, which kept every evidence id', () => {
  /** The same history as version 1 logged it: a deletion named only the id, a revision only the new mark. */
  const v1Log: CompassV1Event[] = [
    { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'a', mark: MARKS[1] },
    { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'b', mark: MARKS[1] },
    { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'c', mark: MARKS[2] },
    { type: 'REVISE_EVIDENCE', cycle: 1, evidenceId: 'c', mark: MARKS[3] },
    { type: 'DELETE_EVIDENCE', cycle: 1, evidenceId: 'a' },
    { type: 'RESTORE_EVIDENCE', cycle: 1, evidenceId: 'a', mark: MARKS[1] },
    { type: 'DELETE_EVIDENCE', cycle: 1, evidenceId: 'b' },
    { type: 'AGREE_IMPROVEMENT_ACTIONS', cycle: 1, count: 2 },
  ];
  const v2Log: CompassEvent[] = [
    { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'a', mark: MARKS[1] },
    { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'b', mark: MARKS[1] },
    { type: 'RECORD_EVIDENCE', cycle: 1, evidenceId: 'c', mark: MARKS[2] },
    { type: 'REVISE_EVIDENCE', cycle: 1, evidenceId: 'c', previous: MARKS[2], mark: MARKS[3] },
    { type: 'DELETE_EVIDENCE', cycle: 1, evidenceId: 'a', mark: MARKS[1] },
    { type: 'RESTORE_EVIDENCE', cycle: 1, evidenceId: 'a', mark: MARKS[1] },
    { type: 'DELETE_EVIDENCE', cycle: 1, evidenceId: 'b', mark: MARKS[1] },
    { type: 'AGREE_IMPROVEMENT_ACTIONS', cycle: 1, count: 2 },
  ];
  const stored = (version: number, events: object[]) => events.map(({ type, ...payload }: { type?: string }) => ({ compass_version: version, type: type!, payload }));
  const v1Snapshot = (events: CompassV1Event[]): PersistedCompassV1 => {
    const snapshot = events.reduce((reached, event) => transition(compassMachineV1, reached, event)[0], initialTransition(compassMachineV1)[0]);
    return JSON.parse(JSON.stringify(compassMachineV1.getPersistedSnapshot(snapshot)));
  };

  it('upgrades a stored snapshot to the counts of its marks, in the same state', () => {
    const v1 = v1Snapshot(v1Log);
    expect(v1.context.evidence).toEqual({ a: MARKS[1], c: MARKS[3] });
    expect(upgradeCompass(v1)).toEqual({ ...v1, context: { cycle: 1, counts: { [markKey(MARKS[1])]: 1, [markKey(MARKS[3])]: 1 }, improvementActions: 2 } });
    expect(upgradeCompass(v1)).toEqual(persistCompass(replayCompass(v2Log)));
    const restored = restoreCompass(1, v1);
    expect(restored.value).toBe('collecting');
    expect(applyCompassEvent(restored, record(1, 0)).accepted).toBe(true);
  });

  it('replays a log of version 1 events to what the same history gives in version 2', () => {
    expect(persistCompass(replayStoredCompass(stored(1, v1Log)))).toEqual(persistCompass(replayCompass(v2Log)));
  });

  it('replays a log that goes on in version 2 after version 1: the prefix on version 1, upgraded, the rest on version 2', () => {
    const rest = [...[2, 4, 5, 6].map((step) => record(1, step as CompassStep)), close(1), record(2, 1)];
    const replayed = replayStoredCompass([...stored(1, v1Log.slice(0, 5)), ...stored(2, [...v2Log.slice(5), ...rest])]);
    expect(persistCompass(replayed)).toEqual(persistCompass(replayCompass([...v2Log, ...rest])));
    expect(replayed.context).toEqual({ cycle: 2, counts: { [markKey(MARKS[1])]: 1 }, improvementActions: 0 });
  });

  it('does not replay a log that goes back to version 1 after version 2', () => {
    expect(() => replayStoredCompass([...stored(2, v2Log.slice(0, 1)), ...stored(1, v1Log.slice(1, 2))])).toThrow(RangeError);
  });
});
