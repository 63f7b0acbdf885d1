import { aCohort, aDuo, aPublicForm } from '../support/fixtures.js';
import { useTestApp } from '../support/api.js';

const app = useTestApp();

describe('an Idempotency-Key belongs to the one who sends it', () => {
  it('two advisers with the same key and body each get a cohort of their own, which they can open', async () => {
    const [first, second] = [await app.client.staff('adviser', 1), await app.client.staff('adviser', 2)];
    const headers = { 'idempotency-key': 'nieuwe-editie-1' };
    const mine = await app.client.as(first).post('/api/cohorts', aCohort(), headers).expect(201);
    const theirs = await app.client.as(second).post('/api/cohorts', aCohort(), headers).expect(201);

    expect(theirs.body.id).not.toBe(mine.body.id);
    await app.client.as(second).get(`/api/cohorts/${theirs.body.id}`).expect(200);
    await app.client.as(first).get(`/api/cohorts/${mine.body.id}`).expect(200);
  });

  it('does not tell a caller that someone else used the key for another request', async () => {
    const [first, second] = [await app.client.staff('adviser', 3), await app.client.staff('adviser', 4)];
    const headers = { 'idempotency-key': 'nieuwe-editie-2' };
    await app.client.as(first).post('/api/cohorts', aCohort({ name: 'Voorjaar' }), headers).expect(201);
    const other = await app.client.as(second).post('/api/cohorts', aCohort({ name: 'Najaar' }), headers).expect(201);
    expect(other.body.name).toBe('Najaar');
  });

  it('still replays a retry of the same caller, and refuses that caller a different request with the key', async () => {
    const adviser = app.client.as(await app.client.staff('adviser', 5));
    const headers = { 'idempotency-key': 'nieuwe-editie-3' };
    const created = await adviser.post('/api/cohorts', aCohort(), headers).expect(201);
    const retried = await adviser.post('/api/cohorts', aCohort(), headers).expect(201);
    expect(retried.body).toEqual(created.body);
    const reused = await adviser.post('/api/cohorts', aCohort({ name: 'Iets anders' }), headers).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps the public registration form apart from an adviser registering a duo', async () => {
    const adviser = app.client.as(await app.client.staff('adviser', 6));
    const cohort = await adviser.cohort();
    const headers = { 'idempotency-key': 'aanmelding-1' };
    const byAdviser = await adviser.post(`/api/cohorts/${cohort.id}/duos`, aDuo(1), headers).expect(201);
    const publicly = await app.client.as().post(`/api/cohorts/${cohort.id}/registrations`, aPublicForm(2), headers).expect(201);

    expect(publicly.body).not.toHaveProperty('contactPersons');
    const duos = await adviser.get(`/api/cohorts/${cohort.id}/duos`).expect(200);
    expect(duos.body.map((duo: { municipality: string }) => duo.municipality).sort()).toEqual(
      [byAdviser.body.municipality, aPublicForm(2).municipality].sort(),
    );
  });
});
