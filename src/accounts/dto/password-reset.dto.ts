import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress } from '../../http/validators.js';

export class RequestPasswordResetDto {
  @IsEmailAddress({ description: 'The address of the account; the answer is the same whether or not there is one.' })
  email: string;
}

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token from the link in the e-mail.' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,200}$/, { message: '$property is not a password reset token' })
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'The new password: at least 12 characters.' })
  @IsString()
  @MinLength(12, { message: '$property must be at least 12 characters long' })
  @MaxLength(200)
  password: string;
}
