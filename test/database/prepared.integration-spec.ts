import { DataSource, QueryFailedError, QueryRunnerAlreadyReleasedError, type EntityManager } from 'typeorm';
import { databaseOptions } from '../../src/database/database-options.js';
import { preparedQuery } from '../../src/database/prepared.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * preparedQuery sends the statements of the hot paths by name: it must behave as em.query does,
 * in the caller's transaction when there is one, and fail as em.query fails.
 */
let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  dataSource = await new DataSource({ ...databaseOptions(database.url, 2), migrations: [] }).initialize();
  await dataSource.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const insert = 'INSERT INTO notes (id, body) VALUES ($1, $2) RETURNING id, body';
const count = async () => Number((await preparedQuery<{ n: string }>(dataSource.manager, 'SELECT count(*) AS n FROM notes'))[0].n);

it('gives the rows, on every connection of the pool and again on one that prepared the statement before', async () => {
  const answers = await Promise.all([1, 2, 3, 4, 5].map((id) => preparedQuery(dataSource.manager, insert, [id, `noot ${id}`])));
  expect(answers.map(([row]) => row)).toEqual([1, 2, 3, 4, 5].map((id) => ({ id, body: `noot ${id}` })));
  expect(await count()).toBe(5);
  await dataSource.query('DELETE FROM notes');
});

it("runs in the caller's transaction: what the transaction wrote is seen in it, and gone when it rolls back", async () => {
  await expect(
    dataSource.transaction(async (em) => {
      await preparedQuery(em, insert, [10, 'in de transactie']);
      expect(await preparedQuery(em, 'SELECT body FROM notes WHERE id = $1', [10])).toEqual([{ body: 'in de transactie' }]);
      // Prepared by name on the transaction's own connection, which is where pg_prepared_statements looks.
      const prepared: { statement: string }[] = await em.query("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'tk\\_%'");
      expect(prepared.map(({ statement }) => statement)).toEqual(expect.arrayContaining([insert, 'SELECT body FROM notes WHERE id = $1']));
      throw new Error('terugdraaien');
    }),
  ).rejects.toThrow('terugdraaien');
  expect(await count()).toBe(0);
});

it('fails as em.query fails: a QueryFailedError carrying the driver error and its code', async () => {
  await preparedQuery(dataSource.manager, insert, [20, 'eerste']);
  const failure = await preparedQuery(dataSource.manager, insert, [20, 'tweede']).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(QueryFailedError);
  expect((failure as QueryFailedError).driverError).toMatchObject({ code: '23505', constraint: 'notes_pkey' });
  expect(await preparedQuery(dataSource.manager, 'SELECT body FROM notes WHERE id = $1', [20])).toEqual([{ body: 'eerste' }]);
});

it('refuses a transaction that has ended, whose connection may be serving another by now', async () => {
  let ended: EntityManager | undefined;
  await dataSource.transaction(async (em) => {
    ended = em;
  });
  await expect(preparedQuery(ended!, 'SELECT 1 AS one')).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
});
