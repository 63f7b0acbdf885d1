import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, Matches } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { SESSION_KEY, sessionNumbers } from '../../programmes/programmes.js';

/** The numbers the programmes give their edition sessions: the werkateliers' workshops 1, 2 and 3. */
const NUMBERS = sessionNumbers();

/** "1, 2 or 3". */
function alternatives(numbers: readonly number[]): string {
  return numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} or ${numbers.at(-1)}` : String(numbers[0]);
}

/**
 * `:id` and `:workshop`: the number of an edition session (`/workshops/{n}`). Which numbers the
 * cohort's own programme has is checked where the session is looked up (404 otherwise).
 */
export class WorkshopParamDto extends UuidParamDto {
  @ApiProperty({ enum: NUMBERS })
  @Type(() => Number)
  @IsIn(NUMBERS, { message: `workshop must be ${alternatives(NUMBERS)}` })
  workshop: number;
}

/**
 * `:id` and `:kind`: the key of a session in the programme of the cohort or duo (GET
 * /api/programmes). Whether that programme has it is checked where the session is looked up (404).
 */
export class SessionKindParamDto extends UuidParamDto {
  @ApiProperty({ description: 'The key of a session of the programme (GET /api/programmes).', example: 'workshop2' })
  @Matches(SESSION_KEY, { message: 'kind must be the key of a session of the programme, such as intake or workshop2 (GET /api/programmes lists them)' })
  kind: string;
}
