import { Get, Param } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { DuoMembers } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { PageController } from './page-controller.js';
import { ReportPagesService } from './report-pages.service.js';

/** A duo's reports beside its page: whoever may read its frozen reports over the API (its staff and its participants). */
@PageController('trajecten')
export class ReportPages {
  constructor(private readonly pages: ReportPagesService) {}

  @Get(':id/rapportage')
  @DuoMembers()
  frozenReports(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.frozenReports(id, principal);
  }
}
