import { useTestApp, type Api } from '../support/api.js';
import { daysFromToday, intake } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 16: the intakes of a day logged for several duos at once with
 * POST /api/cohorts/{id}/sessions/{kind}/held: one transaction, all or none, each duo through
 * the same machine and calendar rules as when logged alone.
 */
const app = useTestApp();

let adviser: SignedInPerson;
let asAdviser: Api;
let duoNumber = 1;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
});

/** A cohort with `admitted` duos admitted (their intake next) and one registered. */
async function cohortAtIntake(admitted: number) {
  const cohort = await asAdviser.cohort();
  const duos = [];
  for (let i = 0; i <= admitted; i++) duos.push(await asAdviser.duo(cohort.id, duoNumber++));
  for (const duo of duos.slice(0, admitted)) await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
  return { cohort, admittedIds: duos.slice(0, admitted).map((duo) => duo.id), registeredId: duos[admitted].id };
}

const snapshotOf = async (ids: string[]) =>
  Promise.all(ids.map(async (id) => { const { state, version, nextStep } = (await asAdviser.get(`/api/duos/${id}`).expect(200)).body; return { state, version, next: nextStep.next?.session }; }));

describe('POST /api/cohorts/{id}/sessions/{kind}/held', () => {
  it('logs the intake for every chosen duo, as each would be logged alone', async () => {
    const { cohort, admittedIds } = await cohortAtIntake(3);
    expect((await snapshotOf(admittedIds)).map((duo) => duo.next)).toEqual(['intake', 'intake', 'intake']);
    const answer = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, notes: 'Samen op het stadskantoor', duoIds: admittedIds }).expect(201);
    expect(answer.body.map((duo: { id: string }) => duo.id).sort()).toEqual([...admittedIds].sort());
    for (const id of admittedIds) {
      const duo = (await asAdviser.get(`/api/duos/${id}`).expect(200)).body;
      expect(duo.nextStep.next?.session).not.toBe('intake');
      expect(duo.history.at(-1)).toMatchObject({ actor: adviser.name, payload: { heldOn: intake.heldOn, location: intake.location, adviser: intake.adviser, notes: 'Samen op het stadskantoor' } });
    }
  });

  it('logs nothing when one duo cannot take the intake now, and names that duo', async () => {
    const { cohort, admittedIds, registeredId } = await cohortAtIntake(2);
    const before = await snapshotOf([...admittedIds, registeredId]);
    const refused = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: [...admittedIds, registeredId] }).expect(422);
    const registered = (await asAdviser.get(`/api/duos/${registeredId}`).expect(200)).body;
    expect(refused.body.detail).toMatch(/^Nothing was logged\. /);
    expect(refused.body.detail).toContain(`${registered.municipality} / ${registered.provider}: `);
    expect(await snapshotOf([...admittedIds, registeredId])).toEqual(before);
  });

  it('logs nothing for a day that cannot be (tomorrow), nor without the location the intake records', async () => {
    const { cohort, admittedIds } = await cohortAtIntake(2);
    const before = await snapshotOf(admittedIds);
    const tomorrow = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, heldOn: daysFromToday(1), duoIds: admittedIds }).expect(422);
    expect(tomorrow.body.code).toBe('DATE_NOT_POSSIBLE');
    const { location: _, ...withoutLocation } = intake;
    const noLocation = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...withoutLocation, duoIds: admittedIds }).expect(400);
    expect(noLocation.body.errors).toEqual([expect.objectContaining({ field: 'location' })]);
    await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/workshop1/held`, { ...intake, duoIds: admittedIds }).expect(404);
    expect(await snapshotOf(admittedIds)).toEqual(before);
  });

  it('is for the cohort’s advisers only, and for its own duos', async () => {
    const { cohort, admittedIds } = await cohortAtIntake(1);
    const other = await cohortAtIntake(1);
    const foreign = await asAdviser.post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: [admittedIds[0], other.admittedIds[0]] }).expect(404);
    expect(foreign.body.detail).toContain(other.admittedIds[0]);
    const otherAdviser = await app.client.staff('adviser', 2);
    await app.client.as(otherAdviser).post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: admittedIds }).expect(404);
    const duo = (await asAdviser.get(`/api/duos/${admittedIds[0]}`).expect(200)).body;
    const participant = await asAdviser.participant(duo.id, duo.contactPersons[0].email);
    await app.client.as(participant).post(`/api/cohorts/${cohort.id}/sessions/intake/held`, { ...intake, duoIds: admittedIds }).expect(403);
    expect((await snapshotOf(admittedIds))[0].next).toBe('intake');
  });
});
