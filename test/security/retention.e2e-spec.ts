import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashToken } from '../../src/auth/tokens.js';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { aCohort, aPublicForm } from '../support/fixtures.js';
import { useTestApp } from '../support/api.js';
import { PASSWORD } from '../support/test-app.js';

/**
 * The scheduler's retention round, with the default settings: stored Idempotency-Key responses
 * for 48 hours, ended sessions for 30 days, failed sign-ins for the throttle window (15 minutes),
 * the text of delivered messages for 30 days. Older rows are gone after a round; newer ones stay.
 */
const app = useTestApp();
const db = () => app.testApp.app.get(DataSource);
const tick = () => app.testApp.app.get(Scheduler).tick();

describe('the retention round', () => {
  it('deletes stored responses to Idempotency-Keys after 48 hours, and replays a newer one as before', async () => {
    const adviser = app.client.as(await app.client.staff('adviser', 1));
    const old = await adviser.post('/api/cohorts', aCohort({ name: 'Oud' }), { 'idempotency-key': 'oud' }).expect(201);
    const recent = await adviser.post('/api/cohorts', aCohort({ name: 'Recent' }), { 'idempotency-key': 'recent' }).expect(201);
    await db().query("UPDATE idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = 'oud'");
    await db().query("UPDATE idempotency_keys SET created_at = now() - interval '47 hours' WHERE key = 'recent'");

    expect((await tick()).pruned).toMatchObject({ idempotencyKeys: 1 });

    expect(await db().query('SELECT key FROM idempotency_keys ORDER BY key')).toEqual([{ key: 'recent' }]);
    const replayed = await adviser.post('/api/cohorts', aCohort({ name: 'Recent' }), { 'idempotency-key': 'recent' }).expect(201);
    expect(replayed.body).toEqual(recent.body);
    const retriedTooLate = await adviser.post('/api/cohorts', aCohort({ name: 'Oud' }), { 'idempotency-key': 'oud' }).expect(201);
    expect(retriedTooLate.body.id).not.toBe(old.body.id);
  });

  it('deletes sessions 30 days after they ended, and keeps newer and running ones', async () => {
    const adviser = await app.client.staff('adviser', 2);
    const signIn = async () => (await request(app.testApp.app.getHttpServer()).post('/api/auth/sign-in').send({ email: adviser.email, password: PASSWORD }).expect(200)).body.token;
    const [expiredLongAgo, revokedLongAgo, expiredRecently] = [await signIn(), await signIn(), await signIn()];
    const age = (token: string, column: string, interval: string) =>
      db().query(`UPDATE sessions SET ${column} = now() - $2::interval WHERE token_hash = $1`, [hashToken(token), interval]);
    await age(expiredLongAgo, 'expires_at', '31 days');
    await age(revokedLongAgo, 'revoked_at', '31 days');
    await age(expiredRecently, 'expires_at', '29 days');

    await tick();

    const left = await db().query('SELECT token_hash FROM sessions WHERE account_id = $1', [adviser.id]);
    expect(left.map((row: { token_hash: string }) => row.token_hash).sort()).toEqual([hashToken(adviser.token), hashToken(expiredRecently)].sort());
    await app.client.as(adviser).get('/api/accounts/me').expect(200);
  });

  it('deletes failed sign-ins once they leave the throttle window', async () => {
    const signInWrong = (email: string) => request(app.testApp.app.getHttpServer()).post('/api/auth/sign-in').send({ email, password: 'fout' }).expect(401);
    await signInWrong('oud@example.org');
    await signInWrong('recent@example.org');
    await db().query("UPDATE sign_in_failures SET failed_at = now() - interval '16 minutes' WHERE email = 'oud@example.org'");

    await tick();

    expect(await db().query('SELECT email FROM sign_in_failures')).toEqual([{ email: 'recent@example.org' }]);
  });

  it('deletes known devices that expired', async () => {
    const adviser = await app.client.staff('adviser', 3);
    const browserSignIn = () =>
      request(app.testApp.app.getHttpServer())
        .post('/inloggen')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams({ email: adviser.email, password: PASSWORD }).toString())
        .expect(303);
    await browserSignIn();
    await browserSignIn();
    await db().query(
      "UPDATE known_devices SET expires_at = now() - interval '1 second' WHERE id = (SELECT id FROM known_devices WHERE account_id = $1 ORDER BY created_at LIMIT 1)",
      [adviser.id],
    );

    await tick();

    expect(await db().query('SELECT count(*)::int AS n FROM known_devices WHERE account_id = $1', [adviser.id])).toEqual([{ n: 1 }]);
  });

  it('empties the text of messages delivered more than 30 days ago, and keeps the record that they were sent', async () => {
    const cohort = await app.client.cohort();
    await request(app.testApp.app.getHttpServer()).post(`/api/cohorts/${cohort.id}/registrations`).send(aPublicForm(1)).expect(201);
    expect((await tick()).sent).toBeGreaterThan(0);
    const delivered = await db().query("SELECT id FROM outbox WHERE sent_at IS NOT NULL AND kind = 'registration_received' ORDER BY recipient_email");
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    await db().query("UPDATE outbox SET sent_at = now() - interval '31 days' WHERE id = $1", [delivered[0].id]);
    await db().query("UPDATE outbox SET sent_at = now() - interval '29 days' WHERE id = $1", [delivered[1].id]);

    await tick();

    const [old] = await db().query('SELECT kind, recipient_email, subject, body, calendar, sent_at FROM outbox WHERE id = $1', [delivered[0].id]);
    expect(old).toMatchObject({ kind: 'registration_received', body: '', calendar: null, sent_at: expect.any(Date) });
    expect(old.subject).not.toBe('');
    const [recent] = await db().query('SELECT body FROM outbox WHERE id = $1', [delivered[1].id]);
    expect(recent.body).not.toBe('');
  });
});
