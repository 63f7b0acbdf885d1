import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsEmailAddress, IsText } from '../../http/validators.js';

/** Who is meant: by e-mail address (an account, a duo's contact person or both), or by account id. Exactly one. */
export class PersonQueryDto {
  @IsEmailAddress({ required: false, description: "The person's e-mail address, as an account or a duo's contact person has it (any case)." })
  @IsOptional()
  email?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'The id of their account (an erased account is found by it too).' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  accountId?: string;
}

export class ErasePersonDto extends PersonQueryDto {
  @IsText(500, { description: 'Why the person is erased (their request, the end of the retention period). Kept in the audit log.' })
  reason: string;
}
