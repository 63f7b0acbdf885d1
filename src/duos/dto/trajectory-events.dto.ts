import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../trajectory/attendance.js';
import { IsCalendarDate, IsText } from '../../http/validators.js';

export class HoldIntakeDto {
  @IsCalendarDate()
  heldOn: string;

  @IsText(200, { example: 'Stadskantoor Voorbeeld' })
  location: string;

  @IsText(200, { example: 'Adviseur Jansen' })
  adviser: string;

  @ApiProperty({ required: false, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class HoldAdvisoryMeetingDto {
  @IsCalendarDate()
  heldOn: string;

  @IsText(200, { example: 'Adviseur Jansen' })
  adviser: string;

  @ApiProperty({ required: false, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class ExcuseDto {
  @IsText(1000, { description: 'Why the side could not attend.' })
  reason: string;

  @IsText(200, { description: 'The adviser who accepted the excuse.' })
  excusedBy: string;
}

function OnlyWhenExcused() {
  return ValidateBy({
    name: 'onlyWhenExcused',
    validator: {
      validate: (_excuse, args) => (args?.object as SideAttendanceDto).status === 'excused',
      defaultMessage: () => 'excuse is only for a side whose status is excused',
    },
  });
}

export class SideAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, { message: `$property must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status: AttendanceStatus;

  @ApiProperty({ required: false, type: [String], description: 'Names of the people of this side who were there.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  attendees?: string[];

  @ApiProperty({ required: false, type: ExcuseDto, description: 'Required when status is excused, and only then.' })
  @ValidateIf((side: SideAttendanceDto) => side.status === 'excused' || side.excuse !== undefined)
  @IsDefined({ message: '$property is required when the status is excused: who excused the absence and why' })
  @OnlyWhenExcused()
  @ValidateNested()
  @Type(() => ExcuseDto)
  excuse?: ExcuseDto;
}

export class WorkshopAttendanceDto {
  @ApiProperty({ type: SideAttendanceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SideAttendanceDto)
  municipality: SideAttendanceDto;

  @ApiProperty({ type: SideAttendanceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SideAttendanceDto)
  provider: SideAttendanceDto;
}

export class WorkshopParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @ApiProperty({ enum: [1, 2, 3] })
  @Type(() => Number)
  @IsIn([1, 2, 3], { message: 'workshop must be 1, 2 or 3' })
  workshop: 1 | 2 | 3;
}

export class WithdrawalDto {
  @IsText(1000, { description: 'Why the duo steps out of the trajectory.' })
  reason: string;
}
