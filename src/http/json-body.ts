import type { FastifyBodyParser } from 'fastify';

/** Deeper than any request of this API; deeper bodies are refused before validation walks them. */
const MAX_DEPTH = 32;

/**
 * JSON bodies as Fastify parses them, but refused with 400 when nested deeper than MAX_DEPTH:
 * class-transformer recurses into every level and would run out of stack on a few kilobytes.
 */
export const parseJsonBody: FastifyBodyParser<Buffer> = (_request, body, done) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    done(badRequest(`Body is not valid JSON: ${(error as Error).message}`), undefined);
    return;
  }
  if (depthOf(parsed) > MAX_DEPTH) {
    done(badRequest(`Body is nested deeper than ${MAX_DEPTH} levels`), undefined);
    return;
  }
  done(null, parsed);
};

function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_DEPTH) return deepest;
    for (const inner of Object.values(current)) pending.push([inner, depth + 1]);
  }
  return deepest;
}

function badRequest(message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode: 400 });
}
