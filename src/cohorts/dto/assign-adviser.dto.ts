import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AssignAdviserDto {
  @ApiProperty({ format: 'uuid', description: 'The account of the adviser to assign.' })
  @IsUUID('all', { message: 'accountId must be a UUID' })
  accountId: string;
}
