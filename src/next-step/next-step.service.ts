import { Injectable } from '@nestjs/common';
import { CyclesService } from '../cycles/cycles.service.js';
import { DuosService } from '../duos/duos.service.js';
import type { NextStepView } from '../duos/duo.view.js';
import type { ProgrammeDefinition } from '../programmes/programme.js';
import type { TrajectorySnapshot } from '../trajectory/trajectory.js';
import type { DuoNextStepView } from './next-step.view.js';

@Injectable()
export class NextStepService {
  constructor(
    private readonly duos: DuosService,
    private readonly cycles: CyclesService,
  ) {}

  /** The duo's next step and where its compass stands, the duo and its cohort read once. */
  async of(duoId: string): Promise<DuoNextStepView> {
    return this.withCompass(duoId, await this.duos.nextStepOfUnit(duoId));
  }

  /** A next step already read (with the definition and trajectory it was read from), with where the duo's compass stands. */
  async withCompass(duoId: string, known: { step: NextStepView; programme: ProgrammeDefinition; trajectory: TrajectorySnapshot }): Promise<DuoNextStepView> {
    return { ...known.step, compass: await this.cycles.progressOf(duoId, known.programme, known.trajectory) };
  }
}
