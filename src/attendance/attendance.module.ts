import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';

@Module({
  imports: [DuosModule, CohortsModule, IdempotencyModule, SessionsModule],
  controllers: [AttendanceController],
  providers: [AttendanceService],
  exports: [AttendanceService],
})
export class AttendanceModule {}
