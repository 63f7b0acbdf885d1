import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A client that stops sending its body (or sends it a byte now and then) is cut off after
 * `idleMs` without a byte, while the body is being read: from the end of the headers to the
 * moment the handler runs. Not after that: a request the server itself takes long over (an
 * export, a query queued under load) keeps its connection until it answers. Node's own
 * headersTimeout and requestTimeout cover slow headers and a whole request that drags on.
 * A request that announces no body (no Content-Length above 0, no Transfer-Encoding: nearly
 * every GET) has nothing to stall on, and its socket keeps no timer.
 */
export function cutOffStalledBodies(fastify: FastifyInstance, idleMs: number): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (bringsBody(request)) request.raw.socket?.setTimeout(idleMs);
    done();
  });
  // Once the body is read, or the request was answered without it (a 401, a 415), the timer is off:
  // an idle keep-alive connection is then closed by keepAliveTimeout, which the client is told of,
  // not by a timer that would cut it while the client sends its next request.
  const stop = (request: FastifyRequest, _reply: unknown, done: () => void) => {
    if (bringsBody(request)) request.raw.socket?.setTimeout(0);
    done();
  };
  fastify.addHook('preHandler', stop);
  fastify.addHook('onResponse', stop);
}

/** Whether the request's headers announce a body: what HTTP/1.1 reads one by. */
function bringsBody(request: FastifyRequest): boolean {
  const { headers } = request.raw;
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}
