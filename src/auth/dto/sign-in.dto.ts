import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../../http/validators.js';

export class SignInDto {
  @IsEmailAddress({ example: 'jansen@adviesbureau.example' })
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class SessionView {
  @ApiProperty({ description: 'Send it as "Authorization: Bearer <token>".' }) token: string;
  @ApiProperty({ description: 'For the web pages, which use a cookie: send it back as x-csrf-token.' }) csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
