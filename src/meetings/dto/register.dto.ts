import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsEmailAddress, IsOptionalText, IsText } from '../../http/validators.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../meeting-kinds.js';

/** A person's registration for a meeting, through the public form or the API, without an account. */
export class RegisterForMeetingDto {
  @IsText(200, { example: 'Fleur Jansen' })
  name: string;

  @IsText(200, { example: 'Gemeente Voorbeeld' })
  organisation: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, description: 'The kind of organisation: for the report by kind.' })
  @IsIn(ORGANISATION_KINDS, { message: `organisationKind must be one of ${ORGANISATION_KINDS.join(', ')}` })
  organisationKind: OrganisationKind;

  @IsText(200, { example: 'Beleidsmedewerker Wmo' })
  role: string;

  @IsEmailAddress({ example: 'fleur.jansen@gemeente-voorbeeld.example' })
  email: string;

  @IsText(40, { example: '030-1234567' })
  phone: string;

  @ApiProperty({ type: [String], format: 'uuid', required: false, description: 'Other meetings of the same series to register for at once.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'otherMeetingIds must be meeting ids' })
  otherMeetingIds?: string[];

  @IsOptionalText(500, { example: 'Vegetarisch', description: 'Wishes for the lunch (a diet, an allergy).' })
  lunchWishes?: string;

  @ApiProperty({ description: 'The token of GET /api/meetings/{id}/registration-form: when the form was shown, signed.' })
  @IsString()
  @MaxLength(200)
  formToken: string;

  @ApiProperty({ required: false, description: 'Leave out, or empty: a field for robots only (a honeypot).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

export class RegistrationFormView {
  @ApiProperty({ description: 'Send it back as formToken with the registration.' }) formToken: string;
  @ApiProperty({ description: 'A registration sent sooner than this after the token is refused.' }) minimumSeconds: number;
}

/** The secret of a cancel link (the `token` of `/bijeenkomsten/afmelden?token=…`). */
export class CancelLinkDto {
  @ApiProperty({ description: 'The token of the link in the confirmation.' })
  @IsString()
  @MaxLength(100)
  token: string;
}
