import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** A calendar date, YYYY-MM-DD, that exists (no 2019-02-30). */
export function IsCalendarDate(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, format: 'date', example: '2019-05-14', ...options }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a date that exists' }),
  );
}

/** Required text with something in it, at most `max` characters. */
export function IsText(max: number, options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, maxLength: max, ...options }),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    Matches(/\S/, { message: '$property must contain more than white space' }),
    MaxLength(max),
  );
}
