import type { FastifyBodyParser } from 'fastify';
import { DomainException } from '../problems/error-code.js';

/** Deeper than any request of this API; deeper bodies are refused before validation walks them. */
const MAX_DEPTH = 32;

/**
 * Keys that name an object's machinery rather than a field. JSON.parse makes them own properties,
 * and class-transformer then drops them without a word, so the write would go through as if they
 * had not been sent: they are refused as the unknown fields they are.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON bodies as Fastify parses them, but refused with 400 when nested deeper than MAX_DEPTH
 * (class-transformer recurses into every level and would run out of stack on a few kilobytes)
 * or when they hold a key of FORBIDDEN_KEYS at any level.
 */
export const parseJsonBody: FastifyBodyParser<Buffer> = (_request, body, done) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    done(badRequest(`Body is not valid JSON: ${(error as Error).message}`), undefined);
    return;
  }
  const problem = problemIn(parsed);
  if (problem === 'too deep') done(badRequest(`Body is nested deeper than ${MAX_DEPTH} levels`), undefined);
  else if (problem) done(unknownField(problem.field), undefined);
  else done(null, parsed);
};

/** Walks the body once, without recursion (the depth is not known yet): too deep, or the first forbidden key. */
function problemIn(value: unknown): 'too deep' | { field: string } | undefined {
  const pending: [unknown, string, number][] = [[value, '', 0]];
  while (pending.length) {
    const [current, path, depth] = pending.pop() as [unknown, string, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > MAX_DEPTH) return 'too deep';
    for (const [key, inner] of Object.entries(current)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { field };
      pending.push([inner, field, depth + 1]);
    }
  }
  return undefined;
}

/** As the validation pipe words an unknown field (src/http/validation.ts). */
function unknownField(field: string): DomainException {
  const message = `property ${field} should not exist`;
  return new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field, message }]);
}

function badRequest(message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode: 400 });
}
