import { DatabaseConfig, readConfig } from '../src/config/environment.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { migrateDatabase } from '../src/database/migrate.js';

/**
 * The database a command works on: DATABASE_URL, or the embedded PostgreSQL the app uses
 * (shared with the app when it runs). Sets DATABASE_URL for the app's own modules.
 */
export async function openDatabase(options: { migrate: boolean }): Promise<{ url: string; close(): Promise<void> }> {
  const config = readConfig(DatabaseConfig);
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_POSTGRES_DIR, port: config.EMBEDDED_POSTGRES_PORT, database: 'trajectkompas' });
  const url = config.DATABASE_URL ?? (embedded?.url as string);
  process.env.DATABASE_URL = url;
  if (options.migrate) await migrateDatabase(url);
  return { url, close: async () => embedded?.stop() };
}
