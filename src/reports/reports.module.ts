import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { CyclesModule } from '../cycles/cycles.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Reports read duos, cycles and evidence, and freeze a duo's report when the cycles module closes a cycle. */
@Module({
  imports: [CohortsModule, AttendanceModule, CyclesModule, EvidenceModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
