import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsEmailAddress, IsNested, IsOptionalText, IsText } from '../../http/validators.js';
import { SERIES_KINDS, type SeriesKind } from '../meeting-kinds.js';

export class ContactPersonDto {
  @IsText(200, { example: 'Noor Verbeek' })
  name: string;

  @IsEmailAddress({ example: 'n.verbeek@movisie.example' })
  email: string;

  @IsOptionalText(40, { example: '06-12345678' })
  phone?: string;
}

export class CreateSeriesDto {
  @ApiProperty({ enum: SERIES_KINDS, description: 'The kind of meeting: a Transitiearena meet-up or a study day.' })
  @IsIn(SERIES_KINDS, { message: `kind must be one of ${SERIES_KINDS.join(', ')}` })
  kind: SeriesKind;

  @IsText(200, { example: 'Transitiearena Vernieuwing in arbeidsmatige dagbesteding en beschut werk' })
  name: string;

  @IsOptionalText(8000, { description: 'What the series is about, for its public page.' })
  description?: string;

  @IsText(200, { example: 'Movisie' })
  organiser: string;

  @ApiProperty({ type: [String], required: false, description: 'The organisations that organise it together with the organiser.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  coOrganisers?: string[];

  @IsNested(() => ContactPersonDto, { description: 'Whom to ask about the series.' })
  contact: ContactPersonDto;
}

export class UpdateSeriesDto extends PartialType(CreateSeriesDto) {}
