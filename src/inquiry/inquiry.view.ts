import { ApiProperty } from '@nestjs/swagger';
import { INQUIRY_RECORDS, type InquiryRecord } from '../programmes/programme.js';
import { INTERVIEWEES, PARTICIPATION_FORMS, SURVEY_AUDIENCES, inquiryFigures, type InquiryFigures } from './inquiry-figures.js';
import type { FocusGroupRow, InitiativeRow, InquiryRows, InterviewsRow, SurveyRow } from './inquiry.repository.js';
import { PLAN_DOCUMENT_KINDS } from './dto/plan-document.dto.js';
import type { PlanDocumentRow } from './plan-documents.repository.js';

export class SurveyView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: SURVEY_AUDIENCES }) audience: string;
  @ApiProperty() sent: number;
  @ApiProperty() returned: number;
  @ApiProperty({ format: 'date' }) sentOn: string;
  @ApiProperty() notes: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;

  static of(row: SurveyRow): SurveyView {
    return { ...row, recordedAt: new Date(row.recordedAt).toISOString() };
  }
}

export class InterviewsView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: INTERVIEWEES }) interviewee: string;
  @ApiProperty() count: number;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty() notes: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;

  static of(row: InterviewsRow): InterviewsView {
    return { ...row, recordedAt: new Date(row.recordedAt).toISOString() };
  }
}

export class FocusGroupView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty() attendance: number;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty() notes: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;

  static of(row: FocusGroupRow): FocusGroupView {
    return { ...row, recordedAt: new Date(row.recordedAt).toISOString() };
  }
}

export class InitiativeView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() novelty: string;
  @ApiProperty({ enum: PARTICIPATION_FORMS, isArray: true }) participationForms: string[];
  @ApiProperty() location: string;
  @ApiProperty({ nullable: true, type: String }) link: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;

  static of(row: InitiativeRow): InitiativeView {
    return { ...row, recordedAt: new Date(row.recordedAt).toISOString() };
  }
}

export class PlanDocumentFileView {
  @ApiProperty() fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class PlanDocumentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: PLAN_DOCUMENT_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The decisions taken with it.' }) decisions: string;
  @ApiProperty({ type: PlanDocumentFileView, nullable: true, description: 'Its file (GET …/plan-documents/{documentId}/file); null until one is sent.' }) file: PlanDocumentFileView | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;

  static of(row: PlanDocumentRow): PlanDocumentView {
    const { id, kind, title, decisions, fileName, mediaType, sizeBytes, fileAddedAt, recordedBy, recordedAt } = row;
    const file = fileName && mediaType && sizeBytes && fileAddedAt ? { fileName, mediaType, sizeBytes, addedAt: new Date(fileAddedAt).toISOString() } : null;
    return { id, kind, title, decisions, file, recordedBy, recordedAt: new Date(recordedAt).toISOString() };
  }
}

/** Everything the unit's inquiry recorded, with its figures, and which kinds its programme records. */
export class InquiryView {
  @ApiProperty({ enum: INQUIRY_RECORDS, isArray: true, description: 'What the programme of this unit records.' }) records: InquiryRecord[];
  @ApiProperty({ type: [SurveyView] }) surveys: SurveyView[];
  @ApiProperty({ type: [InterviewsView] }) interviews: InterviewsView[];
  @ApiProperty({ type: [FocusGroupView] }) focusGroups: FocusGroupView[];
  @ApiProperty({ type: [InitiativeView] }) initiatives: InitiativeView[];
  @ApiProperty({ type: [PlanDocumentView], description: 'The plan of approach and the report, with their decisions and files.' }) documents: PlanDocumentView[];
  @ApiProperty({ description: 'Surveys per audience, interviews per interviewee, focus groups, initiatives per form of participation.' }) figures: InquiryFigures;

  static of(records: readonly InquiryRecord[], rows: InquiryRows, documents: readonly PlanDocumentRow[]): InquiryView {
    return {
      records: [...records],
      surveys: rows.surveys.map(SurveyView.of),
      interviews: rows.interviews.map(InterviewsView.of),
      focusGroups: rows.focusGroups.map(FocusGroupView.of),
      initiatives: rows.initiatives.map(InitiativeView.of),
      documents: documents.map(PlanDocumentView.of),
      figures: inquiryFigures(rows),
    };
  }
}
