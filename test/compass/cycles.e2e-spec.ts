import { useTestApp } from '../support/api.js';
import { bothPresent, figures, improvementActions, intake, otherMeans, story } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * The Kwaliteitskompas of a duo over HTTP: a participant records evidence for every step, the
 * duo agrees improvement actions, an adviser closes the cycle, and the duo runs a second one.
 */
const app = useTestApp();
let adviser: SignedInPerson;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
});

/** An admitted duo of a cohort the adviser runs, with a participant of its municipality signed in. */
async function admittedDuo(n = 1) {
  const asAdviser = app.client.as(adviser);
  return { asAdviser, ...(await asAdviser.admittedDuoWithParticipant(n)) };
}

describe('two full cycles of the Kwaliteitskompas through the API', () => {
  it('records evidence for every step, closes cycle 1, and runs cycle 2 to its close', async () => {
    const { duo, asAdviser, asParticipant, participant } = await admittedDuo();
    const nextStep = async () => (await asParticipant.get(`/api/duos/${duo.id}/next-step`).expect(200)).body;

    const start = await nextStep();
    expect(start).toMatchObject({ state: 'admitted', next: { event: 'HOLD_INTAKE' }, advisoryMeetingsRemaining: 2, meetsAttendanceObligation: true });
    expect(start.compass).toMatchObject({ cycle: 1, state: 'collecting', acceptsEvidence: true, readyToClose: false, improvementActionsAgreed: 0 });
    expect(start.compass.steps.map((step: { step: number }) => step.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(start.compass.stepsLackingEvidence.map((step: { step: number }) => step.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(start.compass.stepsLackingEvidence[0]).toMatchObject({
      name: 'Monitoring & ambities',
      question: 'Hoe gaat het met onze inwoners, en wat zijn onze beleidsambities?',
      missingPerspectives: [
        { perspective: 'municipality', weight: 'leads' },
        { perspective: 'provider', weight: 'contributes' },
        { perspective: 'residents', weight: 'preferred' },
      ],
    });

    const preparation = await asParticipant.post(`/api/duos/${duo.id}/evidence`, otherMeans(0, { perspective: 'municipality' })).expect(201);
    expect(preparation.body).toMatchObject({ cycle: 1, step: 0, stepName: 'Wat er vooraf gaat', recordedBy: participant.name, version: 1 });
    for (const step of [1, 2, 3, 4, 5]) await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(step)).expect(201);
    await asParticipant.post(`/api/duos/${duo.id}/evidence`, story(6)).expect(201);

    const early = await asAdviser.post(`/api/duos/${duo.id}/cycles/1/closure`).expect(422);
    expect(early.body).toMatchObject({ code: 'CYCLE_INCOMPLETE' });
    expect(early.body.detail).toContain('improvement actions');
    expect((await nextStep()).compass).toMatchObject({ stepsLackingEvidence: [], readyToClose: false });

    await asParticipant.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
    expect((await nextStep()).compass).toMatchObject({ state: 'readyToClose', readyToClose: true, stillNeeded: [], improvementActionsAgreed: 2 });

    const closed = await asAdviser.post(`/api/duos/${duo.id}/cycles/1/closure`).expect(201);
    expect(closed.body).toMatchObject({ number: 1, open: false, closedBy: adviser.name, improvementActions: improvementActions.actions });
    expect(closed.body.steps.map((step: { evidenceCount: number }) => step.evidenceCount)).toEqual([1, 1, 1, 1, 1, 1, 1]);

    const second = (await nextStep()).compass;
    expect(second).toMatchObject({ cycle: 2, state: 'collecting', improvementActionsAgreed: 0 });
    expect(second.steps.map((step: { step: number }) => step.step)).toEqual([1, 2, 3, 4, 5, 6]);

    const refusedPreparation = await asParticipant.post(`/api/duos/${duo.id}/evidence`, otherMeans(0)).expect(422);
    expect(refusedPreparation.body.code).toBe('PREPARATION_CLOSED');
    const refusedOldCycle = await asParticipant.post(`/api/duos/${duo.id}/evidence`, { ...figures(1), cycle: 1 }).expect(422);
    expect(refusedOldCycle.body.code).toBe('CYCLE_CLOSED');

    for (const step of [1, 2, 3, 4, 5, 6]) {
      const recorded = await asParticipant.post(`/api/duos/${duo.id}/evidence`, story(step, { perspective: 'residents' })).expect(201);
      expect(recorded.body.cycle).toBe(2);
    }
    await asParticipant.put(`/api/duos/${duo.id}/cycles/2/improvement-actions`, { actions: [improvementActions.actions[1]] }).expect(200);
    await asAdviser.post(`/api/duos/${duo.id}/cycles/2/closure`).expect(201);

    const cycles = (await asParticipant.get(`/api/duos/${duo.id}/cycles`).expect(200)).body;
    expect(cycles.map((cycle: { number: number; open: boolean }) => [cycle.number, cycle.open])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(cycles[1].steps.map((step: { perspectives: string[] }) => step.perspectives)).toEqual(Array(6).fill(['residents']));
    const evidence = (await asParticipant.get(`/api/duos/${duo.id}/evidence`).expect(200)).body;
    expect(evidence).toHaveLength(13);
  });

  it('freezes a closed cycle: its evidence can no longer be edited, deleted or given attachments', async () => {
    const { duo, asAdviser, asParticipant } = await admittedDuo(2);
    const ids: string[] = [];
    for (const step of [1, 2, 3, 4, 5, 6]) ids.push((await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(step)).expect(201)).body.id);
    await asParticipant.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
    await asAdviser.post(`/api/duos/${duo.id}/cycles/1/closure`).expect(201);

    const edit = await asParticipant.put(`/api/duos/${duo.id}/evidence/${ids[0]}`, figures(1, { title: 'Later bijgewerkt' })).expect(422);
    expect(edit.body).toMatchObject({ code: 'CYCLE_CLOSED' });
    expect(edit.body.detail).toContain('cycle 2');
    expect((await asParticipant.http.delete(`/api/duos/${duo.id}/evidence/${ids[1]}`)).body.code).toBe('CYCLE_CLOSED');
    const attach = await asParticipant.http
      .post(`/api/duos/${duo.id}/evidence/${ids[2]}/attachments?fileName=cijfers.csv`)
      .set('content-type', 'text/csv')
      .send('week;bezoekers\n1;120\n');
    expect(attach.status).toBe(422);
    expect(attach.body.code).toBe('CYCLE_CLOSED');
    const actions = await asParticipant.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(422);
    expect(actions.body.code).toBe('CYCLE_CLOSED');
    const again = await asAdviser.post(`/api/duos/${duo.id}/cycles/1/closure`).expect(422);
    expect(again.body.code).toBe('CYCLE_CLOSED');

    const frozen = (await asParticipant.get(`/api/duos/${duo.id}/evidence/${ids[0]}`).expect(200)).body;
    expect(frozen).toMatchObject({ title: 'Cijfers bij stap 1', version: 1, cycle: 1 });
  });

  it('keeps evidence for duos that take part: not before admission, not after a withdrawal', async () => {
    const asAdviser = app.client.as(adviser);
    const cohort = await asAdviser.startableCohort();
    const duo = await asAdviser.duo(cohort.id, 3);
    const registered = await asAdviser.post(`/api/duos/${duo.id}/evidence`, figures(1)).expect(422);
    expect(registered.body).toMatchObject({ code: 'DUO_NOT_TAKING_PART' });
    expect(registered.body.detail).toContain('registered');
    expect((await asAdviser.get(`/api/duos/${duo.id}/next-step`).expect(200)).body.compass.acceptsEvidence).toBe(false);

    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    await asAdviser.post(`/api/duos/${duo.id}/evidence`, figures(1)).expect(201);
    await asAdviser.post(`/api/duos/${duo.id}/withdrawal`, { reason: 'Geen tijd meer' }).expect(201);
    const withdrawn = await asAdviser.post(`/api/duos/${duo.id}/evidence`, figures(2)).expect(422);
    expect(withdrawn.body.code).toBe('DUO_NOT_TAKING_PART');
    expect((await asAdviser.get(`/api/duos/${duo.id}/evidence`).expect(200)).body).toHaveLength(1);
  });

  it('tells a participant after workshop 1 what is next in the trajectory and in the compass together', async () => {
    const { duo, asAdviser, asParticipant } = await admittedDuo(4);
    await asAdviser.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    await asAdviser.post(`/api/duos/${duo.id}/workshops/1/attendance`, bothPresent).expect(201);
    await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(4, { perspective: 'residents' })).expect(201);

    const step = (await asParticipant.get(`/api/duos/${duo.id}/next-step`).expect(200)).body;
    expect(step).toMatchObject({
      state: 'workshop1Attended',
      next: { event: 'RECORD_WORKSHOP_2_ATTENDANCE' },
      advisoryMeetingsRemaining: 2,
      meetsAttendanceObligation: true,
      canStillComplete: true,
    });
    const step4 = step.compass.steps.find((candidate: { step: number }) => candidate.step === 4);
    expect(step4).toMatchObject({
      evidenceCount: 1,
      perspectives: ['residents'],
      missingPerspectives: [
        { perspective: 'provider', weight: 'leads' },
        { perspective: 'municipality', weight: 'contributes' },
      ],
    });
    expect(step.compass.stepsLackingEvidence.map((lacking: { step: number }) => lacking.step)).toEqual([1, 2, 3, 5, 6]);
  });
});
