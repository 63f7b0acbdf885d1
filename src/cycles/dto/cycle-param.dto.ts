import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';

/** `:id` (a duo) and `:cycle`, the number of one of its cycles. */
export class CycleParamDto extends UuidParamDto {
  @ApiProperty({ minimum: 1, example: 1 })
  @Type(() => Number)
  @IsInt({ message: 'cycle must be a whole number' })
  @Min(1, { message: 'cycle must be 1 or more' })
  @Max(1000, { message: 'cycle must be at most 1000' })
  cycle: number;
}
