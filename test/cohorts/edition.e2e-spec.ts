import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { useTestApp } from '../support/api.js';
import { aPublicForm, bothPresent, municipalityExcused, providerAbsent } from '../support/fixtures.js';

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
    registrationDeadline: '2099-03-31',
    capacity: 8,
    workshop3Planned: true,
  });
  for (const [n, date] of [[1, '2099-05-14'], [2, '2099-06-25'], [3, '2099-10-08']] as const) {
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

  // Intake conversations on location, planned and then held.
  for (const [i, id] of running.entries()) {
    const day = String(10 + i).padStart(2, '0');
    await asAdviser.post(`/api/duos/${id}/sessions`, { kind: 'intake', date: `2099-04-${day}`, startTime: '10:00', location: `Stadskantoor ${i + 1}`, adviser: adviser.name }).expect(201);
    await asAdviser.post(`/api/duos/${id}/intake`, { heldOn: `2099-04-${day}`, location: `Stadskantoor ${i + 1}`, adviser: adviser.name }).expect(201);
  }

  // A participant finds the next step: workshop 1, when and where.
  const participant = await asAdviser.participant(running[0], aPublicForm(1).municipalityContact.email);
  const next = (await app.client.as(participant).get(`/api/duos/${running[0]}/next-step`).expect(200)).body;
  expect(next).toMatchObject({ next: { event: 'RECORD_WORKSHOP_1_ATTENDANCE' }, session: { name: 'werkatelier 1', date: '2099-05-14', startTime: '13:30', endTime: '16:30', location: 'Utrecht' } });

  // Workshop 1: one duo excused on one side, one duo missing its provider.
  const list = (entries: (id: string, i: number) => object) => ({ duos: running.map((id, i) => ({ duoId: id, ...entries(id, i) })) });
  const afterWorkshop1 = await asAdviser
    .post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, list((_, i) => (i === 1 ? municipalityExcused : i === 2 ? providerAbsent : bothPresent)))
    .expect(201);
  expect(afterWorkshop1.body.notMeetingObligation).toEqual([running[2]]);

  // Advisory meetings: at most two.
  for (let meeting = 0; meeting < 2; meeting++) {
    await asAdviser.post(`/api/duos/${running[0]}/advisory-meetings`, { heldOn: `2099-06-0${meeting + 1}`, adviser: adviser.name }).expect(201);
  }
  await asAdviser.post(`/api/duos/${running[0]}/advisory-meetings`, { heldOn: '2099-06-10', adviser: adviser.name }).expect(422);

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
    { kind: 'registration_received', n: 18, sent: 18 },
    { kind: 'waiting_list', n: 2, sent: 2 },
  ]);
});
