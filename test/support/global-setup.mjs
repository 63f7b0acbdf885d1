// Jest loads this file outside its module mapping, so it runs the built app code (`npm test` builds first).
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const built = new URL('../../dist/src/database/', import.meta.url);
if (!existsSync(built)) throw new Error('dist/ is missing: run the tests with `npm test`, which builds first.');
const { startEmbeddedPostgres, freePort } = await import(new URL('embedded-postgres.js', built).href);
const { migrateDatabase } = await import(new URL('migrate.js', built).href);
const { databaseUrl } = await import(new URL('database-url.js', built).href);

/**
 * Provides the PostgreSQL server for the whole run: the one DATABASE_URL points at, or an
 * embedded one in a temporary folder. Migrates a template database once; every test file
 * copies it (CREATE DATABASE ... TEMPLATE), so files never share data.
 */
export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'trajectkompas-test-')), 'postgres');
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
    globalThis.__EMBEDDED_POSTGRES__ = { ...embedded, dataDir };
    serverUrl = embedded.url;
  }
  // Databases are named after this run, so runs sharing a server never touch each other's.
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const template = `trajectkompas_template_${run}`;
  const admin = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  if (globalThis.__EMBEDDED_POSTGRES__) {
    // The embedded server lives for this run only, so waiting for the disk on every commit and
    // every copied database buys nothing. A server of DATABASE_URL is left as it is configured.
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) await admin.query(`ALTER SYSTEM SET ${setting} = off`);
    await admin.query('SELECT pg_reload_conf()');
  }
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migrateDatabase(databaseUrl(serverUrl, template));

  // Every invitation a test accepts hashes a password: at the production cost that was a large
  // part of the run. The workers (and the app processes the tests start) inherit this.
  process.env.PASSWORD_HASH_COST ??= '10';
  process.env.TEST_POSTGRES_SERVER_URL = serverUrl;
  process.env.TEST_POSTGRES_TEMPLATE = template;
  process.env.TEST_POSTGRES_RUN = run;
}
