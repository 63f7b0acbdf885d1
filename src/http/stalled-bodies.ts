import type { FastifyInstance } from 'fastify';

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
  fastify.addHook('preHandler', async (request) => {
    request.raw.socket?.setTimeout(0);
  });
}
