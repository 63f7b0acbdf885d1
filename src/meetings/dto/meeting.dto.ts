import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EndsAfterStart, IsCalendarDate, IsOptionalText, IsText, IsTimeOfDay, OnOrBeforeDay } from '../../http/validators.js';

export class ProgrammeItemDto {
  @IsTimeOfDay({ example: '09:30' })
  start: string;

  @IsTimeOfDay({ example: '10:00' })
  @EndsAfterStart('start')
  end: string;

  @IsText(300, { example: 'Inloop met koffie en thee' })
  title: string;
}

export class CreateMeetingDto {
  @IsCalendarDate({ example: '2016-09-21' })
  date: string;

  @IsTimeOfDay({ example: '09:30' })
  startTime: string;

  @IsTimeOfDay({ example: '13:30' })
  @EndsAfterStart()
  endTime: string;

  @IsText(200, { example: 'De Pionier' })
  locationName: string;

  @IsText(300, { example: 'Grebbeberglaan 15, Utrecht' })
  address: string;

  @IsOptionalText(4000, { description: 'How to get there; it goes with the confirmation.' })
  routeDescription?: string;

  @IsText(300, { example: 'Dagbesteding vanuit het gemeentelijk perspectief' })
  theme: string;

  @ApiProperty({ type: [String], required: false, description: 'The questions on the table.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  questions?: string[];

  @ApiProperty({ type: [ProgrammeItemDto], required: false, description: 'The programme, item by item, in order of time.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ProgrammeItemDto)
  programme?: ProgrammeItemDto[];

  @ApiProperty({ required: false, nullable: true, minimum: 1, maximum: 10000, description: 'How many people can come; none (null) means no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;

  @IsCalendarDate({ example: '2016-09-14', description: 'Registration closes at the end of this day; on or before the meeting day.' })
  @OnOrBeforeDay('date')
  registrationDeadline: string;
}

export class UpdateMeetingDto extends PartialType(CreateMeetingDto) {}

/** Calling a meeting off: why, in words the people registered read in their message. */
export class CallOffMeetingDto {
  @IsText(1000, { example: 'De spreker is ziek geworden; we plannen de bijeenkomst opnieuw.' })
  reason: string;
}
