import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from './accounts/accounts.module.js';
import { AttendanceModule } from './attendance/attendance.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import { authConfig, databaseConfig, evidenceConfig, mailConfig, retentionConfig } from './config/environment.js';
import { DatabaseModule } from './database/database.module.js';
import { CyclesModule } from './cycles/cycles.module.js';
import { AccessScopesModule } from './duos/access-scopes.module.js';
import { DuosModule } from './duos/duos.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { HealthModule } from './health/health.module.js';
import { InquiryModule } from './inquiry/inquiry.module.js';
import { loggerParams, type LoggingOptions } from './logging/logging.js';
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
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [databaseConfig, authConfig, mailConfig, evidenceConfig, retentionConfig] }),
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
    WebModule,
  ],
})
export class AppModule {
  /** The app with its one logger (src/logging): what main.ts, the tests and the benchmarks start. */
  static withLogging(logging: LoggingOptions): DynamicModule {
    return { module: AppModule, imports: [LoggerModule.forRoot(loggerParams(logging))] };
  }
}
