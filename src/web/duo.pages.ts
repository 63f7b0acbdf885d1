import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { DuoAdvisers, DuoMembers, DuoStaff, DuoTeam, SignedIn } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { CycleParamDto } from '../cycles/dto/cycle-param.dto.js';
import { ContactPersonParamDto } from '../duos/dto/contact-person.dto.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { DuoSessionParamDto } from '../sessions/dto/plan-session.dto.js';
import { SessionKindParamDto } from '../sessions/dto/session-param.dto.js';
import { CohortPagesService } from './cohort-pages.service.js';
import { DUO_NOTICES, DuoPagesService } from './duo-pages.service.js';
import { savedConsequences } from './confirmation.js';
import { noticeFrom } from './page.js';
import { PageController } from './page-controller.js';

@PageController()
export class DuoPages {
  constructor(
    private readonly pages: DuoPagesService,
    private readonly cohortPages: CohortPagesService,
  ) {}

  @Get('mijn-traject')
  @SignedIn()
  mine(@Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal) {
    return this.pages.mine(principal, { notice: noticeFrom(DUO_NOTICES, saved) });
  }

  @Get('trajecten/:id')
  @DuoMembers()
  duo(
    @Param() { id }: UuidParamDto,
    @Query('opgeslagen') saved: unknown,
    @Query('uitgevallen') droppedOut: unknown,
    @Query('terug') returned: unknown,
    @Query('opgeschoven') movedUp: unknown,
    @Query('bijeenkomst') movedSession: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    const consequences = savedConsequences({ uitgevallen: droppedOut, terug: returned, opgeschoven: movedUp });
    return this.pages.duoForStaff(id, principal, { notice: noticeFrom(DUO_NOTICES, saved) }, consequences, typeof saved === 'string' && saved.startsWith('verplaatst-') ? movedSession : undefined);
  }

  @Post('trajecten/:id/publicatie')
  @DuoStaff()
  setPublicationConsent(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.setPublicationConsent(id, principal, fields);
  }

  @Post('trajecten/:id/toelating')
  @DuoStaff()
  admit(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.cohortPages.admit(id, principal, fields, false);
  }

  @Post('trajecten/:id/wachtlijst')
  @DuoStaff()
  placeOnWaitingList(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.cohortPages.admit(id, principal, fields, true);
  }

  @Post('trajecten/:id/bijeenkomsten')
  @DuoStaff()
  planSession(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.planSession(id, principal, fields);
  }

  @Post('trajecten/:id/bijeenkomsten/:sessionId')
  @DuoStaff()
  moveSession(@Param() { id, sessionId }: DuoSessionParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.moveSession(id, sessionId, principal, fields);
  }

  @Post('trajecten/:id/gesprekken/:kind')
  @DuoStaff()
  holdSession(@Param() { id, kind }: SessionKindParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.holdSession(id, { kind }, principal, fields);
  }

  /** The werkateliers' addresses of the same forms, as before. */
  @Post('trajecten/:id/kennismakingsgesprek')
  @DuoStaff()
  holdIntake(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.holdSession(id, { kind: 'intake' }, principal, fields);
  }

  @Post('trajecten/:id/adviesgesprekken')
  @DuoStaff()
  holdAdvisoryMeeting(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.holdSession(id, 'meetings', principal, fields);
  }

  @Post('trajecten/:id/aanwezigheidscorrecties')
  @DuoStaff()
  correctAttendance(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.correctAttendance(id, principal, fields);
  }

  @Post('trajecten/:id/afronding')
  @DuoStaff()
  complete(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.complete(id, principal, fields);
  }

  @Post('trajecten/:id/afmelding')
  @DuoStaff()
  withdraw(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.withdraw(id, principal, fields);
  }

  @Post('trajecten/:id/uitnodigingen')
  @DuoStaff()
  invite(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.invite(id, principal, fields);
  }

  @Post('trajecten/:id/contactpersonen')
  @DuoStaff()
  addContactPerson(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.addContactPerson(id, principal, fields);
  }

  @Post('trajecten/:id/contactpersonen/:personId')
  @DuoMembers()
  editContactPerson(@Param() { id, personId }: ContactPersonParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.editContactPerson(id, personId, principal, fields);
  }

  @Post('trajecten/:id/contactpersonen/:personId/verwijderen')
  @DuoStaff()
  removeContactPerson(@Param() { id, personId }: ContactPersonParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.removeContactPerson(id, personId, principal, fields);
  }

  @Post('trajecten/:id/cycli/:cycle/verbeteracties')
  @DuoTeam()
  agreeImprovementActions(@Param() { id, cycle }: CycleParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.agreeImprovementActions(id, cycle, principal, fields);
  }

  @Post('trajecten/:id/cycli/:cycle/afsluiting')
  @DuoAdvisers()
  closeCycle(@Param() { id, cycle }: CycleParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.closeCycle(id, cycle, principal, fields);
  }
}
