import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../shared/roles.js';
import type { AuditRecordView } from './audit-record.view.js';

export type AuditAction =
  | 'cohort.created'
  | 'cohort.updated'
  | 'cohort.adviser_assigned'
  | 'session.planned'
  | 'session.moved'
  | 'account.invited'
  | 'account.activated'
  | 'account.disabled'
  | 'account.enabled'
  | 'duo.publication_consent'
  | 'person.erased';

export interface AuditEntry {
  action: AuditAction;
  subjectType: 'cohort' | 'account' | 'duo';
  subjectId: string;
  details?: Record<string, unknown>;
}

/**
 * Who changed what outside a duo's trajectory (accounts, cohorts, a duo's consent to be named). The duo event log already
 * records who changed a duo. Written with the caller's EntityManager: in the change's own transaction.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(em: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await em.query(
      'INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)',
      [actor.id, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details ?? {})],
    );
  }

  async list(filter: { subjectType?: string; subjectId?: string }): Promise<AuditRecordView[]> {
    const rows = await this.dataSource.query(
      `SELECT l.id, l.actor_id, a.name AS actor_name, l.action, l.subject_type, l.subject_id, l.details, l.recorded_at
       FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id
       WHERE ($1::text IS NULL OR l.subject_type = $1) AND ($2::text IS NULL OR l.subject_id = $2)
       ORDER BY l.id DESC LIMIT 200`,
      [filter.subjectType ?? null, filter.subjectId ?? null],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: String(row.id),
      actorId: row.actor_id as string | null,
      actorName: row.actor_name as string | null,
      action: row.action as AuditAction,
      subjectType: row.subject_type as string,
      subjectId: row.subject_id as string,
      details: row.details as Record<string, unknown>,
      recordedAt: (row.recorded_at as Date).toISOString(),
    }));
  }
}
