import { ApiProperty } from '@nestjs/swagger';
import { COMPASS_STEP_DEFINITIONS } from '../compass/compass-steps.js';
import { COMPASS_STEPS, PERSPECTIVES, type CompassStep, type Perspective } from '../compass/compass.machine.js';
import { stepsOfCycle, type CompassProgress, type CompassStepProgress, type MissingPerspective } from '../compass/compass.js';
import { ACTION_OWNERS, type ActionOwner } from './dto/improvement-actions.dto.js';

export interface ImprovementAction {
  description: string;
  owner: ActionOwner;
  dueOn?: string;
}

export class ImprovementActionView {
  @ApiProperty() description: string;
  @ApiProperty({ enum: ACTION_OWNERS }) owner: ActionOwner;
  @ApiProperty({ required: false, format: 'date' }) dueOn?: string;
}

export class CycleStepView {
  @ApiProperty({ enum: COMPASS_STEPS }) step: CompassStep;
  @ApiProperty({ description: 'The name of the step in the Kwaliteitskompas (Dutch).' }) name: string;
  @ApiProperty({ description: 'Live (not deleted) evidence for this step.' }) evidenceCount: number;
  @ApiProperty({ enum: PERSPECTIVES, isArray: true, description: 'The perspectives that evidence comes from.' }) perspectives: Perspective[];
}

/** One row of the aggregate of a duo's live evidence: how many items per cycle, step and perspective. */
export interface EvidenceCountRow {
  cycle: number;
  step: CompassStep;
  perspective: Perspective;
  count: number;
}

export interface CycleRow {
  number: number;
  opened_at: Date | null;
  improvement_actions: ImprovementAction[];
  closed_at: Date | null;
  closed_by: string | null;
}

export class CycleView {
  @ApiProperty() number: number;
  @ApiProperty({ description: 'Open: evidence goes here. Closed: frozen, as the adviser closed it.' }) open: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until the duo first records something.' })
  openedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The adviser who closed it.' }) closedBy: string | null;
  @ApiProperty({ type: [ImprovementActionView], description: 'Agreed at step 6.' }) improvementActions: ImprovementAction[];
  @ApiProperty({ type: [CycleStepView], description: 'Step 0 in the first cycle only, then steps 1 to 6.' }) steps: CycleStepView[];

  static of(row: CycleRow, counts: EvidenceCountRow[]): CycleView {
    const own = counts.filter((count) => count.cycle === row.number);
    return {
      number: row.number,
      open: row.closed_at === null,
      openedAt: row.opened_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
      closedBy: row.closed_by,
      improvementActions: row.improvement_actions,
      steps: stepsOfCycle(row.number).map((step) => {
        const ofStep = own.filter((count) => count.step === step);
        return {
          step,
          name: COMPASS_STEP_DEFINITIONS[step].name,
          evidenceCount: ofStep.reduce((sum, count) => sum + count.count, 0),
          perspectives: PERSPECTIVES.filter((perspective) => ofStep.some((count) => count.perspective === perspective)),
        };
      }),
    };
  }
}

export class MissingPerspectiveView implements MissingPerspective {
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty({
    enum: ['leads', 'contributes', 'preferred'],
    description: 'leads: this side leads the step; contributes: the other side; preferred: residents, welcome but not required.',
  })
  weight: MissingPerspective['weight'];
}

export class CompassStepProgressView implements CompassStepProgress {
  @ApiProperty({ enum: COMPASS_STEPS }) step: CompassStep;
  @ApiProperty({ description: 'The name of the step in the Kwaliteitskompas (Dutch).' }) name: string;
  @ApiProperty({ description: 'The question the step asks (Dutch).' }) question: string;
  @ApiProperty({ enum: PERSPECTIVES, isArray: true, description: 'The side or sides that lead this step.' }) leads: Perspective[];
  @ApiProperty() evidenceCount: number;
  @ApiProperty({ enum: PERSPECTIVES, isArray: true }) perspectives: Perspective[];
  @ApiProperty({ type: [MissingPerspectiveView], description: 'Perspectives without evidence yet: the leading side first, residents last (preferred).' })
  missingPerspectives: MissingPerspective[];
}

export class CompassProgressView implements CompassProgress {
  @ApiProperty({ description: 'The open cycle.' }) cycle: number;
  @ApiProperty({ enum: ['collecting', 'readyToClose'] }) state: CompassProgress['state'];
  @ApiProperty({ description: "Whether the duo's programme uses the Kwaliteitskompas at all." }) applies: boolean;
  @ApiProperty({ description: 'Whether the duo can record evidence now: its programme uses the compass, and it is admitted and has not dropped out or withdrawn.' })
  acceptsEvidence: boolean;
  @ApiProperty({ type: [CompassStepProgressView] }) steps: CompassStepProgress[];
  @ApiProperty({ type: [CompassStepProgressView], description: 'Steps 1 to 6 of the open cycle without any evidence yet.' })
  stepsLackingEvidence: CompassStepProgress[];
  @ApiProperty() improvementActionsAgreed: number;
  @ApiProperty({ description: 'Steps 1 to 6 have evidence and improvement actions are agreed: an adviser can close the cycle.' })
  readyToClose: boolean;
  @ApiProperty({ type: [String], description: 'What the cycle still needs before it can be closed.' }) stillNeeded: string[];
}
