import { migrateDatabase, revertLastMigration } from '../src/database/migrate.js';
import { openDatabase } from './database.js';

/** `npm run migration:run` / `migration:revert`: on DATABASE_URL, or on the embedded PostgreSQL the app uses. */
const database = await openDatabase({ migrate: false });
try {
  if (process.argv[2] === 'down') {
    const reverted = await revertLastMigration(database.url);
    console.log(reverted ? `Reverted ${reverted}` : 'No migration to revert');
  } else {
    const applied = await migrateDatabase(database.url);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Nothing to apply');
  }
} finally {
  await database.close();
}
