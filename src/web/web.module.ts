import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { MyWorkModule } from '../my-work/my-work.module.js';
import { NextStepModule } from '../next-step/next-step.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { PageProblems } from '../problems/problem-details.filter.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AccountPagesService } from './account-pages.service.js';
import { AccountPages } from './account.pages.js';
import { AuditPagesService } from './audit-pages.service.js';
import { AuditPages } from './audit.pages.js';
import { CohortPagesService } from './cohort-pages.service.js';
import { DuoImportPagesService } from './duo-import-pages.service.js';
import { CohortPages } from './cohort.pages.js';
import { DuoPagesService } from './duo-pages.service.js';
import { DuoPages } from './duo.pages.js';
import { EvidencePagesService } from './evidence-pages.service.js';
import { InquiryModule } from '../inquiry/inquiry.module.js';
import { EvidencePages } from './evidence.pages.js';
import { InquiryPagesService } from './inquiry-pages.service.js';
import { InquiryPages } from './inquiry.pages.js';
import { MyWorkPagesService } from './my-work-pages.service.js';
import { MyWorkPages } from './my-work.pages.js';
import { WebPageProblems } from './page-problems.js';
import { ReportPagesService } from './report-pages.service.js';
import { ReportPages } from './report.pages.js';
import { SessionPagesService } from './session-pages.service.js';
import { SessionPages } from './session.pages.js';

/** The web pages in Dutch, served by the same app as the API, on the same services. */
@Module({
  imports: [AuthModule, AccountsModule, AuditModule, CohortsModule, DuosModule, SessionsModule, AttendanceModule, CyclesModule, EvidenceModule, InquiryModule, NextStepModule, ReportsModule, MyWorkModule],
  controllers: [SessionPages, CohortPages, DuoPages, ReportPages, EvidencePages, InquiryPages, AccountPages, AuditPages, MyWorkPages],
  providers: [
    SessionPagesService,
    CohortPagesService,
    DuoImportPagesService,
    DuoPagesService,
    EvidencePagesService,
    InquiryPagesService,
    AccountPagesService,
    ReportPagesService,
    AuditPagesService,
    MyWorkPagesService,
    // Errors on the pages are answered as pages: the exception filter asks for this (app.factory.ts).
    { provide: PageProblems, useClass: WebPageProblems },
  ],
})
export class WebModule {}
