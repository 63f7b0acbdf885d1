import { ApiProperty } from '@nestjs/swagger';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../programmes/attendance.js';
import { SIDES, type Side } from '../shared/sides.js';

export class SideExcuseView {
  @ApiProperty({ enum: SIDES }) side: Side;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Who accepted the excuse.' }) excusedBy: string;
}

export class ExcuseView {
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Who accepted the excuse.' }) excusedBy: string;
}

/** One side as recorded, in the shape a correction takes it back. */
export class SideAttendanceView {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty({ required: false, type: [String], description: 'Names of the people of this side who were there, where they were recorded.' })
  attendees?: string[];
  @ApiProperty({ required: false, type: ExcuseView, description: 'Present when the side is excused.' })
  excuse?: ExcuseView;
}

export class RecordedAttendanceView {
  @ApiProperty({ type: SideAttendanceView }) municipality: SideAttendanceView;
  @ApiProperty({ type: SideAttendanceView }) provider: SideAttendanceView;
}

export class WorkshopAttendanceView {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) municipality: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) provider: string;
  @ApiProperty({ description: 'Both sides present or excused (always true for a session that is not mandatory).' }) met: boolean;
  @ApiProperty({ description: 'Whether the last record is a correction; the history keeps the earlier ones.' }) corrected: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ description: 'Who recorded it: the adviser who took the list, recorded it for the duo or corrected it last.' }) recordedBy: string;
  @ApiProperty({
    type: RecordedAttendanceView,
    description: 'Each side as recorded, with the attendees\' names and the excuse: what a correction (POST /duos/{id}/sessions/{kind}/attendance-corrections) starts from, to change one side and keep the other.',
  })
  attendance: RecordedAttendanceView;
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
