import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsText } from '../../http/validators.js';
import { UuidParamDto } from '../../http/uuid-param.dto.js';

/** What the trajectory hands over: the plan of approach, and the report. */
export const PLAN_DOCUMENT_KINDS = ['planOfApproach', 'report'] as const;
export type PlanDocumentKind = (typeof PLAN_DOCUMENT_KINDS)[number];

/** The plan of approach or the report, with the decisions taken; its file follows (`…/file`). */
export class RecordPlanDocumentDto {
  @ApiProperty({ enum: PLAN_DOCUMENT_KINDS, description: 'planOfApproach: the plan of approach; report: the report handed over.' })
  @IsIn(PLAN_DOCUMENT_KINDS, { message: `kind must be one of ${PLAN_DOCUMENT_KINDS.join(', ')}` })
  kind: PlanDocumentKind;

  @IsText(200, { example: 'Plan van aanpak dagactiviteiten Lindewaard' })
  title: string;

  @IsText(8000, { description: 'The decisions taken with it.', example: 'Een algemene voorziening voor dagactiviteiten in elke kern, vanaf 2027.' })
  decisions: string;
}

/** `:id` (the unit) and `:documentId`. */
export class PlanDocumentParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'documentId must be a UUID' })
  documentId: string;
}
