import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { fileDownload } from '../http/file-download.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import type { Principal } from '../shared/roles.js';
import { MeetingAttendanceDto, RegistrationsExportQueryDto } from './dto/attendance.dto.js';
import { MeetingReportsService } from './meeting-reports.service.js';
import { MeetingReportView, RegistrationView, SeriesReportView } from './meeting.view.js';

@ApiTags('open meetings')
@Controller()
export class MeetingReportsController {
  constructor(private readonly reports: MeetingReportsService) {}

  @Get('meetings/:id/registrations')
  @StaffOnly()
  @ApiOkResponse({ type: [RegistrationView], description: 'Every registration: with a place, then the waiting list, then the cancelled, each in order of registration.' })
  registrations(@Param() { id }: UuidParamDto): Promise<RegistrationView[]> {
    return this.reports.registrations(id);
  }

  @Get('meetings/:id/registrations/export')
  @StaffOnly()
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The registrations with a place and on the waiting list, for name badges and a mail merge.' })
  async export(@Param() { id }: UuidParamDto, @Query() { format }: RegistrationsExportQueryDto) {
    return fileDownload(await this.reports.export(id, format));
  }

  @Put('meetings/:id/attendance')
  @StaffOnly()
  @ApiOkResponse({ type: MeetingReportView, description: 'The list at the door: who were there, everyone else with a place not. Answers the meeting report.' })
  recordAttendance(@Param() { id }: UuidParamDto, @Body() dto: MeetingAttendanceDto, @CurrentPrincipal() principal: Principal): Promise<MeetingReportView> {
    return this.reports.recordAttendance(id, dto.attended, principal);
  }

  @Get('meetings/:id/report')
  @StaffOnly()
  @ApiOkResponse({ type: MeetingReportView, description: 'Registered, attended, waiting, cancelled, by kind of organisation, new and returning people.' })
  meetingReport(@Param() { id }: UuidParamDto): Promise<MeetingReportView> {
    return this.reports.meetingReport(id);
  }

  @Get('meeting-series/:id/report')
  @StaffOnly()
  @ApiOkResponse({ type: SeriesReportView, description: 'Each meeting\'s report and the series as a whole.' })
  seriesReport(@Param() { id }: UuidParamDto): Promise<SeriesReportView> {
    return this.reports.seriesReport(id);
  }
}

/** A series' meetings as a calendar anyone can subscribe to, at /reeksen/{id}/agenda.ics outside the API. */
@ApiExcludeController()
@Controller('reeksen')
export class SeriesFeedController {
  constructor(private readonly reports: MeetingReportsService) {}

  @Get(':id/agenda.ics')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  feed(@Param() { id }: UuidParamDto): Promise<string> {
    return this.reports.feed(id);
  }
}
