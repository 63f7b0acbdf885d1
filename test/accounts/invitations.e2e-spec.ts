import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { aDuo, intake } from '../support/fixtures.js';
import { PASSWORD, type SignedInPerson } from '../support/test-app.js';

const app = useTestApp();
let adviser: SignedInPerson;
let cohortId: string;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  cohortId = (await app.client.as(adviser).cohort()).id;
});

const accept = (token: string, password = PASSWORD) => app.client.as().post('/api/invitations/accept', { token, password });

describe("inviting a duo's contact persons", () => {
  it('gives a participant who sees their own duo, and nothing of another', async () => {
    const asAdviser = app.client.as(adviser);
    const duo = await asAdviser.duo(cohortId, 1);
    const other = await asAdviser.duo(cohortId, 2);
    const invited = await asAdviser.post(`/api/duos/${duo.id}/invitations`, { email: aDuo(1).contactPersons[1].email.toUpperCase() }).expect(201);
    expect(invited.body.account).toMatchObject({ role: 'participant', duoId: duo.id, side: 'provider', status: 'invited', name: 'Joris Bakker 1' });
    expect(invited.body.invitation.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/uitnodiging\?token=[\w-]{43}$/);

    expect((await accept(invited.body.invitation.token).expect(201)).body.status).toBe('active');
    const session = await app.client.as().post('/api/auth/sign-in', { email: aDuo(1).contactPersons[1].email, password: PASSWORD }).expect(200);
    const participant = app.client.as({ token: session.body.token });
    expect((await participant.get(`/api/duos/${duo.id}/next-step`).expect(200)).body.next.event).toBe('ADMIT');
    await participant.get(`/api/duos/${other.id}`).expect(404);
    await participant.post(`/api/duos/${duo.id}/intake`, intake).expect(403);
    await participant.get('/api/cohorts').expect(403);
  });

  it('refuses someone who is not a contact person of the duo', async () => {
    const duo = await app.client.as(adviser).duo(cohortId, 3);
    const refused = await app.client.as(adviser).post(`/api/duos/${duo.id}/invitations`, { email: 'vreemde@example.org' }).expect(422);
    expect(refused.body.code).toBe('NOT_A_CONTACT_PERSON');
  });
});

describe('an invitation link', () => {
  async function invite(n: number) {
    return (await app.client.post('/api/accounts', { name: `Collega ${n}`, email: `collega${n}@adviesbureau.example`, role: 'adviser' }).expect(201)).body;
  }

  it('works once', async () => {
    const { invitation } = await invite(1);
    await accept(invitation.token).expect(201);
    expect((await accept(invitation.token).expect(422)).body.code).toBe('INVITATION_USED');
  });

  it('expires', async () => {
    const { account, invitation } = await invite(2);
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(167 * 3_600_000);
    await app.testApp.app.get(DataSource).query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE account_id = $1", [account.id]);
    expect((await accept(invitation.token).expect(422)).body.code).toBe('INVITATION_EXPIRED');
  });

  it('is replaced when the person is invited again', async () => {
    const first = await invite(3);
    const second = await invite(3);
    expect(second.account.id).toBe(first.account.id);
    expect((await accept(first.invitation.token).expect(422)).body.code).toBe('INVITATION_EXPIRED');
    await accept(second.invitation.token).expect(201);
  });

  it('is unknown when made up', async () => {
    expect((await accept('a'.repeat(43)).expect(404)).body.code).toBe('INVITATION_NOT_FOUND');
  });
});

describe('accounts', () => {
  it('have one e-mail address each, whatever its case', async () => {
    const taken = await app.client.post('/api/accounts', { name: 'Dubbel', email: adviser.email.toUpperCase(), role: 'admin' }).expect(409);
    expect(taken.body.code).toBe('ACCOUNT_ALREADY_EXISTS');
  });

  it('are listed for admins with their status, never their password', async () => {
    const listed = await app.client.get('/api/accounts').expect(200);
    expect(listed.body.find((account: { id: string }) => account.id === adviser.id)).toEqual({
      id: adviser.id,
      name: adviser.name,
      email: adviser.email,
      role: 'adviser',
      duoId: null,
      side: null,
      status: 'active',
      createdAt: expect.any(String),
    });
  });
});

describe('advisers and their cohorts', () => {
  it('see the cohorts they are assigned to, and can assign a colleague', async () => {
    const colleague = await app.client.staff('adviser', 2);
    expect((await app.client.as(colleague).get('/api/cohorts').expect(200)).body).toEqual([]);
    await app.client.as(colleague).get(`/api/cohorts/${cohortId}`).expect(404);

    const advisers = await app.client.as(adviser).post(`/api/cohorts/${cohortId}/advisers`, { accountId: colleague.id }).expect(201);
    expect(advisers.body.map((a: { id: string }) => a.id)).toEqual([adviser.id, colleague.id]);
    expect((await app.client.as(colleague).get('/api/cohorts').expect(200)).body.map((c: { id: string }) => c.id)).toEqual([cohortId]);
  });

  it('cannot assign someone who is not an adviser', async () => {
    const refused = await app.client.as(adviser).post(`/api/cohorts/${cohortId}/advisers`, { accountId: app.testApp.admin.id }).expect(422);
    expect(refused.body.code).toBe('NOT_AN_ADVISER');
  });
});

describe('the audit trail', () => {
  it('records who made each change outside the trajectory, and the event log records who changed a duo', async () => {
    const asAdviser = app.client.as(adviser);
    const cohort = await asAdviser.cohort({ name: 'Editie voor de audit' });
    const duo = await asAdviser.duo(cohort.id, 9);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const invited = await asAdviser.post(`/api/duos/${duo.id}/invitations`, { email: aDuo(9).contactPersons[0].email }).expect(201);
    await accept(invited.body.invitation.token).expect(201);
    await app.client.http.patch(`/api/accounts/${invited.body.account.id}`).send({ disabled: true }).expect(200);

    const cohortTrail = await app.client.get(`/api/audit-log?subjectType=cohort&subjectId=${cohort.id}`).expect(200);
    expect(cohortTrail.body).toEqual([
      expect.objectContaining({ action: 'cohort.created', actorId: adviser.id, actorName: adviser.name, details: { name: 'Editie voor de audit' } }),
    ]);
    const accountTrail = await app.client.get(`/api/audit-log?subjectType=account&subjectId=${invited.body.account.id}`).expect(200);
    expect(accountTrail.body.map((r: { action: string; actorId: string }) => [r.action, r.actorId])).toEqual([
      ['account.disabled', app.testApp.admin.id],
      ['account.activated', invited.body.account.id],
      ['account.invited', adviser.id],
    ]);
    const history = (await asAdviser.get(`/api/duos/${duo.id}`).expect(200)).body.history;
    expect(history.map((e: { type: string; actorId: string; actor: string }) => [e.type, e.actorId, e.actor])).toEqual([
      ['REGISTERED', adviser.id, adviser.name],
      ['ADMIT', adviser.id, adviser.name],
    ]);
  });
});
