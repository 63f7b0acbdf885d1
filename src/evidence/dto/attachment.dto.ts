import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsText } from '../../http/validators.js';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { IsAttachmentFileName } from '../attachment-types.js';

/** `:id` (a duo) and `:evidenceId`. */
export class EvidenceParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'evidenceId must be a UUID' })
  evidenceId: string;
}

/** `:id`, `:evidenceId` and `:attachmentId`. */
export class AttachmentParamDto extends EvidenceParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'attachmentId must be a UUID' })
  attachmentId: string;
}

export class AttachmentFileNameDto {
  @IsText(200, { example: 'opening-buurthuis.jpg', description: 'The name the file is downloaded under.' })
  @IsAttachmentFileName()
  fileName: string;
}
