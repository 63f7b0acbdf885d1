import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DuoAdvisers, DuoMembers, DuoTeam } from '../auth/access.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { Previewable } from '../idempotency/change-preview.js';
import { PreviewQueryDto } from '../idempotency/dto/preview-query.dto.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { CycleView } from './cycle.view.js';
import { CyclesService } from './cycles.service.js';
import { CycleParamDto } from './dto/cycle-param.dto.js';
import { ImprovementActionsDto } from './dto/improvement-actions.dto.js';

@ApiTags('kwaliteitskompas')
@Controller()
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Get('duos/:id/cycles')
  @DuoMembers()
  @ApiOkResponse({ type: [CycleView], description: "The duo's Kwaliteitskompas cycles, oldest first: the closed ones and the open one." })
  list(@Param() { id }: UuidParamDto): Promise<CycleView[]> {
    return this.cycles.list(id);
  }

  @Put('duos/:id/cycles/:cycle/improvement-actions')
  @DuoTeam()
  @IdempotentDoc()
  @ApiOkResponse({ type: CycleView, description: 'The improvement actions agreed at step 6 of the open cycle (replaces the list).' })
  agreeImprovementActions(
    @Param() { id, cycle }: CycleParamDto,
    @Body() dto: ImprovementActionsDto,
    @Change() change: ChangeHeaders,
  ): Promise<CycleView> {
    return this.cycles.agreeImprovementActions(id, cycle, dto, change);
  }

  @Post('duos/:id/cycles/:cycle/closure')
  @DuoAdvisers()
  @IdempotentDoc()
  @Previewable()
  @ApiCreatedResponse({ type: CycleView, description: 'Closes a complete cycle: it is frozen, and the next one opens at step 1.' })
  close(@Param() { id, cycle }: CycleParamDto, @Query() { preview }: PreviewQueryDto, @Change() change: ChangeHeaders): Promise<CycleView> {
    return this.cycles.close(id, cycle, { ...change, preview });
  }
}
