import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { MeetingsController } from './meetings.controller.js';
import { FormGuard } from './form-guard.js';
import { MeetingsService } from './meetings.service.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';

/** Open meetings: series, their meetings, and people's registrations without an account (DOMAIN.md, "Open meetings"). */
@Module({
  imports: [AuditModule, IdempotencyModule],
  controllers: [MeetingsController, RegistrationsController],
  providers: [MeetingsService, RegistrationsService, FormGuard],
  exports: [MeetingsService, RegistrationsService, FormGuard],
})
export class MeetingsModule {}
