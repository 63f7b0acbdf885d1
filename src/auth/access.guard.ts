import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../problems/error-code.js';
import { cohortNotFound, duoNotFound } from '../problems/not-found.js';
import { ACCESS_RULE, signInFirst, UUID, type AccessRule } from './access.js';
import { AccessScopes } from './access-scopes.js';
import { AuthService } from './auth.service.js';

/**
 * Enforces each route's access rule (access.ts): 401 without a valid session, 403 for a role
 * the route is not for, 404 for a cohort or duo outside the caller's scope.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly scopes: AccessScopes,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw new Error(`${context.getClass().name}.${context.getHandler().name} has no access rule`);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (rule.scope === 'public') return true;

    const principal = await this.auth.authenticate(request);
    if (!principal) throw signInFirst();
    request.principal = principal;
    if (rule.scope === 'signedIn') return true;
    if (!rule.roles.includes(principal.role)) {
      throw new DomainException('FORBIDDEN', `This is for ${rule.roles.join(' and ')} accounts; you are signed in as ${principal.role}.`);
    }
    const id = (request.params as { id?: string }).id;
    // A malformed id protects nothing: let validation answer 400.
    if (rule.scope === 'any' || principal.role === 'admin' || !id || !UUID.test(id)) return true;
    const inScope = await this.auth.adviserInScope(request);
    if (inScope === false) throw rule.scope === 'cohort' ? cohortNotFound(id) : duoNotFound(id);
    if (inScope === true) return true;
    if (rule.scope === 'cohort') await this.scopes.mustRunCohort(principal, id);
    if (rule.scope === 'duo') await this.scopes.mustSeeDuo(principal, id);
    return true;
  }
}
