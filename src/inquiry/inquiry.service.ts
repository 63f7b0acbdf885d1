import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DuosService } from '../duos/duos.service.js';
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { InquiryRecord, ProgrammeDefinition } from '../programmes/programme.js';
import type { ChangeHeaders } from '../shared/change.js';
import { todayInAmsterdam } from '../shared/dates.js';
import { takesPart, type TrajectorySnapshot, type TrajectoryState } from '../trajectory/trajectory.js';
import type { RecordFocusGroupDto, RecordInitiativeDto, RecordInterviewsDto, RecordSurveyDto } from './dto/inquiry.dto.js';
import { InquiryRepository, type RemovableRecord } from './inquiry.repository.js';
import { PlanDocumentsRepository } from './plan-documents.repository.js';
import type { RecordPlanDocumentDto } from './dto/plan-document.dto.js';
import { downloadTypeOf } from '../evidence/attachment-types.js';
import { checkedAttachment, fingerprintOf } from '../evidence/new-attachment.js';
import type { DownloadFile } from '../http/file-download.js';
import { InquiryView } from './inquiry.view.js';

/** How each kind is named in a refusal, and the route that records it. */
const RECORDS: Record<InquiryRecord, { english: string; route: string }> = {
  surveys: { english: 'surveys', route: 'surveys' },
  interviews: { english: 'interviews', route: 'interviews' },
  focusGroups: { english: 'focus groups', route: 'focus-groups' },
  initiatives: { english: 'initiatives', route: 'initiatives' },
  plan: { english: 'a plan of approach or report', route: 'plan-documents' },
};

/**
 * The inquiry of an advisory trajectory (seed 001): surveys and interviews, focus groups and the
 * initiatives in view, recorded for one enrolled unit. Which kinds a unit records is its
 * programme's to say (ProgrammeDefinition.records); this service never asks which programme it is.
 * Each record is one change: one transaction, with its audit record, replayed on a retried
 * Idempotency-Key.
 */
@Injectable()
export class InquiryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly duos: DuosService,
    private readonly repository: InquiryRepository,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly documents: PlanDocumentsRepository,
  ) {}

  async get(duoId: string): Promise<InquiryView> {
    const em = this.dataSource.manager;
    const { programme } = await this.duos.trajectoryWithProgramme(em, duoId);
    return this.viewOf(em, programme.records, duoId);
  }

  private async viewOf(em: EntityManager, records: readonly InquiryRecord[], duoId: string): Promise<InquiryView> {
    // One after another: `em` is a transaction's after a change, and its connection takes one query at a time.
    const rows = await this.repository.rowsOf(em, duoId);
    return InquiryView.of(records, rows, await this.documents.listOf(em, duoId));
  }

  /** The plan of approach or the report, with the decisions taken; its file is sent after it. */
  recordPlanDocument(duoId: string, dto: RecordPlanDocumentDto, headers: ChangeHeaders): Promise<InquiryView> {
    return this.change(duoId, 'plan', dto, headers, (em) =>
      this.documents.add(em, duoId, { kind: dto.kind, title: dto.title.trim(), decisions: dto.decisions.trim(), recordedBy: headers.actor.name }),
    );
  }

  /**
   * The file of a plan document, checked as evidence attachments are (type, first bytes) before
   * the transaction starts; a file sent again replaces the earlier one.
   */
  attachPlanFile(duoId: string, documentId: string, fileName: string, contentType: string | undefined, body: unknown, headers: ChangeHeaders): Promise<InquiryView> {
    const file = checkedAttachment(fileName, contentType, body);
    const scope = `duos/${duoId}/plan-documents/${documentId}/file`;
    return this.change(duoId, 'plan', { documentId, ...fingerprintOf(file) }, headers, async (em) => {
      if (!(await this.documents.lock(em, duoId, documentId))) throw planDocumentNotFound(documentId);
      await this.documents.storeFile(em, documentId, file);
      return documentId;
    }, scope);
  }

  async planFile(duoId: string, documentId: string): Promise<DownloadFile> {
    const file = await this.documents.file(this.dataSource.manager, duoId, documentId);
    if (!file) throw planDocumentNotFound(documentId);
    return { fileName: file.fileName, type: downloadTypeOf(file.mediaType), content: file.content };
  }

  recordSurvey(duoId: string, dto: RecordSurveyDto, headers: ChangeHeaders): Promise<InquiryView> {
    return this.change(duoId, 'surveys', dto, headers, async (em) => {
      ensureNotAhead('sentOn', dto.sentOn, 'the survey was sent');
      return this.repository.addSurvey(em, duoId, { audience: dto.audience, sent: dto.sent, returned: dto.returned, sentOn: dto.sentOn, notes: dto.notes ?? '', recordedBy: headers.actor.name });
    });
  }

  recordInterviews(duoId: string, dto: RecordInterviewsDto, headers: ChangeHeaders): Promise<InquiryView> {
    return this.change(duoId, 'interviews', dto, headers, async (em) => {
      ensureNotAhead('heldOn', dto.heldOn, 'the interviews were held');
      return this.repository.addInterviews(em, duoId, { interviewee: dto.interviewee, count: dto.count, heldOn: dto.heldOn, notes: dto.notes ?? '', recordedBy: headers.actor.name });
    });
  }

  recordFocusGroup(duoId: string, dto: RecordFocusGroupDto, headers: ChangeHeaders): Promise<InquiryView> {
    return this.change(duoId, 'focusGroups', dto, headers, async (em) => {
      ensureNotAhead('heldOn', dto.heldOn, 'the focus group was held');
      const themes = [...new Set(dto.themes.map((theme) => theme.trim()).filter(Boolean))];
      return this.repository.addFocusGroup(em, duoId, { heldOn: dto.heldOn, attendance: dto.attendance, themes, notes: dto.notes ?? '', recordedBy: headers.actor.name });
    });
  }

  recordInitiative(duoId: string, dto: RecordInitiativeDto, headers: ChangeHeaders): Promise<InquiryView> {
    return this.change(duoId, 'initiatives', dto, headers, (em) =>
      this.repository.addInitiative(em, duoId, {
        name: dto.name.trim(),
        description: dto.description.trim(),
        novelty: dto.novelty.trim(),
        participationForms: dto.participationForms,
        location: dto.location.trim(),
        link: dto.link ?? null,
        recordedBy: headers.actor.name,
      }),
    );
  }

  /**
   * A survey, interviews, a focus group or an initiative taken out again (entered by mistake, or
   * twice), by the rule that records them: while the inquiry is kept, with its audit record.
   */
  remove(duoId: string, record: RemovableRecord, id: string, headers: ChangeHeaders): Promise<InquiryView> {
    const scope = `duos/${duoId}/${RECORDS[record].route}/${id}`;
    return this.change(duoId, record, { id }, headers, async (em) => {
      if (!(await this.repository.remove(em, record, duoId, id))) throw inquiryRecordNotFound(record, id);
      return id;
    }, scope, 'inquiry.removed');
  }

  /**
   * One change to the inquiry in one transaction, a record added or taken out: the unit's row
   * share-locked (its state cannot change under it), the programme asked whether it records this
   * kind, the inquiry still kept, the work done and its audit record (`action`) written.
   */
  private change(
    duoId: string,
    record: InquiryRecord,
    body: object,
    headers: ChangeHeaders,
    work: (em: EntityManager) => Promise<string>,
    scope = `duos/${duoId}/${RECORDS[record].route}`,
    action: 'inquiry.recorded' | 'inquiry.removed' = 'inquiry.recorded',
  ): Promise<InquiryView> {
    return this.idempotency.run(changeRequest(headers, scope, body), async (em) => {
      const { programme, snapshot } = await this.duos.trajectoryWithProgramme(em, duoId, true);
      ensureRecords(programme, record);
      if (!keepsInquiry(snapshot)) {
        const state = snapshot.value as TrajectoryState;
        throw new DomainException(
          'INQUIRY_CLOSED',
          `The inquiry is kept from admission until the trajectory closes; where this unit stands: ${programme.words.states[state].description}. Nothing was recorded.`,
          { params: { state } },
        );
      }
      const id = await work(em);
      await this.audit.record(em, headers.actor, { action, subjectType: 'duo', subjectId: duoId, details: { record, id } });
      return this.viewOf(em, programme.records, duoId);
    });
  }
}

function inquiryRecordNotFound(record: RemovableRecord, id: string): DomainException {
  return new DomainException('INQUIRY_RECORD_NOT_FOUND', `This unit's inquiry has no ${RECORDS[record].english} with id ${id}: GET its inquiry lists what it holds.`);
}

function planDocumentNotFound(id: string): DomainException {
  return new DomainException('ATTACHMENT_NOT_FOUND', `This unit has no plan document with a file, or none with id ${id}: GET its inquiry lists its documents.`);
}

/** 422 where the unit's programme does not record this kind: its definition says what it records. */
function ensureRecords(programme: ProgrammeDefinition, record: InquiryRecord): void {
  if (programme.records.includes(record)) return;
  const kept = programme.records.length ? `it records ${programme.records.join(', ')}` : 'it keeps no inquiry';
  throw new DomainException('NOT_RECORDED_BY_PROGRAMME', `${programme.name} does not record ${RECORDS[record].english}: ${kept} (GET /api/programmes).`, {
    params: { record },
  });
}

/** Nothing is recorded as having happened on a day still to come (the time rule of every held session). */
function ensureNotAhead(field: string, day: string, what: string): void {
  const today = todayInAmsterdam();
  if (day <= today) return;
  const message = `${day} is still to come; give the day ${what}, today (${today}) at the latest`;
  throw new DomainException('DATE_NOT_POSSIBLE', `${field}: ${message}.`, { params: { field, given: day, latest: today }, errors: [{ field, message }] });
}

/** Whether the unit's inquiry takes new records: from admission until its trajectory closes (the pages offer its forms by the same rule). */
export function keepsInquiry(snapshot: TrajectorySnapshot): boolean {
  return takesPart(snapshot) && snapshot.status === 'active';
}
