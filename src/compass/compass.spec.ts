import { COMPASS_STEP_DEFINITIONS } from './compass-steps.js';
import { applyCompassEvent, describeCompass, startCompass, type CompassProgress, type CompassSnapshot } from './compass.js';
import type { CompassEvent, CompassStep, EvidenceKind, Perspective } from './compass.machine.js';

/** Evidence of a duo, by step and side; each gets its own id. */
let nextId = 0;
const evidence = (step: CompassStep, perspective: Perspective, kind: EvidenceKind = 'stories', cycle = 1): CompassEvent => ({
  type: 'RECORD_EVIDENCE',
  cycle,
  evidenceId: `e${++nextId}`,
  mark: { step, perspective, kind },
});
/** Evidence recorded and then deleted again. */
function recordedThenDeleted(step: CompassStep, perspective: Perspective): CompassEvent[] {
  const recorded = evidence(step, perspective);
  return recorded.type === 'RECORD_EVIDENCE' ? [recorded, { type: 'DELETE_EVIDENCE', cycle: recorded.cycle, evidenceId: recorded.evidenceId, mark: recorded.mark }] : [];
}
const agree = (count: number, cycle = 1): CompassEvent => ({ type: 'AGREE_IMPROVEMENT_ACTIONS', cycle, count });
const close = (cycle: number): CompassEvent => ({ type: 'CLOSE_CYCLE', cycle });
/** Evidence for steps 1 to 6 from the side that leads each, and the improvement actions agreed. */
const completeCycle = (cycle = 1): CompassEvent[] => [
  evidence(1, 'municipality', 'figures', cycle),
  evidence(2, 'municipality', 'figures', cycle),
  evidence(3, 'provider', 'other', cycle),
  evidence(4, 'provider', 'other', cycle),
  evidence(5, 'provider', 'figures', cycle),
  evidence(6, 'municipality', 'stories', cycle),
  agree(2, cycle),
];

function stepIn(progress: CompassProgress, step: CompassStep) {
  const found = progress.steps.find((s) => s.step === step);
  if (!found) throw new Error(`step ${step} is not shown in cycle ${progress.cycle}`);
  return found;
}
/** The sides a step still lacks, as a participant reads them: "provider (leads)". */
const missingIn = (progress: CompassProgress, step: CompassStep) =>
  stepIn(progress, step).missingPerspectives.map(({ perspective, weight }) => `${perspective} (${weight})`);
const lackingIn = (progress: CompassProgress) => progress.stepsLackingEvidence.map(({ step }) => step);

const ALL_STEPS_LACKING =
  'evidence for step 1 (Monitoring & ambities), step 2 (Maatschappelijk resultaat), step 3 (Activiteiten), ' +
  'step 4 (Input kwaliteit), step 5 (Outcome), step 6 (Verbetercyclus)';
const ACTIONS_LACKING = 'the improvement actions agreed at step 6 (Verbetercyclus)';

type Row = [situation: string, events: CompassEvent[], expectations: (progress: CompassProgress) => void];

const rows: Row[] = [
  [
    'a new compass: cycle 1 shows step 0 and steps 1-6 with their names and questions, all lacking; step 1 misses municipality (leads), then provider (contributes), then residents (preferred)',
    [],
    (progress) => {
      expect(progress.cycle).toBe(1);
      expect(progress.state).toBe('collecting');
      expect(progress.steps.map(({ step }) => step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const step of progress.steps) {
        expect(step).toMatchObject({
          name: COMPASS_STEP_DEFINITIONS[step.step].name,
          question: COMPASS_STEP_DEFINITIONS[step.step].question,
          evidenceCount: 0,
          perspectives: [],
        });
      }
      expect(progress.steps.map(({ name }) => name)).toEqual([
        'Wat er vooraf gaat',
        'Monitoring & ambities',
        'Maatschappelijk resultaat',
        'Activiteiten',
        'Input kwaliteit',
        'Outcome',
        'Verbetercyclus',
      ]);
      expect(lackingIn(progress)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(missingIn(progress, 1)).toEqual(['municipality (leads)', 'provider (contributes)', 'residents (preferred)']);
      expect(progress.improvementActionsAgreed).toBe(0);
      expect(progress.readyToClose).toBe(false);
      expect(progress.stillNeeded).toEqual([ALL_STEPS_LACKING, ACTIONS_LACKING]);
    },
  ],
  [
    'steps 1 and 2 are led by the municipality: it is listed first, the provider contributes',
    [],
    (progress) => {
      for (const step of [1, 2] as const) {
        expect(stepIn(progress, step).leads).toEqual(['municipality']);
        expect(missingIn(progress, step)).toEqual(['municipality (leads)', 'provider (contributes)', 'residents (preferred)']);
      }
    },
  ],
  [
    'steps 4 and 5 are led by the provider: it is listed first, the municipality contributes',
    [],
    (progress) => {
      for (const step of [4, 5] as const) {
        expect(stepIn(progress, step).leads).toEqual(['provider']);
        expect(missingIn(progress, step)).toEqual(['provider (leads)', 'municipality (contributes)', 'residents (preferred)']);
      }
    },
  ],
  [
    'steps 3 and 6 are led by both: both sides are listed as leads before residents',
    [],
    (progress) => {
      for (const step of [3, 6] as const) {
        expect(stepIn(progress, step).leads).toEqual(['municipality', 'provider']);
        expect(missingIn(progress, step)).toEqual(['municipality (leads)', 'provider (leads)', 'residents (preferred)']);
      }
    },
  ],
  [
    'step 0 is shared by municipality and provider; residents are preferred',
    [],
    (progress) => {
      expect(missingIn(progress, 0)).toEqual(['municipality (leads)', 'provider (leads)', 'residents (preferred)']);
    },
  ],
  [
    'evidence from residents only still counts as evidence for the step, but both sides are still listed missing',
    [evidence(4, 'residents')],
    (progress) => {
      expect(stepIn(progress, 4)).toMatchObject({ evidenceCount: 1, perspectives: ['residents'] });
      expect(missingIn(progress, 4)).toEqual(['provider (leads)', 'municipality (contributes)']);
      expect(lackingIn(progress)).toEqual([1, 2, 3, 5, 6]);
      expect(progress.stillNeeded[0]).not.toContain('step 4');
    },
  ],
  [
    'evidence from the leading side leaves the contributing side and residents missing, in that order',
    [evidence(5, 'provider', 'figures'), evidence(5, 'provider', 'stories')],
    (progress) => {
      expect(stepIn(progress, 5)).toMatchObject({ evidenceCount: 2, perspectives: ['provider'] });
      expect(missingIn(progress, 5)).toEqual(['municipality (contributes)', 'residents (preferred)']);
    },
  ],
  [
    'a step with all three sides misses none, and lists them in the order municipality, provider, residents',
    [evidence(3, 'residents'), evidence(3, 'provider'), evidence(3, 'municipality')],
    (progress) => {
      expect(stepIn(progress, 3)).toMatchObject({ evidenceCount: 3, perspectives: ['municipality', 'provider', 'residents'], missingPerspectives: [] });
    },
  ],
  [
    'evidence for step 0 shows on step 0 but is not what a cycle needs',
    [evidence(0, 'municipality'), evidence(0, 'provider')],
    (progress) => {
      expect(stepIn(progress, 0)).toMatchObject({ evidenceCount: 2, perspectives: ['municipality', 'provider'] });
      expect(lackingIn(progress)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(progress.stillNeeded).toEqual([ALL_STEPS_LACKING, ACTIONS_LACKING]);
    },
  ],
  [
    'deleted evidence no longer counts for its step',
    [...recordedThenDeleted(2, 'municipality'), evidence(1, 'provider')],
    (progress) => {
      expect(stepIn(progress, 2)).toMatchObject({ evidenceCount: 0, perspectives: [] });
      expect(stepIn(progress, 1)).toMatchObject({ evidenceCount: 1, perspectives: ['provider'] });
      expect(lackingIn(progress)).toEqual([2, 3, 4, 5, 6]);
    },
  ],
  [
    'readyToClose, with nothing lacking and stillNeeded empty, once steps 1-6 have evidence and actions are agreed (step 0 may stay empty)',
    completeCycle(),
    (progress) => {
      expect(progress.state).toBe('readyToClose');
      expect(progress.readyToClose).toBe(true);
      expect(progress.stepsLackingEvidence).toEqual([]);
      expect(progress.stillNeeded).toEqual([]);
      expect(progress.improvementActionsAgreed).toBe(2);
      expect(stepIn(progress, 0).evidenceCount).toBe(0);
    },
  ],
  [
    'stillNeeded names only the improvement actions when only they are missing',
    completeCycle().filter((event) => event.type !== 'AGREE_IMPROVEMENT_ACTIONS'),
    (progress) => {
      expect(progress.state).toBe('collecting');
      expect(progress.readyToClose).toBe(false);
      expect(progress.stepsLackingEvidence).toEqual([]);
      expect(progress.stillNeeded).toEqual([ACTIONS_LACKING]);
    },
  ],
  [
    'stillNeeded names only the steps lacking evidence once the improvement actions are agreed',
    [evidence(1, 'municipality'), evidence(3, 'provider'), evidence(6, 'provider'), agree(4)],
    (progress) => {
      expect(progress.improvementActionsAgreed).toBe(4);
      expect(lackingIn(progress)).toEqual([2, 4, 5]);
      expect(progress.stepsLackingEvidence.map(({ name }) => name)).toEqual(['Maatschappelijk resultaat', 'Input kwaliteit', 'Outcome']);
      expect(progress.stillNeeded).toEqual(['evidence for step 2 (Maatschappelijk resultaat), step 4 (Input kwaliteit), step 5 (Outcome)']);
    },
  ],
  [
    'improvement actions withdrawn (0 agreed) are missing again',
    [...completeCycle(), agree(0)],
    (progress) => {
      expect(progress.readyToClose).toBe(false);
      expect(progress.improvementActionsAgreed).toBe(0);
      expect(progress.stillNeeded).toEqual([ACTIONS_LACKING]);
    },
  ],
  [
    'cycle 2 does not show step 0, and starts with steps 1-6 lacking and no improvement actions',
    [evidence(0, 'municipality'), ...completeCycle(), close(1)],
    (progress) => {
      expect(progress.cycle).toBe(2);
      expect(progress.state).toBe('collecting');
      expect(progress.steps.map(({ step }) => step)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(progress.steps.every(({ evidenceCount }) => evidenceCount === 0)).toBe(true);
      expect(lackingIn(progress)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(progress.improvementActionsAgreed).toBe(0);
      expect(progress.stillNeeded).toEqual([ALL_STEPS_LACKING, ACTIONS_LACKING]);
    },
  ],
  [
    'cycle 2 counts only its own evidence, not that of closed cycle 1',
    [...completeCycle(), close(1), evidence(1, 'residents', 'stories', 2)],
    (progress) => {
      expect(progress.cycle).toBe(2);
      expect(stepIn(progress, 1)).toMatchObject({ evidenceCount: 1, perspectives: ['residents'] });
      expect(progress.steps.filter(({ evidenceCount }) => evidenceCount > 0).map(({ step }) => step)).toEqual([1]);
      expect(lackingIn(progress)).toEqual([2, 3, 4, 5, 6]);
    },
  ],
];

/** The compass after the duo's events, each accepted. */
function reach(events: CompassEvent[]): CompassSnapshot {
  return events.reduce((snapshot, event) => {
    const result = applyCompassEvent(snapshot, event);
    if (!result.accepted) throw new Error(result.refusal.message);
    return result.snapshot;
  }, startCompass());
}

describe('describeCompass: where the open cycle of a duo stands', () => {
  it.each(rows)('%s', (_, events, expectations) => {
    expectations(describeCompass(reach(events)));
  });
});
