import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CohortStaff, DuoMembers, DuoStaff, Public } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { Principal } from '../shared/roles.js';
import { Change, DuoChangeDoc, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { Previewable } from '../idempotency/change-preview.js';
import { PreviewQueryDto } from '../idempotency/dto/preview-query.dto.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { SessionKindParamDto, WorkshopParamDto } from '../sessions/dto/session-param.dto.js';
import { ContactPersonAddedView, ContactPersonView, DuoSummaryView, DuoView, RegistrationReceiptView } from './duo.view.js';
import { ContactPersonsService } from './contact-persons.service.js';
import { ContactPersonDetailsDto, ContactPersonParamDto } from './dto/contact-person.dto.js';
import { DuoRegistrationService } from './duo-registration.service.js';
import { DuoImportService, DuoImportView } from './duo-import.service.js';
import { CSV_TYPE, XLSX_TYPE } from './duo-import-file.js';
import { DuosService } from './duos.service.js';
import { PlacesService } from './places.service.js';
import { TrajectoryStepsService } from './trajectory-steps.service.js';
import { DuoSelectionDto } from './dto/duo-selection.dto.js';
import { ListDuosQueryDto } from './dto/list-duos-query.dto.js';
import { PublicationConsentDto } from './dto/publication-consent.dto.js';
import { ContactPersonDto, PublicRegistrationDto, RegisterDuoDto } from './dto/register-duo.dto.js';
import { HoldAdvisoryMeetingDto, HoldIntakeDto, HoldSessionDto, HoldSessionForDuosDto, WithdrawalDto, WorkshopAttendanceDto } from './dto/trajectory-events.dto.js';

@ApiTags('duos')
@Controller()
export class DuosController {
  constructor(
    private readonly duos: DuosService,
    private readonly registration: DuoRegistrationService,
    private readonly imports: DuoImportService,
    private readonly places: PlacesService,
    private readonly steps: TrajectoryStepsService,
    private readonly contactPersons: ContactPersonsService,
  ) {}

  @Post('cohorts/:id/duos')
  @CohortStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: DuoView, description: 'The duo, registered in the cohort.' })
  register(@Param() { id }: UuidParamDto, @Body() dto: RegisterDuoDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.registration.register(id, dto, change);
  }

  @Post('cohorts/:id/duo-imports')
  @CohortStaff()
  @IdempotentDoc()
  @HttpCode(200)
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiBody({ description: 'A CSV (UTF-8, with or without BOM, ; or , separated) or XLSX file, one duo a row (see the README for the headers), at most 1 MiB and 200 rows.', schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: DuoImportView, description: 'Every row with its errors; with ?preview=true nothing is written, otherwise every duo is registered (as POST /cohorts/{id}/duos does) or, 422 DUO_IMPORT_INVALID, none.' })
  importDuos(
    @Param() { id }: UuidParamDto,
    @Query() { preview }: PreviewQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Change() change: ChangeHeaders,
  ): Promise<DuoImportView> {
    return this.imports.import(id, contentType, body, preview === true, change);
  }

  @Post('cohorts/:id/registrations')
  @Public()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: RegistrationReceiptView, description: 'The public registration form ("aanmelding"): no account needed.' })
  registerPublicly(
    @Param() { id }: UuidParamDto,
    @Body() dto: PublicRegistrationDto,
    @Change() change: ChangeHeaders,
  ): Promise<RegistrationReceiptView> {
    return this.registration.registerPublicly(id, dto, change);
  }

  @Post('cohorts/:id/admissions')
  @CohortStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({
    type: [DuoSummaryView],
    description:
      'Admits several duos of the cohort in one transaction, all or none: when one cannot be admitted (no place left, not registered or waiting), nobody is, and the answer names each such duo and why.',
  })
  admitMany(@Param() { id }: UuidParamDto, @Body() { duoIds }: DuoSelectionDto, @Change() change: ChangeHeaders): Promise<DuoSummaryView[]> {
    return this.places.admitMany(id, duoIds, change);
  }

  @Post('cohorts/:id/sessions/:kind/held')
  @CohortStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({
    type: [DuoSummaryView],
    description:
      "Logs a session of the duos' own (the intake) as held for several duos of the cohort in one transaction, all or none: when one refuses (not its next step, a date that cannot be), nothing is logged and the answer names each duo that refused.",
  })
  holdSessionForDuos(@Param() { id, kind }: SessionKindParamDto, @Body() dto: HoldSessionForDuosDto, @Change() change: ChangeHeaders): Promise<DuoSummaryView[]> {
    return this.steps.holdSessionForDuos(id, kind, dto, change);
  }

  @Get('cohorts/:id/duos')
  @CohortStaff()
  @ApiOkResponse({ type: [DuoSummaryView], description: 'The duos by registration; each filter given narrows the list.' })
  list(@Param() { id }: UuidParamDto, @Query() filter: ListDuosQueryDto): Promise<DuoSummaryView[]> {
    return this.duos.listInCohort(id, filter);
  }

  @Get('duos/:id')
  @DuoMembers()
  @ApiOkResponse({ type: DuoView, description: 'The duo with its state, next step and event log.' })
  get(@Param() { id }: UuidParamDto): Promise<DuoView> {
    return this.duos.get(id);
  }

  @Put('duos/:id/publication-consent')
  @DuoStaff()
  @IdempotentDoc()
  @ApiOkResponse({ type: DuoView, description: 'Records whether the duo agreed to be named in published reports; the audit log keeps who changed it and from what.' })
  setPublicationConsent(@Param() { id }: UuidParamDto, @Body() dto: PublicationConsentDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.registration.setPublicationConsent(id, dto, change);
  }

  @Get('duos/:id/contact-persons')
  @DuoMembers()
  @ApiOkResponse({ type: [ContactPersonView], description: "The duo's contact persons, each with the version to send as If-Match when changing them." })
  listContactPersons(@Param() { id }: UuidParamDto): Promise<ContactPersonView[]> {
    return this.contactPersons.list(id);
  }

  @Post('duos/:id/contact-persons')
  @DuoStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({
    type: ContactPersonAddedView,
    description: 'Adds a contact person to a side of the duo (a side may have several); the duo\'s mail goes to them too. They are invited by e-mail, unless their address has an account already. 409 CONTACT_PERSON_ALREADY_LISTED when the address is one of the duo\'s already.',
  })
  addContactPerson(@Param() { id }: UuidParamDto, @Body() dto: ContactPersonDto, @Change() change: ChangeHeaders): Promise<ContactPersonAddedView> {
    return this.contactPersons.add(id, dto, change);
  }

  @Put('duos/:id/contact-persons/:personId')
  @DuoMembers()
  @DuoChangeDoc()
  @ApiOkResponse({
    type: ContactPersonView,
    description:
      'Replaces the name, e-mail address and phone of a contact person (If-Match: the person\'s version). Its advisers and admins edit anyone; a participant only their own entry (the address they sign in with), and not its address (403). The audit log keeps what changed.',
  })
  editContactPerson(
    @Param() { id, personId }: ContactPersonParamDto,
    @Body() dto: ContactPersonDetailsDto,
    @CurrentPrincipal() principal: Principal,
    @Change() change: ChangeHeaders,
  ): Promise<ContactPersonView> {
    return this.contactPersons.edit(id, personId, dto, principal, change);
  }

  @Delete('duos/:id/contact-persons/:personId')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiOkResponse({
    type: [ContactPersonView],
    description: 'Removes a contact person (If-Match: the person\'s version) and answers with those who remain. Each side keeps one at least: removing its last is refused with 422 LAST_CONTACT_PERSON. An account of the person stays (disable it under /api/accounts).',
  })
  removeContactPerson(@Param() { id, personId }: ContactPersonParamDto, @Change() change: ChangeHeaders): Promise<ContactPersonView[]> {
    return this.contactPersons.remove(id, personId, change);
  }

  @Post('duos/:id/admission')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView })
  admit(@Param() { id }: UuidParamDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.places.admit(id, change);
  }

  @Post('duos/:id/waiting-list')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView })
  placeOnWaitingList(@Param() { id }: UuidParamDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.places.placeOnWaitingList(id, change);
  }

  @Post('duos/:id/sessions/:kind/held')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView, description: "Logs that a session of the duo's own (an intake, an advisory meeting) was held." })
  holdSession(@Param() { id, kind }: SessionKindParamDto, @Body() dto: HoldSessionDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.steps.holdSession(id, { kind }, dto, change);
  }

  @Post('duos/:id/sessions/:kind/attendance')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView, description: "Records the duo's attendance at a session of the whole edition." })
  recordSessionAttendance(@Param() { id, kind }: SessionKindParamDto, @Body() dto: WorkshopAttendanceDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.steps.recordAttendance(id, { kind }, dto, change);
  }

  @Post('duos/:id/intake')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView, description: 'The werkateliers\' name for POST /duos/{id}/sessions/intake/held.' })
  holdIntake(@Param() { id }: UuidParamDto, @Body() dto: HoldIntakeDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.steps.holdSession(id, { kind: 'intake' }, dto, change);
  }

  @Post('duos/:id/workshops/:workshop/attendance')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView, description: 'The werkateliers\' name for POST /duos/{id}/sessions/{kind}/attendance, by workshop number.' })
  recordAttendance(
    @Param() { id, workshop }: WorkshopParamDto,
    @Body() dto: WorkshopAttendanceDto,
    @Change() change: ChangeHeaders,
  ): Promise<DuoView> {
    return this.steps.recordAttendance(id, { number: workshop }, dto, change);
  }

  @Post('duos/:id/advisory-meetings')
  @DuoStaff()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: DuoView, description: 'Logs a meeting of the session the programme counts as its meetings (the werkateliers\' advisory meeting).' })
  holdAdvisoryMeeting(
    @Param() { id }: UuidParamDto,
    @Body() dto: HoldAdvisoryMeetingDto,
    @Change() change: ChangeHeaders,
  ): Promise<DuoView> {
    return this.steps.holdMeeting(id, dto, change);
  }

  @Post('duos/:id/completion')
  @DuoStaff()
  @DuoChangeDoc()
  @Previewable()
  @ApiCreatedResponse({ type: DuoView })
  complete(@Param() { id }: UuidParamDto, @Query() { preview }: PreviewQueryDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.steps.complete(id, { ...change, preview });
  }

  @Post('duos/:id/withdrawal')
  @DuoStaff()
  @DuoChangeDoc()
  @Previewable()
  @ApiCreatedResponse({ type: DuoView, description: "Withdraws the duo; before the edition's first session its place goes to the first duo on the waiting list." })
  withdraw(@Param() { id }: UuidParamDto, @Query() { preview }: PreviewQueryDto, @Body() dto: WithdrawalDto, @Change() change: ChangeHeaders): Promise<DuoView> {
    return this.places.withdraw(id, dto, { ...change, preview });
  }
}
