import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api } from '../support/api.js';
import { startSmtpServer, textOf, type ReceivedMail } from '../support/smtp-test-server.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let testApp: TestApp;
beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ smtpUrl: smtp.url });
  await deliver(); // the first admin's invitation
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  // Each test asks for links from the same client address: its own count.
  await db().query('DELETE FROM password_reset_requests');
});

const db = () => testApp.app.get(DataSource);
const client = () => api(testApp, testApp.admin.token);
const anonymous = () => api(testApp);
/** Runs the scheduler's round: the outbox goes to the SMTP server. */
const deliver = () => testApp.app.get(Scheduler).tick();

function mailsTo(email: string): ReceivedMail[] {
  return smtp.received.filter((mail) => mail.to === email.toLowerCase() || mail.to === email);
}

/** The token of the link to PATH in the one mail to EMAIL. */
function tokenMailedTo(email: string, path: '/uitnodiging' | '/wachtwoord-herstellen'): string {
  const mails = mailsTo(email).filter((mail) => textOf(mail).includes(`${path}?token=`));
  expect(mails).toHaveLength(1);
  const link = new RegExp(`http://127\\.0\\.0\\.1:3000${path}\\?token=([\\w-]{43})`).exec(textOf(mails[0]));
  expect(link).not.toBeNull();
  return link![1];
}

let staffCount = 0;
async function inviteStaff() {
  staffCount += 1;
  const email = `collega${staffCount}@adviesbureau.example`;
  const invited = await client().post('/api/accounts', { name: `Collega ${staffCount}`, email, role: 'adviser' }).expect(201);
  return { email, invited: invited.body };
}

describe('invitations by e-mail', () => {
  it('mail an adviser the same single-use link the admin sees once, and keep the link nowhere once delivered', async () => {
    const { email, invited } = await inviteStaff();
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0 });
    expect(mailsTo(email)[0].subject).toBe('Uitnodiging voor Trajectkompas');
    expect(tokenMailedTo(email, '/uitnodiging')).toBe(invited.invitation.token);
    expect(textOf(mailsTo(email)[0])).toContain('Beste Collega');
    const [stored] = await db().query("SELECT body, sent_at FROM outbox WHERE kind = 'invitation' AND recipient_email = $1", [email]);
    expect(stored).toMatchObject({ body: '', sent_at: expect.any(Date) });
    await anonymous().post('/api/invitations/accept', { token: tokenMailedTo(email, '/uitnodiging'), password: PASSWORD }).expect(201);
  });

  it("mail a duo's contact person their invitation", async () => {
    const cohort = await client().cohort();
    const duo = await client().duo(cohort.id, 1);
    const person = duo.contactPersons[0];
    const invited = await client().post(`/api/duos/${duo.id}/invitations`, { email: person.email }).expect(201);
    await deliver();
    expect(tokenMailedTo(person.email, '/uitnodiging')).toBe(invited.body.invitation.token);
    expect(mailsTo(person.email).map((mail) => mail.subject)).toContain('Uitnodiging voor Trajectkompas');
  });

  it('send a new link when a pending person is invited again, and refuse the old one', async () => {
    const { email, invited } = await inviteStaff();
    await deliver();
    const first = tokenMailedTo(email, '/uitnodiging');
    smtp.received.length = 0;
    const again = await client().post('/api/accounts', { name: invited.account.name, email, role: 'adviser' }).expect(201);
    await deliver();
    const second = tokenMailedTo(email, '/uitnodiging');
    expect(second).toBe(again.body.invitation.token);
    expect(second).not.toBe(first);
    expect((await anonymous().post('/api/invitations/accept', { token: first, password: PASSWORD }).expect(422)).body.code).toBe('INVITATION_EXPIRED');
    await anonymous().post('/api/invitations/accept', { token: second, password: PASSWORD }).expect(201);
    // Active now: inviting again is refused, and nothing more is sent.
    smtp.received.length = 0;
    await client().post('/api/accounts', { name: invited.account.name, email, role: 'adviser' }).expect(409);
    expect(await deliver()).toMatchObject({ sent: 0 });
  });
});

/** An adviser who accepted their invitation and signed in; the invitation's mail is delivered and forgotten. */
async function activeAdviser(n: number) {
  const adviser = await client().staff('adviser', n);
  await deliver();
  smtp.received.length = 0;
  return adviser;
}

describe('wachtwoord vergeten', () => {
  const requestReset = (email: string) => anonymous().post('/api/auth/password-reset', { email });
  const confirm = (token: string, password = 'een heel nieuw wachtwoord') => anonymous().post('/api/auth/password-reset/confirm', { token, password });

  it('answer the same for a known and an unknown address, and mail only the account', async () => {
    const adviser = await activeAdviser(1);
    const known = await requestReset(adviser.email).expect(202);
    const unknown = await requestReset('niemand@nergens.example').expect(202);
    expect([unknown.status, unknown.text, unknown.headers['content-type']]).toEqual([known.status, known.text, known.headers['content-type']]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual([[adviser.email, 'Nieuw wachtwoord voor Trajectkompas']]);
  });

  it('set a new password once with the link, and end every session of the account', async () => {
    const adviser = await activeAdviser(2);
    await api(testApp, adviser.token).get('/api/accounts/me').expect(200);
    await requestReset(adviser.email.toUpperCase()).expect(202);
    await deliver();
    const token = tokenMailedTo(adviser.email, '/wachtwoord-herstellen');
    await confirm(token).expect(204);
    await api(testApp, adviser.token).get('/api/accounts/me').expect(401);
    await anonymous().post('/api/auth/sign-in', { email: adviser.email, password: PASSWORD }).expect(401);
    await anonymous().post('/api/auth/sign-in', { email: adviser.email, password: 'een heel nieuw wachtwoord' }).expect(200);
    expect((await confirm(token, 'nog een ander wachtwoord').expect(422)).body.code).toBe('PASSWORD_RESET_USED');
    expect((await confirm('x'.repeat(43)).expect(404)).body.code).toBe('PASSWORD_RESET_NOT_FOUND');
    const [stored] = await db().query('SELECT count(*)::int AS with_token FROM password_resets WHERE token_hash = $1', [token]);
    expect(stored.with_token).toBe(0);
  });

  it('lift the lockout of the account once its new password is set', async () => {
    const adviser = await activeAdviser(7);
    for (let guess = 0; guess < 5; guess++) await anonymous().post('/api/auth/sign-in', { email: adviser.email, password: `gok ${guess}` }).expect(401);
    await anonymous().post('/api/auth/sign-in', { email: adviser.email, password: PASSWORD }).expect(429);
    await requestReset(adviser.email).expect(202);
    await deliver();
    await confirm(tokenMailedTo(adviser.email, '/wachtwoord-herstellen')).expect(204);
    await anonymous().post('/api/auth/sign-in', { email: adviser.email, password: 'een heel nieuw wachtwoord' }).expect(200);
  });

  it('refuse an expired link and one a newer link replaced, and a password shorter than 12 characters', async () => {
    const adviser = await activeAdviser(3);
    await requestReset(adviser.email).expect(202);
    await deliver();
    const older = tokenMailedTo(adviser.email, '/wachtwoord-herstellen');
    smtp.received.length = 0;
    await requestReset(adviser.email).expect(202);
    await deliver();
    const newer = tokenMailedTo(adviser.email, '/wachtwoord-herstellen');
    expect((await confirm(older).expect(422)).body.code).toBe('PASSWORD_RESET_EXPIRED');
    expect((await confirm(newer, 'te kort').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await db().query("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    expect((await confirm(newer).expect(422)).body.code).toBe('PASSWORD_RESET_EXPIRED');
    await anonymous().post('/api/auth/sign-in', { email: adviser.email, password: PASSWORD }).expect(200);
  });

  it('send nothing to an account that is invited but not active, or blocked', async () => {
    const { email } = await inviteStaff();
    const blocked = await activeAdviser(4);
    await client().http.patch(`/api/accounts/${blocked.id}`).send({ disabled: true }).expect(200);
    await deliver();
    smtp.received.length = 0;
    await requestReset(email).expect(202);
    await requestReset(blocked.email).expect(202);
    expect(await deliver()).toMatchObject({ sent: 0 });
  });

  it('send nothing past the limit per address asked for, answering the same', async () => {
    const adviser = await activeAdviser(5);
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await requestReset(adviser.email).expect(202));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    await deliver();
    expect(mailsTo(adviser.email)).toHaveLength(3);
  });

  it('send nothing past the limit per client address, answering the same', async () => {
    const adviser = await activeAdviser(6);
    for (let n = 0; n < 10; n++) await requestReset(`onbekend${n}@nergens.example`).expect(202);
    await requestReset(adviser.email).expect(202);
    expect(await deliver()).toMatchObject({ sent: 0 });
    await db().query('DELETE FROM password_reset_requests');
    await requestReset(adviser.email).expect(202);
    expect(await deliver()).toMatchObject({ sent: 1 });
  });
});
