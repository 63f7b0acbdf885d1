import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../accounts/roles.js';
import { CohortStaff, Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto, WorkshopParamDto } from '../http/uuid-param.dto.js';
import { CohortPagesService } from './cohort-pages.service.js';
import { noticeFrom, respond } from './page.js';

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

@ApiExcludeController()
@Controller('edities')
export class CohortPages {
  constructor(private readonly pages: CohortPagesService) {}

  @Get()
  @StaffOnly()
  async list(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.list(principal));
  }

  @Post()
  @StaffOnly()
  async create(@Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.create(principal, fields));
  }

  @Get(':id')
  @CohortStaff()
  async cohort(@Param() { id }: UuidParamDto, @Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.cohort(id, principal, { notice: noticeFrom(SAVED, saved) }));
  }

  @Post(':id/adviseurs')
  @CohortStaff()
  async assignAdviser(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.assignAdviser(id, principal, fields));
  }

  @Post(':id/werkateliers/:workshop')
  @CohortStaff()
  async planWorkshop(@Param() { id, workshop }: WorkshopParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.planWorkshop(id, workshop, principal, fields));
  }

  @Get(':id/werkateliers/:workshop/presentielijst')
  @CohortStaff()
  async attendanceList(@Param() { id, workshop }: WorkshopParamDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.attendanceList(id, workshop, principal));
  }

  @Post(':id/werkateliers/:workshop/presentielijst')
  @CohortStaff()
  async recordAttendance(@Param() { id, workshop }: WorkshopParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.recordAttendance(id, workshop, principal, fields));
  }

  @Get(':id/rapportage')
  @CohortStaff()
  async report(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.report(id, principal));
  }

  @Get(':id/aanmelden')
  @Public()
  async registrationForm(@Param() { id }: UuidParamDto, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.registrationForm(id));
  }

  @Post(':id/aanmelden')
  @Public()
  async register(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.register(id, fields));
  }
}
