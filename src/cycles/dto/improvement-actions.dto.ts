import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsText } from '../../http/validators.js';

export const ACTION_OWNERS = ['municipality', 'provider', 'both'] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];

/** One improvement action agreed at step 6 (Verbetercyclus): what, who takes it up, and by when. */
export class ImprovementActionDto {
  @IsText(1000, { example: 'Bewoners vragen mee te tellen bij de jaarlijkse monitor' })
  description: string;

  @ApiProperty({ enum: ACTION_OWNERS, description: 'Who takes it up: the municipality, the provider, or both.' })
  @IsIn(ACTION_OWNERS, { message: `$property must be one of ${ACTION_OWNERS.join(', ')}` })
  owner: ActionOwner;

  @IsCalendarDate({ required: false, description: 'By when, if agreed.' })
  @IsOptional()
  dueOn?: string;
}

export class ImprovementActionsDto {
  @ApiProperty({ type: [ImprovementActionDto], description: 'Every action agreed so far; replaces the earlier list. An empty list withdraws them.' })
  @IsDefined({ message: '$property is required' })
  @IsArray({ message: '$property must be a list' })
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each of $property must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ImprovementActionDto)
  actions: ImprovementActionDto[];
}
