import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { PlannedSessionRepository } from './planned-session.repository.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [CohortsModule, AuditModule, IdempotencyModule],
  controllers: [SessionsController],
  providers: [SessionsService, PlannedSessionRepository],
  exports: [SessionsService],
})
export class SessionsModule {}
