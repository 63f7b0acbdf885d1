import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { IsCalendarDate } from '../../http/validators.js';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, type AuditAction } from '../audit.service.js';

function EndsOnOrAfterStart() {
  return ValidateBy({
    name: 'endsOnOrAfterStart',
    validator: {
      validate: (to, args) => {
        const from = (args?.object as AuditQueryDto).from;
        return typeof to !== 'string' || typeof from !== 'string' || to >= from;
      },
      defaultMessage: () => 'to must be on or after from',
    },
  });
}

/** Which records of the audit log: every filter narrows, and all of them together. */
export class AuditQueryDto {
  @ApiProperty({ required: false, enum: ['cohort', 'account', 'duo', 'series', 'meeting'] })
  @IsOptional()
  @IsIn(['cohort', 'account', 'duo', 'series', 'meeting'])
  subjectType?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'Only the changes this account made.' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a UUID' })
  actorId?: string;

  @ApiProperty({ required: false, enum: AUDIT_ACTIONS, description: 'Only changes of this kind.' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: "Only changes to this cohort: its creation, its changes, its advisers and its sessions, the duos' own sessions included.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'Only changes about this duo: its publication consent, its own sessions, the invitations of its contact persons, a contact person erased.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'duoId must be a UUID' })
  duoId?: string;

  @IsOptional()
  @IsCalendarDate({ required: false, description: 'Only changes on or after this day (Amsterdam).' })
  from?: string;

  @IsOptional()
  @IsCalendarDate({ required: false, description: 'Only changes on or before this day (Amsterdam).' })
  @EndsOnOrAfterStart()
  to?: string;

  @ApiProperty({ required: false, example: '1200', description: 'Only records older than this one: the id of the last record of the previous page.' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'before must be the id of a record' })
  before?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: AUDIT_PAGE_SIZE, default: AUDIT_PAGE_SIZE, description: 'How many records at most.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(AUDIT_PAGE_SIZE)
  limit?: number;
}
