import { ApiProperty } from '@nestjs/swagger';
import type { InquiryFigures } from '../inquiry/inquiry-figures.js';
import type { InquiryReport } from './inquiry-report.js';
import type { TimelineEntry } from './timeline.js';

/** The inquiry report as the API documents it (inquiry-report.ts builds it). */
export class InquiryReportView implements InquiryReport {
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ description: 'The municipality, its edition, programme and where its trajectory stands (state, and its Dutch name).' })
  unit: InquiryReport['unit'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Registration, admission, every phase step with its day, adviser and notes, the closing: as the unit report has it.' })
  timeline: TimelineEntry[];
  @ApiProperty({ description: 'Surveys per audience (sent, returned, response rate), interviews per interviewee, focus groups, initiatives per form of participation.' })
  figures: InquiryFigures;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) focusGroups: InquiryReport['focusGroups'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per form of participation on the Participatiewiel, in its order, the initiatives that connect it.' })
  initiativesByForm: InquiryReport['initiativesByForm'];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) initiatives: InquiryReport['initiatives'];
  @ApiProperty({ description: 'The meetings toward the plan of approach, and its handing over once logged.' }) plan: InquiryReport['plan'];
}
