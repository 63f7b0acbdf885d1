import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../shared/roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access guard when the request carries a valid session. */
    principal?: Principal;
  }
}

/** The signed-in account of a guarded route (the guard has made sure there is one). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route without a signed-in rule');
  return principal;
});
