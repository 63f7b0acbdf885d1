import { ApiProperty } from '@nestjs/swagger';
import { ATTENDANCE_STATUSES } from '../programmes/attendance.js';
import { SIDES, type Side } from '../shared/sides.js';

export class SideExcuseView {
  @ApiProperty({ enum: SIDES }) side: Side;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Who accepted the excuse.' }) excusedBy: string;
}

export class WorkshopAttendanceView {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) municipality: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) provider: string;
  @ApiProperty({ description: 'Both sides present or excused (always true for a session that is not mandatory).' }) met: boolean;
  @ApiProperty({ description: 'Whether the last record is a correction; the history keeps the earlier ones.' }) corrected: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: [SideExcuseView], description: 'The sides excused, each with the reason and who accepted it (none when no side is excused).' })
  excuses: SideExcuseView[];
}

export class DuoAttendanceView {
  @ApiProperty({ format: 'uuid' }) duoId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() provider: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'False once a mandatory session was missed without excuse.' }) meetsObligation: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/WorkshopAttendanceView' },
    description: 'By session key (GET /api/programmes); absent when not recorded.',
  })
  sessions: Record<string, WorkshopAttendanceView>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/WorkshopAttendanceView' },
    description: 'The same, by number, for the sessions a programme numbers (the werkateliers\' workshops 1, 2 and 3).',
  })
  workshops: Record<number, WorkshopAttendanceView>;
}

export class AttendanceOverviewView {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ type: [DuoAttendanceView], description: 'Every duo that holds a place in the cohort.' }) duos: DuoAttendanceView[];
  @ApiProperty({ type: [String], description: 'The duos that no longer meet the obligation to attend the mandatory sessions.' })
  notMeetingObligation: string[];
}
