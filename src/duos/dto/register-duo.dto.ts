import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsEmailAddress, IsOptionalText, IsText } from '../../http/validators.js';
import { SIDES, type Side } from '../../trajectory/trajectory.machine.js';

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

export class RegisterDuoDto {
  @IsText(200, { example: 'Gemeente Voorbeeld' })
  municipality: string;

  @IsText(200, { example: 'Stichting Buurtwerk Voorbeeld' })
  provider: string;

  @ApiProperty({ type: [ContactPersonDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true, message: 'each of contactPersons must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ContactPersonDto)
  @CoversBothSides()
  contactPersons: ContactPersonDto[];

  @ApiProperty({ type: [String], example: ['jongerenwerk', 'buurthuisbeheer'] })
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
