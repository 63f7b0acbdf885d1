import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { IsEmailAddress, IsOptionalText, IsText } from '../../http/validators.js';

/** `:id` (a duo) and `:personId` (one of its contact persons). */
export class ContactPersonParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId: string;
}

/** A contact person's details as they are edited; the side stays (remove the person and add them to the other side instead). */
export class ContactPersonDetailsDto {
  @IsText(200, { example: 'Sanne de Wit' })
  name: string;

  @IsEmailAddress({ example: 's.dewit@gemeente-voorbeeld.nl', description: 'Where the duo\'s mail to this person goes. A participant cannot change their own.' })
  email: string;

  @IsOptionalText(40, { example: '030-1234567', description: 'Left out or empty: no phone number.' })
  phone?: string;
}
