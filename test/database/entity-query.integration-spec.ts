import { DataSource } from 'typeorm';
import { Cohort } from '../../src/cohorts/cohort.entity.js';
import { entityQuery } from '../../src/database/entity-query.js';
import { DuoEvent } from '../../src/duos/duo-event.entity.js';
import { Duo } from '../../src/duos/duo.entity.js';
import { useTestApp } from '../support/api.js';
import { intake } from '../support/fixtures.js';

/**
 * entityQuery reads entities with a SQL text made once: what it gives must be what TypeORM's find
 * gives for the same rows (the same class, every column hydrated the same: dates, jsonb, arrays,
 * bigints, nullable columns), in the order asked, and nothing for what is not there.
 */
const app = useTestApp();
const dataSource = () => app.testApp.app.get(DataSource);

const duosInCohort = entityQuery(Duo, 'WHERE "cohort_id" = $1 ORDER BY "registered_at"');
const historyOf = entityQuery(DuoEvent, 'WHERE "duo_id" = $1 ORDER BY "sequence"');
const cohortById = entityQuery(Cohort, 'WHERE "id" = $1');

let cohortId: string;

beforeAll(async () => {
  cohortId = (await app.client.startableCohort()).id;
  for (const n of [1, 2, 3]) {
    const duo = await app.client.duo(cohortId, n);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    if (n === 1) await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
  }
});

it("reads a cohort's duos as find reads them, in the order of registration", async () => {
  const found = await dataSource().manager.find(Duo, { where: { cohortId }, order: { registeredAt: 'ASC' } });
  const read = await duosInCohort(dataSource().manager, [cohortId]);
  expect(found.length).toBeGreaterThanOrEqual(3);
  expect(read).toEqual(found);
  for (const duo of read) expect(duo).toBeInstanceOf(Duo);
  expect(read[0].registeredAt).toBeInstanceOf(Date);
  expect(read[0].obligationAcceptedAt).toBeNull();
  expect(read.map((duo) => duo.registeredAt.getTime())).toEqual([...read.map((duo) => duo.registeredAt.getTime())].sort((a, b) => a - b));
});

it("reads a duo's events as find reads them: bigint ids, jsonb payloads, moments", async () => {
  const duo = (await duosInCohort(dataSource().manager, [cohortId])).find((candidate) => candidate.state === 'intakeHeld') as Duo;
  const found = await dataSource().manager.find(DuoEvent, { where: { duoId: duo.id }, order: { sequence: 'ASC' } });
  const read = await historyOf(dataSource().manager, [duo.id]);
  expect(found.length).toBeGreaterThanOrEqual(3);
  expect(read).toEqual(found);
  expect(read.map((event) => event.sequence)).toEqual([...read.map((event) => event.sequence)].sort((a, b) => a - b));
});

it('reads a cohort as find reads it (its date column as a day), and nothing for an id that is not there', async () => {
  const found = await dataSource().manager.findOne(Cohort, { where: { id: cohortId } });
  const [read] = await cohortById(dataSource().manager, [cohortId]);
  expect(read).toEqual(found);
  expect(read).toBeInstanceOf(Cohort);
  expect(read.registrationDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(await cohortById(dataSource().manager, ['7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11'])).toEqual([]);
});

it("runs in the caller's transaction, with its lock", async () => {
  const locking = entityQuery(Cohort, 'WHERE "id" = $1 FOR NO KEY UPDATE');
  await dataSource().transaction(async (em) => {
    const [read] = await locking(em, [cohortId]);
    expect(read.id).toBe(cohortId);
    // A row-locking SELECT holds RowShareLock on its table; a plain one only AccessShareLock.
    const locks: { mode: string }[] = await em.query("SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'cohorts'::regclass");
    expect(locks.map(({ mode }) => mode)).toContain('RowShareLock');
  });
});
