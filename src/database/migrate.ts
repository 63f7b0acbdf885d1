import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** Any fixed number: every process that migrates this database takes the same advisory lock. */
const MIGRATION_LOCK = 7_240_311;

/**
 * Applies the pending migrations. Two app processes starting at once take turns on a
 * PostgreSQL advisory lock: the second finds nothing left to do.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  return withMigrationLock(url, async (dataSource) => {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the last applied migration; returns its name, or null when none was applied. */
export async function revertLastMigration(url: string): Promise<string | null> {
  return withMigrationLock(url, async (dataSource) => {
    const [last] = await dataSource.query(
      'SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1',
    ).catch(() => []);
    if (!last) return null;
    await dataSource.undoLastMigration();
    return last.name as string;
  });
}

async function withMigrationLock<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await new DataSource(databaseOptions(url, 2)).initialize();
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work(dataSource);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockHolder.release();
    await dataSource.destroy();
  }
}
