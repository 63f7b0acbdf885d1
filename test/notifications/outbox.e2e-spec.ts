import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { aPublicForm, daysFromToday } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuseNext(0);
});

const tick = (testApp: TestApp) => testApp.app.get(Scheduler).tick();
const outbox = (testApp: TestApp) =>
  testApp.app.get(DataSource).query('SELECT kind, recipient_email, attempts, last_error, sent_at FROM outbox ORDER BY created_at, recipient_email');

describe('confirmations through the outbox', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ smtpUrl: smtp.url });
  });
  afterAll(() => testApp.close());

  it('confirm a registration to both contact persons, with the planned workshops as a calendar file', async () => {
    const client = api(testApp, testApp.admin.token);
    const cohort = await client.cohort({ name: 'Werkateliers 2027', location: 'Utrecht' });
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: '2099-05-14', startTime: '13:30' }).expect(200);
    await client.as().post(`/api/cohorts/${cohort.id}/registrations`, aPublicForm(1)).expect(201);
    expect((await outbox(testApp)).map((m: { kind: string; sent_at: Date | null }) => [m.kind, m.sent_at])).toEqual([
      ['registration_received', null],
      ['registration_received', null],
    ]);

    expect(await tick(testApp)).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual(
      expect.arrayContaining([
        [aPublicForm(1).municipalityContact.email, 'Aanmelding ontvangen: Werkateliers 2027'],
        [aPublicForm(1).providerContact.email, 'Aanmelding ontvangen: Werkateliers 2027'],
      ]),
    );
    expect(smtp.received[0].calendar).toContain('DTSTART:20990514T113000Z');
    expect(smtp.received[0].calendar).toContain('SUMMARY:Werkatelier 1');
    expect(smtp.received[0].raw.replace(/=\r\n/g, '')).toContain('14-05-2099, 13:30-16:30 uur, Utrecht');
    expect(await tick(testApp)).toMatchObject({ sent: 0 });
  });

  it('keep a message through a failing SMTP server and deliver it once when it answers again', async () => {
    const client = api(testApp, testApp.admin.token);
    const cohort = await client.cohort();
    smtp.refuseNext(2);
    await client.as().post(`/api/cohorts/${cohort.id}/registrations`, aPublicForm(2)).expect(201);
    expect(await tick(testApp)).toMatchObject({ sent: 0, failed: 2 });
    const waiting = (await outbox(testApp)).filter((m: { sent_at: Date | null }) => !m.sent_at);
    expect(waiting).toHaveLength(2);
    expect(waiting[0]).toMatchObject({ attempts: 1, last_error: expect.stringContaining('Mailbox temporarily unavailable') });
    expect(await tick(testApp)).toMatchObject({ sent: 0, failed: 0 });

    await testApp.app.get(DataSource).query('UPDATE outbox SET next_attempt_at = now() WHERE sent_at IS NULL');
    expect(await tick(testApp)).toMatchObject({ sent: 2, failed: 0 });
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(2);
    expect(smtp.received).toHaveLength(2);
  });

  it('tell an admitted duo, a duo on the waiting list, and every duo when a workshop moves', async () => {
    const client = api(testApp, testApp.admin.token);
    const cohort = await client.cohort({ capacity: 5, name: 'Volle editie' });
    const duos = [];
    for (let n = 1; n <= 6; n++) duos.push(await client.duo(cohort.id, n));
    for (const duo of duos) await client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: '2099-06-25', startTime: '13:30' }).expect(200);
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: '2099-06-27', startTime: '10:00' }).expect(200);
    await tick(testApp);
    const subjects = (email: string) => smtp.received.filter((mail) => mail.to === email).map((mail) => mail.subject);
    expect(subjects(duos[0].contactPersons[0].email)).toEqual(
      expect.arrayContaining(['Toegelaten: Volle editie', 'Verplaatst: werkatelier 2 (Volle editie)']),
    );
    expect(subjects(duos[5].contactPersons[0].email)).toEqual(expect.arrayContaining(['Op de wachtlijst: Volle editie']));
    expect(subjects(duos[5].contactPersons[0].email)).not.toContain('Verplaatst: werkatelier 2 (Volle editie)');
    const movedTo = smtp.received.filter((mail) => mail.subject === 'Verplaatst: werkatelier 2 (Volle editie)').map((mail) => mail.to);
    expect(movedTo.sort()).toEqual(duos.slice(0, 5).flatMap((duo) => duo.contactPersons.map((person) => person.email)).sort());
    const moved = smtp.received.find((mail) => mail.subject.startsWith('Verplaatst'));
    expect(moved?.calendar).toContain('SEQUENCE:2');
    expect(moved?.calendar).toContain('DTSTART:20990627T080000Z');
    expect(moved?.raw.replace(/=\r\n/g, '')).toContain('27-06-2099, 10:00-13:00 uur');

    smtp.received.length = 0;
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: '2099-06-27', startTime: '10:00' }).expect(200);
    await tick(testApp);
    expect(smtp.received).toEqual([]);
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: '2099-06-27', startTime: '10:00', location: 'Amersfoort' }).expect(200);
    await tick(testApp);
    expect(smtp.received).toHaveLength(10);
    expect(smtp.received[0].calendar).toContain('SEQUENCE:3');
    expect(smtp.received[0].calendar).toContain('LOCATION:Amersfoort');
  });
});

describe('workshop reminders', () => {
  it('go out once, a week before, across restarts of the app, and are not lost when it stops first', async () => {
    const database = await createTestDatabase();
    const first = await startTestApp({ smtpUrl: smtp.url, database });
    const client = api(first, first.admin.token);
    const cohort = await client.cohort({ name: 'Editie met herinnering', registrationDeadline: daysFromToday(1) });
    const duo = await client.duo(cohort.id, 1);
    await client.post(`/api/duos/${duo.id}/admission`).expect(201);
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: daysFromToday(3), startTime: '13:30' }).expect(200);
    await client.http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: daysFromToday(30), startTime: '13:30' }).expect(200);
    expect(await tick(first)).toMatchObject({ reminders: 2 });
    await first.app.close();

    const second = await startTestApp({ smtpUrl: smtp.url, database });
    expect(await tick(second)).toMatchObject({ reminders: 0, sent: 0 });
    // Planning workshop 1 again as it is (a retried request) changes nothing and tells nobody anything.
    await api(second, second.admin.token).http.put(`/api/cohorts/${cohort.id}/workshops/1`).send({ date: daysFromToday(3), startTime: '13:30' }).expect(200);
    expect(await tick(second)).toMatchObject({ reminders: 0, sent: 0 });
    await api(second, second.admin.token).http.put(`/api/cohorts/${cohort.id}/workshops/2`).send({ date: daysFromToday(5), startTime: '13:30' }).expect(200);
    await second.app.close();

    const third = await startTestApp({ smtpUrl: smtp.url, database });
    expect(await tick(third)).toMatchObject({ reminders: 2 });
    expect(await tick(third)).toMatchObject({ reminders: 0, sent: 0 });
    await third.close();

    const reminders = smtp.received.filter((mail) => mail.subject.startsWith('Herinnering'));
    expect(reminders.map((mail) => mail.subject).sort()).toEqual([
      `Herinnering: werkatelier 1 op ${dutch(daysFromToday(3))} (Editie met herinnering)`,
      `Herinnering: werkatelier 1 op ${dutch(daysFromToday(3))} (Editie met herinnering)`,
      `Herinnering: werkatelier 2 op ${dutch(daysFromToday(5))} (Editie met herinnering)`,
      `Herinnering: werkatelier 2 op ${dutch(daysFromToday(5))} (Editie met herinnering)`,
    ]);
  });
});

function dutch(isoDate: string): string {
  return isoDate.split('-').reverse().join('-');
}
