import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from './accounts/accounts.module.js';
import { AttendanceModule } from './attendance/attendance.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import { authConfig, databaseConfig, evidenceConfig, mailConfig, meetingsConfig, retentionConfig } from './config/environment.js';
import { DatabaseModule } from './database/database.module.js';
import { CyclesModule } from './cycles/cycles.module.js';
import { AccessScopesModule } from './duos/access-scopes.module.js';
import { DuosModule } from './duos/duos.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { HealthModule } from './health/health.module.js';
import { InquiryModule } from './inquiry/inquiry.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { MyWorkModule } from './my-work/my-work.module.js';
import { NextStepModule } from './next-step/next-step.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { WebModule } from './web/web.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [databaseConfig, authConfig, mailConfig, evidenceConfig, retentionConfig, meetingsConfig] }),
    DatabaseModule,
    HealthModule,
    AuthModule,
    AccessScopesModule,
    AccountsModule,
    AuditModule,
    ProgrammesModule,
    CohortsModule,
    DuosModule,
    SessionsModule,
    AttendanceModule,
    NotificationsModule,
    CyclesModule,
    EvidenceModule,
    InquiryModule,
    NextStepModule,
    MyWorkModule,
    ReportsModule,
    PrivacyModule,
    MeetingsModule,
    WebModule,
  ],
})
export class AppModule {}
