import { readFileSync } from 'node:fs';
import { CURRENT_TRAJECTORY_VERSION, TRAJECTORY_DEFINITIONS } from './trajectory-definitions.js';
import { applyTrajectoryEvent, describeNextStep, expectedEvents, hasEnded, restoreTrajectory, type PersistedTrajectory } from './trajectory.js';

/**
 * Snapshots as definition version N wrote them to the database, kept as data and never
 * regenerated. However the trajectory changes later, a duo that started on version N must
 * still load and move on. Add a fixture file for every new version.
 */
const fixtures = [1].map((version) => ({
  version,
  ...(JSON.parse(readFileSync(new URL(`./fixtures/trajectory-v${version}.snapshots.json`, import.meta.url), 'utf8')) as {
    trajectoryVersion: number;
    snapshots: Record<string, PersistedTrajectory>;
  }),
}));

describe('trajectory definitions', () => {
  it('keeps a fixture for every registered version, up to the current one', () => {
    expect(fixtures.map((fixture) => fixture.trajectoryVersion)).toEqual(Object.keys(TRAJECTORY_DEFINITIONS).map(Number));
    expect(Math.max(...Object.keys(TRAJECTORY_DEFINITIONS).map(Number))).toBe(CURRENT_TRAJECTORY_VERSION);
  });

  for (const fixture of fixtures) {
    describe(`snapshots written by version ${fixture.version}`, () => {
      it.each(Object.entries(fixture.snapshots))('%s still loads, with its next step', (state, stored) => {
        const snapshot = restoreTrajectory(fixture.version, stored);
        expect(snapshot.value).toBe(state);
        expect(snapshot.context).toEqual(stored.context);
        expect(describeNextStep(snapshot).state).toBe(state);
      });

      it.each(Object.entries(fixture.snapshots).filter(([, stored]) => !hasEnded(restoreTrajectory(fixture.version, stored))))(
        '%s still accepts withdrawal',
        (_, stored) => {
          const snapshot = restoreTrajectory(fixture.version, stored);
          expect(expectedEvents(snapshot)).toContain('WITHDRAW');
          const result = applyTrajectoryEvent(fixture.version, snapshot, { type: 'WITHDRAW', reason: 'fixture' });
          expect(result.accepted && result.snapshot.value).toBe('withdrawn');
        },
      );
    });
  }
});
