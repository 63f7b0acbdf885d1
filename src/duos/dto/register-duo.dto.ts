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

function CoversBothSides() {
  return ValidateBy({
    name: 'coversBothSides',
    validator: {
      validate: (persons: unknown) =>
        Array.isArray(persons) && SIDES.every((side) => persons.some((person) => person?.side === side)),
      defaultMessage: () => 'contactPersons must name at least one person of the municipality and one of the provider',
    },
  });
}

/** What every registration says of the duo, whoever makes it. */
export class DuoRegistrationDto {
  @IsText(200, { example: 'Gemeente Voorbeeld' })
  municipality: string;

  @IsText(200, { example: 'Stichting Buurtwerk Voorbeeld', description: 'The provider, or the independent professional.' })
  provider: string;

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
  @CoversBothSides()
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

  @IsNested(() => ContactDetailsDto, { description: 'The contact person of the provider.' })
  providerContact: ContactDetailsDto;

  @ApiProperty({ type: [ContactPersonDto], required: false, description: 'More contact persons, of either side, besides the two above.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsObject({ each: true, message: 'each of otherContactPersons must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ContactPersonDto)
  otherContactPersons?: ContactPersonDto[];

  @ApiProperty({ description: 'The duo will attend workshops 1 and 2, at least one person of each side ("gratis, maar niet vrijblijvend").' })
  @Equals(true, { message: 'acceptsAttendanceObligation must be true: registering means attending workshops 1 and 2 as a duo' })
  acceptsAttendanceObligation: true;
}
