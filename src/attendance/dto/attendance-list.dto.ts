import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsUUID, ValidateBy, ValidateNested } from 'class-validator';
import { WorkshopAttendanceDto } from '../../duos/dto/trajectory-events.dto.js';
import { IsText } from '../../http/validators.js';

/** One line of the presentielijst: a duo and who of each side was there. */
export class AttendanceListEntryDto extends WorkshopAttendanceDto {
  @ApiProperty({ format: 'uuid' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all', { message: 'duoId must be a UUID' })
  duoId: string;
}

function EachDuoOnce() {
  return ValidateBy({
    name: 'eachDuoOnce',
    validator: {
      validate: (entries: unknown) =>
        !Array.isArray(entries) || new Set(entries.map((entry) => entry?.duoId)).size === entries.length,
      defaultMessage: () => 'duos must name each duo once',
    },
  });
}

/**
 * The attendance list of one workshop for the whole cohort: every duo expected there must be on
 * it, and it is recorded for every duo on it, or for none.
 */
export class AttendanceListDto {
  @ApiProperty({ type: [AttendanceListEntryDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'duos must name at least one duo' })
  @ArrayMaxSize(8)
  @IsObject({ each: true, message: 'each of duos must be an object' })
  @ValidateNested({ each: true })
  @Type(() => AttendanceListEntryDto)
  @EachDuoOnce()
  duos: AttendanceListEntryDto[];
}

export class AttendanceCorrectionDto extends WorkshopAttendanceDto {
  @IsText(1000, { description: 'Why the earlier record was wrong; it stays visible in the history.' })
  reason: string;
}
