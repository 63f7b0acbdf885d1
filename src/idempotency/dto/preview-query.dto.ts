import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** `?preview=true`: run the change only to see what it would do. */
export class PreviewQueryDto {
  @ApiProperty({ required: false, type: Boolean, description: 'true: answer 200 with what the change would do, and change nothing.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '$property must be true or false' })
  preview?: boolean;
}
