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
  @ApiOkResponse({ type: [AuditRecordView], description: 'The 200 newest records, newest first.' })
  list(@Query() query: AuditQueryDto): Promise<AuditRecordView[]> {
    return this.audit.list(query);
  }
}
