import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { InquiryController } from './inquiry.controller.js';
import { InquiryRepository } from './inquiry.repository.js';
import { InquiryService } from './inquiry.service.js';
import { PlanDocumentsRepository } from './plan-documents.repository.js';

@Module({
  imports: [DuosModule, IdempotencyModule, AuditModule],
  controllers: [InquiryController],
  providers: [InquiryService, InquiryRepository, PlanDocumentsRepository],
  exports: [InquiryService],
})
export class InquiryModule {}
