import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';

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

/** Optional free text (notes, questions), at most `max` characters. */
export function IsOptionalText(max: number, options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, maxLength: max, required: false, ...options } as ApiPropertyOptions),
    IsOptional(),
    IsString(),
    MaxLength(max),
  );
}

/**
 * A nested object, validated as `type`. IsObject first: ValidateNested alone lets an array
 * through in place of the object.
 */
export function IsNested(type: () => new () => object, options: ApiPropertyOptions & { optional?: boolean } = {}) {
  const { optional, ...documentation } = options;
  return applyDecorators(
    ApiProperty({ type, required: !optional, ...documentation } as ApiPropertyOptions),
    optional ? IsOptional() : IsDefined({ message: '$property is required' }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** An e-mail address, as every form of the app takes one. */
export function IsEmailAddress(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, format: 'email', maxLength: 254, ...options } as ApiPropertyOptions),
    IsEmail({}, { message: '$property must be an e-mail address' }),
    MaxLength(254),
  );
}

/** A time of day, HH:MM (24 hours). Optional when `required: false` is given. */
export function IsTimeOfDay(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, example: '13:30', ...options } as ApiPropertyOptions),
    ...(options.required === false ? [IsOptional()] : []),
    Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '$property must be a time as HH:MM' }),
  );
}

/**
 * A time of day after another field's (`startTime`, or `start` of a programme item), when both are
 * given: a change that sends one of them is checked against the other by its service.
 */
export function EndsAfterStart(startField = 'startTime') {
  return ValidateBy({
    name: 'endsAfterStart',
    validator: {
      validate: (end: unknown, args) => {
        const start = (args?.object as Record<string, unknown>)[startField];
        return typeof end !== 'string' || typeof start !== 'string' || end > start;
      },
      defaultMessage: (args) => `${args?.property ?? 'endTime'} must be after ${startField}`,
    },
  });
}

/** A day on or before another field's day (a registration deadline and the meeting's `date`), when both are given. */
export function OnOrBeforeDay(dayField: string) {
  return ValidateBy({
    name: 'onOrBeforeDay',
    validator: {
      validate: (day: unknown, args) => {
        const other = (args?.object as Record<string, unknown>)[dayField];
        return typeof day !== 'string' || typeof other !== 'string' || day <= other;
      },
      defaultMessage: (args) => `${args?.property ?? 'the day'} must be on or before ${dayField}`,
    },
  });
}
