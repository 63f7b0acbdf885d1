import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { compassMachine, type CompassEvent, type CompassStep, type EvidenceMark } from './compass.machine.js';
import {
  applyCompassEvent,
  persistCompass,
  replayCompass,
  restoreCompass,
  startCompass,
  type CompassRefusalCode,
  type CompassSnapshot,
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

/** Evidence ids are fixed per cycle and step, so a state of the graph is known by the steps it covers. */
const evidenceId = (cycle: number, step: CompassStep) => `c${cycle}-s${step}`;
const record = (cycle: number, step: CompassStep): CompassEvent => ({
  type: 'RECORD_EVIDENCE',
  cycle,
  evidenceId: evidenceId(cycle, step),
  mark: MARKS[step],
});
const remove = (cycle: number, step: CompassStep): CompassEvent => ({ type: 'DELETE_EVIDENCE', cycle, evidenceId: evidenceId(cycle, step) });
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
  /** The live evidence of the open cycle: id to step. */
  evidence: Map<string, CompassStep>;
  improvementActions: number;
}

const newCompass = (): DomainCompass => ({ cycle: 1, evidence: new Map(), improvementActions: 0 });

/** "A completed cycle has evidence for steps 1 to 6 and its improvement actions." Step 0 is no part of it. */
function completeByTheDomain(compass: DomainCompass): boolean {
  const covered = new Set(compass.evidence.values());
  return [1, 2, 3, 4, 5, 6].every((step) => covered.has(step as CompassStep)) && compass.improvementActions > 0;
}

type DomainVerdict = { accepted: true; next: DomainCompass } | { accepted: false; code: CompassRefusalCode };

function byTheDomain(compass: DomainCompass, event: CompassEvent): DomainVerdict {
  // Closed cycles are frozen; a cycle opens only when the one before it is closed.
  if (event.cycle < compass.cycle) return { accepted: false, code: 'CYCLE_CLOSED' };
  if (event.cycle > compass.cycle) return { accepted: false, code: 'CYCLE_NOT_OPEN' };
  const evidence = new Map(compass.evidence);
  switch (event.type) {
    case 'RECORD_EVIDENCE':
    case 'REVISE_EVIDENCE':
    case 'RESTORE_EVIDENCE':
      // Step 0 happens once, before the first cycle.
      if (event.mark.step === 0 && compass.cycle > 1) return { accepted: false, code: 'PREPARATION_CLOSED' };
      evidence.set(event.evidenceId, event.mark.step);
      return { accepted: true, next: { ...compass, evidence } };
    case 'DELETE_EVIDENCE':
      evidence.delete(event.evidenceId);
      return { accepted: true, next: { ...compass, evidence } };
    case 'AGREE_IMPROVEMENT_ACTIONS':
      return { accepted: true, next: { ...compass, improvementActions: event.count } };
    case 'CLOSE_CYCLE':
      // An adviser closes a complete cycle; the compass starts again at step 1 with new ambitions.
      if (!completeByTheDomain(compass)) return { accepted: false, code: 'CYCLE_INCOMPLETE' };
      return { accepted: true, next: { cycle: compass.cycle + 1, evidence: new Map(), improvementActions: 0 } };
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
  const evidence = [...compass.evidence].sort(([a], [b]) => a.localeCompare(b)).map(([id, step]) => `${id}=${step}`);
  return `cycle ${compass.cycle}, evidence [${evidence.join(' ')}], ${compass.improvementActions} actions`;
}

/** What the machine holds, in the domain's terms. */
function domainOf(snapshot: CompassSnapshot): DomainCompass {
  const { cycle, evidence, improvementActions } = snapshot.context;
  return { cycle, evidence: new Map(Object.entries(evidence).map(([id, mark]) => [id, mark.step])), improvementActions };
}

// ---------------------------------------------------------------------------------------------
// Walking the paths.

function describeEvent(event: CompassEvent): string {
  const cycle = `c${event.cycle}`;
  switch (event.type) {
    case 'RECORD_EVIDENCE':
      return `${cycle} step ${event.mark.step}`;
    case 'REVISE_EVIDENCE':
      return `${cycle} revise ${event.evidenceId} to step ${event.mark.step}`;
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
    evidence: Object.fromEntries(Object.entries(snapshot.context.evidence).map(([id, mark]) => [id, mark.step])),
    improvementActions: snapshot.context.improvementActions,
    // An adviser can close the open cycle exactly when it is complete.
    closeAccepted: applyCompassEvent(1, snapshot, close(domain.cycle)).accepted,
    outcomes: outcomes((event) => outcomeOf(applyCompassEvent(1, snapshot, event))),
  }).toEqual({
    cycle: domain.cycle,
    value: complete ? 'readyToClose' : 'collecting',
    evidence: Object.fromEntries(domain.evidence),
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
    const result = applyCompassEvent(1, snapshot, step.event);
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
  const { cycle, evidence, improvementActions } = snapshot.context;
  const covered = [...new Set(Object.values(evidence).map((mark) => mark.step))].sort();
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
    expect(paths.some((path) => path.state.context.cycle === 2 && Object.values(path.state.context.evidence).some((m) => m.step === 0))).toBe(
      false,
    );
  });
});

describe('every simple path from steps 0-5 recorded to closing cycle 1', () => {
  // Around completion: step 6 arrives, step 1's only evidence comes and goes, actions are agreed and withdrawn.
  const prefix = [0, 1, 2, 3, 4, 5].map((step) => record(1, step as CompassStep));
  const start = () => ({ snapshot: replayCompass(1, prefix), domain: domainAfter(prefix) });
  const exact = (snapshot: CompassSnapshot) =>
    `${serializeState(snapshot)} | ids ${Object.keys(snapshot.context.evidence).sort().join(',')} | ${snapshot.context.improvementActions}`;
  const paths = getSimplePaths(compassMachine, {
    events: [record(1, 6), remove(1, 1), restore(1, 1), agree(1, 2), agree(1, 0), close(1), close(2)],
    fromState: replayCompass(1, prefix),
    serializeState: exact,
    stopWhen: (snapshot) => snapshot.context.cycle >= 2,
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
    const result = applyCompassEvent(1, snapshot, event);
    if (!result.accepted) throw new Error(result.refusal.message);
    return result.snapshot;
  }, startCompass());
}

const cycleComplete = (cycle: number): CompassEvent[] => [...[1, 2, 3, 4, 5, 6].map((step) => record(cycle, step as CompassStep)), agree(cycle, 3)];
const inCycle2 = [...cycleComplete(1), close(1)];

describe('step 0, preparation', () => {
  it('is accepted in cycle 1', () => {
    const result = applyCompassEvent(1, startCompass(), record(1, 0));
    expect(result.accepted).toBe(true);
    expect(result.accepted && result.snapshot.context.evidence).toEqual({ 'c1-s0': MARKS[0] });
  });

  it('is refused in cycle 2, as it happens once, before the first cycle', () => {
    const snapshot = reach(inCycle2);
    expect(applyCompassEvent(1, snapshot, record(2, 0))).toEqual({
      accepted: false,
      refusal: {
        code: 'PREPARATION_CLOSED',
        message: expect.stringMatching(/^step 0 \(Wat er vooraf gaat\) happens once, before the first cycle.*cycle 2\.$/),
        params: { openCycle: 2 },
      },
    });
    for (const type of ['REVISE_EVIDENCE', 'RESTORE_EVIDENCE'] as const) {
      const event: CompassEvent = { type, cycle: 2, evidenceId: 'c2-s1', mark: MARKS[0] };
      expect(applyCompassEvent(1, snapshot, event)).toMatchObject({ accepted: false, refusal: { code: 'PREPARATION_CLOSED' } });
    }
  });

  it('is not needed to close cycle 1', () => {
    const snapshot = reach(cycleComplete(1));
    expect(snapshot.value).toBe('readyToClose');
    expect(applyCompassEvent(1, snapshot, close(1)).accepted).toBe(true);
  });
});

describe('only the open cycle accepts changes', () => {
  const eventsFor = (cycle: number): CompassEvent[] => [
    record(cycle, 2),
    { type: 'REVISE_EVIDENCE', cycle, evidenceId: evidenceId(cycle, 1), mark: MARKS[2] },
    remove(cycle, 1),
    restore(cycle, 1),
    agree(cycle, 1),
    close(cycle),
  ];

  it.each(eventsFor(1).map((event) => [event.type, event] as const))('%s for closed cycle 1 is refused: the cycle is frozen', (_, event) => {
    const snapshot = reach([...inCycle2, record(2, 1)]);
    expect(applyCompassEvent(1, snapshot, event)).toEqual({
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
    expect(applyCompassEvent(1, snapshot, event)).toEqual({
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
    expect(applyCompassEvent(1, startCompass(), close(1))).toEqual({
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
    expect(applyCompassEvent(1, snapshot, close(1))).toEqual({
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
    expect(applyCompassEvent(1, snapshot, close(1))).toEqual({
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
    expect(applyCompassEvent(1, snapshot, close(1))).toEqual({
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
    expect(deleted.context.evidence).not.toHaveProperty('c1-s3');
    expect(applyCompassEvent(1, deleted, close(1))).toMatchObject({ accepted: false, refusal: { code: 'CYCLE_INCOMPLETE' } });
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
    const revise: CompassEvent = { type: 'REVISE_EVIDENCE', cycle: 1, evidenceId: evidenceId(1, 3), mark: { ...MARKS[3], step: 4 } };
    const revised = reach([...cycleComplete(1), revise]);
    expect(revised.value).toBe('collecting');
    expect(revised.context.evidence['c1-s3']).toEqual({ step: 4, perspective: 'provider', kind: 'other' });
    expect(applyCompassEvent(1, revised, close(1))).toEqual({
      accepted: false,
      refusal: {
        code: 'CYCLE_INCOMPLETE',
        message: 'Cycle 1 cannot be closed yet: it still needs evidence for step 3 (Activiteiten).',
        params: { cycle: 1, stepsLackingEvidence: [3], improvementActionsAgreed: true },
      },
    });
    const back: CompassEvent = { type: 'REVISE_EVIDENCE', cycle: 1, evidenceId: evidenceId(1, 3), mark: MARKS[3] };
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
    expect(closed.context).toEqual({ cycle: 2, evidence: {}, improvementActions: 0 });
  });

  it('lets cycle 2 be completed and closed in turn, opening cycle 3', () => {
    const snapshot = reach([...inCycle2, ...cycleComplete(2), close(2)]);
    expect(snapshot.value).toBe('collecting');
    expect(snapshot.context).toEqual({ cycle: 3, evidence: {}, improvementActions: 0 });
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
    { type: 'REVISE_EVIDENCE', cycle: 2, evidenceId: evidenceId(2, 1), mark: MARKS[5] },
    record(2, 6),
    agree(2, 2),
  ];

  it.each([
    ['collecting, in cycle 2', log],
    ['readyToClose, in cycle 1', cycleComplete(1)],
    ['new', []],
  ] as const)('restores a stored %s compass to the same value and context', (_, events) => {
    const snapshot = reach([...events]);
    const stored = JSON.parse(JSON.stringify(persistCompass(1, snapshot)));
    const restored = restoreCompass(1, stored);
    expect(restored.value).toBe(snapshot.value);
    expect(restored.context).toEqual(snapshot.context);
    expect(applyCompassEvent(1, restored, close(restored.context.cycle)).accepted).toBe(snapshot.value === 'readyToClose');
  });

  it('replays the log to the snapshot of applying its events one by one', () => {
    const oneByOne = reach(log);
    const replayed = replayCompass(1, log);
    expect(replayed.value).toBe('collecting');
    expect(replayed.context).toEqual({
      cycle: 2,
      evidence: { 'c2-s1': MARKS[5], 'c2-s6': MARKS[6] },
      improvementActions: 2,
    });
    expect(persistCompass(1, replayed)).toEqual(persistCompass(1, oneByOne));
  });

  it('leaves the snapshot unchanged when an event is refused', () => {
    const snapshot = reach(log);
    const before = JSON.parse(JSON.stringify(persistCompass(1, snapshot)));
    for (const event of [record(2, 0), close(2), record(1, 3), agree(3, 1)]) {
      const result = applyCompassEvent(1, snapshot, event);
      expect(result.accepted).toBe(false);
      expect(result).not.toHaveProperty('snapshot');
    }
    expect(JSON.parse(JSON.stringify(persistCompass(1, snapshot)))).toEqual(before);
    expect(snapshot.value).toBe('collecting');
    expect(snapshot.context.cycle).toBe(2);
  });
});
