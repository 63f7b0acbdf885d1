import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { NextStepController } from './next-step.controller.js';
import { NextStepService } from './next-step.service.js';

@Module({
  imports: [DuosModule, CyclesModule],
  controllers: [NextStepController],
  providers: [NextStepService],
  exports: [NextStepService],
})
export class NextStepModule {}
