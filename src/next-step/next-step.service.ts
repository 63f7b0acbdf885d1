import { Injectable } from '@nestjs/common';
import { CyclesService } from '../cycles/cycles.service.js';
import { DuosService } from '../duos/duos.service.js';
import type { DuoNextStepView } from './next-step.view.js';

@Injectable()
export class NextStepService {
  constructor(
    private readonly duos: DuosService,
    private readonly cycles: CyclesService,
  ) {}

  /** The duo's next step and where its compass stands, the duo and its cohort read once. */
  async of(duoId: string): Promise<DuoNextStepView> {
    const { step, programme, trajectory } = await this.duos.nextStepOfUnit(duoId);
    return { ...step, compass: await this.cycles.progressOf(duoId, programme, trajectory) };
  }
}
