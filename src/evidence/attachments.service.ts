import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CyclesService } from '../cycles/cycles.service.js';
import type { DownloadFile } from '../http/file-download.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { downloadTypeOf } from './attachment-types.js';
import type { AttachmentFileNameDto } from './dto/attachment.dto.js';
import type { EvidenceDetailView } from './evidence.view.js';
import { EvidenceService, type Viewer } from './evidence.service.js';
import { checkedAttachment, fingerprintOf } from './new-attachment.js';

function attachmentNotFound(id: string): DomainException {
  return new DomainException('ATTACHMENT_NOT_FOUND', `This evidence has no attachment with id ${id}.`);
}

/**
 * Files that evidence carries, stored in PostgreSQL (bytea) so that a backup of the database is
 * a backup of the evidence. Adding or removing one is a change to the evidence: it takes the
 * compass's transaction, is refused in a closed cycle, and leaves a revision.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly evidence: EvidenceService,
  ) {}

  add(duoId: string, evidenceId: string, query: AttachmentFileNameDto, contentType: string | undefined, body: unknown, headers: ChangeHeaders): Promise<EvidenceDetailView> {
    const file = checkedAttachment(query.fileName, contentType, body);
    return this.cycles.change(duoId, `evidence/${evidenceId}/attachments`, headers, { evidenceId, ...fingerprintOf(file) }, async (em, compass) => {
      const row = await this.evidence.lockedEvidence(em, duoId, evidenceId, headers.expectedVersion);
      this.evidence.ensureChangeable(compass, row);
      await this.evidence.storeAttachment(em, evidenceId, file, headers.actor);
      return this.evidence.attachmentChanged(em, duoId, evidenceId, 'attachmentAdded', headers.actor);
    });
  }

  /** Takes the file off the evidence; its bytes stay in the database, as the history says it was there. */
  remove(duoId: string, evidenceId: string, attachmentId: string, headers: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.cycles.change(duoId, `evidence/${evidenceId}/attachments/${attachmentId}`, headers, { attachmentId }, async (em, compass) => {
      const row = await this.evidence.lockedEvidence(em, duoId, evidenceId, headers.expectedVersion);
      const [attachment] = await em.query(
        'SELECT id FROM evidence_attachments WHERE id = $1 AND evidence_id = $2 AND removed_at IS NULL FOR UPDATE',
        [attachmentId, evidenceId],
      );
      if (!attachment) throw attachmentNotFound(attachmentId);
      this.evidence.ensureChangeable(compass, row);
      await em.query('UPDATE evidence_attachments SET removed_at = now() WHERE id = $1', [attachmentId]);
      return this.evidence.attachmentChanged(em, duoId, evidenceId, 'attachmentRemoved', headers.actor);
    });
  }

  async download(duoId: string, evidenceId: string, attachmentId: string, viewer: Viewer): Promise<DownloadFile> {
    await this.evidence.get(duoId, evidenceId, viewer);
    const [row] = await this.dataSource.query(
      'SELECT file_name, media_type, content FROM evidence_attachments WHERE id = $1 AND evidence_id = $2 AND removed_at IS NULL',
      [attachmentId, evidenceId],
    );
    if (!row) throw attachmentNotFound(attachmentId);
    return { fileName: row.file_name, type: downloadTypeOf(row.media_type), content: row.content };
  }
}
