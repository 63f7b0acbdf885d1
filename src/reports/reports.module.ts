import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { EvidenceStoreModule } from '../evidence/evidence-store.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Reports read duos, cycles and evidence; the cycles module calls `freeze` when it closes one, so this module imports no compass module. */
@Module({
  imports: [CohortsModule, AttendanceModule, EvidenceStoreModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
