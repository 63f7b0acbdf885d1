import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What a page that is not one of the app's own pages may do (the printable reports, whose
 * styles are inline): no scripts, nothing from elsewhere, and no framing by another site.
 */
export const DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Headers every response carries: its request id; nosniff, so a browser takes a response as the
 * type it is sent with (a CSV is never run as a page); and no-store unless the route says how to
 * cache (the stylesheet does), since nearly every answer is personal: JSON, CSV, XLSX,
 * attachments, reports; Connection: close on an answer given before its body arrived. HTML that did not bring its own policy gets DOCUMENT_POLICY; the API
 * documentation runs its own scripts and keeps Swagger UI's.
 */
export function addResponseHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  void reply.header('x-request-id', request.id);
  void reply.header('x-content-type-options', 'nosniff');
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  // Answered before its body was read (401 before the body, 413, 415): what is left of the body
  // would be read as the next request, so the connection ends with this answer and the client knows.
  if (!request.raw.complete) void reply.header('connection', 'close');
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.startsWith('text/html') && !reply.hasHeader('content-security-policy') && !request.url.startsWith('/api/docs')) {
    void reply.header('content-security-policy', DOCUMENT_POLICY);
  }
  done(null, payload);
}
