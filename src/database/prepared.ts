import { createHash } from 'node:crypto';
import pg from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type EntityManager } from 'typeorm';

/** A statement's name: derived from its text, so that one text always has one name and two texts never share one. */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `tk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
}

/**
 * Sends a statement of a hot path (one that requests send by the hundred a second: the session
 * lookup, the locks and writes of a recording, the reads of the next step) as a named prepared
 * statement: PostgreSQL parses and plans it once per connection instead of on every request.
 * Runs in the caller's transaction when `em` has one, else on a connection of the pool. Returns
 * the rows; a failure comes as TypeORM's QueryFailedError, as from `em.query`. Give a text made
 * once (a constant): one built anew on each call costs its building and the lookup of its name.
 */
export async function preparedQuery<T = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  const runner = em.queryRunner;
  // A transaction that has ended gave its connection back to the pool, where it may be another's now.
  if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  try {
    const connection = runner ? ((await runner.connect()) as pg.PoolClient) : (em.connection.driver as unknown as { master: pg.Pool }).master;
    return await rowsOf<T>(connection, nameOf(text), text, values);
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/**
 * Sends the statement as pg's own Query, which pg takes as it is. Handed a config object
 * instead, pg (8.23) copies it through its property descriptors on every query, a slow copy that
 * cost more CPU than anything else of a read on the hot paths; a Query made from the bare text
 * copies nothing. The callback goes with the call, as the pool wants it: the pool gives the
 * connection back when it is called.
 */
function rowsOf<T>(connection: pg.Pool | pg.PoolClient, name: string, text: string, values: unknown[]): Promise<T[]> {
  const query = new pg.Query(text, values) as pg.Query & { name: string };
  query.name = name;
  const sending = connection as unknown as { query(query: pg.Query, callback: (error: Error | undefined, result: { rows: T[] }) => void): void };
  return new Promise((resolve, reject) => sending.query(query, (error, result) => (error ? reject(error) : resolve(result.rows))));
}
