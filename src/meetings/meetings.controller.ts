import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, StaffOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { ATTACHMENT_TYPES } from '../evidence/attachment-types.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { fileDownload } from '../http/file-download.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import type { Principal } from '../shared/roles.js';
import { CallOffMeetingDto, CreateMeetingDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import { DownloadFileNameDto, DownloadParamDto } from './dto/params.dto.js';
import { CreateSeriesDto, UpdateSeriesDto } from './dto/series.dto.js';
import { MeetingView, SeriesView } from './meeting.view.js';
import { MeetingsService } from './meetings.service.js';

@ApiTags('open meetings')
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('meeting-series')
  @StaffOnly()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: SeriesView, description: 'A series of open meetings (a Transitiearena, a study day), still without meetings.' })
  createSeries(@Body() dto: CreateSeriesDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<SeriesView> {
    return this.meetings.createSeries(dto, principal, change.idempotencyKey);
  }

  @Get('meeting-series')
  @StaffOnly()
  @ApiOkResponse({ type: [SeriesView], description: 'Every series, newest first, with its meetings.' })
  listSeries(): Promise<SeriesView[]> {
    return this.meetings.listSeries();
  }

  @Get('meeting-series/:id')
  @Public()
  @ApiOkResponse({ type: SeriesView, description: 'The series and its meetings, as its public page shows them.' })
  series(@Param() { id }: UuidParamDto): Promise<SeriesView> {
    return this.meetings.series(id);
  }

  @Patch('meeting-series/:id')
  @StaffOnly()
  @IdempotentDoc()
  @ApiOkResponse({ type: SeriesView, description: 'Changes what is given of the series: kind, name, description, organisers, contact person.' })
  updateSeries(@Param() { id }: UuidParamDto, @Body() dto: UpdateSeriesDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<SeriesView> {
    return this.meetings.updateSeries(id, dto, principal, change.idempotencyKey);
  }

  @Post('meeting-series/:id/meetings')
  @StaffOnly()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: MeetingView, description: 'A meeting of the series. It ends after it starts, and registration closes on or before its day.' })
  createMeeting(@Param() { id }: UuidParamDto, @Body() dto: CreateMeetingDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<MeetingView> {
    return this.meetings.createMeeting(id, dto, principal, change.idempotencyKey);
  }

  @Post('meeting-series/:id/meetings/copy')
  @StaffOnly()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: MeetingView, description: "A new meeting copied from the series' last one, two months on and on the same weekday; its downloads are not copied." })
  copyLastMeeting(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<MeetingView> {
    return this.meetings.copyLastMeeting(id, principal, change.idempotencyKey);
  }

  @Get('meetings/:id')
  @Public()
  @ApiOkResponse({ type: MeetingView, description: 'The meeting, as its public page shows it.' })
  meeting(@Param() { id }: UuidParamDto): Promise<MeetingView> {
    return this.meetings.meeting(id);
  }

  @Patch('meetings/:id')
  @StaffOnly()
  @IdempotentDoc()
  @ApiOkResponse({ type: MeetingView, description: 'Changes what is given of the meeting.' })
  updateMeeting(@Param() { id }: UuidParamDto, @Body() dto: UpdateMeetingDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<MeetingView> {
    return this.meetings.updateMeeting(id, dto, principal, change.idempotencyKey);
  }

  @Post('meetings/:id/calling-off')
  @HttpCode(200)
  @StaffOnly()
  @IdempotentDoc()
  @ApiOkResponse({
    type: MeetingView,
    description:
      'Calls the meeting off: it does not take place. Everyone with a place or on the waiting list gets a message with the reason and a calendar file that marks the appointment cancelled; registration closes and no reminder goes out. 422 MEETING_CALLED_OFF when it is called off already, 422 MEETING_BEGUN once it has begun.',
  })
  callOff(@Param() { id }: UuidParamDto, @Body() dto: CallOffMeetingDto, @CurrentPrincipal() principal: Principal, @Change() change: ChangeHeaders): Promise<MeetingView> {
    return this.meetings.callOff(id, dto, principal, change.idempotencyKey);
  }

  @Post('meetings/:id/attachments')
  @StaffOnly()
  @ApiConsumes(...Object.keys(ATTACHMENT_TYPES))
  @ApiBody({ description: 'The file itself (the invitation PDF), sent with its own Content-Type (at most ATTACHMENT_MAX_BYTES).', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: MeetingView, description: 'Adds a download to the meeting, for its public page.' })
  addDownload(
    @Param() { id }: UuidParamDto,
    @Query() { fileName }: DownloadFileNameDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MeetingView> {
    return this.meetings.addDownload(id, fileName, contentType, body, principal);
  }

  @Delete('meetings/:id/downloads/:downloadId')
  @StaffOnly()
  @ApiOkResponse({ type: MeetingView, description: 'Takes a download off the meeting\'s public page. 404 ATTACHMENT_NOT_FOUND for a download the meeting has not.' })
  removeDownload(@Param() { id, downloadId }: DownloadParamDto, @CurrentPrincipal() principal: Principal): Promise<MeetingView> {
    return this.meetings.removeDownload(id, downloadId, principal);
  }

  @Get('meetings/:id/downloads/:downloadId')
  @Public()
  @ApiProduces(...Object.keys(ATTACHMENT_TYPES))
  @ApiOkResponse({ description: 'The download itself.' })
  async download(@Param() { id, downloadId }: DownloadParamDto) {
    return fileDownload(await this.meetings.download(id, downloadId));
  }
}
