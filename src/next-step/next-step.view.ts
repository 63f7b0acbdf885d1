import { ApiProperty } from '@nestjs/swagger';
import { CompassProgressView } from '../cycles/cycle.view.js';
import { NextStepView } from '../duos/duo.view.js';

/**
 * The duo's next step in one answer: where its trajectory stands (the next session, advisory
 * meetings left, the attendance obligation, whether it can still complete) and where its
 * Kwaliteitskompas stands (the steps of the open cycle still lacking evidence, from which
 * perspectives, and the question each step asks).
 */
export class DuoNextStepView extends NextStepView {
  @ApiProperty({ type: CompassProgressView }) compass: CompassProgressView;
}
