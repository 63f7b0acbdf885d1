import { readConfig, DatabaseConfig } from '../src/config/environment.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { migrateDatabase, revertLastMigration } from '../src/database/migrate.js';

/** `npm run migration:run` / `migration:revert`: on DATABASE_URL, or on the embedded PostgreSQL the app uses. */
const direction = process.argv[2];
const config = readConfig(DatabaseConfig);
const embedded = config.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_POSTGRES_DIR, port: config.EMBEDDED_POSTGRES_PORT, database: 'trajectkompas' });
const url = config.DATABASE_URL ?? (embedded?.url as string);
try {
  if (direction === 'down') {
    const reverted = await revertLastMigration(url);
    console.log(reverted ? `Reverted ${reverted}` : 'No migration to revert');
  } else {
    const applied = await migrateDatabase(url);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Nothing to apply');
  }
} finally {
  await embedded?.stop();
}
