import type { ProgrammeDefinition } from './programme.js';
import { WERKATELIERS_V1 } from './werkateliers/werkateliers.definition.js';

/**
 * Every version of every programme an edition may run, by key and version. An edition keeps
 * the version it was created with, so a version is never removed: a changed programme is a new
 * entry, and running editions stay on theirs.
 */
const DEFINITIONS: readonly ProgrammeDefinition[] = [WERKATELIERS_V1];

/** The programme new editions run when none is named. */
export const DEFAULT_PROGRAMME = 'werkateliers';

export function programmeDefinition(key: string, version: number): ProgrammeDefinition {
  const definition = DEFINITIONS.find((candidate) => candidate.key === key && candidate.version === version);
  if (!definition) throw new RangeError(`No definition of programme ${key} version ${version}`);
  return definition;
}

/** The newest version of each programme: what a new edition runs. */
export function currentProgrammes(): ProgrammeDefinition[] {
  const newest = new Map<string, ProgrammeDefinition>();
  for (const definition of DEFINITIONS) {
    if ((newest.get(definition.key)?.version ?? 0) < definition.version) newest.set(definition.key, definition);
  }
  return [...newest.values()];
}

export function currentProgramme(key: string): ProgrammeDefinition | undefined {
  return currentProgrammes().find((definition) => definition.key === key);
}
