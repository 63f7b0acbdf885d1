import { Module } from '@nestjs/common';
import { DuosModule } from '../duos/duos.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { CyclesController } from './cycles.controller.js';
import { CyclesService } from './cycles.service.js';

@Module({
  imports: [DuosModule, IdempotencyModule],
  controllers: [CyclesController],
  providers: [CyclesService],
  exports: [CyclesService],
})
export class CyclesModule {}
