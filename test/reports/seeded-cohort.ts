import type { Api } from '../support/api.js';
import { bothPresent, figures, improvementActions, intake, otherMeans, providerAbsent, municipalityExcused, story } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * A cohort laid out so that every figure of its report is known (fictional duos):
 *   duo 1: workshops 1 and 2, two advisory meetings, completed; cycle 1 closed (step 0, figures
 *          at steps 1-5, a consented story at step 6, a story without consent at step 3),
 *          then one figure in the open cycle 2 (not in the reports);
 *   duo 2: municipality excused at workshop 1, workshop 2, one advisory meeting, still running;
 *          cycle 1 closed with residents' stories at steps 1-6;
 *   duo 3: provider absent at workshop 1: dropped out;
 *   duo 4: withdrew after workshop 1;
 *   duo 5: workshops 1 and 2, no meetings, no evidence;
 *   duo 6: on the waiting list.
 */
export interface SeededCohort {
  cohortId: string;
  duos: { id: string; municipality: string; provider: string; contactPersons: { name: string; email: string }[] }[];
  adviser: SignedInPerson;
  participant: SignedInPerson;
  /** Evidence ids of duo 1's closed cycle by step, and the story without consent. */
  duo1Evidence: Record<number, string>;
  withheldStoryId: string;
  openCycleFigureId: string;
}

export async function seedCohort(client: Api): Promise<SeededCohort> {
  const adviser = await client.staff('adviser', 7);
  const asAdviser = client.as(adviser);
  const cohortId = (await asAdviser.cohort({ name: 'Werkateliers outcome 2099', capacity: 8, workshop3Planned: true })).id;
  const duos = [];
  for (let n = 1; n <= 6; n++) duos.push(await asAdviser.duo(cohortId, n));
  const [d1, d2, d3, d4, d5, d6] = duos.map((duo) => duo.id);
  for (const id of [d1, d2, d3, d4, d5]) await asAdviser.post(`/api/duos/${id}/admission`).expect(201);
  await asAdviser.post(`/api/duos/${d6}/waiting-list`).expect(201);
  for (const id of [d1, d2, d3, d4, d5]) await asAdviser.post(`/api/duos/${id}/intake`, intake).expect(201);
  await asAdviser
    .post(`/api/cohorts/${cohortId}/workshops/1/attendance`, {
      duos: [
        { duoId: d1, ...bothPresent },
        { duoId: d2, ...municipalityExcused },
        { duoId: d3, ...providerAbsent },
        { duoId: d4, ...bothPresent },
        { duoId: d5, ...bothPresent },
      ],
    })
    .expect(201);
  await asAdviser.post(`/api/duos/${d4}/withdrawal`, { reason: 'Reorganisatie bij de uitvoerder' }).expect(201);
  const meeting = { heldOn: intake.heldOn, adviser: adviser.name, notes: 'Indicatoren besproken' };
  await asAdviser.post(`/api/duos/${d1}/advisory-meetings`, meeting).expect(201);
  await asAdviser.post(`/api/duos/${d1}/advisory-meetings`, meeting).expect(201);
  await asAdviser.post(`/api/duos/${d2}/advisory-meetings`, meeting).expect(201);
  await asAdviser
    .post(`/api/cohorts/${cohortId}/workshops/2/attendance`, { duos: [d1, d2, d5].map((duoId) => ({ duoId, ...bothPresent })) })
    .expect(201);
  await asAdviser.post(`/api/duos/${d1}/completion`).expect(201);

  const participant = await asAdviser.participant(d1, duos[0].contactPersons[0].email);
  const asParticipant = client.as(participant);
  const record = async (duoId: string, body: object) => (await asParticipant.post(`/api/duos/${duoId}/evidence`, body).expect(201)).body.id as string;
  const duo1Evidence: Record<number, string> = { 0: await record(d1, otherMeans(0, { perspective: 'municipality' })) };
  for (const step of [1, 2, 3, 4, 5]) duo1Evidence[step] = await record(d1, figures(step, { indicator: { ...figures(step).indicator, value: step * 10 } }));
  duo1Evidence[6] = await record(d1, story(6));
  const withheldStoryId = await record(d1, story(3, { title: 'Verhaal zonder toestemming', text: 'Meneer P. vertelt over zijn eenzaamheid.', consentGiven: false }));
  await asParticipant.put(`/api/duos/${d1}/cycles/1/improvement-actions`, improvementActions).expect(200);
  await asAdviser.post(`/api/duos/${d1}/cycles/1/closure`).expect(201);
  const openCycleFigureId = await record(d1, figures(1, { title: 'Nieuwe ambitie' }));

  for (const step of [1, 2, 3, 4, 5, 6]) await asAdviser.post(`/api/duos/${d2}/evidence`, story(step, { aboutAPerson: false, consentGiven: undefined })).expect(201);
  await asAdviser.put(`/api/duos/${d2}/cycles/1/improvement-actions`, { actions: [improvementActions.actions[0]] }).expect(200);
  await asAdviser.post(`/api/duos/${d2}/cycles/1/closure`).expect(201);

  return { cohortId, duos, adviser, participant, duo1Evidence, withheldStoryId, openCycleFigureId };
}
