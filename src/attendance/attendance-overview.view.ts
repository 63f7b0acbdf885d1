import { ApiProperty } from '@nestjs/swagger';
import { ATTENDANCE_STATUSES } from '../programmes/attendance.js';

export class WorkshopAttendanceView {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) municipality: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) provider: string;
  @ApiProperty({ description: 'Both sides present or excused (always true for the optional workshop 3).' }) met: boolean;
  @ApiProperty({ description: 'Whether the last record is a correction; the history keeps the earlier ones.' }) corrected: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class DuoAttendanceView {
  @ApiProperty({ format: 'uuid' }) duoId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() provider: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'False once a mandatory workshop was missed without excuse.' }) meetsObligation: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/WorkshopAttendanceView' },
    description: 'By workshop number (1, 2, 3); absent when not recorded.',
  })
  workshops: Partial<Record<1 | 2 | 3, WorkshopAttendanceView>>;
}

export class AttendanceOverviewView {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ type: [DuoAttendanceView], description: 'Every duo that holds a place in the cohort.' }) duos: DuoAttendanceView[];
  @ApiProperty({ type: [String], description: 'The duos that no longer meet the obligation to attend workshops 1 and 2.' })
  notMeetingObligation: string[];
}
