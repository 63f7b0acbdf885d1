import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../shared/roles.js';
import { signInFirst, type AccessRule } from './access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's access rule, which the access decorators put on it (src/auth/access.ts). */
    access?: AccessRule;
  }
}

/**
 * A route that is not public answers 401 to a request without a valid session before a byte of
 * its body is read (a preParsing hook), so nobody signed out can make the server read and parse a
 * body of up to its limit. The session is looked up once: the access guard gets it again for the
 * rest of the rule (role, scope, and the CSRF token of a form, which is in the body).
 */
export function signInBeforeBody(fastify: FastifyInstance, sessionOf: (request: FastifyRequest) => Promise<Principal | null>): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const access = request.routeOptions.config.access;
    // Routes without a rule are not ours (not found, the OpenAPI document): they take no body.
    if (access && access.scope !== 'public' && !(await sessionOf(request))) throw signInFirst();
    return payload;
  });
}
