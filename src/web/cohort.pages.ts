import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { CohortStaff, Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { Change, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto, WorkshopParamDto } from '../http/uuid-param.dto.js';
import { CohortPagesService } from './cohort-pages.service.js';
import { noticeFrom } from './page.js';
import { PageController } from './page-controller.js';

const SAVED: Record<string, string> = {
  editie: 'De editie is aangemaakt. Plan de werkateliers en deel het aanmeldformulier.',
  'werkatelier-1': 'Werkatelier 1 is gepland.',
  'werkatelier-2': 'Werkatelier 2 is gepland.',
  'werkatelier-3': 'Werkatelier 3 is gepland.',
  'presentielijst-1': 'De presentielijst van werkatelier 1 is opgeslagen.',
  'presentielijst-2': 'De presentielijst van werkatelier 2 is opgeslagen.',
  'presentielijst-3': 'De presentielijst van werkatelier 3 is opgeslagen.',
  toelating: 'Het duo is toegelaten.',
  adviseur: 'De adviseur is aan de editie gekoppeld.',
  wachtlijst: 'Het duo staat op de wachtlijst.',
};

@PageController('edities')
export class CohortPages {
  constructor(private readonly pages: CohortPagesService) {}

  @Get()
  @StaffOnly()
  list(@CurrentPrincipal() principal: Principal) {
    return this.pages.list(principal);
  }

  @Post()
  @StaffOnly()
  create(@Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.create(principal, fields);
  }

  @Get(':id')
  @CohortStaff()
  cohort(@Param() { id }: UuidParamDto, @Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal) {
    return this.pages.cohort(id, principal, { notice: noticeFrom(SAVED, saved) });
  }

  @Post(':id/adviseurs')
  @CohortStaff()
  assignAdviser(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.assignAdviser(id, principal, fields);
  }

  @Post(':id/werkateliers/:workshop')
  @CohortStaff()
  planWorkshop(@Param() { id, workshop }: WorkshopParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.planWorkshop(id, workshop, principal, fields);
  }

  @Get(':id/werkateliers/:workshop/presentielijst')
  @CohortStaff()
  attendanceList(@Param() { id, workshop }: WorkshopParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.attendanceList(id, workshop, principal);
  }

  @Post(':id/werkateliers/:workshop/presentielijst')
  @CohortStaff()
  recordAttendance(@Param() { id, workshop }: WorkshopParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.recordAttendance(id, workshop, principal, fields);
  }

  @Get(':id/rapportage')
  @CohortStaff()
  report(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.report(id, principal);
  }

  @Get(':id/aanmelden')
  @Public()
  registrationForm(@Param() { id }: UuidParamDto) {
    return this.pages.registrationForm(id);
  }

  @Post(':id/aanmelden')
  @Public()
  register(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @Change() change: ChangeHeaders) {
    return this.pages.register(id, fields, change);
  }
}
