import type { Actor } from '../shared/roles.js';

/** What a request that changes something says about itself, besides its body. */
export interface ChangeHeaders {
  actor: Actor;
  /** The client's Idempotency-Key header, when sent. */
  idempotencyKey?: string;
  /** The resource version the client last saw (If-Match), when it wants the change only on that version. */
  expectedVersion?: number;
  /**
   * Only to see what the change would do: it runs in its transaction, which is then rolled back
   * (nothing written, no key stored, no mail), and ends in a ChangePreview with its consequences.
   */
  preview?: boolean;
  /** Told what the change did once it is saved (a page's notice); a replay did nothing and tells nothing. */
  onSaved?: (consequences: Consequences) => void;
}

/** What a change does to more than the resource it is about: the duos whose trajectory it moves, the cycles it closes. */
export interface Consequences {
  duos: DuoConsequence[];
  cycles: CycleConsequence[];
}

/** A duo's trajectory moved by a change: where it was and where it goes, and what that means. */
export interface DuoConsequence {
  duoId: string;
  municipality: string;
  provider: string;
  /** The event as the duo's machine takes it. */
  event: string;
  from: string;
  to: string;
  /** It drops out (missed a mandatory session without excuse). */
  dropsOut: boolean;
  /** It had dropped out and is back in its trajectory (a correction). */
  returns: boolean;
  /** It moves up from the waiting list into a place given back. */
  movesUp: boolean;
  /** It gives its place in the cohort back. */
  givesPlaceBack: boolean;
}

/** A Kwaliteitskompas cycle closed by a change: frozen with the duo's report, and the next one opened. */
export interface CycleConsequence {
  duoId: string;
  cycle: number;
  nextCycle: number;
}

export function noConsequences(): Consequences {
  return { duos: [], cycles: [] };
}
