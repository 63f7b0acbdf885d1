import { ApiProperty, IntersectionType, OmitType } from '@nestjs/swagger';
import { DuoSelectionDto } from './duo-selection.dto.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsString, MaxLength, ValidateBy, ValidateIf, ValidateNested, IsOptional } from 'class-validator';
import { IsCalendarDate, IsNested, IsOptionalText, IsText } from '../../http/validators.js';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../programmes/attendance.js';

/**
 * A session with the duo that an adviser held (an intake, an advisory meeting). The location
 * goes with a session whose programme records where it was held (the intake), and only then.
 */
export class HoldSessionDto {
  @IsCalendarDate()
  heldOn: string;

  @IsText(200, { example: 'Adviseur Jansen' })
  adviser: string;

  @IsOptionalText(200, { example: 'Stadskantoor Voorbeeld', description: 'Where it was held: required for a session that records it (the intake), refused for others.' })
  location?: string;

  @IsOptionalText(4000)
  notes?: string;
}

/** One session of their own logged as held for several duos of a cohort: all of them, or none. */
export class HoldSessionForDuosDto extends IntersectionType(HoldSessionDto, DuoSelectionDto) {}

/** The werkateliers' `/advisory-meetings`: no location. */
export class HoldAdvisoryMeetingDto extends OmitType(HoldSessionDto, ['location'] as const) {}

/** The werkateliers' `/intake`: with its location. */
export class HoldIntakeDto extends HoldAdvisoryMeetingDto {
  @IsText(200, { example: 'Stadskantoor Voorbeeld' })
  location: string;
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
  @IsObject({ message: '$property must be an object' })
  @OnlyWhenExcused()
  @ValidateNested()
  @Type(() => ExcuseDto)
  excuse?: ExcuseDto;
}

export class WorkshopAttendanceDto {
  @IsNested(() => SideAttendanceDto)
  municipality: SideAttendanceDto;

  @IsNested(() => SideAttendanceDto)
  provider: SideAttendanceDto;
}


export class WithdrawalDto {
  @IsText(1000, { description: 'Why the duo steps out of the trajectory.' })
  reason: string;
}
