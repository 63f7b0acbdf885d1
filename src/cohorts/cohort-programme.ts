import type { ProgrammeDefinition } from '../programmes/programme.js';
import { programmeDefinition } from '../programmes/programmes.js';
import type { Cohort } from './cohort.entity.js';

/** The definition an edition runs: its programme at the version the edition was created with. */
export function programmeOf(cohort: Pick<Cohort, 'programmeKey' | 'programmeVersion'>): ProgrammeDefinition {
  return programmeDefinition(cohort.programmeKey, cohort.programmeVersion);
}

/**
 * The definition a unit of the edition runs: the edition's programme at the version the unit
 * registered on (its `trajectoryVersion`), which a newer version of the programme leaves alone.
 */
export function programmeOfUnit(cohort: Pick<Cohort, 'programmeKey'>, unit: { trajectoryVersion: number }): ProgrammeDefinition {
  return programmeDefinition(cohort.programmeKey, unit.trajectoryVersion);
}
