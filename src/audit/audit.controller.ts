import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/access.js';
import { AuditRecordView } from './audit-record.view.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

@ApiTags('audit')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @AdminOnly()
  @ApiOkResponse({ type: [AuditRecordView], description: 'Newest first, at most `limit` records (200 when not given); for the next page, send `before` with the id of the last record.' })
  list(@Query() query: AuditQueryDto): Promise<AuditRecordView[]> {
    return this.audit.list(query);
  }
}
