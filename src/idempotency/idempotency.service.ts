import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../shared/roles.js';
import { retentionConfig } from '../config/environment.js';
import { DomainException } from '../problems/error-code.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { PrunesOldRows, type OldRowsPruner } from '../shared/retention.js';
import { noConsequences, type ChangeHeaders, type Consequences, type CycleConsequence, type DuoConsequence } from '../shared/change.js';
import { ChangePreview } from './change-preview.js';

/** Whose keys an anonymous caller (the public registration form) uses: a space per client, apart from every account's. */
export const PUBLIC_KEY_OWNER = 'public';

export interface ChangeRequest {
  /** Who sends it: each caller has keys of their own, so one caller's key never answers or blocks another's request. */
  caller: Pick<Actor, 'id' | 'client'>;
  /** The route and resource the key is used on: the same key on another route is another request. */
  scope: string;
  /** The client's Idempotency-Key header, when sent. */
  idempotencyKey?: string;
  /** What the client asked for; a retry must ask the same. */
  body: unknown;
  /** Only to see what the change would do (ChangeHeaders.preview). */
  preview?: boolean;
  /** Told what the change did once saved (ChangeHeaders.onSaved). */
  onSaved?: ChangeHeaders['onSaved'];
}

/** A change request from its headers: who, the key, and whether it is only previewed. */
export function changeRequest(headers: ChangeHeaders, scope: string, body: unknown): ChangeRequest {
  return { caller: headers.actor, scope, idempotencyKey: headers.idempotencyKey, body, preview: headers.preview, onSaved: headers.onSaved };
}

/**
 * Runs a change in one transaction. With an Idempotency-Key, the first request stores its
 * response in that same transaction and every retry by the same caller gets that response back
 * unchanged; a retry racing the first waits for it on the key's unique index. A refused request
 * stores nothing (its transaction rolls back), so its key can be used again.
 * Lock order: the key's row is claimed first, before the change takes any lock of its own, so
 * two requests never hold a duo or cohort row while waiting for each other's key.
 * The response is kept as json, not jsonb: a replay gives it back as it was, key order included.
 * Stored responses (contact persons among them) are deleted after IDEMPOTENCY_KEY_RETENTION_HOURS
 * by the scheduler's retention round; a retry after that is a new request.
 *
 * What a change does to duos and cycles is told here (`tell`) by the code that does it, per
 * transaction. A preview runs the very same change, then throws a ChangePreview with what was
 * told, which rolls the transaction back: nothing is written, its key is neither claimed nor
 * replayed, and no mail leaves (the outbox row goes with the rollback).
 */
@Injectable()
@PrunesOldRows()
export class IdempotencyService implements OldRowsPruner {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(retentionConfig.KEY) private readonly retention: ConfigType<typeof retentionConfig>,
  ) {}

  /** What each running change has told so far, by its transaction's manager. */
  private readonly told = new WeakMap<EntityManager, Consequences>();

  async pruneOldRows(): Promise<Record<string, number>> {
    const [, idempotencyKeys] = await this.dataSource.query('DELETE FROM idempotency_keys WHERE created_at < now() - $1::interval', [
      `${this.retention.IDEMPOTENCY_KEY_RETENTION_HOURS} hours`,
    ]);
    return { idempotencyKeys };
  }

  /** Runs the change, or with `request.preview` only previews it: then it ends in a ChangePreview and never returns. */
  async run<T>(request: ChangeRequest, change: (em: EntityManager) => Promise<T>): Promise<T> {
    const told = noConsequences();
    let saved = true;
    const response = await this.dataSource.transaction(async (em) => {
      this.told.set(em, told);
      if (request.preview) {
        await change(em);
        throw new ChangePreview(told);
      }
      if (!request.idempotencyKey) return change(em);
      const key = [ownerOf(request), request.scope, request.idempotencyKey];
      const fingerprint = fingerprintOf(request.body);
      const claimed = await em.query(
        `INSERT INTO idempotency_keys (owner, scope, key, request_fingerprint) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING key`,
        [...key, fingerprint],
      );
      if (!claimed.length) {
        saved = false;
        return this.replay<T>(em, key, fingerprint);
      }
      const response = await change(em);
      await em.query('UPDATE idempotency_keys SET response = $4 WHERE owner = $1 AND scope = $2 AND key = $3', [...key, JSON.stringify(response)]);
      return response;
    });
    if (saved) request.onSaved?.(told);
    return response;
  }

  /** What the change running in `em` does to a duo's trajectory or a cycle, for its preview and the page's notice. */
  tell(em: EntityManager, consequence: { duo: DuoConsequence } | { cycle: CycleConsequence }): void {
    const told = this.told.get(em);
    if (!told) return;
    if ('duo' in consequence) told.duos.push(consequence.duo);
    else told.cycles.push(consequence.cycle);
  }

  private async replay<T>(em: EntityManager, key: string[], fingerprint: string): Promise<T> {
    const [stored] = await em.query(
      'SELECT request_fingerprint, response FROM idempotency_keys WHERE owner = $1 AND scope = $2 AND key = $3',
      key,
    );
    if (stored.request_fingerprint !== fingerprint) {
      throw new DomainException(
        'IDEMPOTENCY_KEY_REUSED',
        'You already used this Idempotency-Key for a different request. Use a new key for a new request.',
      );
    }
    return stored.response as T;
  }
}

function ownerOf(request: ChangeRequest): string {
  return request.caller.id ?? `${PUBLIC_KEY_OWNER}:${request.caller.client ?? 'unknown'}`;
}

function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}
