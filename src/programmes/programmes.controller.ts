import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.js';
import { ProgrammeView } from './programme.view.js';
import { currentProgrammes } from './programmes.js';

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  @Get()
  @Public()
  @ApiOkResponse({ type: [ProgrammeView], description: 'Every programme new editions can run, at its newest version, with its sessions.' })
  list(): ProgrammeView[] {
    return currentProgrammes().map(ProgrammeView.of);
  }
}
