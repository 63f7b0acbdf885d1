import pg from 'pg';
import { MIGRATIONS } from '../../migrations/index.js';
import { migrateDatabase, revertLastMigration } from '../../src/database/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TABLES = [
  'accounts',
  'agenda_feeds',
  'audit_log',
  'cohort_advisers',
  'cohorts',
  'compass_events',
  'compasses',
  'cycles',
  'duo_events',
  'duos',
  'evidence',
  'evidence_attachments',
  'evidence_revisions',
  'frozen_reports',
  'idempotency_keys',
  'invitations',
  'known_devices',
  'meeting_downloads',
  'meeting_form_key',
  'meeting_registration_attempts',
  'meeting_registrations',
  'meeting_series',
  'meetings',
  'outbox',
  'password_reset_requests',
  'password_resets',
  'planned_sessions',
  'session_attendance',
  'sessions',
  'sign_in_failures',
];

async function tablesIn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename",
    );
    return rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterEach(() => database.drop());

  it('go up, down and up again', async () => {
    expect(await migrateDatabase(database.url)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tablesIn(database.url)).toEqual(TABLES);
    expect(await migrateDatabase(database.url)).toEqual([]);

    for (const migration of [...MIGRATIONS].reverse()) expect(await revertLastMigration(database.url)).toBe(migration.name);
    expect(await tablesIn(database.url)).toEqual([]);
    expect(await revertLastMigration(database.url)).toBeNull();

    await migrateDatabase(database.url);
    expect(await tablesIn(database.url)).toEqual(TABLES);
  });

  it('run once when two processes start at the same time', async () => {
    const [first, second] = await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);
    expect([...first, ...second]).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tablesIn(database.url)).toEqual(TABLES);
  });
});
