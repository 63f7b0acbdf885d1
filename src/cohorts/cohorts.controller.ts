import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { CohortView } from './cohort.view.js';
import { CohortsService } from './cohorts.service.js';
import { CreateCohortDto } from './dto/create-cohort.dto.js';

@ApiTags('cohorts')
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: CohortView })
  create(@Body() dto: CreateCohortDto, @Change() change: ChangeHeaders): Promise<CohortView> {
    return this.cohorts.create(dto, change);
  }

  @Get()
  @ApiOkResponse({ type: [CohortView] })
  list(): Promise<CohortView[]> {
    return this.cohorts.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: CohortView })
  get(@Param() { id }: UuidParamDto): Promise<CohortView> {
    return this.cohorts.get(id);
  }
}
