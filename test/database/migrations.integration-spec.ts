import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { initialTransition, transition } from 'xstate';
import { MIGRATIONS } from '../../migrations/index.js';
import { upgradeCompass, type PersistedCompassV1 } from '../../src/compass/compass.js';
import { compassMachineV1, type CompassV1Event } from '../../src/compass/compass-v1.machine.js';
import type { CompassStep, EvidenceKind, Perspective } from '../../src/compass/compass.machine.js';
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

/** Reverts the migrations that came after `name`, then `name` itself: what the database was before it. */
async function revertThrough(url: string, name: string): Promise<string | null> {
  for (;;) {
    const reverted = await revertLastMigration(url);
    if (reverted === name || reverted === null) return reverted;
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
    expect(await revertThrough(database.url, 'ContactPersonIds1766000000000')).toBe('ContactPersonIds1766000000000');
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

  it('count the evidence of the compasses stored before 1766300000000 as upgradeCompass does, and list the live evidence again going down', async () => {
    await migrateDatabase(database.url);
    expect(await revertThrough(database.url, 'CompassCounts1766300000000')).toBe('CompassCounts1766300000000');
    type Piece = { id: string; cycle: number; step: CompassStep; perspective: Perspective; kind: EvidenceKind; deleted?: boolean };
    const piece = (cycle: number, step: CompassStep, perspective: Perspective, kind: EvidenceKind, deleted = false): Piece => ({
      id: randomUUID(),
      cycle,
      step,
      perspective,
      kind,
      deleted,
    });
    const steps = (cycle: number) => ([1, 2, 3, 4, 5, 6] as const).map((step) => piece(cycle, step, 'provider', 'other'));
    /** Each duo's evidence, in the order recorded; the improvement actions and closure of each cycle but the last. */
    const duos: { pieces: Piece[]; closed: number }[] = [
      { pieces: [piece(1, 0, 'municipality', 'stories'), piece(1, 2, 'residents', 'other'), piece(1, 2, 'residents', 'other'), piece(1, 3, 'provider', 'stories', true)], closed: 0 },
      { pieces: [...steps(1), ...steps(2), piece(2, 4, 'municipality', 'stories'), piece(2, 5, 'residents', 'other', true)], closed: 1 },
      { pieces: [], closed: 0 },
    ];
    /** What version 1 stored after these changes, by its own machine. */
    function v1Snapshot({ pieces, closed }: (typeof duos)[number]): PersistedCompassV1 {
      const events: CompassV1Event[] = [];
      for (let cycle = 1; cycle <= closed + 1; cycle++) {
        for (const { id, step, perspective, kind, deleted } of pieces.filter((p) => p.cycle === cycle)) {
          events.push({ type: 'RECORD_EVIDENCE', cycle, evidenceId: id, mark: { step, perspective, kind } });
          if (deleted) events.push({ type: 'DELETE_EVIDENCE', cycle, evidenceId: id });
        }
        events.push({ type: 'AGREE_IMPROVEMENT_ACTIONS', cycle, count: 2 });
        if (cycle <= closed) events.push({ type: 'CLOSE_CYCLE', cycle });
      }
      const snapshot = events.reduce((reached, event) => transition(compassMachineV1, reached, event)[0], initialTransition(compassMachineV1)[0]);
      return JSON.parse(JSON.stringify(compassMachineV1.getPersistedSnapshot(snapshot)));
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const [{ id: cohortId }] = (await client.query("INSERT INTO cohorts (name, registration_deadline, capacity, programme_key, programme_version) VALUES ('Editie', '2099-03-31', 6, 'werkateliers', 1) RETURNING id")).rows;
      const stored: { duoId: string; snapshot: PersistedCompassV1 }[] = [];
      for (const [n, duo] of duos.entries()) {
        const [{ id: duoId }] = (
          await client.query(
            `INSERT INTO duos (cohort_id, municipality, provider, contact_persons, collective_services, trajectory_version, trajectory_snapshot, state)
             VALUES ($1, $2, 'Stichting', '[]', '{jongerenwerk}', 1, '{}', 'admitted') RETURNING id`,
            [cohortId, `Gemeente ${n}`],
          )
        ).rows;
        const snapshot = v1Snapshot(duo);
        await client.query('INSERT INTO compasses (duo_id, compass_version, snapshot, version) VALUES ($1, 1, $2, 0)', [duoId, snapshot]);
        for (let cycle = 1; cycle <= duo.closed + 1; cycle++) await client.query('INSERT INTO cycles (duo_id, number) VALUES ($1, $2)', [duoId, cycle]);
        for (const { id, cycle, step, perspective, kind, deleted } of duo.pieces) {
          await client.query(
            `INSERT INTO evidence (id, duo_id, cycle, step, kind, perspective, title, body, about_a_person, recorded_by, updated_by, version, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'Bewijs', '', CASE WHEN $5 = 'stories' THEN false END, 'Adviseur', 'Adviseur', 1, CASE WHEN $7 THEN now() END)`,
            [id, duoId, cycle, step, kind, perspective, deleted],
          );
        }
        stored.push({ duoId, snapshot });
      }
      const snapshots = async () =>
        (await client.query('SELECT duo_id, compass_version, snapshot FROM compasses ORDER BY duo_id')).rows.map((row) => [row.duo_id, row.compass_version, row.snapshot]);
      const sortedByDuo = <T>(rows: [string, ...T[]][]) => rows.sort(([a], [b]) => (a < b ? -1 : 1));
      expect(stored[0].snapshot.context.evidence).not.toEqual({});
      expect(stored[1].snapshot).toMatchObject({ value: 'readyToClose', context: { cycle: 2 } });

      await migrateDatabase(database.url);
      expect(await snapshots()).toEqual(sortedByDuo(stored.map(({ duoId, snapshot }) => [duoId, 2, upgradeCompass(snapshot)])));
      expect((await snapshots())[0][2]).not.toHaveProperty('context.evidence');

      expect(await revertThrough(database.url, 'CompassCounts1766300000000')).toBe('CompassCounts1766300000000');
      expect(await snapshots()).toEqual(sortedByDuo(stored.map(({ duoId, snapshot }) => [duoId, 1, snapshot])));
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
