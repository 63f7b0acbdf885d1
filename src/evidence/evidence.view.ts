import { ApiProperty } from '@nestjs/swagger';
import { COMPASS_STEP_DEFINITIONS } from '../compass/compass-steps.js';
import { COMPASS_STEPS, EVIDENCE_KINDS, PERSPECTIVES, type CompassStep, type EvidenceKind, type Perspective } from '../compass/compass.machine.js';
import { shareableOutsideDuo } from './consent.js';

/** A photo evidence carries, with its bytes when they were asked for (else null). */
export interface PhotoRow {
  id: string;
  evidence_id: string;
  duo_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Buffer | null;
}

/** How many bytes of photos to read: none larger than `each`, and no more than `total` together. */
export interface PhotoBytesLimit {
  each: number;
  total: number;
}

export interface EvidenceRow {
  id: string;
  duo_id: string;
  cycle: number;
  step: CompassStep;
  kind: EvidenceKind;
  perspective: Perspective;
  title: string;
  body: string;
  indicator: string | null;
  indicator_value: number | null;
  indicator_unit: string | null;
  period_start: string | null;
  period_end: string | null;
  about_a_person: boolean | null;
  consent_given: boolean | null;
  links: string[];
  recorded_by: string;
  recorded_at: Date;
  updated_by: string;
  updated_at: Date;
  deleted_at: Date | null;
  deleted_by: string | null;
  version: number;
  /** The revision in which an adviser marked it fit for publication; null when not (or no longer) marked. */
  publication_version: number | null;
  /** Who marked it and when: that revision's. */
  publication_marked_by: string | null;
  publication_marked_at: Date | null;
}

export interface AttachmentRow {
  id: string;
  evidence_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  added_by: string;
  added_at: Date;
}

export class IndicatorView {
  @ApiProperty() name: string;
  @ApiProperty() value: number;
  @ApiProperty() unit: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
}

export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex.' }) sha256: string;
  @ApiProperty() addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
  @ApiProperty({ description: 'Where to download it (same access as the evidence).' }) url: string;

  static of(row: AttachmentRow, duoId: string): AttachmentView {
    return {
      id: row.id,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      addedBy: row.added_by,
      addedAt: row.added_at.toISOString(),
      url: `/api/duos/${duoId}/evidence/${row.evidence_id}/attachments/${row.id}`,
    };
  }
}

/** An adviser's mark that the story was read and may be quoted in an anonymised report. */
export class PublicationView {
  @ApiProperty({ description: 'The adviser who read it and marked it.' }) markedBy: string;
  @ApiProperty({ format: 'date-time' }) markedAt: string;
  @ApiProperty({ description: 'The version of the evidence that was marked.' }) version: number;
}

/** What an edit can change: the content of a revision, and of the evidence now. */
export class EvidenceContentView {
  @ApiProperty({ enum: COMPASS_STEPS }) step: CompassStep;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: IndicatorView, nullable: true, description: 'Figures only.' }) indicator: IndicatorView | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Stories only.' }) aboutAPerson: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Stories about a person only.' }) consentGiven: boolean | null;
  @ApiProperty({ type: [String] }) links: string[];
}

export function contentOf(row: EvidenceRow): EvidenceContentView {
  return {
    step: row.step,
    kind: row.kind,
    perspective: row.perspective,
    title: row.title,
    text: row.body,
    indicator:
      row.indicator === null
        ? null
        : {
            name: row.indicator,
            value: Number(row.indicator_value),
            unit: row.indicator_unit as string,
            periodStart: row.period_start as string,
            periodEnd: row.period_end as string,
          },
    aboutAPerson: row.about_a_person,
    consentGiven: row.consent_given,
    links: row.links,
  };
}

export class EvidenceView extends EvidenceContentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) duoId: string;
  @ApiProperty() cycle: number;
  @ApiProperty({ description: 'The name of the step in the Kwaliteitskompas (Dutch).' }) stepName: string;
  @ApiProperty({ description: 'False for a story about a person without consent: never shown outside the duo and its advisers.' })
  shareable: boolean;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty() updatedBy: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when deleted; an adviser can restore it.' })
  deletedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deletedBy: string | null;
  @ApiProperty({ description: 'Raised by one on every change; send it as If-Match to edit only this version.' }) version: number;
  @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @ApiProperty({
    type: PublicationView,
    nullable: true,
    description:
      'Set when an adviser read the story and marked it fit for publication (PUT .../publication): only then does an anonymised report quote it. A change to its title, text or kind takes the mark away.',
  })
  publication: PublicationView | null;

  static of(row: EvidenceRow, attachments: AttachmentRow[]): EvidenceView {
    const content = contentOf(row);
    return {
      id: row.id,
      duoId: row.duo_id,
      cycle: row.cycle,
      stepName: COMPASS_STEP_DEFINITIONS[row.step].name,
      ...content,
      shareable: shareableOutsideDuo(content),
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at.toISOString(),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at.toISOString(),
      deletedAt: row.deleted_at?.toISOString() ?? null,
      deletedBy: row.deleted_by,
      version: row.version,
      attachments: attachments.filter((attachment) => attachment.evidence_id === row.id).map((attachment) => AttachmentView.of(attachment, row.duo_id)),
      publication:
        row.publication_version === null
          ? null
          : { markedBy: row.publication_marked_by as string, markedAt: (row.publication_marked_at as Date).toISOString(), version: row.publication_version },
    };
  }
}

export const REVISION_CHANGES = [
  'recorded',
  'edited',
  'deleted',
  'restored',
  'attachmentAdded',
  'attachmentRemoved',
  'publicationMarked',
  'publicationWithdrawn',
] as const;
export type RevisionChange = (typeof REVISION_CHANGES)[number];

export class EvidenceRevisionView {
  @ApiProperty() version: number;
  @ApiProperty({ enum: REVISION_CHANGES }) change: RevisionChange;
  @ApiProperty({ type: EvidenceContentView, nullable: true, description: 'The content as it was after this change; null where it is withheld from you.' })
  content: EvidenceContentView | null;
  @ApiProperty({ type: [String], description: 'The attachments it had after this change, by file name; empty where the content is withheld.' })
  attachments: string[];
  @ApiProperty({ description: 'Whether it was marked fit for publication after this change.' }) publishable: boolean;
  @ApiProperty() changedBy: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class EvidenceDetailView extends EvidenceView {
  @ApiProperty({ type: [EvidenceRevisionView], description: 'Every change, oldest first.' }) history: EvidenceRevisionView[];
}
