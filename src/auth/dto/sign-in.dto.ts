import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'jansen@adviesbureau.example' })
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(254)
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
