import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CohortStaff, DuoStaff } from '../auth/access.js';
import { DuoView } from '../duos/duo.view.js';
import { TrajectoryStepsService } from '../duos/trajectory-steps.service.js';
import { Change, DuoChangeDoc, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { Previewable } from '../idempotency/change-preview.js';
import { PreviewQueryDto } from '../idempotency/dto/preview-query.dto.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { SessionKindParamDto, WorkshopParamDto } from '../sessions/dto/session-param.dto.js';
import { AttendanceOverviewView, WorkshopAttendanceView } from './attendance-overview.view.js';
import { AttendanceService } from './attendance.service.js';
import { AttendanceCorrectionDto, AttendanceListDto } from './dto/attendance-list.dto.js';

@ApiTags('attendance')
// The overview's maps refer to this schema by name; declared here so the document has it.
@ApiExtraModels(WorkshopAttendanceView)
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly steps: TrajectoryStepsService,
  ) {}

  @Post('cohorts/:id/sessions/:kind/attendance')
  @CohortStaff()
  @IdempotentDoc()
  @Previewable()
  @ApiCreatedResponse({
    type: AttendanceOverviewView,
    description: 'Records the presentielijst of a session of the whole edition for every duo on it in one transaction: when one duo refuses, nothing is recorded.',
  })
  recordSessionList(
    @Param() { id, kind }: SessionKindParamDto,
    @Query() { preview }: PreviewQueryDto,
    @Body() dto: AttendanceListDto,
    @Change() change: ChangeHeaders,
  ): Promise<AttendanceOverviewView> {
    return this.attendance.recordList(id, { kind }, dto, { ...change, preview });
  }

  @Post('cohorts/:id/workshops/:workshop/attendance')
  @CohortStaff()
  @IdempotentDoc()
  @Previewable()
  @ApiCreatedResponse({ type: AttendanceOverviewView, description: 'The werkateliers\' name for POST /cohorts/{id}/sessions/{kind}/attendance, by workshop number.' })
  recordList(
    @Param() { id, workshop }: WorkshopParamDto,
    @Query() { preview }: PreviewQueryDto,
    @Body() dto: AttendanceListDto,
    @Change() change: ChangeHeaders,
  ): Promise<AttendanceOverviewView> {
    return this.attendance.recordList(id, { number: workshop }, dto, { ...change, preview });
  }

  @Get('cohorts/:id/attendance')
  @CohortStaff()
  @ApiOkResponse({ type: AttendanceOverviewView, description: 'Per duo and workshop: present, excused or absent, and who no longer meets the obligation.' })
  overview(@Param() { id }: UuidParamDto): Promise<AttendanceOverviewView> {
    return this.attendance.overview(id);
  }

  @Post('duos/:id/sessions/:kind/attendance-corrections')
  @DuoStaff()
  @DuoChangeDoc()
  @Previewable()
  @ApiCreatedResponse({ type: DuoView, description: 'Replaces what was recorded for the session; the earlier record stays in the history.' })
  correctSession(
    @Param() { id, kind }: SessionKindParamDto,
    @Query() { preview }: PreviewQueryDto,
    @Body() dto: AttendanceCorrectionDto,
    @Change() change: ChangeHeaders,
  ): Promise<DuoView> {
    return this.steps.correctAttendance(id, { kind }, dto, { ...change, preview });
  }

  @Post('duos/:id/workshops/:workshop/attendance-corrections')
  @DuoStaff()
  @DuoChangeDoc()
  @Previewable()
  @ApiCreatedResponse({ type: DuoView, description: 'The werkateliers\' name for POST /duos/{id}/sessions/{kind}/attendance-corrections, by workshop number.' })
  correct(
    @Param() { id, workshop }: WorkshopParamDto,
    @Query() { preview }: PreviewQueryDto,
    @Body() dto: AttendanceCorrectionDto,
    @Change() change: ChangeHeaders,
  ): Promise<DuoView> {
    return this.steps.correctAttendance(id, { number: workshop }, dto, { ...change, preview });
  }
}
