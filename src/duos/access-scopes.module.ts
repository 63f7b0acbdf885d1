import { Global, Injectable, Module } from '@nestjs/common';
import { AccessScopes } from '../auth/access-scopes.js';
import { cohortNotFound, duoNotFound } from '../problems/not-found.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import type { Principal } from '../shared/roles.js';
import { DuosModule } from './duos.module.js';
import { DuosService } from './duos.service.js';
import { ADVISER_CONDITIONS } from './duo.repository.js';

/** An adviser runs the cohorts they advise and sees their duos; a participant sees their own duo. */
@Injectable()
class CohortAndDuoScopes extends AccessScopes {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly duos: DuosService,
  ) {
    super();
  }

  adviserCondition(scope: 'cohort' | 'duo'): string {
    return ADVISER_CONDITIONS[scope];
  }

  async mustRunCohort(principal: Principal, cohortId: string): Promise<void> {
    if (!(await this.mayRunCohort(principal, cohortId))) throw cohortNotFound(cohortId);
  }

  async mustSeeDuo(principal: Principal, duoId: string): Promise<void> {
    if (!(await this.maySeeDuo(principal, duoId))) throw duoNotFound(duoId);
  }

  private mayRunCohort(principal: Principal, cohortId: string): Promise<boolean> {
    return principal.role === 'adviser' ? this.cohorts.isAdviserOf(principal.accountId, cohortId) : Promise.resolve(false);
  }

  private async maySeeDuo(principal: Principal, duoId: string): Promise<boolean> {
    if (principal.role === 'participant') return principal.duoId === duoId;
    const cohortId = await this.duos.cohortIdOf(duoId);
    return cohortId !== null && this.mayRunCohort(principal, cohortId);
  }
}

/** The scopes the access guard (src/auth/access.guard.ts) checks, for every module's routes. */
@Global()
@Module({
  imports: [CohortsModule, DuosModule],
  providers: [{ provide: AccessScopes, useClass: CohortAndDuoScopes }],
  exports: [AccessScopes],
})
export class AccessScopesModule {}
