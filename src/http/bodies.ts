import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { acceptFileBodies } from './file-body.js';
import { acceptForms } from './form-body.js';
import { parseJsonBody } from './json-body.js';
import { NoBodyGuard } from './no-body.guard.js';

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Everything the app reads from a request besides its address and headers, in the order a
 * request meets it: the cookies; a form refused where none belongs (onRequest); a session wanted
 * before any body is read on a route that is not public (preParsing); then the body: JSON for the
 * API (and the pages' scripts), forms with at most one file for the pages, a file on the routes
 * that attach one; and no body where a route takes none. Create the app with `bodyParser: false`:
 * these are the only parsers. `beforeBody` adds the preParsing hook of sign-in
 * (src/auth/sign-in-first.ts), which the auth module owns.
 */
export async function acceptBodies(app: NestFastifyApplication, maxFileBytes: number, beforeBody: (fastify: FastifyInstance) => void): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCookie);
  await acceptForms(fastify, maxFileBytes);
  beforeBody(fastify);
  // The API speaks JSON; a text/plain body gets 415 instead of reaching validation as a string (file-body.ts).
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser('application/json', { bodyLimit: MAX_JSON_BYTES }, parseJsonBody);
  acceptFileBodies(fastify, maxFileBytes);
  app.useGlobalGuards(new NoBodyGuard());
}
