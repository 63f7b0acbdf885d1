import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

/** Several duos of one cohort that one change concerns (admitted together, a session logged for each): all of them, or none. */
export class DuoSelectionDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The duos, each once; at most 50.' })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((id) => (typeof id === 'string' ? id.toLowerCase() : id)) : value))
  @IsArray({ message: 'duoIds must be a list of duo ids' })
  @ArrayMinSize(1, { message: 'duoIds must name at least one duo' })
  @ArrayMaxSize(50, { message: 'duoIds must name at most 50 duos' })
  @ArrayUnique({ message: 'duoIds must name each duo once' })
  @IsUUID('all', { each: true, message: 'each of duoIds must be a UUID' })
  duoIds: string[];
}
