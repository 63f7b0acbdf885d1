import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { registeredProgrammes } from '../../programmes/programmes.js';

/** Every state a duo of any registered programme can be in. */
export const DUO_STATES = [...new Set(registeredProgrammes().flatMap((programme) => Object.keys(programme.words.states)))].sort();

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Which duos of a cohort: every filter narrows, and all of them together. */
export class ListDuosQueryDto {
  @ApiProperty({ required: false, maxLength: 100, description: 'Part of the municipality or the provider, in any case.' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;

  @ApiProperty({ required: false, enum: DUO_STATES, description: 'Only duos in this state.' })
  @IsOptional()
  @IsIn(DUO_STATES, { message: `state must be one of ${DUO_STATES.join(', ')}` })
  state?: string;

  @ApiProperty({
    required: false,
    type: Boolean,
    description: 'true: duos holding a place that attended every mandatory session on record as a duo (or were excused); false: duos that missed one.',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'meetsObligation must be true or false' })
  meetsObligation?: boolean;

  @ApiProperty({
    required: false,
    type: Boolean,
    description: 'true: duos taking part whose open Kwaliteitskompas cycle has steps without evidence; false: those whose open cycle lacks none.',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'missingEvidence must be true or false' })
  missingEvidence?: boolean;
}
