import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { actorOf, type Actor } from '../shared/roles.js';
import { createHash } from 'node:crypto';

export type { ChangeHeaders };


/** Who makes a change through a public route (the registration form). */
export const PUBLIC_FORM = { id: null, name: 'registration form' };

/** The public form as one anonymous caller uses it, told apart from others by a hash of the client address. */
export function publicCaller(address: string): Actor {
  return { ...PUBLIC_FORM, client: createHash('sha256').update(address).digest('base64url').slice(0, 22) };
}

/** What an Idempotency-Key may be: the header's, and a web form's own key (_key). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const ETAG = /^(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))$/;

export const Change = createParamDecorator((_: unknown, context: ExecutionContext): ChangeHeaders => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const headers = request.headers;
  return {
    actor: request.principal ? actorOf(request.principal) : publicCaller(request.ip),
    idempotencyKey: idempotencyKeyOf(headers['idempotency-key']),
    expectedVersion: expectedVersionOf(headers['if-match']),
  };
});

/** Documents the Idempotency-Key header of a POST that creates or logs something. */
export function IdempotentDoc() {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any unique string (1-255 visible ASCII characters). A retry with the same key returns the first response and changes nothing.',
  });
}

/** Documents the headers of a change to a duo, or to one of its pieces of evidence or contact persons. */
export function DuoChangeDoc() {
  return applyDecorators(
    IdempotentDoc(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version the client last read (of the duo; on evidence routes, of the evidence; on contact-person routes, of the person); the change is refused with 409 when it has changed since.',
    }),
  );
}

function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && IDEMPOTENCY_KEY.test(header)) return header;
  throw new DomainException('VALIDATION_FAILED', 'The Idempotency-Key header must be one value of 1 to 255 visible ASCII characters.', [
    { field: 'Idempotency-Key', message: 'must be one value of 1 to 255 visible ASCII characters' },
  ]);
}

function expectedVersionOf(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? ETAG.exec(header.trim()) : null;
  if (match) return Number(match[1] ?? match[2]);
  throw new DomainException('VALIDATION_FAILED', 'The If-Match header must be the version number you last read, e.g. "3".', [
    { field: 'If-Match', message: 'must be the version number you last read' },
  ]);
}
