import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class AuditQueryDto {
  @ApiProperty({ required: false, enum: ['cohort', 'account', 'duo'] })
  @IsOptional()
  @IsIn(['cohort', 'account', 'duo'])
  subjectType?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;
}
