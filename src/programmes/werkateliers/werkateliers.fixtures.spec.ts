import { readFileSync } from 'node:fs';
import {
  applyTrajectoryEvent,
  describeNextStep,
  expectedEvents,
  hasEnded,
  persistTrajectory,
  replayTrajectory,
  restoreTrajectory,
  type PersistedTrajectory,
  type TrajectoryEvent,
} from '../../trajectory/trajectory.js';
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
  /**
   * Event logs that lead to those snapshots: `stored` as duo_events holds them (the machine's own
   * event types, a correction by workshop number), `sessionKeyed` as code outside the programme
   * sends them (HOLD_SESSION, RECORD_ATTENDANCE, CORRECT_ATTENDANCE by session key).
   */
  logs: JSON.parse(readFileSync(new URL(`./fixtures/trajectory-v${version}.logs.json`, import.meta.url), 'utf8')) as {
    input: unknown;
    stored: Record<string, TrajectoryEvent[]>;
    sessionKeyed: Record<string, TrajectoryEvent[]>;
  },
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

      it('has a stored event log and a session-keyed one for every stored snapshot', () => {
        expect(Object.keys(fixture.logs.stored).sort()).toEqual(Object.keys(fixture.snapshots).sort());
        expect(Object.keys(fixture.logs.sessionKeyed).sort()).toEqual(Object.keys(fixture.snapshots).sort());
      });

      it.each(Object.entries(fixture.snapshots))('%s: its stored event log and its session-keyed one replay to the stored snapshot', (state, stored) => {
        for (const log of [fixture.logs.stored[state], fixture.logs.sessionKeyed[state]]) {
          const replayed = persistTrajectory(definition, replayTrajectory(definition, fixture.logs.input, log ?? []));
          expect({ status: replayed.status, value: replayed.value, context: replayed.context }).toEqual({
            status: stored.status,
            value: stored.value,
            context: stored.context,
          });
        }
      });

      it.each(Object.keys(fixture.snapshots))('%s: the session-keyed log is stored as the stored one, event by event', (state) => {
        const applied = (fixture.logs.sessionKeyed[state] ?? []).map((event) => definition.machineEvent(event));
        expect(applied).toEqual(fixture.logs.stored[state]);
      });
    });
  }
});
