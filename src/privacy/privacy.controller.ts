import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../shared/roles.js';
import { AdminOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { ErasePersonDto, PersonQueryDto } from './dto/person.dto.js';
import { ErasureView, PersonExportView, PersonView } from './person.view.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('people')
@Controller('people')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get()
  @AdminOnly()
  @ApiOkResponse({ type: PersonView, description: 'The person across roles: their account and the duos that list them as a contact person.' })
  find(@Query() query: PersonQueryDto): Promise<PersonView> {
    return this.privacy.find(query);
  }

  @Get('export')
  @AdminOnly()
  @ApiOkResponse({ type: PersonExportView, description: 'Everything stored about the person (AVG article 15 and 20), the files they added inline as base64.' })
  export(@Query() query: PersonQueryDto): Promise<PersonExportView> {
    return this.privacy.export(query);
  }

  @Post('erase')
  @HttpCode(200)
  @AdminOnly()
  @ApiOkResponse({ type: ErasureView, description: 'The person is pseudonymised everywhere (AVG article 17); erasing again changes nothing.' })
  erase(@Body() dto: ErasePersonDto, @CurrentPrincipal() principal: Principal): Promise<ErasureView> {
    return this.privacy.erase(dto, principal);
  }
}
