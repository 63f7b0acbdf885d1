import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { useTestApp } from '../support/api.js';
import { aPublicForm, bothPresent, daysFromToday, municipalityExcused, providerAbsent } from '../support/fixtures.js';
import { letDaysPass } from '../support/time.js';

/**
 * An adviser runs an edition laid out like the 2019 one (seed 003): registration until 31 March,
 * workshop 1 on 14 May and workshop 2 on 25 June (3 hours, Utrecht), workshop 3 in the autumn.
 * The year is 2099 because registration closes by the real calendar.
 */
const app = useTestApp();

it('runs an edition from registration to workshop 3 through the API', async () => {
  const adviser = await app.client.staff('adviser', 1);
  const asAdviser = app.client.as(adviser);
  const anyone = app.client.as();

  const cohort = await asAdviser.cohort({
    name: 'Werkateliers outcome collectieve voorzieningen 2099',
    description: 'Uitvoeringspraktijken onder de loep, met het Kwaliteitskompas.',
    location: 'Utrecht',
    registrationDeadline: daysFromToday(7),
    capacity: 8,
    workshop3Planned: true,
  });
  // After the registration deadline, in order; the tests let the weeks pass below (test/support/time.ts).
  const workshops = [[1, daysFromToday(14)], [2, daysFromToday(42)], [3, daysFromToday(70)]] as const;
  for (const [n, date] of workshops) {
    await asAdviser.http.put(`/api/cohorts/${cohort.id}/workshops/${n}`).send({ date, startTime: '13:30' }).expect(200);
  }

  // Nine duos register through the public form; eight are admitted, the ninth waits.
  const info = await anyone.get(`/api/cohorts/${cohort.id}/registration`).expect(200);
  expect(info.body).toMatchObject({ open: true, location: 'Utrecht' });
  const duoIds: string[] = [];
  for (let n = 1; n <= 9; n++) duoIds.push((await anyone.post(`/api/cohorts/${cohort.id}/registrations`, aPublicForm(n)).expect(201)).body.duoId);
  const admissions = [];
  for (const id of duoIds) admissions.push((await asAdviser.post(`/api/duos/${id}/admission`).expect(201)).body.state);
  expect(admissions).toEqual([...Array(8).fill('admitted'), 'waitingList']);
  expect((await asAdviser.get(`/api/cohorts/${cohort.id}`).expect(200)).body).toMatchObject({ placesTaken: 8, waitingList: 1, minimum: 5, canStart: true });

  // Duo 8 steps out before workshop 1: duo 9 moves up.
  await asAdviser.post(`/api/duos/${duoIds[7]}/withdrawal`, { reason: 'De uitvoerder heeft geen capaciteit' }).expect(201);
  expect((await asAdviser.get(`/api/duos/${duoIds[8]}`).expect(200)).body.state).toBe('admitted');
  const running = [...duoIds.slice(0, 7), duoIds[8]];

  // Intake conversations on location, planned and then, on the day, held.
  for (const [i, id] of running.entries()) {
    await asAdviser.post(`/api/duos/${id}/sessions`, { kind: 'intake', date: daysFromToday(0), startTime: '07:00', location: `Stadskantoor ${i + 1}`, adviser: adviser.name }).expect(201);
    await asAdviser.post(`/api/duos/${id}/intake`, { heldOn: daysFromToday(0), location: `Stadskantoor ${i + 1}`, adviser: adviser.name }).expect(201);
  }

  // A participant finds the next step: workshop 1, when and where.
  const participant = await asAdviser.participant(running[0], aPublicForm(1).municipalityContact.email);
  const next = (await app.client.as(participant).get(`/api/duos/${running[0]}/next-step`).expect(200)).body;
  expect(next).toMatchObject({ next: { event: 'RECORD_WORKSHOP_1_ATTENDANCE' }, session: { name: 'werkatelier 1', date: workshops[0][1], startTime: '13:30', endTime: '16:30', location: 'Utrecht' } });

  // Before workshop 1 starts its list cannot be taken; eighty days on, all three workshops lie behind the edition.
  const early = await asAdviser.post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: running.map((duoId) => ({ duoId, ...bothPresent })) }).expect(422);
  expect(early.body).toMatchObject({ code: 'SESSION_NOT_STARTED', params: { session: 'werkatelier 1' } });
  await letDaysPass(app.testApp.app, cohort.id, 80);

  // Workshop 1: one duo excused on one side, one duo missing its provider.
  const list = (entries: (id: string, i: number) => object) => ({ duos: running.map((id, i) => ({ duoId: id, ...entries(id, i) })) });
  const afterWorkshop1 = await asAdviser
    .post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, list((_, i) => (i === 1 ? municipalityExcused : i === 2 ? providerAbsent : bothPresent)))
    .expect(201);
  expect(afterWorkshop1.body.notMeetingObligation).toEqual([running[2]]);

  // Advisory meetings: at most two.
  // Not before workshop 1 (66 days ago), and not in the future.
  const beforeWorkshop1 = await asAdviser.post(`/api/duos/${running[0]}/advisory-meetings`, { heldOn: daysFromToday(-67), adviser: adviser.name }).expect(422);
  expect(beforeWorkshop1.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'heldOn', earliest: daysFromToday(-66), after: 'werkatelier 1' } });
  await asAdviser.post(`/api/duos/${running[0]}/advisory-meetings`, { heldOn: daysFromToday(1), adviser: adviser.name }).expect(422);
  for (const heldOn of [daysFromToday(-60), daysFromToday(-50)]) {
    await asAdviser.post(`/api/duos/${running[0]}/advisory-meetings`, { heldOn, adviser: adviser.name }).expect(201);
  }
  await asAdviser.post(`/api/duos/${running[0]}/advisory-meetings`, { heldOn: daysFromToday(0), adviser: adviser.name }).expect(422);

  // Workshops 2 and 3 for the duos still on their way; workshop 3 is optional.
  const onTheirWay = running.filter((id) => id !== running[2]);
  await asAdviser.post(`/api/cohorts/${cohort.id}/workshops/2/attendance`, { duos: onTheirWay.map((id) => ({ duoId: id, ...bothPresent })) }).expect(201);
  await asAdviser
    .post(`/api/cohorts/${cohort.id}/workshops/3/attendance`, { duos: onTheirWay.map((id, i) => ({ duoId: id, ...(i === 0 ? providerAbsent : bothPresent) })) })
    .expect(201);
  for (const id of onTheirWay) await asAdviser.post(`/api/duos/${id}/completion`).expect(201);

  const duos = (await asAdviser.get(`/api/cohorts/${cohort.id}/duos`).expect(200)).body as { id: string; state: string }[];
  const states = Object.fromEntries(duos.map((duo) => [duo.id, duo.state]));
  expect(Object.values(states).sort()).toEqual([...Array(7).fill('completed'), 'droppedOut', 'withdrawn'].sort());
  const overview = (await asAdviser.get(`/api/cohorts/${cohort.id}/attendance`).expect(200)).body;
  expect(overview.duos).toHaveLength(8);
  expect(overview.notMeetingObligation).toEqual([running[2]]);

  // Everyone was told: confirmations, admissions, and nothing left undelivered.
  await app.testApp.app.get(Scheduler).tick();
  const messages = await app.testApp.app.get(DataSource).query('SELECT kind, count(*)::int AS n, count(sent_at)::int AS sent FROM outbox GROUP BY kind ORDER BY kind');
  expect(messages).toEqual([
    { kind: 'admitted', n: 18, sent: 18 },
    // The adviser's invitation, and the one of the contact person invited to Trajectkompas.
    { kind: 'invitation', n: 2, sent: 2 },
    { kind: 'registration_received', n: 18, sent: 18 },
    { kind: 'waiting_list', n: 2, sent: 2 },
  ]);
});
