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

  async of(duoId: string): Promise<DuoNextStepView> {
    const trajectory = await this.duos.nextStep(duoId);
    return { ...trajectory, compass: await this.cycles.progress(duoId) };
  }
}
