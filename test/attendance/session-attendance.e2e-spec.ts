import { DataSource } from 'typeorm';
import { migrateDatabase, revertLastMigration } from '../../src/database/migrate.js';
import { useTestApp } from '../support/api.js';
import { bothPresent, intake, municipalityExcused, providerAbsent } from '../support/fixtures.js';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * Attendance as rows (session_attendance), which the trajectory writer keeps beside each event
 * that records or corrects attendance: what lists, reports and the start of an edition read,
 * instead of parsing event names or a snapshot's JSON. The migration that made the table filled
 * it from the event logs; for the same logs it gives exactly what the writer writes.
 */
const app = useTestApp();

const rows = () =>
  app.testApp.app
    .get(DataSource)
    .query('SELECT duo_id, session, attendance, met_obligation, corrected, recorded_at, event_sequence FROM session_attendance ORDER BY duo_id, session');

it('keeps the last attendance per duo and session, whether the duo met its obligation, and whether it was corrected', async () => {
  const cohort = await app.client.startableCohort();
  const duo = await app.client.duo(cohort.id, 1);
  await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
  await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
  const others = (await app.client.get(`/api/cohorts/${cohort.id}/duos`).expect(200)).body.filter((other: { id: string }) => other.id !== duo.id);
  for (const other of others) await app.client.post(`/api/duos/${other.id}/intake`, intake).expect(201);
  const everyone = [duo, ...others];
  await app.client.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: everyone.map((each) => ({ duoId: each.id, ...(each === duo ? providerAbsent : bothPresent) })) }).expect(201);

  const recorded = (await rows()).filter((row: { duo_id: string }) => row.duo_id === duo.id);
  expect(recorded).toEqual([expect.objectContaining({ session: 'workshop1', attendance: providerAbsent, met_obligation: false, corrected: false })]);

  await app.client.post(`/api/duos/${duo.id}/workshops/1/attendance-corrections`, { ...municipalityExcused, reason: 'De afmelding kwam per mail' }).expect(201);
  const corrected = (await rows()).filter((row: { duo_id: string }) => row.duo_id === duo.id);
  expect(corrected).toEqual([expect.objectContaining({ session: 'workshop1', met_obligation: true, corrected: true })]);
  expect(corrected[0].event_sequence).toBeGreaterThan(recorded[0].event_sequence);

  // What the migration derives from the same event logs equals what the writer wrote.
  const written = await rows();
  expect(written.length).toBe(everyone.length);
  // Back to before the table, whatever came after it, and forward again.
  const reverted: string[] = [];
  while (!reverted.includes('SessionAttendance1765200000000') && reverted.length < MIGRATIONS.length) {
    const name = await revertLastMigration(app.testApp.database.url);
    if (!name) break;
    reverted.push(name);
  }
  expect(reverted.at(-1)).toBe('SessionAttendance1765200000000');
  expect(await migrateDatabase(app.testApp.database.url)).toEqual([...reverted].reverse());
  expect(await rows()).toEqual(written);
});
