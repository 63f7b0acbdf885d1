import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class PublicationConsentDto {
  @ApiProperty({ description: 'True when the municipality and its provider agreed to be named in published reports.' })
  @IsBoolean({ message: '$property must be true or false' })
  namedInPublications: boolean;
}
