import type { Principal } from '../shared/roles.js';

/**
 * Whether a cohort or a duo is within a caller's scope, which the access guard asks of the
 * modules that own them (src/duos/access-scopes.module.ts provides it), so that auth imports
 * none of them. Out of scope is answered as not found: the caller must not learn that it exists.
 */
export abstract class AccessScopes {
  /** Throws the cohort's not-found error unless the principal runs the cohort. */
  abstract mustRunCohort(principal: Principal, cohortId: string): Promise<void>;
  /** Throws the duo's not-found error unless the principal may see the duo. */
  abstract mustSeeDuo(principal: Principal, duoId: string): Promise<void>;
}
