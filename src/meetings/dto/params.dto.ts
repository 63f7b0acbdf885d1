import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { IsText } from '../../http/validators.js';
import { IsAttachmentFileName } from '../../evidence/attachment-types.js';

/** `:id` (a meeting) and `:downloadId`. */
export class DownloadParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'downloadId must be a UUID' })
  downloadId: string;
}

/** `:id` (a meeting) and `:registrationId`. */
export class RegistrationParamDto extends UuidParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'registrationId must be a UUID' })
  registrationId: string;
}

export class DownloadFileNameDto {
  @IsText(200, { example: 'uitnodiging-transitiearena-21-september-2016.pdf', description: 'The name the file is downloaded under.' })
  @IsAttachmentFileName()
  fileName: string;
}
