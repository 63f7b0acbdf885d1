import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AgendaFeedRepository } from './agenda-feed.repository.js';
import { AgendaFeedController, MyWorkController } from './my-work.controller.js';
import { MyWorkService } from './my-work.service.js';

/** An adviser's desk across their editions (Mijn werk) and their agenda feed. */
@Module({
  imports: [AccountsModule, CohortsModule, DuosModule, SessionsModule, AttendanceModule, CyclesModule],
  controllers: [MyWorkController, AgendaFeedController],
  providers: [MyWorkService, AgendaFeedRepository],
  exports: [MyWorkService],
})
export class MyWorkModule {}
