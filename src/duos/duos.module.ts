import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { DuosController } from './duos.controller.js';
import { DuosService } from './duos.service.js';

@Module({
  imports: [CohortsModule, IdempotencyModule, SessionsModule, NotificationsModule, AuditModule],
  controllers: [DuosController],
  providers: [DuosService],
  exports: [DuosService],
})
export class DuosModule {}
