import { readFileSync } from 'node:fs';
import { applyTrajectoryEvent, describeNextStep, expectedEvents, hasEnded, restoreTrajectory, type PersistedTrajectory } from '../../trajectory/trajectory.js';
import { currentProgramme, programmeDefinition } from '../programmes.js';

/**
 * Snapshots as version N of the werkateliers wrote them to the database, kept as data and never
 * regenerated. However the programme changes later, a duo that started on version N must still
 * load and move on. Add a fixture file for every new version.
 */
const fixtures = [1].map((version) => ({
  version,
  ...(JSON.parse(readFileSync(new URL(`./fixtures/trajectory-v${version}.snapshots.json`, import.meta.url), 'utf8')) as {
    trajectoryVersion: number;
    snapshots: Record<string, PersistedTrajectory>;
  }),
}));

describe('werkateliers definitions', () => {
  it('keeps a fixture for every registered version, up to the current one', () => {
    expect(fixtures.map((fixture) => fixture.trajectoryVersion)).toEqual(fixtures.map((fixture) => programmeDefinition('werkateliers', fixture.version).version));
    expect(Math.max(...fixtures.map((fixture) => fixture.version))).toBe(currentProgramme('werkateliers')?.version);
  });

  for (const fixture of fixtures) {
    const definition = programmeDefinition('werkateliers', fixture.version);
    describe(`snapshots written by version ${fixture.version}`, () => {
      it.each(Object.entries(fixture.snapshots))('%s still loads, with its next step', (state, stored) => {
        const snapshot = restoreTrajectory(definition, stored);
        expect(snapshot.value).toBe(state);
        expect(snapshot.context).toEqual(stored.context);
        expect(describeNextStep(definition, snapshot).state).toBe(state);
      });

      it.each(Object.entries(fixture.snapshots).filter(([, stored]) => !hasEnded(restoreTrajectory(definition, stored))))(
        '%s still accepts withdrawal',
        (_, stored) => {
          const snapshot = restoreTrajectory(definition, stored);
          expect(expectedEvents(definition, snapshot)).toContain('WITHDRAW');
          const result = applyTrajectoryEvent(definition, snapshot, { type: 'WITHDRAW', reason: 'fixture' });
          expect(result.accepted && result.snapshot.value).toBe('withdrawn');
        },
      );
    });
  }
});
