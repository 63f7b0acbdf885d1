import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { AttachmentsService } from './attachments.service.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceRepository } from './evidence.repository.js';
import { EvidenceService } from './evidence.service.js';

@Module({
  imports: [CyclesModule, DuosModule, IdempotencyModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, AttachmentsService, EvidenceRepository],
  exports: [EvidenceService, AttachmentsService],
})
export class EvidenceModule {}
