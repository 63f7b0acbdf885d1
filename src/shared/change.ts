import type { Actor } from '../shared/roles.js';

/** What a request that changes something says about itself, besides its body. */
export interface ChangeHeaders {
  actor: Actor;
  /** The client's Idempotency-Key header, when sent. */
  idempotencyKey?: string;
  /** The resource version the client last saw (If-Match), when it wants the change only on that version. */
  expectedVersion?: number;
}
