import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readableSize } from '../shared/sizes.js';
import { DomainException } from '../problems/error-code.js';

/** Routes that take a file as their body (POST, ending in /attachments); every other route speaks JSON. */
function takesFile(request: FastifyRequest): boolean {
  return request.method === 'POST' && (request.routeOptions.url ?? '').endsWith('/attachments');
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
export function acceptFileBodies(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addContentTypeParser('*', (request, payload, done) => {
    if (!takesFile(request)) {
      done(Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type'] ?? 'none'}`), { statusCode: 415 }), undefined);
      return;
    }
    if (Number(request.headers['content-length']) > maxBytes) {
      done(tooLarge(maxBytes), undefined);
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
        finish(tooLarge(maxBytes));
        return;
      }
      if (!finished) chunks.push(chunk);
    });
    payload.on('end', () => finish(null, Buffer.concat(chunks)));
    payload.on('error', (error: Error) => finish(error));
  });
}
