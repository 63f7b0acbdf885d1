import { trajectoryMachine, type TrajectoryMachine } from './trajectory.machine.js';

/**
 * Every definition of the trajectory a duo may have started on, by version.
 * A duo keeps running on the version it started with, so an entry is never removed:
 * when the trajectory changes, move the old machine to `trajectory.v<N>.machine.ts`,
 * register it here under its number, and add its snapshots to the fixtures that
 * `trajectory-definitions.spec.ts` restores.
 */
export const TRAJECTORY_DEFINITIONS: Readonly<Record<number, TrajectoryMachine>> = {
  1: trajectoryMachine,
};

export const CURRENT_TRAJECTORY_VERSION = 1;

export function trajectoryDefinition(version: number): TrajectoryMachine {
  const definition = TRAJECTORY_DEFINITIONS[version];
  if (!definition) throw new RangeError(`No trajectory definition with version ${version}`);
  return definition;
}
