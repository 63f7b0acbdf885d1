import type { Side } from './sides.js';

/*
 * Who acts in the app, as every module sees it: the roles, the signed-in principal and the actor a
 * change records. Here, below every feature, so that all of them can name these without importing
 * the accounts module.
 */
export const ROLES = ['admin', 'adviser', 'participant'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['admin', 'adviser'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is signed in, as every guarded request carries it. */
export interface Principal {
  accountId: string;
  name: string;
  email: string;
  role: Role;
  /** For participants: the duo they belong to, and their side of it. */
  duoId: string | null;
  side: Side | null;
  sessionId: string;
  /** How the request proved it: a bearer token (API) or the session cookie (web pages, which need CSRF tokens). */
  via: 'bearer' | 'cookie';
  /** What the web pages put in their forms (the _csrf field) so that a cookie-borne change is accepted. */
  csrfToken: string;
}

/** Who made a change, as the event log and the audit log record it. Null for the command line. */
export interface Actor {
  id: string | null;
  name: string;
  /**
   * For a caller without an account (the public registration form): a hash of its client
   * address, which keeps its Idempotency-Keys apart from other anonymous callers'. Never stored
   * with a change.
   */
  client?: string;
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.accountId, name: principal.name };
}
