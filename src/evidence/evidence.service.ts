import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, Principal } from '../shared/roles.js';
import { cycleRefusal } from '../compass/compass.js';
import type { EvidenceMark } from '../compass/compass.machine.js';
import { CyclesService, type LockedCompass } from '../cycles/cycles.service.js';
import { DuosService } from '../duos/duos.service.js';
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { SHAREABLE_OUTSIDE_DUO_SQL, shareableOutsideDuo } from './consent.js';
import type { EvidenceContentDto, ListEvidenceQueryDto, PublicationDto, RecordEvidenceDto } from './dto/evidence.dto.js';
import { EVIDENCE_COLUMNS, EvidenceRepository } from './evidence.repository.js';
import {
  contentOf,
  EvidenceContentView,
  EvidenceDetailView,
  EvidenceView,
  type AttachmentRow,
  type EvidenceRow,
  type PhotoBytesLimit,
  type PhotoRow,
  type RevisionChange,
} from './evidence.view.js';
import { fingerprintOf, type NewAttachment } from './new-attachment.js';
import { preparedQuery } from '../database/prepared.js';

/**
 * Who reads evidence: the duo's participants and its advisers see all of it; anyone else
 * allowed to read the duo (admins) reads it as an outsider, without stories about a person
 * that lack consent, and without deleted evidence.
 */
export type Viewer = 'team' | 'outsider';

export function viewerOf(principal: Principal): Viewer {
  return principal.role === 'admin' ? 'outsider' : 'team';
}

export function evidenceNotFound(id: string): DomainException {
  return new DomainException('EVIDENCE_NOT_FOUND', `This duo has no evidence with id ${id}.`);
}

/** The attachments the evidence carries now (not the ones taken off), oldest first. */
function attachmentsOf(em: EntityManager, evidenceIds: string[]): Promise<AttachmentRow[]> {
  return preparedQuery<AttachmentRow>(
    em,
    `SELECT a.id, a.evidence_id, a.file_name, a.media_type, a.size_bytes, a.sha256, a.added_by, a.added_at
     FROM evidence_attachments a WHERE a.evidence_id = ANY($1) AND a.removed_at IS NULL ORDER BY a.added_at, a.id`,
    [evidenceIds],
  );
}

/** The revisions of one piece of evidence, oldest first (those before version `before`, when given). */
function revisionsOf(em: EntityManager, evidenceId: string, before = 2 ** 31 - 1): Promise<StoredRevisionRow[]> {
  return em.query('SELECT version, change, content, changed_by, changed_at FROM evidence_revisions WHERE evidence_id = $1 AND version < $2 ORDER BY version', [
    evidenceId,
    before,
  ]);
}

/** The evidence with its attachments and history as `viewer` may see them. */
function detailOf(row: EvidenceRow, attachments: AttachmentRow[], revisions: StoredRevisionRow[], viewer: Viewer): EvidenceDetailView {
  const lastWithheld = Math.max(0, ...revisions.filter((revision) => !shareableOutsideDuo(revision.content.content)).map((revision) => revision.version));
  return {
    ...EvidenceView.of(row, attachments),
    history: revisions.map((revision) => {
      // Consent withdrawn later also withdraws what earlier versions said.
      const shown = viewer === 'team' || revision.version > lastWithheld;
      return {
        version: revision.version,
        change: revision.change,
        content: shown ? revision.content.content : null,
        attachments: shown ? revision.content.attachments : [],
        publishable: revision.content.publishable ?? false,
        changedBy: revision.changed_by,
        changedAt: revision.changed_at.toISOString(),
      };
    }),
  };
}

/**
 * The evidence of a duo's Kwaliteitskompas. Every change runs in the compass's transaction
 * (cycles.service.ts): the compass machine decides whether the cycle and step accept it, the
 * evidence row changes with it, and a revision keeps what the evidence was after each change.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly duos: DuosService,
    private readonly store: EvidenceRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The duo's evidence in its closed cycles, by cycle, step and recording (for the reports). */
  ofClosedCycles(em: EntityManager, duoId: string): Promise<EvidenceRow[]> {
    return this.store.ofClosedCycles(em, duoId);
  }

  /** The figures of every closed cycle of the cohort's duos (for the reports). */
  figuresOfClosedCycles(em: EntityManager, cohortId: string): Promise<EvidenceRow[]> {
    return this.store.figuresOfClosedCycles(em, cohortId);
  }

  /** The photos of this evidence, with the bytes of those within the limit (for the printed reports). */
  photosOf(em: EntityManager, evidenceIds: string[], limit: PhotoBytesLimit): Promise<PhotoRow[]> {
    return this.store.photosOf(em, evidenceIds, limit);
  }

  /** The ids of the duo's evidence that an adviser marked fit for publication (for the anonymised reports). */
  publishableIn(em: EntityManager, duoId: string): Promise<Set<string>> {
    return this.store.publishable(em, duoId);
  }

  /** New evidence, with a file when one is given: both or neither. */
  record(duoId: string, dto: RecordEvidenceDto, headers: ChangeHeaders, file?: NewAttachment): Promise<EvidenceDetailView> {
    return this.cycles.change(duoId, 'evidence', headers, withFile(dto, file), async (em, compass) => {
      const id = randomUUID();
      const cycle = dto.cycle ?? compass.snapshot.context.cycle;
      await this.cycles.apply(em, compass, { type: 'RECORD_EVIDENCE', cycle, evidenceId: id, mark: markOf(dto) }, headers.actor);
      const values = [id, duoId, cycle, ...contentValues(dto), headers.actor.name, headers.actor.id];
      if (!file) {
        // The evidence and its first revision in one statement: the revision holds the content as stored, and nothing else yet.
        const first: StoredRevision = { content: contentOf(contentRow(values.slice(3))), attachments: [], publishable: false };
        const [{ revision_version, revision_change, revision_content, revision_changed_by, revision_changed_at, ...row }] = await preparedQuery<RecordedRow>(em, RECORD_EVIDENCE, [
          ...values,
          first,
        ]);
        const written = { version: revision_version, change: revision_change, content: revision_content, changed_by: revision_changed_by, changed_at: revision_changed_at };
        return detailOf(row, [], [written], 'team');
      }
      const [row] = await preparedQuery<EvidenceRow>(em, INSERT_EVIDENCE, values);
      await this.storeAttachment(em, id, file, headers.actor);
      return this.changed(em, duoId, id, 'recorded', headers.actor, { withFile: true, row });
    });
  }

  /**
   * Replaces the content, and attaches a file when one is given; the earlier content stays in the
   * history. The cycle stays the same. New words take the publication mark away: an adviser reads them first.
   */
  edit(duoId: string, id: string, dto: EvidenceContentDto, headers: ChangeHeaders, file?: NewAttachment): Promise<EvidenceDetailView> {
    return this.cycles.change(duoId, `evidence/${id}`, headers, withFile(dto, file), async (em, compass) => {
      const row = await this.lockedEvidence(em, duoId, id, headers.expectedVersion);
      if (row.deleted_at) throw deleted(row);
      // Evidence keeps the cycle it was recorded in: the compass refuses the change when that cycle is closed.
      const revision = { type: 'REVISE_EVIDENCE', cycle: row.cycle, evidenceId: id, previous: markOf(row), mark: markOf(dto) } as const;
      await this.cycles.apply(em, compass, revision, headers.actor);
      const publicationVersion = sameWords(row, dto) ? row.publication_version : null;
      await em.query(
        `UPDATE evidence SET (${CONTENT_COLUMNS}, updated_by, updated_by_id, updated_at, version, publication_version) =
         (${placeholders(2, CONTENT_COLUMN_COUNT)}, ${actorPlaceholders(2 + CONTENT_COLUMN_COUNT)}, now(), version + 1, $${4 + CONTENT_COLUMN_COUNT}) WHERE id = $1`,
        [id, ...contentValues(dto), headers.actor.name, headers.actor.id, publicationVersion],
      );
      if (file) await this.storeAttachment(em, id, file, headers.actor);
      return this.changed(em, duoId, id, 'edited', headers.actor);
    });
  }

  /** A soft delete: the evidence leaves the cycle, and an adviser can restore it. Deleting it again changes nothing. */
  delete(duoId: string, id: string, headers: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.cycles.change(duoId, `evidence/${id}/deletion`, headers, { id }, async (em, compass) => {
      const row = await this.lockedEvidence(em, duoId, id, headers.expectedVersion);
      if (row.deleted_at) return this.detail(em, duoId, id, 'team');
      await this.cycles.apply(em, compass, { type: 'DELETE_EVIDENCE', cycle: row.cycle, evidenceId: id, mark: markOf(row) }, headers.actor);
      await em.query(
        'UPDATE evidence SET deleted_at = now(), deleted_by = $2, deleted_by_id = $3, version = version + 1 WHERE id = $1',
        [id, headers.actor.name, headers.actor.id],
      );
      return this.changed(em, duoId, id, 'deleted', headers.actor);
    });
  }

  restore(duoId: string, id: string, headers: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.cycles.change(duoId, `evidence/${id}/restoration`, headers, { id }, async (em, compass) => {
      const row = await this.lockedEvidence(em, duoId, id, headers.expectedVersion);
      if (!row.deleted_at) {
        throw new DomainException('EVIDENCE_NOT_DELETED', `"${row.title}" is not deleted, so there is nothing to restore.`);
      }
      await this.cycles.apply(em, compass, { type: 'RESTORE_EVIDENCE', cycle: row.cycle, evidenceId: id, mark: markOf(row) }, headers.actor);
      await em.query('UPDATE evidence SET deleted_at = NULL, deleted_by = NULL, deleted_by_id = NULL, version = version + 1 WHERE id = $1', [id]);
      return this.changed(em, duoId, id, 'restored', headers.actor);
    });
  }

  /**
   * An adviser read the story and marks it fit for publication, or takes the mark back. The mark
   * is about the words, not the cycle: a story of a closed cycle (the ones reports are about) or
   * of a duo that left can be marked. Marking asks for the version read (If-Match), so that it
   * never covers words that changed after the adviser read them. Asking for the mark as it is
   * changes nothing.
   */
  setPublication(duoId: string, id: string, dto: PublicationDto, headers: ChangeHeaders): Promise<EvidenceDetailView> {
    if (dto.publishable && headers.expectedVersion === undefined) {
      throw new DomainException('VALIDATION_FAILED', 'Send If-Match with the version of the story you read: the mark says that you read that version.', [
        { field: 'If-Match', message: 'is required to mark evidence fit for publication: the version you read' },
      ]);
    }
    return this.idempotency.run(changeRequest(headers, `duos/${duoId}/evidence/${id}/publication`, dto), async (em) => {
      const row = await this.lockedEvidence(em, duoId, id, headers.expectedVersion);
      if (row.deleted_at) throw deleted(row);
      if (dto.publishable && row.kind !== 'stories') {
        throw new DomainException('VALIDATION_FAILED', `"${row.title}" is not a story: only stories are quoted in published reports, so only they are marked.`, [
          { field: 'publishable', message: 'can be true only for a story' },
        ]);
      }
      if ((row.publication_version !== null) === dto.publishable) return this.detail(em, duoId, id, 'team');
      await em.query('UPDATE evidence SET version = version + 1, publication_version = CASE WHEN $2 THEN version + 1 END WHERE id = $1', [
        id,
        dto.publishable,
      ]);
      return this.changed(em, duoId, id, dto.publishable ? 'publicationMarked' : 'publicationWithdrawn', headers.actor);
    });
  }

  async list(duoId: string, query: ListEvidenceQueryDto, viewer: Viewer): Promise<EvidenceView[]> {
    await this.duos.trajectoryOf(this.dataSource.manager, duoId);
    return this.listOfReadDuo(duoId, query, viewer);
  }

  /** `list` for a duo the caller has just read (so it is known to exist). */
  async listOfReadDuo(duoId: string, query: ListEvidenceQueryDto, viewer: Viewer): Promise<EvidenceView[]> {
    const em = this.dataSource.manager;
    const rows = await preparedQuery<EvidenceRow>(em, EVIDENCE_OF_DUO, [
      duoId, query.cycle ?? null, query.step ?? null, viewer === 'team' && query.includeDeleted === 'true', viewer === 'team'],
    );
    const attachments = await attachmentsOf(em, rows.map((row) => row.id));
    return rows.map((row) => EvidenceView.of(row, attachments));
  }

  get(duoId: string, id: string, viewer: Viewer): Promise<EvidenceDetailView> {
    return this.detail(this.dataSource.manager, duoId, id, viewer);
  }

  /** The evidence with its attachments and history; 404 for what the viewer may not see. */
  async detail(em: EntityManager, duoId: string, id: string, viewer: Viewer): Promise<EvidenceDetailView> {
    const row = await this.find(em, duoId, id);
    if (viewer === 'outsider' && (row.deleted_at || !shareableOutsideDuo(contentOf(row)))) throw evidenceNotFound(id);
    return detailOf(row, await attachmentsOf(em, [id]), await revisionsOf(em, id), viewer);
  }

  /** The evidence row, locked for a change; 404 when the duo has no such evidence, 409 when it changed since the version the client read. */
  async lockedEvidence(em: EntityManager, duoId: string, id: string, expectedVersion?: number): Promise<EvidenceRow> {
    const row = await this.find(em, duoId, id, true);
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new DomainException(
        'VERSION_CONFLICT',
        `"${row.title}" has changed since version ${expectedVersion}; it is at version ${row.version} now. Read it again and decide anew.`,
        { params: { expectedVersion, currentVersion: row.version } },
      );
    }
    return row;
  }

  /** Attachments change evidence without moving the compass: refused all the same when the evidence is deleted or its cycle closed. */
  ensureChangeable(compass: LockedCompass, row: EvidenceRow): void {
    if (row.deleted_at) throw deleted(row);
    const refusal = cycleRefusal(compass.snapshot.context, row.cycle);
    if (refusal) throw new DomainException(refusal.code, refusal.message, refusal);
  }

  /** Stores a checked file with the evidence, in the caller's transaction; the caller writes the revision. */
  async storeAttachment(em: EntityManager, evidenceId: string, file: NewAttachment, actor: Actor): Promise<void> {
    await em.query(
      `INSERT INTO evidence_attachments (evidence_id, file_name, media_type, size_bytes, sha256, content, added_by, added_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [evidenceId, file.fileName, file.mediaType, file.content.length, file.sha256, file.content, actor.name, actor.id],
    );
  }

  /** An attachment was added or taken off: the evidence gets a new version and a revision. */
  async attachmentChanged(em: EntityManager, duoId: string, id: string, change: 'attachmentAdded' | 'attachmentRemoved', actor: Actor) {
    await em.query('UPDATE evidence SET version = version + 1, updated_by = $2, updated_by_id = $3, updated_at = now() WHERE id = $1', [
      id,
      actor.name,
      actor.id,
    ]);
    return this.changed(em, duoId, id, change, actor);
  }

  /**
   * The row as it is after a change, its revision written: the answer to every change, built from
   * what this transaction read and wrote (the row once, its attachments once, the history once).
   * New evidence (`created`) has no history before this revision, attachments only when a file
   * came with it, and its row as the insert returned it.
   */
  async changed(
    em: EntityManager,
    duoId: string,
    id: string,
    change: RevisionChange,
    actor: Actor,
    created?: { withFile: boolean; row: EvidenceRow },
  ): Promise<EvidenceDetailView> {
    const row = created?.row ?? (await this.find(em, duoId, id));
    const attachments = created && !created.withFile ? [] : await attachmentsOf(em, [id]);
    const stored: StoredRevision = { content: contentOf(row), attachments: attachments.map((attachment) => attachment.file_name), publishable: row.publication_version !== null };
    const [written] = await preparedQuery<StoredRevisionRow>(
      em,
      `INSERT INTO evidence_revisions (evidence_id, version, change, content, changed_by, changed_by_id) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING version, change, content, changed_by, changed_at`,
      [id, row.version, change, stored, actor.name, actor.id],
    );
    const earlier = created ? [] : await revisionsOf(em, id, row.version);
    // A mark for publication set by this change is the revision just written.
    const marked = row.publication_version === written.version ? { publication_marked_by: written.changed_by, publication_marked_at: written.changed_at } : {};
    return detailOf({ ...row, ...marked }, attachments, [...earlier, written], 'team');
  }

  private async find(em: EntityManager, duoId: string, id: string, lock = false): Promise<EvidenceRow> {
    const [row] = await em.query(`SELECT ${EVIDENCE_COLUMNS} FROM evidence e WHERE e.id = $1 AND e.duo_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, duoId]);
    if (!row) throw evidenceNotFound(id);
    return row;
  }
}

interface StoredRevision {
  content: EvidenceContentView;
  attachments: string[];
  /** Absent in revisions written before evidence could be marked: then it was not. */
  publishable?: boolean;
}

interface StoredRevisionRow {
  version: number;
  change: RevisionChange;
  content: StoredRevision;
  changed_by: string;
  changed_at: Date;
}

function deleted(row: EvidenceRow): DomainException {
  return new DomainException('EVIDENCE_DELETED', `"${row.title}" is deleted. An adviser can restore it; then it can be edited again.`);
}

/** What a retry with the same Idempotency-Key must send again: the content, and the file when there is one. */
function withFile(dto: EvidenceContentDto, file: NewAttachment | undefined): object {
  return file ? { ...dto, attachment: fingerprintOf(file) } : dto;
}

/** Whether an edit keeps the words an adviser read for publication: the kind, title and text. */
function sameWords(row: EvidenceRow, dto: EvidenceContentDto): boolean {
  // A browser sends a textarea's line breaks as CRLF; the API may have stored LF.
  const lines = (text: string | null | undefined) => text?.replace(/\r\n/g, '\n');
  return row.kind === dto.kind && row.title === dto.title.trim() && lines(row.body) === lines(dto.text);
}

function markOf(evidence: { step: EvidenceMark['step']; perspective: EvidenceMark['perspective']; kind: EvidenceMark['kind'] }): EvidenceMark {
  return { step: evidence.step, perspective: evidence.perspective, kind: evidence.kind };
}

const CONTENT_COLUMNS =
  'step, kind, perspective, title, body, indicator, indicator_value, indicator_unit, period_start, period_end, about_a_person, consent_given, links';
const CONTENT_COLUMN_COUNT = CONTENT_COLUMNS.split(',').length;

/** New evidence, recorded and last changed by the same actor, returned as EVIDENCE_COLUMNS read it. */
const INSERT_EVIDENCE = `INSERT INTO evidence AS e (id, duo_id, cycle, ${CONTENT_COLUMNS}, recorded_by, recorded_by_id, updated_by, updated_by_id, version)
  VALUES ($1, $2, $3, ${placeholders(4, CONTENT_COLUMN_COUNT)}, ${actorPlaceholders(4 + CONTENT_COLUMN_COUNT)}, ${actorPlaceholders(4 + CONTENT_COLUMN_COUNT)}, 1)
  RETURNING ${EVIDENCE_COLUMNS}`;

/** A duo's evidence, of one cycle or step or all; with the deleted ($4) and with what only the duo's team sees ($5). */
const EVIDENCE_OF_DUO = `SELECT ${EVIDENCE_COLUMNS} FROM evidence e
  WHERE e.duo_id = $1 AND ($2::int IS NULL OR e.cycle = $2) AND ($3::int IS NULL OR e.step = $3)
    AND (e.deleted_at IS NULL OR $4) AND (${SHAREABLE_OUTSIDE_DUO_SQL} OR $5)
  ORDER BY e.cycle, e.step, e.recorded_at, e.id`;

/** New evidence without a file and its first revision (the last parameter: what the revision stores), each row as its own INSERT returns it. */
const RECORD_EVIDENCE = `WITH e AS (${INSERT_EVIDENCE}),
  r AS (INSERT INTO evidence_revisions (evidence_id, version, change, content, changed_by, changed_by_id)
        VALUES ($1, 1, 'recorded', $${6 + CONTENT_COLUMN_COUNT}, ${actorPlaceholders(4 + CONTENT_COLUMN_COUNT)})
        RETURNING version, change, content, changed_by, changed_at)
  SELECT e.*, r.version AS revision_version, r.change AS revision_change, r.content AS revision_content,
         r.changed_by AS revision_changed_by, r.changed_at AS revision_changed_at
  FROM e CROSS JOIN r`;

type RecordedRow = EvidenceRow & { [Column in keyof StoredRevisionRow as `revision_${Column}`]: StoredRevisionRow[Column] };

/** The content columns as a row holds them, from their values in order (contentValues). */
function contentRow(values: unknown[]): EvidenceRow {
  return Object.fromEntries(CONTENT_COLUMNS.split(', ').map((column, index) => [column, values[index]])) as unknown as EvidenceRow;
}

/** The content columns in order; fields that do not belong to the kind are stored as NULL. */
function contentValues(dto: EvidenceContentDto): unknown[] {
  const indicator = dto.kind === 'figures' ? dto.indicator : undefined;
  const story = dto.kind === 'stories';
  return [
    dto.step,
    dto.kind,
    dto.perspective,
    dto.title.trim(),
    dto.text,
    indicator?.name.trim() ?? null,
    indicator?.value ?? null,
    indicator?.unit.trim() ?? null,
    indicator?.periodStart ?? null,
    indicator?.periodEnd ?? null,
    story ? (dto.aboutAPerson ?? null) : null,
    story && dto.aboutAPerson ? (dto.consentGiven ?? null) : null,
    dto.links ?? [],
  ];
}

function placeholders(first: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}

/** The actor's name and id, the two parameters after the content. */
function actorPlaceholders(first: number): string {
  return placeholders(first, 2);
}
