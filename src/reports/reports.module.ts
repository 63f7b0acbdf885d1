import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { InquiryModule } from '../inquiry/inquiry.module.js';
import { InquiryReportService } from './inquiry-report.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Reports read duos, cycles and evidence, and freeze a duo's report when the cycles module closes a cycle. */
@Module({
  imports: [CohortsModule, DuosModule, AttendanceModule, CyclesModule, EvidenceModule, InquiryModule],
  controllers: [ReportsController],
  providers: [ReportsService, InquiryReportService],
  exports: [ReportsService, InquiryReportService],
})
export class ReportsModule {}
