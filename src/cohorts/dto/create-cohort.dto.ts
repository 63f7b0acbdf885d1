import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { currentProgrammes, DEFAULT_PROGRAMME } from '../../programmes/programmes.js';
import { IsCalendarDate, IsOptionalText, IsText } from '../../http/validators.js';

const PROGRAMME_KEYS = currentProgrammes().map(({ key }) => key);
/** The widest capacity any current programme allows; CohortsService checks the chosen programme's own range. */
export const CAPACITY = {
  min: Math.min(...currentProgrammes().map(({ capacity }) => capacity.min)),
  max: Math.max(...currentProgrammes().map(({ capacity }) => capacity.max)),
};

export class CreateCohortDto {
  @ApiProperty({ required: false, default: DEFAULT_PROGRAMME, enum: PROGRAMME_KEYS, description: 'The programme the edition runs (GET /api/programmes); its newest version.' })
  @IsOptional()
  @IsIn(PROGRAMME_KEYS, { message: `programme must be one of ${PROGRAMME_KEYS.join(', ')} (GET /api/programmes lists them)` })
  programme?: string;

  @IsText(200, { example: 'Werkateliers outcome collectieve voorzieningen 2019' })
  name: string;

  @IsOptionalText(4000, { description: 'What the cohort is about, for the registration form.' })
  description?: string;

  @IsOptionalText(200, { example: 'Utrecht', description: "Where the edition's sessions take place." })
  location?: string;

  @IsCalendarDate({ description: 'Registration closes at the end of this day.', example: '2019-03-31' })
  registrationDeadline: string;

  @ApiProperty({ minimum: CAPACITY.min, maximum: CAPACITY.max, description: `How many duos the cohort admits (${CAPACITY.min} to ${CAPACITY.max}).` })
  @IsInt()
  @Min(CAPACITY.min, { message: capacityTooSmall(CAPACITY.min) })
  @Max(CAPACITY.max, { message: capacityTooLarge(CAPACITY.max) })
  capacity: number;

  @ApiProperty({ required: false, default: false, description: "Whether the cohort holds its programme's optional sessions (the werkateliers' workshop 3); the name is the werkateliers' since the first edition." })
  @IsOptional()
  @IsBoolean()
  workshop3Planned?: boolean;

  @ApiProperty({ required: false, default: false, description: 'Entering an edition that already ran: its registration deadline may then lie in the past.' })
  @IsOptional()
  @IsBoolean()
  alreadyRan?: boolean;
}

export function capacityTooSmall(min: number): string {
  return `capacity must be at least ${min}: a cohort needs ${min} duos to start`;
}

export function capacityTooLarge(max: number): string {
  return `capacity must be at most ${max} duos`;
}
