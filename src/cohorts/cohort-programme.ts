import type { ProgrammeDefinition } from '../programmes/programme.js';
import { programmeDefinition } from '../programmes/programmes.js';
import type { Cohort } from './cohort.entity.js';

/** The definition an edition runs: its programme at the version the edition was created with. */
export function programmeOf(cohort: Pick<Cohort, 'programmeKey' | 'programmeVersion'>): ProgrammeDefinition {
  return programmeDefinition(cohort.programmeKey, cohort.programmeVersion);
}
