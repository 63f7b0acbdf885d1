import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { MeetingsController } from './meetings.controller.js';
import { FormGuard } from './form-guard.js';
import { MeetingReportsController, SeriesFeedController } from './meeting-reports.controller.js';
import { MeetingReportsService } from './meeting-reports.service.js';
import { MeetingPrivacyService } from './meeting-privacy.service.js';
import { MeetingRemindersService } from './meeting-reminders.service.js';
import { MeetingsService } from './meetings.service.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';

/** Open meetings: series, their meetings, and people's registrations without an account (DOMAIN.md, "Open meetings"). */
@Module({
  imports: [AuditModule, IdempotencyModule, OutboxModule],
  controllers: [MeetingsController, RegistrationsController, MeetingReportsController, SeriesFeedController],
  providers: [MeetingsService, RegistrationsService, FormGuard, MeetingRemindersService, MeetingReportsService, MeetingPrivacyService],
  exports: [MeetingsService, RegistrationsService, FormGuard, MeetingReportsService, MeetingPrivacyService],
})
export class MeetingsModule {}
