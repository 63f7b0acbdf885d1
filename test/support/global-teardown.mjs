import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';

/** Drops what the run created on the server and stops the embedded one. */
export default async function globalTeardown() {
  const url = new URL(process.env.TEST_POSTGRES_SERVER_URL);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const { rows } = await admin.query(
    "SELECT datname FROM pg_database WHERE datname LIKE 'trajectkompas\\_test\\_%' OR datname = $1",
    [process.env.TEST_POSTGRES_TEMPLATE],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();

  const embedded = globalThis.__EMBEDDED_POSTGRES__;
  if (embedded) {
    await embedded.stop();
    await rm(dirname(embedded.dataDir), { recursive: true, force: true });
  }
}
