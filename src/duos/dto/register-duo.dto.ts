import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsEmailAddress, IsNested, IsOptionalText, IsText } from '../../http/validators.js';
import { SIDES, type Side } from '../../shared/sides.js';

export class ContactPersonDto {
  @ApiProperty({ enum: SIDES, description: 'Which side of the duo this person belongs to.' })
  @IsIn(SIDES, { message: `$property must be one of ${SIDES.join(', ')}` })
  side: Side;

  @IsText(200, { example: 'Sanne de Wit' })
  name: string;

  @IsEmailAddress({ example: 's.dewit@gemeente-voorbeeld.nl' })
  email: string;

  @IsOptionalText(40, { example: '030-1234567' })
  phone?: string;
}

/**
 * Every registration names a person of the municipality. Whether it must name one of the provider
 * too depends on the edition's programme (a duo, or one municipality): the registration checks
 * that in its transaction (duos/enrolled-unit.ts).
 */
function CoversTheMunicipality() {
  return ValidateBy({
    name: 'coversTheMunicipality',
    validator: {
      validate: (persons: unknown) => Array.isArray(persons) && persons.some((person) => person?.side === 'municipality'),
      defaultMessage: () => 'contactPersons must name at least one person of the municipality (and one of the provider, where the programme enrols duos)',
    },
  });
}

/** What every registration says of the duo, whoever makes it. */
export class DuoRegistrationDto {
  @IsText(200, { example: 'Gemeente Voorbeeld' })
  municipality: string;

  @IsOptionalText(200, {
    example: 'Stichting Buurtwerk Voorbeeld',
    description: 'The provider, or the independent professional: required where the programme enrols duos; where it enrols one municipality, the providers taking part, if any.',
  })
  provider?: string;

  @ApiProperty({ type: [String], example: ['jongerenwerk', 'buurthuisbeheer'], description: 'The collective services the duo focuses on.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'collectiveServices must name at least one collective service' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  collectiveServices: string[];

  @IsOptionalText(4000)
  questions?: string;

  @IsOptionalText(4000)
  expectations?: string;
}

/** A registration an adviser makes for a duo: any number of contact persons, at least one per side. */
export class RegisterDuoDto extends DuoRegistrationDto {
  @ApiProperty({ type: [ContactPersonDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true, message: 'each of contactPersons must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ContactPersonDto)
  @CoversTheMunicipality()
  contactPersons: ContactPersonDto[];
}

/** One contact person on the public form: name, e-mail address and phone, all required. */
export class ContactDetailsDto {
  @IsText(200, { example: 'Sanne de Wit' })
  name: string;

  @IsEmailAddress({ example: 's.dewit@gemeente-voorbeeld.example' })
  email: string;

  @IsText(40, { example: '030-1234567' })
  phone: string;
}

/** The public registration form ("aanmelding"): a contact person per side (and any others), and the obligation accepted. */
export class PublicRegistrationDto extends DuoRegistrationDto {
  @IsNested(() => ContactDetailsDto, { description: 'The contact person of the municipality.' })
  municipalityContact: ContactDetailsDto;

  @IsNested(() => ContactDetailsDto, { optional: true, description: 'The contact person of the provider: required where the programme enrols duos.' })
  providerContact?: ContactDetailsDto;

  @ApiProperty({ type: [ContactPersonDto], required: false, description: 'More contact persons, of either side, besides the two above.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsObject({ each: true, message: 'each of otherContactPersons must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ContactPersonDto)
  otherContactPersons?: ContactPersonDto[];

  @ApiProperty({
    required: false,
    description: 'The duo will attend workshops 1 and 2, at least one person of each side ("gratis, maar niet vrijblijvend"): required where the programme has mandatory sessions.',
  })
  @IsOptional()
  @Equals(true, { message: 'acceptsAttendanceObligation must be true: registering means attending workshops 1 and 2 as a duo' })
  acceptsAttendanceObligation?: true;
}
