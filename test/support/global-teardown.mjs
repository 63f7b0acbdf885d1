import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';

/** Drops what this run created on the server (nothing of other runs) and stops the embedded one. */
export default async function globalTeardown() {
  const url = new URL(process.env.TEST_POSTGRES_SERVER_URL);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const { rows } = await admin.query(
    "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
    [`trajectkompas\\_test\\_${process.env.TEST_POSTGRES_RUN}\\_%`, process.env.TEST_POSTGRES_TEMPLATE],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();

  const embedded = globalThis.__EMBEDDED_POSTGRES__;
  if (embedded) {
    await embedded.stop();
    await rm(dirname(embedded.dataDir), { recursive: true, force: true });
  }
}
