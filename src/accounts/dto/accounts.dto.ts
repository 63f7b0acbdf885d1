import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, IsText } from '../../http/validators.js';
import { STAFF_ROLES, type StaffRole } from '../../shared/roles.js';

export class InviteStaffDto {
  @IsText(200, { example: 'Adviseur Jansen' })
  name: string;

  @IsEmailAddress({ example: 'jansen@adviesbureau.example' })
  email: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `$property must be one of ${STAFF_ROLES.join(', ')}` })
  role: StaffRole;
}

export class InviteContactPersonDto {
  @IsEmailAddress({ description: "The e-mail address of one of the duo's contact persons." })
  email: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link.' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,200}$/, { message: '$property is not an invitation token' })
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'At least 12 characters; a sentence is easiest to remember.' })
  @IsString()
  @MinLength(12, { message: '$property must be at least 12 characters long' })
  @MaxLength(200)
  password: string;
}

export class SetAccountStatusDto {
  @ApiProperty({ description: 'true disables the account and ends its sessions; false enables it again.' })
  @IsBoolean()
  disabled: boolean;
}
