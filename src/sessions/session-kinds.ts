import { sessionKinds, sessionOfKind } from '../programmes/programmes.js';

/** The kinds a planned session may have: the session keys of the registered programmes. */
export const SESSION_KINDS: readonly string[] = sessionKinds();
export type SessionKind = string;

/** A session kind's name in Dutch, as its programme gives it. */
export function sessionName(kind: SessionKind): string {
  return sessionOfKind(kind)?.name ?? kind;
}
