import { AccountsService } from '../../src/accounts/accounts.service.js';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service.js';
import { newSecretToken } from '../../src/auth/tokens.js';
import { useTestApp } from '../support/api.js';
import { aDuo, aPublicForm, daysFromToday, figures, improvementActions, intake } from '../support/fixtures.js';
import { dagbestedingMeeting, transitiearena2016 } from '../support/meetings.js';
import { PASSWORD, type SignedInPerson } from '../support/test-app.js';

/**
 * Who may call what: every route of the API (read from the OpenAPI document the code
 * generates) for six callers. A route missing from EXPECTED fails the first test.
 */
const CALLERS = ['admin', 'adviserOfCohort', 'adviserOfOtherCohort', 'participantOfDuo', 'participantOfOtherDuo', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
/** 'pass': the guard lets the request through (whatever the service then answers, short of 401/403/404). */
type Outcome = 'pass' | 401 | 403 | 404;
type Row = Record<Caller, Outcome>;

const row = (...outcomes: Outcome[]): Row => Object.fromEntries(CALLERS.map((caller, i) => [caller, outcomes[i]])) as Row;
const everyone = row('pass', 'pass', 'pass', 'pass', 'pass', 'pass');
const signedIn = row('pass', 'pass', 'pass', 'pass', 'pass', 401);
const admins = row('pass', 403, 403, 403, 403, 401);
const staff = row('pass', 'pass', 'pass', 403, 403, 401);
const cohortStaff = row('pass', 'pass', 404, 403, 403, 401);
const duoStaff = row('pass', 'pass', 404, 403, 403, 401);
const duoMembers = row('pass', 'pass', 404, 'pass', 404, 401);
/** The duo's evidence is kept by its participants and the advisers of its cohort; admins read it as outsiders. */
const duoTeam = row(403, 'pass', 404, 'pass', 404, 401);
const duoAdvisers = row(403, 'pass', 404, 403, 403, 401);
/** An adviser's own work across their cohorts: not for admins or participants. */
const advisers = row(403, 'pass', 'pass', 403, 403, 401);

const EXPECTED: Record<string, Row> = {
  'GET /health': everyone,
  'GET /api/programmes': everyone,
  'POST /api/auth/sign-in': everyone,
  'POST /api/invitations/accept': everyone,
  'POST /api/auth/password-reset': everyone,
  'POST /api/auth/password-reset/confirm': everyone,
  'GET /api/cohorts/{id}/registration': everyone,
  'POST /api/cohorts/{id}/registrations': everyone,
  'POST /api/auth/sign-out': signedIn,
  'GET /api/accounts/me': signedIn,
  'GET /api/accounts': admins,
  'GET /api/accounts/{id}': admins,
  'POST /api/accounts': admins,
  'PATCH /api/accounts/{id}': admins,
  'GET /api/audit-log': admins,
  // Without a body or query the admin's call stops at validation (400): nobody is erased by the matrix.
  'GET /api/people': admins,
  'GET /api/people/export': admins,
  'POST /api/people/erase': admins,
  'GET /api/cohorts': staff,
  'GET /api/me/work': advisers,
  // Made before it is revoked, so that each adviser has one to revoke.
  'POST /api/me/agenda-feed': advisers,
  'DELETE /api/me/agenda-feed': advisers,
  'POST /api/cohorts': staff,
  'GET /api/cohorts/{id}': cohortStaff,
  'GET /api/cohorts/{id}/advisers': cohortStaff,
  'POST /api/cohorts/{id}/advisers': cohortStaff,
  'GET /api/cohorts/{id}/duos': cohortStaff,
  'POST /api/cohorts/{id}/duos': cohortStaff,
  'POST /api/cohorts/{id}/duo-imports': cohortStaff,
  'POST /api/cohorts/{id}/admissions': cohortStaff,
  'POST /api/cohorts/{id}/sessions/{kind}/held': cohortStaff,
  'GET /api/cohorts/{id}/sessions': cohortStaff,
  'GET /api/cohorts/{id}/attendance': cohortStaff,
  'POST /api/cohorts/{id}/workshops/{workshop}/attendance': cohortStaff,
  'POST /api/duos/{id}/workshops/{workshop}/attendance-corrections': duoStaff,
  'PUT /api/cohorts/{id}/workshops/{workshop}': cohortStaff,
  'PATCH /api/cohorts/{id}': cohortStaff,
  'PUT /api/cohorts/{id}/sessions/{kind}': cohortStaff,
  'POST /api/cohorts/{id}/sessions/{kind}/attendance': cohortStaff,
  'GET /api/duos/{id}/sessions': duoMembers,
  'POST /api/duos/{id}/sessions': duoStaff,
  'PUT /api/duos/{id}/sessions/{sessionId}': duoStaff,
  'GET /api/duos/{id}': duoMembers,
  'GET /api/duos/{id}/next-step': duoMembers,
  // The inquiry: the adviser records, the municipality's contact persons read it and add initiatives.
  'GET /api/duos/{id}/inquiry': duoMembers,
  'POST /api/duos/{id}/surveys': duoStaff,
  'POST /api/duos/{id}/interviews': duoStaff,
  'POST /api/duos/{id}/focus-groups': duoStaff,
  'POST /api/duos/{id}/initiatives': duoMembers,
  'POST /api/duos/{id}/plan-documents': duoStaff,
  'POST /api/duos/{id}/plan-documents/{documentId}/file': duoStaff,
  'GET /api/duos/{id}/plan-documents/{documentId}/file': duoMembers,
  // Taking a record out again is for staff only, as recording surveys is (contact persons add initiatives, they do not remove them).
  'DELETE /api/duos/{id}/surveys/{recordId}': duoStaff,
  'DELETE /api/duos/{id}/interviews/{recordId}': duoStaff,
  'DELETE /api/duos/{id}/focus-groups/{recordId}': duoStaff,
  'DELETE /api/duos/{id}/initiatives/{recordId}': duoStaff,
  'GET /api/duos/{id}/inquiry-report': duoMembers,
  'GET /api/duos/{id}/inquiry-report/print': duoMembers,
  'GET /api/duos/{id}/inquiry-report/spreadsheet': duoMembers,
  // Before the trajectory rows below: those withdraw the duo, and a withdrawn duo keeps no evidence.
  'GET /api/duos/{id}/cycles': duoMembers,
  'PUT /api/duos/{id}/cycles/{cycle}/improvement-actions': duoTeam,
  'POST /api/duos/{id}/cycles/{cycle}/closure': duoAdvisers,
  'GET /api/duos/{id}/evidence': duoMembers,
  'POST /api/duos/{id}/evidence': duoTeam,
  'GET /api/duos/{id}/evidence/{evidenceId}': duoMembers,
  'PUT /api/duos/{id}/evidence/{evidenceId}': duoTeam,
  'DELETE /api/duos/{id}/evidence/{evidenceId}': duoTeam,
  'POST /api/duos/{id}/evidence/{evidenceId}/restoration': duoAdvisers,
  'PUT /api/duos/{id}/evidence/{evidenceId}/publication': duoAdvisers,
  'POST /api/duos/{id}/evidence/{evidenceId}/attachments': duoTeam,
  'GET /api/duos/{id}/evidence/{evidenceId}/attachments/{attachmentId}': duoMembers,
  'DELETE /api/duos/{id}/evidence/{evidenceId}/attachments/{attachmentId}': duoTeam,
  'GET /api/duos/{id}/report': duoMembers,
  'GET /api/duos/{id}/report/print': duoMembers,
  'GET /api/duos/{id}/cycles/{cycle}/frozen-report': duoMembers,
  'GET /api/duos/{id}/cycles/{cycle}/frozen-report/comparison': duoMembers,
  'PUT /api/duos/{id}/publication-consent': duoStaff,
  'GET /api/cohorts/{id}/report': cohortStaff,
  'GET /api/cohorts/{id}/report/spreadsheet': cohortStaff,
  'GET /api/cohorts/{id}/report/csv/{table}': cohortStaff,
  'GET /api/cohorts/{id}/report/print': cohortStaff,
  'POST /api/duos/{id}/invitations': duoStaff,
  'GET /api/duos/{id}/contact-persons': duoMembers,
  'POST /api/duos/{id}/contact-persons': duoStaff,
  // A participant edits their own entry only: the matrix's is the participant's own (contactPersons[0]).
  'PUT /api/duos/{id}/contact-persons/{personId}': duoMembers,
  // The municipality's only person: let through, then refused by the last-person rule (422), and nobody is removed.
  'DELETE /api/duos/{id}/contact-persons/{personId}': duoStaff,
  'POST /api/duos/{id}/admission': duoStaff,
  'POST /api/duos/{id}/waiting-list': duoStaff,
  'POST /api/duos/{id}/intake': duoStaff,
  'POST /api/duos/{id}/sessions/{kind}/held': duoStaff,
  'POST /api/duos/{id}/sessions/{kind}/attendance': duoStaff,
  'POST /api/duos/{id}/sessions/{kind}/attendance-corrections': duoStaff,
  'POST /api/duos/{id}/workshops/{workshop}/attendance': duoStaff,
  'POST /api/duos/{id}/advisory-meetings': duoStaff,
  'POST /api/duos/{id}/completion': duoStaff,
  'POST /api/duos/{id}/withdrawal': duoStaff,
  // Open meetings: any admin or adviser sets them up; anyone reads them and registers.
  'POST /api/meeting-series': staff,
  'GET /api/meeting-series': staff,
  'GET /api/meeting-series/{id}': everyone,
  'PATCH /api/meeting-series/{id}': staff,
  'POST /api/meeting-series/{id}/meetings': staff,
  'POST /api/meeting-series/{id}/meetings/copy': staff,
  'GET /api/meetings/{id}': everyone,
  'PATCH /api/meetings/{id}': staff,
  'POST /api/meetings/{id}/calling-off': staff,
  'POST /api/meetings/{id}/attachments': staff,
  'GET /api/meetings/{id}/downloads/{downloadId}': everyone,
  'DELETE /api/meetings/{id}/downloads/{downloadId}': staff,
  // Without a body the registration stops at validation (400): nobody registers through the matrix.
  'GET /api/meetings/{id}/registration-form': everyone,
  'POST /api/meetings/{id}/registrations': everyone,
  'POST /api/meeting-registrations/cancellation': everyone,
  // Without a token these stop at validation (400): nobody's data is read or erased by the matrix.
  'POST /api/meeting-registrations/personal-data': everyone,
  'POST /api/meeting-registrations/erasure': everyone,
  'GET /api/meetings/{id}/registrations': staff,
  'GET /api/meetings/{id}/registrations/export': staff,
  'PUT /api/meetings/{id}/attendance': staff,
  'GET /api/meetings/{id}/report': staff,
  'GET /api/meeting-series/{id}/report': staff,
};

const app = useTestApp();
const people = {} as Record<Exclude<Caller, 'anonymous'>, SignedInPerson>;
let cohortId: string;
let duoId: string;
let target: SignedInPerson;
let sessionId: string;
let contactPerson: { id: string; name: string; email: string };
let serial = 100;
let seriesId: string;
let meetingId: string;
let downloadId: string;
const intakeSession = { kind: 'intake', date: '2099-04-10', startTime: '10:00', location: 'Stadskantoor', adviser: 'A' };

beforeAll(async () => {
  const admin = app.client;
  people.admin = app.testApp.admin;
  people.adviserOfCohort = await admin.staff('adviser', 1);
  people.adviserOfOtherCohort = await admin.staff('adviser', 2);
  target = await admin.staff('adviser', 3);
  cohortId = (await admin.as(people.adviserOfCohort).cohort()).id;
  const otherCohortId = (await admin.as(people.adviserOfOtherCohort).cohort()).id;
  const duo = await admin.as(people.adviserOfCohort).duo(cohortId, 1);
  const otherDuo = await admin.as(people.adviserOfOtherCohort).duo(otherCohortId, 2);
  duoId = duo.id;
  contactPerson = duo.contactPersons[0];
  sessionId = (await admin.post(`/api/duos/${duo.id}/sessions`, intakeSession).expect(201)).body.id;
  people.participantOfDuo = await admin.as(people.adviserOfCohort).participant(duo.id, duo.contactPersons[0].email);
  people.participantOfOtherDuo = await admin.as(people.adviserOfOtherCohort).participant(otherDuo.id, otherDuo.contactPersons[0].email);
  await admin.post(`/api/duos/${duo.id}/admission`).expect(201);
  // A closed cycle 1, so that its frozen report exists; evidence recorded below goes into cycle 2.
  const adviser = admin.as(people.adviserOfCohort);
  for (const step of [1, 2, 3, 4, 5, 6]) await adviser.post(`/api/duos/${duo.id}/evidence`, figures(step)).expect(201);
  await adviser.put(`/api/duos/${duo.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
  await adviser.post(`/api/duos/${duo.id}/cycles/1/closure`).expect(201);
  seriesId = (await admin.post('/api/meeting-series', transitiearena2016()).expect(201)).body.id;
  meetingId = (await admin.post(`/api/meeting-series/${seriesId}/meetings`, dagbestedingMeeting('2099-09-23', '2099-09-16')).expect(201)).body.id;
  const withDownload = await admin.http.post(`/api/meetings/${meetingId}/attachments?fileName=uitnodiging.pdf`).set('content-type', 'application/pdf').send(PDF).expect(201);
  downloadId = withDownload.body.downloads[0].id;
});

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** Evidence of the duo with an attachment, new for each request: a deletion by one caller must not change what the next one finds. */
/** A download of its own for each request that takes one away, so that the others still find theirs. */
async function freshDownload(): Promise<string> {
  const added = await app.client.http.post(`/api/meetings/${meetingId}/attachments?fileName=uitnodiging.pdf`).set('content-type', 'application/pdf').send(PDF).expect(201);
  return added.body.downloads.at(-1).id;
}

/** A meeting of its own for each request that calls one off, so that the others still find theirs taking place. */
async function freshMeeting(): Promise<string> {
  return (await app.client.post(`/api/meeting-series/${seriesId}/meetings`, dagbestedingMeeting('2099-10-21', '2099-10-14')).expect(201)).body.id;
}

async function freshEvidence(): Promise<{ evidenceId: string; attachmentId: string }> {
  const adviser = app.client.as(people.adviserOfCohort);
  const evidence = await adviser.post(`/api/duos/${duoId}/evidence`, figures(1)).expect(201);
  const attached = await adviser.http
    .post(`/api/duos/${duoId}/evidence/${evidence.body.id}/attachments?fileName=cijfers.csv`)
    .set('content-type', 'text/csv')
    .send('week;bezoekers\n1;120\n')
    .expect(201);
  return { evidenceId: evidence.body.id, attachmentId: attached.body.attachments[0].id };
}

/** A request each route would accept from someone allowed to make it. */
async function requestFor(route: string): Promise<{ path: string; body?: object }> {
  const [, template] = route.split(' ');
  const { evidenceId, attachmentId } = template.includes('{evidenceId}') ? await freshEvidence() : { evidenceId: '', attachmentId: '' };
  const path = template
    .replace('/api/cohorts/{id}', `/api/cohorts/${cohortId}`)
    .replace('/api/duos/{id}', `/api/duos/${duoId}`)
    .replace('/api/accounts/{id}', `/api/accounts/${target.id}`)
    .replace('/api/meeting-series/{id}', `/api/meeting-series/${seriesId}`)
    .replace('/api/meetings/{id}', `/api/meetings/${template.endsWith('/calling-off') ? await freshMeeting() : meetingId}`)
    .replace('{downloadId}', route.startsWith('DELETE ') && template.includes('{downloadId}') ? await freshDownload() : downloadId)
    .replace('/registrations/export', '/registrations/export?format=csv')
    .replace('{workshop}', '1')
    .replace('{kind}', template.endsWith('/held') ? 'advisoryMeeting' : 'workshop1')
    .replace('{sessionId}', sessionId)
    .replace('{personId}', contactPerson.id)
    .replace('{evidenceId}', evidenceId)
    .replace('{attachmentId}', attachmentId)
    .replace('{cycle}', '1')
    .replace('{table}', 'duos');
  const bodies: Record<string, () => Promise<object> | object> = {
    'POST /api/auth/sign-in': () => ({ email: target.email, password: PASSWORD }),
    'POST /api/invitations/accept': async () => {
      const invited = await app.testApp.app.get(AccountsService).inviteStaff(
        { name: 'Nieuw', email: `nieuw${serial++}@adviesbureau.example`, role: 'adviser' },
        app.testApp.admin.principal,
      );
      return { token: invited.invitation.token, password: PASSWORD };
    },
    'POST /api/auth/password-reset': () => ({ email: `niemand${serial++}@nergens.example` }),
    // An expired link: the guard lets it through, the service refuses it (422), and nobody's password changes.
    'POST /api/auth/password-reset/confirm': async () => {
      const { token, hash } = newSecretToken();
      await app.testApp.app.get(DataSource).query(
        "INSERT INTO password_resets (account_id, token_hash, expires_at) VALUES ($1, $2, now() - interval '1 minute')",
        [app.testApp.admin.id, hash],
      );
      return { token, password: PASSWORD };
    },
    'POST /api/accounts': () => ({ name: 'Collega', email: `collega${serial++}@adviesbureau.example`, role: 'adviser' }),
    'PATCH /api/accounts/{id}': () => ({ disabled: false }),
    'POST /api/cohorts': () => ({ name: 'Editie', registrationDeadline: '2099-03-31', capacity: 6 }),
    'POST /api/cohorts/{id}/advisers': () => ({ accountId: people.adviserOfCohort.id }),
    'POST /api/cohorts/{id}/duos': () => aDuo(serial++),
    'POST /api/cohorts/{id}/registrations': () => aPublicForm(serial++),
    // The duo is admitted already: the adviser is let through and refused by the trajectory (422), and nothing changes.
    'POST /api/cohorts/{id}/admissions': () => ({ duoIds: [duoId] }),
    'POST /api/cohorts/{id}/sessions/{kind}/held': () => ({ heldOn: daysFromToday(0), adviser: 'A', duoIds: [duoId] }),
    'POST /api/duos/{id}/invitations': () => ({ email: aDuo(1).contactPersons[1].email }),
    'POST /api/duos/{id}/contact-persons': () => ({ side: 'provider', name: 'Extra', email: `extra${serial++}@buurtwerk.example` }),
    'PUT /api/duos/{id}/contact-persons/{personId}': () => ({ name: contactPerson.name, email: contactPerson.email }),
    'POST /api/duos/{id}/intake': () => intake,
    'POST /api/duos/{id}/workshops/{workshop}/attendance': () => ({ municipality: { status: 'present' }, provider: { status: 'present' } }),
    'POST /api/duos/{id}/advisory-meetings': () => ({ heldOn: daysFromToday(0), adviser: 'A' }),
    'POST /api/duos/{id}/sessions/{kind}/held': () => ({ heldOn: daysFromToday(0), adviser: 'A' }),
    'POST /api/duos/{id}/sessions/{kind}/attendance': () => ({ municipality: { status: 'present' }, provider: { status: 'present' } }),
    'POST /api/duos/{id}/sessions/{kind}/attendance-corrections': () => ({ municipality: { status: 'present' }, provider: { status: 'present' }, reason: 'r' }),
    'PUT /api/cohorts/{id}/sessions/{kind}': () => ({ date: '2099-05-14', startTime: '13:30' }),
    'PATCH /api/cohorts/{id}': () => ({ description: `Bijgewerkt ${serial++}` }),
    'POST /api/cohorts/{id}/sessions/{kind}/attendance': () => ({ duos: [{ duoId, municipality: { status: 'present' }, provider: { status: 'present' } }] }),
    'POST /api/duos/{id}/withdrawal': () => ({ reason: 'Matrix' }),
    'PUT /api/cohorts/{id}/workshops/{workshop}': () => ({ date: '2099-05-14', startTime: '13:30' }),
    'POST /api/cohorts/{id}/workshops/{workshop}/attendance': () => ({ duos: [{ duoId, municipality: { status: 'present' }, provider: { status: 'present' } }] }),
    'POST /api/duos/{id}/workshops/{workshop}/attendance-corrections': () => ({ municipality: { status: 'present' }, provider: { status: 'present' }, reason: 'r' }),
    'POST /api/duos/{id}/sessions': () => intakeSession,
    'PUT /api/duos/{id}/sessions/{sessionId}': () => intakeSession,
    'PUT /api/duos/{id}/cycles/{cycle}/improvement-actions': () => improvementActions,
    'POST /api/duos/{id}/evidence': () => figures(2),
    'PUT /api/duos/{id}/publication-consent': () => ({ namedInPublications: true }),
    'PUT /api/duos/{id}/evidence/{evidenceId}': () => figures(1),
    'PUT /api/duos/{id}/evidence/{evidenceId}/publication': () => ({ publishable: false }),
    'POST /api/meeting-series': () => transitiearena2016(),
    'PATCH /api/meeting-series/{id}': () => ({ description: `Bijgewerkt ${serial++}` }),
    'POST /api/meeting-series/{id}/meetings': () => dagbestedingMeeting('2099-11-25', '2099-11-18'),
    'PATCH /api/meetings/{id}': () => ({ theme: `Thema ${serial++}` }),
    'POST /api/meetings/{id}/calling-off': () => ({ reason: 'De spreker is ziek.' }),
    'PUT /api/meetings/{id}/attendance': () => ({ attended: [] }),
  };
  return { path, body: await bodies[route]?.() };
}

/** Sign-out ends the session it is sent with, so every call gets a session of its own. */
async function tokenOf(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  return (await app.testApp.app.get(AuthService).signIn(people[caller].email, PASSWORD, '10.0.0.1')).token;
}

it('has an expectation for every route of the API, and every route has an access rule', async () => {
  const document = (await app.client.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, object>> };
  const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  expect(routes.sort()).toEqual(Object.keys(EXPECTED).sort());
  const undocumented = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).filter(([, operation]) => !('x-access' in operation)).map(([method]) => `${method} ${path}`),
  );
  expect(undocumented).toEqual([]);
});

const cells = Object.entries(EXPECTED).flatMap(([route, outcomes]) => CALLERS.map((caller) => [route, caller, outcomes[caller]] as const));

it.each(cells)('%s by %s: %s', async (route, caller, expected) => {
  const { path, body } = await requestFor(route);
  const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const token = await tokenOf(caller);
  const response = await app.client.as(token ? { token } : undefined).http[method](path).send(body);
  if (expected === 'pass') {
    expect([401, 403, 404]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
  } else {
    expect(response.status).toBe(expected);
    if (expected === 404) expect(['COHORT_NOT_FOUND', 'DUO_NOT_FOUND']).toContain(response.body.code);
  }
});

it('answers a participant asking for another duo exactly as for a duo that does not exist', async () => {
  const otherParticipant = app.client.as(people.participantOfOtherDuo);
  const hidden = await otherParticipant.get(`/api/duos/${duoId}`).expect(404);
  const missing = await otherParticipant.get('/api/duos/7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11').expect(404);
  const strip = (body: Record<string, string>, id: string) => ({ ...body, detail: body.detail.replace(id, '<id>'), instance: undefined, requestId: undefined });
  expect(strip(hidden.body, duoId)).toEqual(strip(missing.body, '7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11'));
});
