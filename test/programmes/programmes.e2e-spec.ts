import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { aCohort } from '../support/fixtures.js';

/**
 * The programmes as clients read them, and editions that record the programme and version
 * they run: existing editions run the werkateliers, version 1 (the migration says so), and a
 * new edition takes the newest version of its programme.
 */
const app = useTestApp();

it('lists the werkateliers with who enrols, the capacity and the sessions in order with their rules', async () => {
  const [werkateliers, ...others] = (await app.client.as().get('/api/programmes').expect(200)).body;
  expect(others.map((programme: { key: string }) => programme.key)).toEqual(['dagbesteding']);
  expect(werkateliers).toMatchObject({ key: 'werkateliers', version: 1, unit: 'duo', capacity: { min: 5, max: 8 }, minimumToStart: 5, compass: true });
  expect(werkateliers.sessions.map(({ key, audience, recorded, mandatory, optional, maxPerUnit }: Record<string, unknown>) => [key, audience, recorded, mandatory, optional, maxPerUnit])).toEqual([
    ['intake', 'unit', 'held', false, false, 1],
    ['workshop1', 'edition', 'attendance', true, false, 1],
    ['advisoryMeeting', 'unit', 'held', false, false, 2],
    ['workshop2', 'edition', 'attendance', true, false, 1],
    ['workshop3', 'edition', 'attendance', false, true, 1],
  ]);
  expect(werkateliers.sessions[1]).toMatchObject({ name: 'werkatelier 1', englishName: 'workshop 1', defaultMinutes: 180 });
  expect(werkateliers.sessions[1]).not.toHaveProperty('event');
});

it('records the programme and its version with a new edition, and refuses a programme that does not exist', async () => {
  const created = (await app.client.post('/api/cohorts', aCohort()).expect(201)).body;
  expect(created).toMatchObject({ programme: 'werkateliers', programmeVersion: 1, minimum: 5, canStart: false });
  const named = (await app.client.post('/api/cohorts', aCohort({ programme: 'werkateliers' } as object)).expect(201)).body;
  expect(named).toMatchObject({ programme: 'werkateliers', programmeVersion: 1 });

  const refused = await app.client.post('/api/cohorts', aCohort({ programme: 'studiedag' } as object)).expect(400);
  expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'programme', message: expect.stringMatching(/one of werkateliers.*GET \/api\/programmes/) })]);
  const [{ count }] = await app.testApp.app.get(DataSource).query("SELECT count(*)::int AS count FROM cohorts WHERE programme_key <> 'werkateliers'");
  expect(count).toBe(0);
});
