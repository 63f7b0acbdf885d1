import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COMPASS_STEPS, EVIDENCE_KINDS, PERSPECTIVES, type CompassStep, type EvidenceKind, type Perspective } from '../../compass/compass.machine.js';
import { IsCalendarDate, IsText } from '../../http/validators.js';

/** Refuses a field that does not belong with the rest of the object (an indicator on a story, say). */
function OnlyWhen(applies: (object: EvidenceContentDto) => boolean, message: string) {
  return ValidateBy({
    name: 'onlyWhen',
    validator: {
      validate: (_value, args) => applies(args?.object as EvidenceContentDto),
      defaultMessage: () => message,
    },
  });
}

function EndsOnOrAfterStart() {
  return ValidateBy({
    name: 'endsOnOrAfterStart',
    validator: {
      validate: (end, args) => typeof end !== 'string' || end >= (args?.object as IndicatorDto).periodStart,
      defaultMessage: () => 'periodEnd must be on or after periodStart',
    },
  });
}

/** For figures ("tellen"): what was counted, the value, its unit and the period it covers. */
export class IndicatorDto {
  @IsText(200, { example: 'Bezoekers buurthuis per week' })
  name: string;

  @ApiProperty({ example: 120 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 }, { message: '$property must be a number' })
  @Min(-1e12)
  @Max(1e12)
  value: number;

  @IsText(50, { example: 'bezoekers' })
  unit: string;

  @IsCalendarDate({ example: '2019-01-01' })
  periodStart: string;

  @IsCalendarDate({ example: '2019-06-30' })
  @EndsOnOrAfterStart()
  periodEnd: string;
}

/** What a piece of evidence says: the same when it is recorded and when it is edited. */
export class EvidenceContentDto {
  @ApiProperty({ enum: COMPASS_STEPS, description: 'The step of the Kwaliteitskompas: 0 (preparation, first cycle only) to 6.' })
  @IsInt({ message: '$property must be a whole number' })
  @IsIn(COMPASS_STEPS, { message: '$property must be one of 0 to 6' })
  step: CompassStep;

  @ApiProperty({ enum: EVIDENCE_KINDS, description: 'figures (cijfers), stories (verhalen) or other means (andere middelen).' })
  @IsIn(EVIDENCE_KINDS, { message: `$property must be one of ${EVIDENCE_KINDS.join(', ')}` })
  kind: EvidenceKind;

  @ApiProperty({ enum: PERSPECTIVES, description: 'Whose view it shows: the municipality, the provider, or residents.' })
  @IsIn(PERSPECTIVES, { message: `$property must be one of ${PERSPECTIVES.join(', ')}` })
  perspective: Perspective;

  @IsText(200, { example: 'Meer jongeren in het jongerenwerk' })
  title: string;

  @IsText(20000, { description: 'The evidence itself: the story, what the figures show, what the photo or method tells.' })
  text: string;

  @ApiProperty({ required: false, type: IndicatorDto, description: 'Required for figures, and only for figures.' })
  @ValidateIf((dto: EvidenceContentDto) => dto.kind === 'figures' || dto.indicator !== undefined)
  @IsDefined({ message: '$property is required for figures: what was counted, its value, unit and period' })
  @IsObject({ message: '$property must be an object' })
  @OnlyWhen((dto) => dto.kind === 'figures', 'indicator is only for figures')
  @ValidateNested()
  @Type(() => IndicatorDto)
  indicator?: IndicatorDto;

  @ApiProperty({ required: false, description: 'Stories only (required there): whether the story is about a person.' })
  @ValidateIf((dto: EvidenceContentDto) => dto.kind === 'stories' || dto.aboutAPerson !== undefined)
  @IsDefined({ message: '$property is required for stories: say whether the story is about a person' })
  @IsBoolean({ message: '$property must be true or false' })
  @OnlyWhen((dto) => dto.kind === 'stories', 'aboutAPerson is only for stories')
  aboutAPerson?: boolean;

  @ApiProperty({
    required: false,
    description: 'Required for a story about a person: whether that person consented. Without consent the story is never shown outside the duo and its advisers.',
  })
  @ValidateIf((dto: EvidenceContentDto) => dto.aboutAPerson === true || dto.consentGiven !== undefined)
  @IsDefined({ message: '$property is required for a story about a person: did the person consent to it being shown?' })
  @IsBoolean({ message: '$property must be true or false' })
  @OnlyWhen((dto) => dto.kind === 'stories' && dto.aboutAPerson === true, 'consentGiven is only for a story about a person')
  consentGiven?: boolean;

  @ApiProperty({ required: false, type: [String], description: 'Links (http or https), at most 20.' })
  @IsOptional()
  @IsArray({ message: '$property must be a list' })
  @ArrayMaxSize(20)
  @MaxLength(2000, { each: true })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'each of $property must be an http(s) address' })
  links?: string[];
}

export class RecordEvidenceDto extends EvidenceContentDto {
  @ApiProperty({ required: false, minimum: 1, description: 'The cycle it belongs to; the open cycle when left out. A closed cycle is refused.' })
  @IsOptional()
  @IsInt({ message: '$property must be a whole number' })
  @Min(1)
  @Max(1000)
  cycle?: number;
}

export class ListEvidenceQueryDto {
  @ApiProperty({ required: false, minimum: 1, description: 'Only this cycle.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number' })
  @Min(1)
  @Max(1000)
  cycle?: number;

  @ApiProperty({ required: false, enum: COMPASS_STEPS, description: 'Only this step.' })
  @IsOptional()
  @Type(() => Number)
  @IsIn(COMPASS_STEPS, { message: '$property must be one of 0 to 6' })
  step?: CompassStep;

  @ApiProperty({ required: false, enum: ['true', 'false'], description: "Deleted evidence too (for the duo and its advisers), so an adviser can restore it." })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  includeDeleted?: 'true' | 'false';
}

export class PublicationDto {
  @ApiProperty({
    description:
      'True: you read the story (the version named in If-Match, which marking requires) and it may be quoted in an anonymised report; false: it may not (any more).',
  })
  @IsBoolean({ message: '$property must be true or false' })
  publishable: boolean;
}
