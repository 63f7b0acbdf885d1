import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A client that stops sending its body (or sends it a byte now and then) is cut off after
 * `idleMs` without a byte, while the body is being read: from the end of the headers to the
 * moment the handler runs. Not after that: a request the server itself takes long over (an
 * export, a query queued under load) keeps its connection until it answers. Node's own
 * headersTimeout and requestTimeout cover slow headers and a whole request that drags on.
 */
export function cutOffStalledBodies(fastify: FastifyInstance, idleMs: number): void {
  fastify.addHook('onRequest', async (request) => {
    request.raw.socket?.setTimeout(idleMs);
  });
  // Once the body is read, or the request was answered without it (a 401, a 415), the timer is off:
  // an idle keep-alive connection is then closed by keepAliveTimeout, which the client is told of,
  // not by a timer that would cut it while the client sends its next request.
  const stop = async (request: FastifyRequest) => {
    request.raw.socket?.setTimeout(0);
  };
  fastify.addHook('preHandler', stop);
  fastify.addHook('onResponse', stop);
}
