import Fastify from 'fastify';
import pg from 'pg';
import type { CapturedStatement } from './sql-capture.js';

/**
 * The yardstick of npm run bench:compare for a read: a bare Fastify + pg server, in a process of
 * its own, that answers GET /api/duos/{id}/next-step by sending the statements the app sent for
 * one such request (captured, with that duo's id and its cohort's id in place of the captured
 * ones, prepared by name where the app prepared them) one after another on one pooled
 * connection, and returning the JSON the app returned (the same bytes, with the duo's id). What
 * the app spends beyond this is its own.
 * Its one argument is a JSON BareSpec; it prints "listening <port>" when it is ready.
 */
export interface BareSpec {
  databaseUrl: string;
  poolSize: number;
  statements: CapturedStatement[];
  /** The ids of the captured request, to be replaced by those of each request's duo. */
  captured: { duoId: string; cohortId: string };
  answer: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as BareSpec;
const pool = new pg.Pool({ connectionString: spec.databaseUrl, max: spec.poolSize });
const cohortOf = new Map((await pool.query<{ id: string; cohort_id: string }>('SELECT id, cohort_id FROM duos')).rows.map((row) => [row.id, row.cohort_id]));
const replace = (value: string | null, duoId: string, cohortId: string) => value && value.replaceAll(spec.captured.duoId, duoId).replaceAll(spec.captured.cohortId, cohortId);

const server = Fastify({ logger: false });
server.get<{ Params: { id: string } }>('/api/duos/:id/next-step', async (request, reply) => {
  const duoId = request.params.id;
  const cohortId = cohortOf.get(duoId);
  if (!cohortId) return reply.code(404).send({ message: 'no such duo' });
  const client = await pool.connect();
  try {
    for (const statement of spec.statements) {
      const values = statement.params.map((param) => replace(param, duoId, cohortId));
      // A statement the app prepares (by name) is prepared here too: the same work for the server.
      await client.query(statement.name ? { name: statement.name, text: statement.sql, values } : { text: statement.sql, values });
    }
  } finally {
    client.release();
  }
  return reply.type('application/json; charset=utf-8').send(replace(spec.answer, duoId, cohortId));
});
await server.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${(server.server.address() as { port: number }).port}`);
