import { ApiProperty } from '@nestjs/swagger';
import { SESSION_KINDS, sessionName, type SessionKind } from './session-kinds.js';
import { SESSION_WARNINGS, sessionWarnings, type SessionWarning } from './calendar-rules.js';

export interface SessionRow {
  id: string;
  cohort_id: string;
  duo_id: string | null;
  kind: SessionKind;
  /** Raised by every change that people hear of; the SEQUENCE of its calendar entries. */
  version: number;
  starts_at: Date;
  ends_at: Date;
  location: string;
  adviser: string | null;
  local_date: string;
  local_start: string;
  local_end: string;
}

export class PlannedSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, enum: SESSION_KINDS }) kind: SessionKind;
  @ApiProperty({ description: 'In Dutch, as on the screens.' }) name: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a workshop of the whole cohort.' })
  duoId: string | null;
  @ApiProperty({ format: 'date', description: 'Amsterdam.' }) date: string;
  @ApiProperty({ example: '13:30', description: 'Amsterdam.' }) startTime: string;
  @ApiProperty({ example: '16:30', description: 'Amsterdam.' }) endTime: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() location: string;
  @ApiProperty({ type: String, nullable: true }) adviser: string | null;
  @ApiProperty({
    enum: SESSION_WARNINGS,
    isArray: true,
    description: 'What is unusual about when it is, worth a second look but not refused: on a weekend, or (partly) outside 07:00 to 22:00 (Amsterdam).',
  })
  warnings: SessionWarning[];

  static of(row: SessionRow): PlannedSessionView {
    return {
      id: row.id,
      kind: row.kind,
      name: sessionName(row.kind),
      cohortId: row.cohort_id,
      duoId: row.duo_id,
      date: row.local_date,
      startTime: row.local_start,
      endTime: row.local_end,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      location: row.location,
      adviser: row.adviser,
      warnings: sessionWarnings(row.local_date, row.local_start, row.local_end),
    };
  }
}
