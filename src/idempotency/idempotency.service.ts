import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from '../problems/error-code.js';
import { canonicalJson } from '../shared/canonical-json.js';

export interface ChangeRequest {
  /** The route and resource the key is used on: the same key on another route is another request. */
  scope: string;
  /** The client's Idempotency-Key header, when sent. */
  idempotencyKey?: string;
  /** What the client asked for; a retry must ask the same. */
  body: unknown;
}

/**
 * Runs a change in one transaction. With an Idempotency-Key, the first request stores its
 * response in that same transaction and every retry gets that response back unchanged;
 * a retry racing the first waits for it on the key's unique index. A refused request stores
 * nothing (its transaction rolls back), so its key can be used again.
 * The response is kept as json, not jsonb: a replay gives it back as it was, key order included.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(request: ChangeRequest, change: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      if (!request.idempotencyKey) return change(em);
      const fingerprint = fingerprintOf(request.body);
      const claimed = await em.query(
        `INSERT INTO idempotency_keys (scope, key, request_fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING key`,
        [request.scope, request.idempotencyKey, fingerprint],
      );
      if (!claimed.length) return this.replay<T>(em, request, fingerprint);
      const response = await change(em);
      await em.query('UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2', [
        request.scope,
        request.idempotencyKey,
        JSON.stringify(response),
      ]);
      return response;
    });
  }

  private async replay<T>(em: EntityManager, request: ChangeRequest, fingerprint: string): Promise<T> {
    const [stored] = await em.query(
      'SELECT request_fingerprint, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [request.scope, request.idempotencyKey],
    );
    if (stored.request_fingerprint !== fingerprint) {
      throw new DomainException(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      );
    }
    return stored.response as T;
  }
}

function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}
