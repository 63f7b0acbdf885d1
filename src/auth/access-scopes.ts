import type { Principal } from '../shared/roles.js';

/**
 * Whether a cohort or a duo is within a caller's scope, which the access guard asks of the
 * modules that own them (src/duos/access-scopes.module.ts provides it), so that auth imports
 * none of them. Out of scope is answered as not found: the caller must not learn that it exists.
 */
export abstract class AccessScopes {
  /**
   * An SQL condition that is true when the account `a.id` (an adviser) runs the cohort (`cohort`)
   * or may see the duo (`duo`) whose id is $2: the session lookup asks it in the same query, so
   * that a request in scope costs one query before its own work.
   */
  abstract adviserCondition(scope: 'cohort' | 'duo'): string;
  /** Throws the cohort's not-found error unless the principal runs the cohort. */
  abstract mustRunCohort(principal: Principal, cohortId: string): Promise<void>;
  /** Throws the duo's not-found error unless the principal may see the duo. */
  abstract mustSeeDuo(principal: Principal, duoId: string): Promise<void>;
}
