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
  'inquiry_documents',
  'inquiry_focus_groups',
  'inquiry_initiatives',
  'inquiry_interviews',
  'inquiry_surveys',
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

/** Reverts the last migrations, newest first, down to and including the one named. */
async function revertThrough(url: string, name: string): Promise<void> {
  for (;;) {
    const reverted = await revertLastMigration(url);
    if (reverted === name) return;
    if (reverted === null) throw new Error(`${name} was never run`);
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

  it('give the contact persons stored before 1766000000000 an id and a version, in their order, and take them off again', async () => {
    await migrateDatabase(database.url);
    await revertThrough(database.url, 'ContactPersonIds1766000000000');
    const stored = [
      { side: 'municipality', name: 'Sanne de Wit', email: 'sanne@gemeente.example', phone: '030-1234567' },
      { side: 'provider', name: 'Joris Bakker', email: 'joris@buurtwerk.example' },
      { side: 'municipality', name: 'Pim Gemeente', email: 'pim@gemeente.example' },
    ];
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const [{ id: cohortId }] = (await client.query("INSERT INTO cohorts (name, registration_deadline, capacity, programme_key, programme_version) VALUES ('Editie', '2099-03-31', 6, 'werkateliers', 1) RETURNING id")).rows;
      await client.query(
        `INSERT INTO duos (cohort_id, municipality, provider, contact_persons, collective_services, trajectory_version, trajectory_snapshot, state)
         VALUES ($1, 'Gemeente', 'Stichting', $2, '{jongerenwerk}', 1, '{}', 'registered')`,
        [cohortId, JSON.stringify(stored)],
      );
      await migrateDatabase(database.url);
      const [{ contact_persons: migrated }] = (await client.query('SELECT contact_persons FROM duos')).rows;
      expect(migrated).toEqual(stored.map((person) => ({ ...person, id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1 })));
      expect(new Set(migrated.map((person: { id: string }) => person.id)).size).toBe(3);

      await revertThrough(database.url, 'ContactPersonIds1766000000000');
      expect((await client.query('SELECT contact_persons FROM duos')).rows[0].contact_persons).toEqual(stored);
    } finally {
      await client.end();
    }
  });

  it('run once when two processes start at the same time', async () => {
    const [first, second] = await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);
    expect([...first, ...second]).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tablesIn(database.url)).toEqual(TABLES);
  });
});
