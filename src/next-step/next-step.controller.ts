import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DuoMembers } from '../auth/access.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { NextStepService } from './next-step.service.js';
import { DuoNextStepView } from './next-step.view.js';

@ApiTags('duos')
@Controller()
export class NextStepController {
  constructor(private readonly nextStep: NextStepService) {}

  @Get('duos/:id/next-step')
  @DuoMembers()
  @ApiOkResponse({ type: DuoNextStepView, description: 'What the duo does next: its trajectory and the open cycle of its Kwaliteitskompas.' })
  of(@Param() { id }: UuidParamDto): Promise<DuoNextStepView> {
    return this.nextStep.of(id);
  }
}
