import { DomainException } from '../problems/error-code.js';

/** Said of a cohort that does not exist, and of one the caller may not see: the two must not differ. */
export function cohortNotFound(id: string): DomainException {
  return new DomainException('COHORT_NOT_FOUND', `There is no cohort with id ${id}.`);
}
