import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { CancelLinkDto, RegisterForMeetingDto, RegistrationFormView } from './dto/register.dto.js';
import { OwnRegistrationView, PublicRegistrationView } from './meeting.view.js';
import { MeetingPrivacyService, type RegistrantData } from './meeting-privacy.service.js';
import { RegistrationsService } from './registrations.service.js';

@ApiTags('open meetings')
@Controller()
export class RegistrationsController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly privacy: MeetingPrivacyService,
  ) {}

  @Get('meetings/:id/registration-form')
  @Public()
  @ApiOkResponse({ type: RegistrationFormView, description: 'A signed form token to send with the registration (not sooner than minimumSeconds later).' })
  form(@Param() { id }: UuidParamDto): Promise<RegistrationFormView> {
    return this.registrations.form(id);
  }

  @Post('meetings/:id/registrations')
  @Public()
  @IdempotentDoc()
  @ApiCreatedResponse({
    type: PublicRegistrationView,
    description:
      'Registers a person, without an account, for the meeting and the other meetings of the series chosen: a place, or the waiting list when the meeting is full. Refused after the deadline (422), for an address registered already (409), for a form sent too fast or with the honeypot filled in (422), and past the limit per client address or e-mail address (429).',
  })
  register(@Param() { id }: UuidParamDto, @Body() dto: RegisterForMeetingDto, @Req() request: FastifyRequest, @Change() change: ChangeHeaders): Promise<PublicRegistrationView> {
    return this.registrations.register(id, dto, { address: request.ip, actor: change.actor }, change.idempotencyKey);
  }

  @Post('meeting-registrations/cancellation')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({
    type: OwnRegistrationView,
    description: 'Cancels a registration with the token of its cancel link, once (422 after that). A place given up goes to the first on the waiting list, who is mailed.',
  })
  cancel(@Body() { token }: CancelLinkDto): Promise<OwnRegistrationView> {
    return this.registrations.cancel(token);
  }

  @Post('meeting-registrations/personal-data')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({
    description: "Everything kept about the cancel link's e-mail address: its registrations for every open meeting (name, organisation, kind, role, phone, lunch wishes, status, attendance) and the messages sent to it.",
  })
  personalData(@Body() { token }: CancelLinkDto): Promise<RegistrantData> {
    return this.privacy.personalData(token);
  }

  @Post('meeting-registrations/erasure')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({
    description: "Erases the personal data kept about the cancel link's e-mail address: registrations for meetings still to come are cancelled first; the counts stay; the link stops working.",
  })
  erase(@Body() { token }: CancelLinkDto): Promise<void> {
    return this.privacy.erase(token);
  }
}
