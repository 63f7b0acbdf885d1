import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../accounts/roles.js';
import { DuoAdvisers, DuoMembers, DuoStaff, DuoTeam, SignedIn } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { CycleParamDto } from '../cycles/dto/cycle-param.dto.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { CohortPagesService } from './cohort-pages.service.js';
import { DUO_NOTICES, DuoPagesService } from './duo-pages.service.js';
import { noticeFrom, redirect, respond } from './page.js';

@ApiExcludeController()
@Controller()
export class DuoPages {
  constructor(
    private readonly pages: DuoPagesService,
    private readonly cohortPages: CohortPagesService,
  ) {}

  /** A participant's own duo; staff have their cohorts instead. */
  @Get('mijn-traject')
  @SignedIn()
  async mine(@Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    if (!principal.duoId) return respond(reply, redirect('/edities'));
    return respond(reply, await this.pages.duo(principal.duoId, principal, { notice: noticeFrom(DUO_NOTICES, saved) }));
  }

  @Get('trajecten/:id')
  @DuoMembers()
  async duo(@Param() { id }: UuidParamDto, @Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    if (principal.role === 'participant') return respond(reply, redirect('/mijn-traject'));
    return respond(reply, await this.pages.duo(id, principal, { notice: noticeFrom(DUO_NOTICES, saved) }));
  }

  @Post('trajecten/:id/toelating')
  @DuoStaff()
  async admit(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.cohortPages.admit(id, principal, fields, false));
  }

  @Post('trajecten/:id/wachtlijst')
  @DuoStaff()
  async placeOnWaitingList(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.cohortPages.admit(id, principal, fields, true));
  }

  @Post('trajecten/:id/bijeenkomsten')
  @DuoStaff()
  async planSession(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.planSession(id, principal, fields));
  }

  @Post('trajecten/:id/kennismakingsgesprek')
  @DuoStaff()
  async holdIntake(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.holdIntake(id, principal, fields));
  }

  @Post('trajecten/:id/adviesgesprekken')
  @DuoStaff()
  async holdAdvisoryMeeting(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.holdAdvisoryMeeting(id, principal, fields));
  }

  @Post('trajecten/:id/aanwezigheidscorrecties')
  @DuoStaff()
  async correctAttendance(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.correctAttendance(id, principal, fields));
  }

  @Post('trajecten/:id/afronding')
  @DuoStaff()
  async complete(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.complete(id, principal, fields));
  }

  @Post('trajecten/:id/afmelding')
  @DuoStaff()
  async withdraw(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.withdraw(id, principal, fields));
  }

  @Post('trajecten/:id/uitnodigingen')
  @DuoStaff()
  async invite(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.invite(id, principal, fields));
  }

  @Post('trajecten/:id/cycli/:cycle/verbeteracties')
  @DuoTeam()
  async agreeImprovementActions(@Param() { id, cycle }: CycleParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.agreeImprovementActions(id, cycle, principal, fields));
  }

  @Post('trajecten/:id/cycli/:cycle/afsluiting')
  @DuoAdvisers()
  async closeCycle(@Param() { id, cycle }: CycleParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.closeCycle(id, cycle, principal, fields));
  }
}
