import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readableSize } from '../shared/sizes.js';
import { DomainException } from '../problems/error-code.js';

/** The largest file an import of duos (POST /cohorts/{id}/duo-imports) takes. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * Routes that take a file as their body (POST, ending in /attachments, /duo-imports, or /file: the
 * file of a plan document); every other route speaks JSON.
 */
function takesFile(request: FastifyRequest): boolean {
  return request.method === 'POST' && /\/(attachments|duo-imports|file)$/.test(request.routeOptions.url ?? '');
}

function isImport(request: FastifyRequest): boolean {
  return (request.routeOptions.url ?? '').endsWith('/duo-imports');
}

/** An import of duos takes a smaller file than an attachment. */
function fileLimit(request: FastifyRequest, maxBytes: number): number {
  return isImport(request) ? Math.min(maxBytes, MAX_IMPORT_BYTES) : maxBytes;
}

/** A file over the route's limit, said as the route's own: an import file, or an attachment. */
function overLimit(request: FastifyRequest, maxBytes: number): DomainException {
  return isImport(request) ? importTooLarge(maxBytes) : tooLarge(maxBytes);
}

/** An import file of duos over the limit, with the limit for the words of every language. */
export function importTooLarge(maxBytes: number): DomainException<'IMPORT_FILE_TOO_LARGE'> {
  return new DomainException(
    'IMPORT_FILE_TOO_LARGE',
    `An import file of duos may be at most ${readableSize(maxBytes)} (${maxBytes} bytes). Split the duos over several files, or leave out what the import does not read (other sheets, pictures).`,
    { params: { maxBytes } },
  );
}

/** An attachment over the limit, with the limit for the words of every language. */
export function tooLarge(maxBytes: number): DomainException<'ATTACHMENT_TOO_LARGE'> {
  return new DomainException(
    'ATTACHMENT_TOO_LARGE',
    `An attachment may be at most ${readableSize(maxBytes)} (${maxBytes} bytes). Send a smaller file, or a link to it.`,
    { params: { maxBytes } },
  );
}

/**
 * Bodies that are not JSON: a file, read whole into a Buffer of at most `maxBytes`, on the
 * routes that take one (which check its type); 415 everywhere else. Nobody gets here without a
 * session: the route wants one, and src/auth/sign-in-first.ts asked for it before the body was read.
 */
export function acceptFileBodies(fastify: FastifyInstance, maxAttachmentBytes: number): void {
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const maxBytes = fileLimit(request, maxAttachmentBytes);
    if (!takesFile(request)) {
      done(Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type'] ?? 'none'}`), { statusCode: 415 }), undefined);
      return;
    }
    if (Number(request.headers['content-length']) > maxBytes) {
      done(overLimit(request, maxBytes), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        payload.resume();
        finish(overLimit(request, maxBytes));
        return;
      }
      if (!finished) chunks.push(chunk);
    });
    payload.on('end', () => finish(null, Buffer.concat(chunks)));
    payload.on('error', (error: Error) => finish(error));
  });
}
