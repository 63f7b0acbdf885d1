import { useTestApp } from '../support/api.js';
import { daysFromToday, intake } from '../support/fixtures.js';
import { letDaysPass } from '../support/time.js';

const app = useTestApp();

describe('planning sessions', () => {
  it('plans a workshop in Amsterdam time, three hours long unless told otherwise, where the cohort meets', async () => {
    const cohort = await app.client.cohort({ location: 'Utrecht' });
    const planned = await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: '2099-05-14', startTime: '13:30' }).expect(200);
    expect(planned.body).toMatchObject({
      kind: 'workshop1',
      name: 'werkatelier 1',
      duoId: null,
      date: '2099-05-14',
      startTime: '13:30',
      endTime: '16:30',
      startsAt: '2099-05-14T11:30:00.000Z',
      endsAt: '2099-05-14T14:30:00.000Z',
      location: 'Utrecht',
    });
    const winter = await app.client.http
      .put(`/api/cohorts/${cohort.id}/workshops/2`)
      .send({ date: '2099-12-10', startTime: '09:00', endTime: '12:30', location: 'Amersfoort' })
      .expect(200);
    expect(winter.body).toMatchObject({ startsAt: '2099-12-10T08:00:00.000Z', endTime: '12:30', location: 'Amersfoort' });
  });

  it('moves a workshop when it is planned again, keeping one of each', async () => {
    const cohort = await app.client.cohort();
    const first = await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: '2099-06-25', startTime: '13:30', location: 'Utrecht' }).expect(200);
    const moved = await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: '2099-06-27', startTime: '10:00' }).expect(200);
    expect(moved.body).toMatchObject({ id: first.body.id, date: '2099-06-27', startTime: '10:00', location: 'Utrecht' });
    const sessions = (await app.client.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body;
    expect(sessions.map((s: { kind: string; date: string }) => [s.kind, s.date])).toEqual([['workshop2', '2099-06-27']]);
    const trail = (await app.client.get(`/api/audit-log?subjectType=cohort&subjectId=${cohort.id}`).expect(200)).body;
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['session.moved', 'session.planned', 'cohort.created']);
  });

  it('refuses workshop 3 in a cohort without one', async () => {
    const cohort = await app.client.cohort({ workshop3Planned: false });
    const refused = await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/3`).send({ date: '2099-10-01', startTime: '13:30' }).expect(422);
    expect(refused.body.code).toBe('WORKSHOP_3_NOT_PLANNED');
  });
});

describe('the next step of a duo', () => {
  it('shows the next session at which the duo takes its step: what, when and where', async () => {
    const cohort = await app.client.startableCohort({ location: 'Utrecht' });
    const duo = await app.client.duo(cohort.id, 1);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    const next = async () => (await app.client.get(`/api/duos/${duo.id}/next-step`).expect(200)).body;
    expect((await next()).session).toBeNull();

    const planned = await app.client
      .post(`/api/duos/${duo.id}/sessions`, { kind: 'intake', date: '2099-04-10', startTime: '10:00', location: 'Stadskantoor Voorbeeld', adviser: 'Adviseur Jansen' })
      .expect(201);
    expect((await next()).session).toMatchObject({ id: planned.body.id, name: 'kennismakingsgesprek', date: '2099-04-10', startTime: '10:00', location: 'Stadskantoor Voorbeeld', adviser: 'Adviseur Jansen' });

    const moved = await app.client.http
      .put(`/api/duos/${duo.id}/sessions/${planned.body.id}`)
      .send({ kind: 'intake', date: '2099-04-12', startTime: '14:00', location: 'Stadskantoor Voorbeeld', adviser: 'Adviseur Jansen' })
      .expect(200);
    expect(moved.body).toMatchObject({ date: '2099-04-12', startTime: '14:00' });

    await app.client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: '2099-05-14', startTime: '13:30' }).expect(200);
    await app.client.post(`/api/duos/${duo.id}/intake`, intake).expect(201);
    expect((await next()).session).toMatchObject({ kind: 'workshop1', date: '2099-05-14', startTime: '13:30', endTime: '16:30', location: 'Utrecht' });

    const participant = await app.client.participant(duo.id, duo.contactPersons[0].email);
    const own = await app.client.as(participant).get(`/api/duos/${duo.id}/sessions`).expect(200);
    expect(own.body.map((s: { kind: string }) => s.kind)).toEqual(['intake', 'workshop1']);
  });

  it('does not show a session that is over', async () => {
    const cohort = await app.client.startableCohort();
    const duo = await app.client.duo(cohort.id, 2);
    await app.client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await app.client.post(`/api/duos/${duo.id}/sessions`, { kind: 'intake', date: daysFromToday(1), startTime: '10:00', location: 'X', adviser: 'A' }).expect(201);
    expect((await app.client.get(`/api/duos/${duo.id}/next-step`).expect(200)).body.session).toMatchObject({ kind: 'intake' });
    // Planned for today or later (a day that has passed is refused), then the days go by.
    await letDaysPass(app.testApp.app, cohort.id, 3);
    expect((await app.client.get(`/api/duos/${duo.id}/next-step`).expect(200)).body.session).toBeNull();
  });

  it('moves only sessions of the duo itself', async () => {
    const cohort = await app.client.cohort();
    const [one, other] = [await app.client.duo(cohort.id, 3), await app.client.duo(cohort.id, 4)];
    const session = { kind: 'intake', date: '2099-04-10', startTime: '10:00', location: 'X', adviser: 'A' };
    const planned = await app.client.post(`/api/duos/${one.id}/sessions`, session).expect(201);
    const refused = await app.client.http.put(`/api/duos/${other.id}/sessions/${planned.body.id}`).send(session).expect(404);
    expect(refused.body.code).toBe('SESSION_NOT_FOUND');
  });
});
