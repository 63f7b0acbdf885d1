import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../shared/roles.js';
import { CohortStaff, DuoMembers, DuoStaff } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { SessionKindParamDto, WorkshopParamDto } from './dto/session-param.dto.js';
import { DuoSessionParamDto, PlanDuoSessionDto, PlanWorkshopDto } from './dto/plan-session.dto.js';
import { PlannedSessionView } from './planned-session.view.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('cohorts/:id/sessions')
  @CohortStaff()
  @ApiOkResponse({ type: [PlannedSessionView], description: "The cohort's workshops and every duo's planned intake and advisory meetings." })
  listForCohort(@Param() { id }: UuidParamDto): Promise<PlannedSessionView[]> {
    return this.sessions.listForCohort(id);
  }

  @Put('cohorts/:id/sessions/:kind')
  @CohortStaff()
  @ApiOkResponse({ type: PlannedSessionView, description: 'Plans a session of the programme for the whole edition, or moves it; the duos it concerns are told.' })
  planEditionSession(
    @Param() { id, kind }: SessionKindParamDto,
    @Body() dto: PlanWorkshopDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlannedSessionView> {
    return this.sessions.planEditionSession(id, { kind }, dto, principal);
  }

  @Put('cohorts/:id/workshops/:workshop')
  @CohortStaff()
  @ApiOkResponse({ type: PlannedSessionView, description: 'The werkateliers\' name for PUT /cohorts/{id}/sessions/{kind}: plans workshop {workshop}, or moves it.' })
  planWorkshop(
    @Param() { id, workshop }: WorkshopParamDto,
    @Body() dto: PlanWorkshopDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlannedSessionView> {
    return this.sessions.planEditionSession(id, { number: workshop }, dto, principal);
  }

  @Get('duos/:id/sessions')
  @DuoMembers()
  @ApiOkResponse({ type: [PlannedSessionView], description: "The duo's own sessions and its cohort's workshops." })
  listForDuo(@Param() { id }: UuidParamDto): Promise<PlannedSessionView[]> {
    return this.sessions.listForDuo(id);
  }

  @Post('duos/:id/sessions')
  @DuoStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: PlannedSessionView, description: 'Plans an intake conversation or advisory meeting with the duo.' })
  planForDuo(
    @Param() { id }: UuidParamDto,
    @Body() dto: PlanDuoSessionDto,
    @CurrentPrincipal() principal: Principal,
    @Change() change: ChangeHeaders,
  ): Promise<PlannedSessionView> {
    return this.sessions.planForDuo(id, dto, principal, change.idempotencyKey);
  }

  @Put('duos/:id/sessions/:sessionId')
  @DuoStaff()
  @ApiOkResponse({ type: PlannedSessionView, description: 'Moves a planned session of the duo; the duo is told.' })
  moveForDuo(
    @Param() { id, sessionId }: DuoSessionParamDto,
    @Body() dto: PlanDuoSessionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlannedSessionView> {
    return this.sessions.moveForDuo(id, sessionId, dto, principal);
  }
}
