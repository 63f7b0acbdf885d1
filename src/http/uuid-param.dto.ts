import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsUUID } from 'class-validator';

export class UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

/** `:id` and `:workshop` (1, 2 or 3). */
export class WorkshopParamDto extends UuidParamDto {
  @ApiProperty({ enum: [1, 2, 3] })
  @Type(() => Number)
  @IsIn([1, 2, 3], { message: 'workshop must be 1, 2 or 3' })
  workshop: 1 | 2 | 3;
}
