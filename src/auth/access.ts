import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '../shared/roles.js';
import { DomainException } from '../problems/error-code.js';

/**
 * Every route declares who may call it; the access guard enforces it and refuses to start
 * the app when a route declares nothing. Scoped rules read the route's `:id`: for advisers it
 * must be a cohort they are assigned to (or a duo of one), for participants their own duo.
 * A resource outside someone's scope answers 404, as if it did not exist.
 */
export const ACCESS_RULE = 'trajectkompas:access-rule';

export type AccessRule =
  | { scope: 'public' }
  | { scope: 'signedIn' }
  | { scope: 'any' | 'cohort' | 'duo'; roles: readonly Role[] };

function rule(access: AccessRule, description: string) {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, access),
    // Also on the Fastify route, where the hook that wants a session before the body is read finds it (sign-in-first.ts).
    RouteConfig({ access }),
    ApiExtension('x-access', description),
    ...(access.scope === 'public' ? [] : [ApiBearerAuth()]),
  );
}

/** What a request that needs a session hears without one (401). */
export function signInFirst(): DomainException {
  return new DomainException('UNAUTHENTICATED', 'Sign in first: send the token from POST /api/auth/sign-in as "Authorization: Bearer <token>".');
}

/** Anyone, signed in or not. */
export const Public = () => rule({ scope: 'public' }, 'anyone');
/** Anyone signed in. */
export const SignedIn = () => rule({ scope: 'signedIn' }, 'anyone signed in');
export const AdminOnly = () => rule({ scope: 'any', roles: ['admin'] }, 'admins');
/** Advisers, for their own work across their cohorts (Mijn werk, their agenda feed). */
export const AdvisersOnly = () => rule({ scope: 'any', roles: ['adviser'] }, 'advisers');
/** Admins and advisers, not scoped to a cohort (what they see may be). */
export const StaffOnly = () => rule({ scope: 'any', roles: ['admin', 'adviser'] }, 'admins and advisers');
/** `:id` is a cohort: admins, and the advisers assigned to it. */
export const CohortStaff = () =>
  rule({ scope: 'cohort', roles: ['admin', 'adviser'] }, 'admins and the advisers of the cohort');
/** `:id` is a duo: admins, and the advisers of its cohort. */
export const DuoStaff = () => rule({ scope: 'duo', roles: ['admin', 'adviser'] }, "admins and the advisers of the duo's cohort");
/** `:id` is a duo: its staff, and the participants of that duo. */
export const DuoMembers = () =>
  rule({ scope: 'duo', roles: ['admin', 'adviser', 'participant'] }, "admins, the advisers of the duo's cohort and the duo's participants");
/** `:id` is a duo: the advisers of its cohort and the duo's participants, who keep its evidence (not admins). */
export const DuoTeam = () =>
  rule({ scope: 'duo', roles: ['adviser', 'participant'] }, "the advisers of the duo's cohort and the duo's participants");
/** `:id` is a duo: the advisers of its cohort only, for an adviser's own acts (closing a cycle, undoing a deletion). */
export const DuoAdvisers = () => rule({ scope: 'duo', roles: ['adviser'] }, "the advisers of the duo's cohort");

/** What an id in a path looks like; the guard asks no scope for an id that is not one (validation answers 400). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
