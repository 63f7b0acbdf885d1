import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrl } from '../../src/database/database-url.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own (a copy of the run's template). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_POSTGRES_SERVER_URL;
  const template = process.env.TEST_POSTGRES_TEMPLATE;
  if (!serverUrl || !template) throw new Error('Run the tests with `npm test`: its global setup provides PostgreSQL.');
  const name = `trajectkompas_test_${process.env.TEST_POSTGRES_RUN}_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}${options.migrated === false ? '' : ` TEMPLATE ${template}`}`);
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
