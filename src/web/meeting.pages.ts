import { Body, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { Principal } from '../shared/roles.js';
import { noticeFrom } from './page.js';
import { Change, type ChangeHeaders } from '../http/change-headers.js';
import type { FormFields } from '../http/form-body.js';
import { fileDownload } from '../http/file-download.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { DownloadParamDto } from '../meetings/dto/params.dto.js';
import { MeetingPagesService } from './meeting-pages.service.js';
import { PageController } from './page-controller.js';

const SAVED: Record<string, string> = {
  presentielijst: 'De presentielijst is opgeslagen.',
  reeks: 'De reeks is aangemaakt. Voeg de eerste bijeenkomst toe.',
  bijeenkomst: 'De bijeenkomst is aangemaakt; de aanmelding staat open op de openbare pagina.',
  kopie: 'De bijeenkomst is gekopieerd, twee maanden later op dezelfde weekdag. Pas het thema en de vragen aan onder “Bijeenkomst wijzigen”.',
  'reeks-gewijzigd': 'De reeks is gewijzigd.',
  download: 'De download staat op de openbare pagina van de bijeenkomst.',
  'download-weg': 'De download is van de openbare pagina gehaald.',
  gewijzigd: 'De bijeenkomst is gewijzigd. Wie zich aanmeldde, krijgt bericht als de dag, de tijden of de plek veranderden.',
  afgelast: 'De bijeenkomst is afgelast. Iedereen die zich aanmeldde, krijgt een e-mail met de reden.',
};

/** The public pages of a series of open meetings (/reeksen/{id}). */
@PageController('reeksen')
export class SeriesPages {
  constructor(private readonly pages: MeetingPagesService) {}

  @Get()
  @StaffOnly()
  list(@CurrentPrincipal() principal: Principal) {
    return this.pages.seriesList(principal);
  }

  @Post()
  @StaffOnly()
  create(@Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.createSeries(fields, principal);
  }

  @Get(':id/beheer')
  @StaffOnly()
  admin(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal, @Query('opgeslagen') saved: unknown) {
    return this.pages.seriesAdmin(id, principal, { notice: noticeFrom(SAVED, saved) });
  }

  @Post(':id/wijzigen')
  @StaffOnly()
  update(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.updateSeries(id, fields, principal);
  }

  @Post(':id/bijeenkomsten')
  @StaffOnly()
  createMeeting(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.createMeeting(id, fields, principal);
  }

  @Post(':id/kopie')
  @StaffOnly()
  copyLastMeeting(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.copyLastMeeting(id, fields, principal);
  }

  @Get(':id')
  @Public()
  series(@Param() { id }: UuidParamDto) {
    return this.pages.series(id);
  }
}

/** The public page of a meeting, with its registration form (/bijeenkomsten/{id}). */
@PageController('bijeenkomsten')
export class MeetingPages {
  constructor(private readonly pages: MeetingPagesService) {}

  @Get('afmelden')
  @Public()
  ownRegistration(@Query('token') token: unknown) {
    return this.pages.ownRegistration(token);
  }

  @Post('afmelden')
  @Public()
  cancel(@Body() fields: FormFields) {
    return this.pages.cancel(fields);
  }

  @Post('afmelden/gegevens')
  @Public()
  @HttpCode(200)
  async personalData(@Body() fields: FormFields) {
    const result = await this.pages.personalData(fields);
    return 'content' in result ? fileDownload(result) : result;
  }

  @Post('afmelden/wissen')
  @Public()
  erase(@Body() fields: FormFields) {
    return this.pages.erase(fields);
  }

  @Get(':id')
  @Public()
  meeting(@Param() { id }: UuidParamDto) {
    return this.pages.meeting(id);
  }

  @Get(':id/beheer')
  @StaffOnly()
  admin(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal, @Query('opgeslagen') saved: unknown) {
    return this.pages.meetingAdmin(id, principal, { notice: noticeFrom(SAVED, saved) });
  }

  @Post(':id/wijzigen')
  @StaffOnly()
  update(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.updateMeeting(id, fields, principal);
  }

  @Post(':id/afgelasten')
  @StaffOnly()
  callOff(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.callOff(id, fields, principal);
  }

  @Post(':id/downloads')
  @StaffOnly()
  addDownload(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.addDownload(id, fields, principal);
  }

  @Post(':id/downloads/:downloadId/weghalen')
  @StaffOnly()
  removeDownload(@Param() { id, downloadId }: DownloadParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.removeDownload(id, downloadId, principal);
  }

  @Post(':id/presentielijst')
  @StaffOnly()
  recordAttendance(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.recordAttendance(id, fields, principal);
  }

  @Post(':id/aanmelden')
  @Public()
  register(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @Change() change: ChangeHeaders, @Req() request: FastifyRequest) {
    return this.pages.register(id, fields, change, request.ip);
  }
}
