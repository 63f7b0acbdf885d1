import { DomainException } from '../problems/error-code.js';

/** Said of a duo that does not exist, and of one the caller may not see: the two must not differ. */
export function duoNotFound(id: string): DomainException {
  return new DomainException('DUO_NOT_FOUND', `There is no duo with id ${id}.`);
}
