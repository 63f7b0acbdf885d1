import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewAttachment } from '../evidence/new-attachment.js';
import type { PlanDocumentKind } from './dto/plan-document.dto.js';

export interface PlanDocumentRow {
  id: string;
  kind: PlanDocumentKind;
  title: string;
  decisions: string;
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  recordedBy: string;
  recordedAt: Date;
  fileAddedAt: Date | null;
}

const COLUMNS = `id, kind, title, decisions, file_name AS "fileName", media_type AS "mediaType", size_bytes AS "sizeBytes",
  recorded_by AS "recordedBy", recorded_at AS "recordedAt", file_added_at AS "fileAddedAt"`;

/** `inquiry_documents`: the plan of approach and the report of a unit, each with its decisions and file. */
@Injectable()
export class PlanDocumentsRepository {
  listOf(em: EntityManager, duoId: string): Promise<PlanDocumentRow[]> {
    return em.query(`SELECT ${COLUMNS} FROM inquiry_documents WHERE duo_id = $1 ORDER BY recorded_at, id`, [duoId]);
  }

  async add(em: EntityManager, duoId: string, row: Pick<PlanDocumentRow, 'kind' | 'title' | 'decisions' | 'recordedBy'>): Promise<string> {
    const [{ id }] = await em.query('INSERT INTO inquiry_documents (duo_id, kind, title, decisions, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
      duoId,
      row.kind,
      row.title,
      row.decisions,
      row.recordedBy,
    ]);
    return id;
  }

  /** Locks the document of this unit for the change that gives it its file; undefined when the unit has none of this id. */
  async lock(em: EntityManager, duoId: string, id: string): Promise<{ id: string } | undefined> {
    const [row] = await em.query('SELECT id FROM inquiry_documents WHERE id = $1 AND duo_id = $2 FOR UPDATE', [id, duoId]);
    return row;
  }

  async storeFile(em: EntityManager, id: string, file: NewAttachment): Promise<void> {
    await em.query(
      'UPDATE inquiry_documents SET file_name = $2, media_type = $3, size_bytes = $4, sha256 = $5, content = $6, file_added_at = now() WHERE id = $1',
      [id, file.fileName, file.mediaType, file.content.length, file.sha256, file.content],
    );
  }

  async file(em: EntityManager, duoId: string, id: string): Promise<{ fileName: string; mediaType: string; content: Buffer } | undefined> {
    const [row] = await em.query(
      'SELECT file_name AS "fileName", media_type AS "mediaType", content FROM inquiry_documents WHERE id = $1 AND duo_id = $2 AND content IS NOT NULL',
      [id, duoId],
    );
    return row;
  }
}
