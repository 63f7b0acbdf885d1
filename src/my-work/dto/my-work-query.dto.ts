import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class MyWorkQueryDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 52, default: 6, description: 'How many weeks ahead the agenda reaches, from now.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'weeks must be a whole number' })
  @Min(1)
  @Max(52)
  weeks?: number;
}

/** The file name in a feed address: the secret token and ".ics". Anything else is simply not found. */
export class AgendaFeedParamDto {
  @IsString()
  @MaxLength(200)
  file: string;
}
