import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { DuoMembers, DuoStaff } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { InquiryPagesService } from './inquiry-pages.service.js';
import { PageController } from './page-controller.js';

/** The inquiry of a municipality's advisory trajectory: what was recorded, its figures, and the forms to add to it. */
@PageController('trajecten/:id/onderzoek')
export class InquiryPages {
  constructor(private readonly pages: InquiryPagesService) {}

  @Get()
  @DuoMembers()
  inquiry(@Param() { id }: UuidParamDto, @Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal) {
    return this.pages.show(id, principal, { notice: this.pages.notice(saved) });
  }

  @Post('enquetes')
  @DuoStaff()
  survey(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.record(id, principal, fields, 'surveys');
  }

  @Post('interviews')
  @DuoStaff()
  interviews(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.record(id, principal, fields, 'interviews');
  }

  @Post('focusgroepen')
  @DuoStaff()
  focusGroup(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.record(id, principal, fields, 'focusGroups');
  }

  @Post('initiatieven')
  @DuoMembers()
  initiative(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.record(id, principal, fields, 'initiatives');
  }
}
