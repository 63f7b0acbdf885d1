import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { CohortStaff, Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { Change, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { SessionKindParamDto, WorkshopParamDto } from '../sessions/dto/session-param.dto.js';
import { registeredProgrammes } from '../programmes/programmes.js';
import { CohortPagesService } from './cohort-pages.service.js';
import { DuoImportPagesService } from './duo-import-pages.service.js';
import { savedConsequences } from './confirmation.js';
import { noticeFrom } from './page.js';
import { PageController } from './page-controller.js';

/** The sessions of every programme for the whole edition, for the notices of the pages that plan them and take their lists (`?opgeslagen=bijeenkomst-workshop1`). */
const EDITION_SESSIONS = registeredProgrammes().flatMap((programme) => programme.sessions.filter((session) => session.audience === 'edition'));

const SAVED: Record<string, string> = {
  editie: 'De editie is aangemaakt. Plan de bijeenkomsten en deel het aanmeldformulier.',
  ...Object.fromEntries(
    EDITION_SESSIONS.flatMap(({ key, name }) => [
      [`bijeenkomst-${key}`, `${name.charAt(0).toUpperCase()}${name.slice(1)} is gepland.`],
      [`verplaatst-${key}`, `${name.charAt(0).toUpperCase()}${name.slice(1)} is verplaatst. De toegelaten duo’s krijgen een bericht met de nieuwe datum, tijd en plaats.`],
      [`presentielijst-${key}`, `De presentielijst van ${name} is opgeslagen.`],
    ]),
  ),
  ...Object.fromEntries(
    registeredProgrammes()
      .flatMap((programme) => programme.sessions.filter((session) => session.audience === 'unit' && session.recorded === 'held'))
      .map(({ key, name }) => [`gehouden-${key}`, `${name.charAt(0).toUpperCase()}${name.slice(1)} is vastgelegd voor de gekozen duo’s.`]),
  ),
  wijzigen: 'De editie is gewijzigd.',
  toelating: 'Het duo is toegelaten.',
  toelatingen: 'De gekozen duo’s zijn toegelaten. Elk duo krijgt er bericht van.',
  adviseur: 'De adviseur is aan de editie gekoppeld.',
  wachtlijst: 'Het duo staat op de wachtlijst.',
  import: 'De duo’s zijn geïmporteerd. Hun contactpersonen krijgen de bevestiging van hun aanmelding.',
  'import-1': 'Het duo is geïmporteerd. De contactpersonen krijgen de bevestiging van de aanmelding.',
};

@PageController('edities')
export class CohortPages {
  constructor(
    private readonly pages: CohortPagesService,
    private readonly imports: DuoImportPagesService,
  ) {}

  @Get()
  @StaffOnly()
  list(@CurrentPrincipal() principal: Principal) {
    return this.pages.list(principal);
  }

  @Post()
  @StaffOnly()
  create(@Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.create(principal, fields);
  }

  @Get(':id')
  @CohortStaff()
  cohort(@Param() { id }: UuidParamDto, @Query() query: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.cohort(id, principal, { notice: noticeFrom(SAVED, query.opgeslagen) }, 200, savedConsequences({ uitgevallen: query.uitgevallen }), query);
  }

  @Get(':id/importeren')
  @CohortStaff()
  importForm(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.imports.form(id, principal);
  }

  @Get(':id/importeren/sjabloon.csv')
  @CohortStaff()
  importTemplate() {
    return this.imports.template();
  }

  @Post(':id/importeren')
  @CohortStaff()
  importPreview(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.imports.preview(id, principal, fields);
  }

  @Post(':id/importeren/bevestigen')
  @CohortStaff()
  importConfirm(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.imports.confirm(id, principal, fields);
  }

  @Post(':id/wijzigen')
  @CohortStaff()
  update(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.update(id, principal, fields);
  }

  @Post(':id/toelatingen')
  @CohortStaff()
  admitMany(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.admitMany(id, principal, fields);
  }

  @Post(':id/bijeenkomsten/:kind/gehouden')
  @CohortStaff()
  holdSessionForDuos(@Param() { id, kind }: SessionKindParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.holdSessionForDuos(id, kind, principal, fields);
  }

  @Post(':id/adviseurs')
  @CohortStaff()
  assignAdviser(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.assignAdviser(id, principal, fields);
  }

  @Post(':id/bijeenkomsten/:kind')
  @CohortStaff()
  planSession(@Param() { id, kind }: SessionKindParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.planSession(id, { kind }, principal, fields);
  }

  @Get(':id/bijeenkomsten/:kind/presentielijst')
  @CohortStaff()
  attendanceList(@Param() { id, kind }: SessionKindParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.attendanceList(id, { kind }, principal);
  }

  @Post(':id/bijeenkomsten/:kind/presentielijst')
  @CohortStaff()
  recordAttendance(@Param() { id, kind }: SessionKindParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.recordAttendance(id, { kind }, principal, fields);
  }

  /** The werkateliers' addresses of the same pages, by workshop number, as bookmarked before. */
  @Post(':id/werkateliers/:workshop')
  @CohortStaff()
  planWorkshop(@Param() { id, workshop }: WorkshopParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.planSession(id, { number: workshop }, principal, fields);
  }

  @Get(':id/werkateliers/:workshop/presentielijst')
  @CohortStaff()
  workshopAttendanceList(@Param() { id, workshop }: WorkshopParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.attendanceList(id, { number: workshop }, principal);
  }

  @Post(':id/werkateliers/:workshop/presentielijst')
  @CohortStaff()
  recordWorkshopAttendance(@Param() { id, workshop }: WorkshopParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.recordAttendance(id, { number: workshop }, principal, fields);
  }

  @Get(':id/rapportage')
  @CohortStaff()
  report(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.report(id, principal);
  }

  @Get(':id/aanmelden')
  @Public()
  registrationForm(@Param() { id }: UuidParamDto) {
    return this.pages.registrationForm(id);
  }

  @Post(':id/aanmelden')
  @Public()
  register(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @Change() change: ChangeHeaders) {
    return this.pages.register(id, fields, change);
  }
}
