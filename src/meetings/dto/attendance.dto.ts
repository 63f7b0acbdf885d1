import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsUUID } from 'class-validator';

/** The list at the door: who of those with a place were there. */
export class MeetingAttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The registrations (with a place) of the people who were there; everyone else with a place was not.' })
  @IsArray()
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true, message: 'attended must be registration ids' })
  attended: string[];
}

export class RegistrationsExportQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'], description: 'CSV as Dutch Excel reads it, or an XLSX workbook.' })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx';
}
