import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { EndsAfterStart, IsCalendarDate, IsOptionalText, IsText, IsTimeOfDay } from '../../http/validators.js';
import { unitSessionKinds } from '../../programmes/programmes.js';


/** When and where; the session's default length (its programme's defaultMinutes) when no end is given. */
export class PlanWorkshopDto {
  @IsCalendarDate({ example: '2019-05-14' })
  date: string;

  @IsTimeOfDay({ description: 'When it starts (Amsterdam time).' })
  startTime: string;

  @IsTimeOfDay({ description: "When it ends (Amsterdam time); the session's default length after the start when left out.", required: false })
  @EndsAfterStart()
  endTime?: string;

  @IsOptionalText(200, { description: "Where; the cohort's location when left out.", example: 'Utrecht' })
  location?: string;
}

/** The kinds of session planned with one unit (an intake, an advisory meeting), as the programmes define them. */
export const DUO_SESSION_KINDS: readonly string[] = unitSessionKinds();
export type DuoSessionKind = string;

/** An intake conversation or advisory meeting planned with one duo. */
export class PlanDuoSessionDto extends PlanWorkshopDto {
  @ApiProperty({ enum: DUO_SESSION_KINDS })
  @IsIn(DUO_SESSION_KINDS, { message: `$property must be one of ${DUO_SESSION_KINDS.join(', ')}` })
  kind: DuoSessionKind;

  @IsText(200, { example: 'Adviseur Jansen' })
  adviser: string;
}

export class DuoSessionParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId: string;
}
