import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../shared/roles.js';
import { CohortStaff, Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { CohortAdviserView, CohortRegistrationView, CohortView } from './cohort.view.js';
import { CohortsService } from './cohorts.service.js';
import { AssignAdviserDto } from './dto/assign-adviser.dto.js';
import { CreateCohortDto } from './dto/create-cohort.dto.js';
import { UpdateCohortDto } from './dto/update-cohort.dto.js';

@ApiTags('cohorts')
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  @StaffOnly()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: CohortView, description: 'The cohort; an adviser who creates it is assigned to it.' })
  create(@Body() dto: CreateCohortDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<CohortView> {
    return this.cohorts.create(dto, principal, change.idempotencyKey);
  }

  @Get()
  @StaffOnly()
  @ApiOkResponse({ type: [CohortView], description: 'Every cohort for admins; for advisers, the cohorts they are assigned to.' })
  list(@CurrentPrincipal() principal: Principal): Promise<CohortView[]> {
    return this.cohorts.list(principal);
  }

  @Get(':id')
  @CohortStaff()
  @ApiOkResponse({ type: CohortView })
  get(@Param() { id }: UuidParamDto): Promise<CohortView> {
    return this.cohorts.get(id);
  }

  @Patch(':id')
  @CohortStaff()
  @IdempotentDoc()
  @ApiOkResponse({
    type: CohortView,
    description:
      'Changes the edition: name, description, location, registration deadline, capacity, whether it holds its optional sessions. Under the rules of a new edition, with the capacity not below the places taken and the deadline before its first session.',
  })
  update(@Param() { id }: UuidParamDto, @Body() dto: UpdateCohortDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<CohortView> {
    return this.cohorts.update(id, dto, principal, change.idempotencyKey);
  }

  @Get(':id/registration')
  @Public()
  @ApiOkResponse({ type: CohortRegistrationView, description: 'What the public registration form shows of the cohort.' })
  registrationInfo(@Param() { id }: UuidParamDto): Promise<CohortRegistrationView> {
    return this.cohorts.registrationInfo(id);
  }

  @Get(':id/advisers')
  @CohortStaff()
  @ApiOkResponse({ type: [CohortAdviserView] })
  advisers(@Param() { id }: UuidParamDto): Promise<CohortAdviserView[]> {
    return this.cohorts.advisers(id);
  }

  @Post(':id/advisers')
  @CohortStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: [CohortAdviserView], description: 'The advisers of the cohort, the new one included.' })
  assignAdviser(
    @Param() { id }: UuidParamDto,
    @Body() dto: AssignAdviserDto,
    @CurrentPrincipal() principal: Principal,
    @Change() change: ChangeHeaders,
  ): Promise<CohortAdviserView[]> {
    return this.cohorts.assignAdviser(id, dto.accountId, principal, change.idempotencyKey);
  }
}
