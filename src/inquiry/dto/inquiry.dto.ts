import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { IsCalendarDate, IsOptionalText, IsText } from '../../http/validators.js';
import { INTERVIEWEES, PARTICIPATION_FORMS, SURVEY_AUDIENCES, type Interviewee, type ParticipationForm, type SurveyAudience } from '../inquiry-figures.js';

const COUNT_LIMIT = 100_000;

/** No more surveys come back than were sent. */
function AtMostSent() {
  const sent = (args: ValidationArguments) => (args.object as { sent?: unknown }).sent;
  return ValidateBy({
    name: 'atMostSent',
    validator: {
      validate: (returned: unknown, args) => typeof sent(args!) !== 'number' || typeof returned !== 'number' || returned <= (sent(args!) as number),
      defaultMessage: (args) => `returned (${args?.value}) is more than were sent (${sent(args!)}); give at most ${sent(args!)}`,
    },
  });
}

/** A survey (enquête) of the needs inventory: for whom, how many were sent and returned. */
export class RecordSurveyDto {
  @ApiProperty({ enum: SURVEY_AUDIENCES, description: 'For whom: users, potential users or providers of day activities.' })
  @IsIn(SURVEY_AUDIENCES, { message: `audience must be one of ${SURVEY_AUDIENCES.join(', ')}` })
  audience: SurveyAudience;

  @ApiProperty({ minimum: 1, maximum: COUNT_LIMIT, example: 120 })
  @IsInt({ message: 'sent must be a whole number' })
  @Min(1, { message: 'sent must be at least 1' })
  @Max(COUNT_LIMIT)
  sent: number;

  @ApiProperty({ minimum: 0, maximum: COUNT_LIMIT, example: 45, description: 'How many came back; at most as many as were sent.' })
  @IsInt({ message: 'returned must be a whole number' })
  @Min(0, { message: 'returned must be 0 or more' })
  @Max(COUNT_LIMIT)
  @AtMostSent()
  returned: number;

  @IsCalendarDate({ description: 'The day it was sent out: not a day still to come.' })
  sentOn: string;

  @IsOptionalText(4000)
  notes?: string;
}

/** Interviews of the needs inventory: with whom, how many, and what came up. */
export class RecordInterviewsDto {
  @ApiProperty({ enum: INTERVIEWEES, description: 'With whom: users, providers or others.' })
  @IsIn(INTERVIEWEES, { message: `interviewee must be one of ${INTERVIEWEES.join(', ')}` })
  interviewee: Interviewee;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 6 })
  @IsInt({ message: 'count must be a whole number' })
  @Min(1, { message: 'count must be at least 1' })
  @Max(1000)
  count: number;

  @IsCalendarDate({ description: 'The day of the (last) interview: not a day still to come.' })
  heldOn: string;

  @IsOptionalText(4000)
  notes?: string;
}

/** A focus group: when, how many attended, and its themes. */
export class RecordFocusGroupDto {
  @IsCalendarDate({ description: 'The day it was held: not a day still to come.' })
  heldOn: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 9 })
  @IsInt({ message: 'attendance must be a whole number' })
  @Min(1, { message: 'attendance must be at least 1' })
  @Max(1000)
  attendance: number;

  @ApiProperty({ type: [String], example: ['vervoer', 'ontmoeting'], description: 'The themes discussed.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'themes must name at least one theme' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'each theme must say something: a theme of only spaces is no theme' })
  @MaxLength(200, { each: true })
  themes: string[];

  @IsOptionalText(4000)
  notes?: string;
}

/** An innovative initiative in view for the municipality, and the forms of participation it connects. */
export class RecordInitiativeDto {
  @IsText(200, { example: 'Buurtboerderij De Hoeve' })
  name: string;

  @IsText(4000, { description: 'What it is.', example: 'Een zorgboerderij die ook open is voor buurtbewoners zonder indicatie.' })
  description: string;

  @IsText(4000, { description: 'Why it is new here.', example: 'Dagbesteding en vrijwilligerswerk op één plek, zonder indicatie.' })
  novelty: string;

  @ApiProperty({ enum: PARTICIPATION_FORMS, isArray: true, description: 'The forms of participation on the Participatiewiel it connects.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'participationForms must name at least one form of participation' })
  @ArrayUnique({ message: 'participationForms must name each form once' })
  @IsIn(PARTICIPATION_FORMS, { each: true, message: `each of participationForms must be one of ${PARTICIPATION_FORMS.join(', ')}` })
  participationForms: ParticipationForm[];

  @IsText(200, { description: 'Where it runs.', example: 'Lindewaard-Noord' })
  location: string;

  @ApiProperty({ required: false, example: 'https://buurtboerderij.example', maxLength: 2000 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'link must be a web address starting with http:// or https://' })
  @MaxLength(2000)
  link?: string;
}

/** A record of the unit's inquiry: the unit (`id`) and the record's own id. */
export class InquiryRecordParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'recordId must be a UUID' })
  recordId: string;
}
