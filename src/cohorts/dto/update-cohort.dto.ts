import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsText } from '../../http/validators.js';

/** Validated when given; `null` is not a value any of them can take, so it is refused, not stored. */
const GIVEN = ValidateIf((_dto: object, value: unknown) => value !== undefined);

/**
 * What an adviser may change of an edition, each field only when given; the service holds the
 * rules (the programme's capacity and the places taken, the deadline before the first session,
 * the optional sessions until the first duo registered).
 */
export class UpdateCohortDto {
  @GIVEN
  @IsText(200, { required: false })
  name?: string;

  @GIVEN
  @ApiProperty({ required: false, maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  description?: string;

  @GIVEN
  @ApiProperty({ required: false, maxLength: 200 })
  @IsString()
  @MaxLength(200)
  location?: string;

  @GIVEN
  @IsCalendarDate({ required: false, description: 'Registration closes at the end of this day; before the first planned session.' })
  registrationDeadline?: string;

  @GIVEN
  @ApiProperty({ required: false, description: "Within the programme's range, and not below the places taken." })
  @IsInt()
  capacity?: number;

  @GIVEN
  @ApiProperty({ required: false, description: "Whether the edition holds its programme's optional sessions; fixed once a duo has registered." })
  @IsBoolean()
  workshop3Planned?: boolean;

  @GIVEN
  @ApiProperty({ required: false, default: false, description: 'The edition already ran: a deadline in the past is then allowed, and advisers may enter its duos afterwards.' })
  @IsBoolean()
  alreadyRan?: boolean;
}
