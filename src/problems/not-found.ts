import { DomainException } from './error-code.js';

/*
 * Said of a cohort or a duo that does not exist, and of one the caller may not see: the two must
 * not differ. Here, because the access guard's scopes, the sessions and the reports say it too.
 */

export function cohortNotFound(id: string): DomainException {
  return new DomainException('COHORT_NOT_FOUND', `There is no cohort with id ${id}.`);
}

export function duoNotFound(id: string): DomainException {
  return new DomainException('DUO_NOT_FOUND', `There is no duo with id ${id}.`);
}
