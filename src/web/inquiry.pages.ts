import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { DuoMembers, DuoStaff } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { InquiryRecordParamDto } from '../inquiry/dto/inquiry.dto.js';
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

  @Post('enquetes/:recordId/verwijderen')
  @DuoStaff()
  removeSurvey(@Param() { id, recordId }: InquiryRecordParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.remove(id, principal, fields, 'surveys', recordId);
  }

  @Post('interviews/:recordId/verwijderen')
  @DuoStaff()
  removeInterviews(@Param() { id, recordId }: InquiryRecordParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.remove(id, principal, fields, 'interviews', recordId);
  }

  @Post('focusgroepen/:recordId/verwijderen')
  @DuoStaff()
  removeFocusGroup(@Param() { id, recordId }: InquiryRecordParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.remove(id, principal, fields, 'focusGroups', recordId);
  }

  @Post('initiatieven/:recordId/verwijderen')
  @DuoStaff()
  removeInitiative(@Param() { id, recordId }: InquiryRecordParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.remove(id, principal, fields, 'initiatives', recordId);
  }
}
