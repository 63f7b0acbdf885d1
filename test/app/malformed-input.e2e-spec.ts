import { DataSource } from 'typeorm';
import { aCohort, aDuo, aPublicForm, advisoryMeeting, bothPresent, figures, improvementActions, intake } from '../support/fixtures.js';
import { useTestApp } from '../support/api.js';
import type { SignedInPerson } from '../support/test-app.js';

const app = useTestApp();
let cohortId: string;
let duoId: string;
/** Evidence and cycles are kept by the cohort's advisers (admins get 403 before validation). */
let adviser: SignedInPerson;

beforeAll(async () => {
  cohortId = (await app.client.cohort()).id;
  duoId = (await app.client.duo(cohortId)).id;
  adviser = await app.client.staff('adviser');
  await app.client.post(`/api/cohorts/${cohortId}/advisers`, { accountId: adviser.id }).expect(201);
});

interface Case {
  name: string;
  path: () => string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** The field the error must name; absent for a body that cannot be read at all. */
  field?: string;
  /** Sent by an adviser of the cohort instead of the admin. */
  byAdviser?: boolean;
}

const notAUuid = 'duo-1';
const SOME_ID = '7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11';
const workshop1 = { date: '2019-05-14', startTime: '13:30', location: 'Utrecht' };
const intakeSession = { kind: 'intake', date: '2019-04-10', startTime: '10:00', location: 'Stadskantoor', adviser: 'Adviseur Jansen' };
const series = { kind: 'transitiearena', name: 'Transitiearena', organiser: 'Movisie', contact: { name: 'Noor Verbeek', email: 'noor@kennisinstituut.example' } };
const meeting = { date: '2099-09-23', startTime: '09:30', endTime: '13:30', locationName: 'De Brug', address: 'Voorbeeldlaan 15, Utrecht', theme: 'Dagbesteding', registrationDeadline: '2099-09-16' };
const registrant = { name: 'Fleur', organisation: 'Gemeente', organisationKind: 'gemeente', role: 'Beleid', email: 'fleur@gemeente.example', phone: '030-1', formToken: '1' };
const duo = (suffix = '') => () => `/api/duos/${duoId}${suffix}`;
const SURVEY = { audience: 'users', sent: 40, returned: 12, sentOn: '2019-03-01' };
const INTERVIEWS = { interviewee: 'user', count: 6, heldOn: '2019-03-08' };
const FOCUS_GROUP = { heldOn: '2019-03-15', attendance: 9, themes: ['vervoer'] };
const INITIATIVE = { name: 'Buurtboerderij', description: 'Een zorgboerderij.', novelty: 'Zonder indicatie.', participationForms: ['dagbesteding'], location: 'Noord' };
const PLAN_DOCUMENT = { kind: 'planOfApproach', title: 'Plan van aanpak', decisions: 'Een voorziening per kern.' };
const cohort = (suffix = '') => () => `/api/cohorts/${cohortId}${suffix}`;

function idCases(path: (id: string) => string, body?: unknown): Case[] {
  return [{ name: 'an id that is not a UUID', path: () => path(notAUuid), body, field: 'id' }];
}

function byAdviser(cases: Case[]): Case[] {
  return cases.map((c) => ({ ...c, byAdviser: true }));
}

function headerCases(path: () => string, body?: unknown): Case[] {
  return [
    { name: 'an Idempotency-Key of 300 characters', path, body, headers: { 'Idempotency-Key': 'k'.repeat(300) }, field: 'Idempotency-Key' },
    { name: 'an If-Match that is not a version', path, body, headers: { 'If-Match': 'yesterday' }, field: 'If-Match' },
  ];
}

/** A change that previews takes ?preview=true or false, nothing else. */
function previewCases(path: () => string, body?: unknown): Case[] {
  return [
    { name: 'preview=yes', path: () => `${path()}?preview=yes`, body, field: 'preview' },
    { name: 'preview twice', path: () => `${path()}?preview=true&preview=true`, body, field: 'preview' },
  ];
}

/**
 * Malformed input for every route of the API, keyed as in the OpenAPI document; the first
 * test fails when a route is added without cases here.
 */
const CASES: Record<string, Case[]> = {
  'GET /health': [],
  'GET /api/programmes': [],
  'POST /api/auth/sign-in': [
    { name: 'an e-mail address without @', path: () => '/api/auth/sign-in', body: { email: 'beheer', password: 'x' }, field: 'email' },
    { name: 'no password', path: () => '/api/auth/sign-in', body: { email: 'beheer@example.org' }, field: 'password' },
    { name: 'a password as a number', path: () => '/api/auth/sign-in', body: { email: 'beheer@example.org', password: 12345678 }, field: 'password' },
  ],
  'POST /api/auth/sign-out': [],
  'GET /api/accounts/me': [],
  'GET /api/accounts': [],
  'GET /api/accounts/{id}': idCases((id) => `/api/accounts/${id}`),
  'POST /api/accounts': [
    { name: 'no role', path: () => '/api/accounts', body: { name: 'A', email: 'a@example.org' }, field: 'role' },
    { name: 'the participant role', path: () => '/api/accounts', body: { name: 'A', email: 'a@example.org', role: 'participant' }, field: 'role' },
    { name: 'an e-mail address without @', path: () => '/api/accounts', body: { name: 'A', email: 'a.example.org', role: 'adviser' }, field: 'email' },
  ],
  'PATCH /api/accounts/{id}': [
    ...idCases((id) => `/api/accounts/${id}`, { disabled: true }),
    { name: 'disabled as text', path: () => `/api/accounts/${app.testApp.admin.id}`, body: { disabled: 'yes' }, field: 'disabled' },
  ],
  'POST /api/duos/{id}/invitations': [
    ...idCases((id) => `/api/duos/${id}/invitations`, { email: 'a@example.org' }),
    { name: 'no e-mail address', path: duo('/invitations'), body: {}, field: 'email' },
  ],
  'GET /api/duos/{id}/contact-persons': idCases((id) => `/api/duos/${id}/contact-persons`),
  'POST /api/duos/{id}/contact-persons': [
    ...idCases((id) => `/api/duos/${id}/contact-persons`, { side: 'provider', name: 'A', email: 'a@example.org' }),
    ...headerCases(duo('/contact-persons'), { side: 'provider', name: 'A', email: 'a@example.org' }),
    { name: 'no side', path: duo('/contact-persons'), body: { name: 'A', email: 'a@example.org' }, field: 'side' },
    { name: 'the residents side', path: duo('/contact-persons'), body: { side: 'residents', name: 'A', email: 'a@example.org' }, field: 'side' },
    { name: 'an e-mail address without @', path: duo('/contact-persons'), body: { side: 'provider', name: 'A', email: 'a.example.org' }, field: 'email' },
    { name: 'a name of spaces', path: duo('/contact-persons'), body: { side: 'provider', name: '   ', email: 'a@example.org' }, field: 'name' },
  ],
  'PUT /api/duos/{id}/contact-persons/{personId}': [
    { name: 'a person id that is not a UUID', path: duo('/contact-persons/sanne'), body: { name: 'A', email: 'a@example.org' }, field: 'personId' },
    ...headerCases(duo(`/contact-persons/${SOME_ID}`), { name: 'A', email: 'a@example.org' }),
    { name: 'no e-mail address', path: duo(`/contact-persons/${SOME_ID}`), body: { name: 'A' }, field: 'email' },
    { name: 'a side (it stays)', path: duo(`/contact-persons/${SOME_ID}`), body: { name: 'A', email: 'a@example.org', side: 'provider' }, field: 'side' },
    { name: 'a phone number of 41 characters', path: duo(`/contact-persons/${SOME_ID}`), body: { name: 'A', email: 'a@example.org', phone: '0'.repeat(41) }, field: 'phone' },
  ],
  'DELETE /api/duos/{id}/contact-persons/{personId}': [
    { name: 'a person id that is not a UUID', path: duo('/contact-persons/sanne'), field: 'personId' },
    ...headerCases(duo(`/contact-persons/${SOME_ID}`)),
  ],
  'POST /api/invitations/accept': [
    { name: 'a password of 11 characters', path: () => '/api/invitations/accept', body: { token: 't'.repeat(43), password: 'kort genoeg' }, field: 'password' },
    { name: 'a token with spaces', path: () => '/api/invitations/accept', body: { token: 'not a token at all', password: 'een lang genoeg wachtwoord' }, field: 'token' },
  ],
  'POST /api/auth/password-reset': [
    { name: 'an e-mail address without @', path: () => '/api/auth/password-reset', body: { email: 'a.example.org' }, field: 'email' },
  ],
  'POST /api/auth/password-reset/confirm': [
    { name: 'a password of 11 characters', path: () => '/api/auth/password-reset/confirm', body: { token: 't'.repeat(43), password: 'kort genoeg' }, field: 'password' },
    { name: 'a token with spaces', path: () => '/api/auth/password-reset/confirm', body: { token: 'not a token at all', password: 'een lang genoeg wachtwoord' }, field: 'token' },
  ],
  'GET /api/audit-log': [{ name: 'an unknown subject type', path: () => '/api/audit-log?subjectType=evidence', field: 'subjectType' }],
  'GET /api/people': [
    { name: 'neither email nor accountId', path: () => '/api/people', field: 'email' },
    { name: 'both email and accountId', path: () => `/api/people?email=a@b.example&accountId=${SOME_ID}`, field: 'accountId' },
  ],
  'GET /api/people/export': [
    { name: 'an e-mail address that is not one', path: () => '/api/people/export?email=jansen', field: 'email' },
    { name: 'an account id that is not a UUID', path: () => '/api/people/export?accountId=jansen', field: 'accountId' },
  ],
  'POST /api/people/erase': [
    { name: 'no reason', path: () => '/api/people/erase', body: { email: 'a@b.example' }, field: 'reason' },
    { name: 'an unknown field', path: () => '/api/people/erase', body: { email: 'a@b.example', reason: 'r', name: 'Jansen' }, field: 'name' },
  ],
  'GET /api/cohorts/{id}/advisers': idCases((id) => `/api/cohorts/${id}/advisers`),
  'POST /api/cohorts/{id}/advisers': [
    ...idCases((id) => `/api/cohorts/${id}/advisers`, { accountId: '7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11' }),
    { name: 'an account id that is not a UUID', path: cohort('/advisers'), body: { accountId: 'jansen' }, field: 'accountId' },
  ],
  'GET /api/cohorts': [],
  'GET /api/me/work': byAdviser([
    { name: 'weeks=0', path: () => '/api/me/work?weeks=0', field: 'weeks' },
    { name: 'weeks as text', path: () => '/api/me/work?weeks=zes', field: 'weeks' },
    { name: 'an unknown query parameter', path: () => '/api/me/work?maand=12', field: 'maand' },
  ]),
  'POST /api/me/agenda-feed': byAdviser([{ name: 'a body on a route that takes none', path: () => '/api/me/agenda-feed', body: { token: 'x' }, field: 'token' }]),
  'DELETE /api/me/agenda-feed': byAdviser([{ name: 'a body on a route that takes none', path: () => '/api/me/agenda-feed', body: { token: 'x' }, field: 'token' }]),
  'POST /api/cohorts': [
    { name: 'no body', path: () => '/api/cohorts', field: 'name' },
    { name: 'a body that is not JSON', path: () => '/api/cohorts', raw: '{"name": ' },
    { name: 'a JSON array', path: () => '/api/cohorts', body: [aCohort()], field: 'name' },
    { name: 'an unknown field', path: () => '/api/cohorts', body: { ...aCohort(), colour: 'blue' }, field: 'colour' },
    { name: 'a capacity of 9', path: () => '/api/cohorts', body: aCohort({ capacity: 9 }), field: 'capacity' },
    { name: 'a capacity of 4', path: () => '/api/cohorts', body: aCohort({ capacity: 4 }), field: 'capacity' },
    { name: 'a capacity as text', path: () => '/api/cohorts', body: { ...aCohort(), capacity: 'six' }, field: 'capacity' },
    { name: 'a deadline that does not exist', path: () => '/api/cohorts', body: aCohort({ registrationDeadline: '2019-02-30' }), field: 'registrationDeadline' },
    { name: 'a name of only spaces', path: () => '/api/cohorts', body: aCohort({ name: '   ' }), field: 'name' },
    { name: 'workshop3Planned as text', path: () => '/api/cohorts', body: { ...aCohort(), workshop3Planned: 'yes' }, field: 'workshop3Planned' },
    { name: 'a NUL character in the name', path: () => '/api/cohorts', body: aCohort({ name: 'Editie\u0000 2019' }), field: 'name' },
    { name: 'half a UTF-16 pair in the name', path: () => '/api/cohorts', body: aCohort({ name: 'Editie \ud800' }), field: 'name' },
    { name: 'a NUL character in a key', path: () => '/api/cohorts', body: { ...aCohort(), 'x\u0000': 1 }, field: 'x\u0000' },
    { name: 'JSON nested 2000 levels deep', path: () => '/api/cohorts', raw: `{"x":${'['.repeat(2000)}${']'.repeat(2000)}}` },
    ...headerCases(() => '/api/cohorts', aCohort()),
  ],
  'GET /api/cohorts/{id}': idCases((id) => `/api/cohorts/${id}`),
  'PATCH /api/cohorts/{id}': [
    ...idCases((id) => `/api/cohorts/${id}`, { name: 'Nieuwe naam' }),
    { name: 'a capacity in words', path: cohort(), body: { capacity: 'acht' }, field: 'capacity' },
    { name: 'a deadline that does not exist', path: cohort(), body: { registrationDeadline: '2099-02-30' }, field: 'registrationDeadline' },
    { name: 'another programme', path: cohort(), body: { programme: 'werkateliers' }, field: 'programme' },
  ],
  'POST /api/cohorts/{id}/duos': [
    ...idCases((id) => `/api/cohorts/${id}/duos`, aDuo(2)),
    ...headerCases(cohort('/duos'), aDuo(3)),
    { name: 'no municipality', path: cohort('/duos'), body: { ...aDuo(4), municipality: undefined }, field: 'municipality' },
    { name: 'contact persons of one side only', path: cohort('/duos'), body: aDuo(5, { contactPersons: [aDuo().contactPersons[0]] }), field: 'contactPersons' },
    { name: 'a contact person without e-mail address', path: cohort('/duos'), body: aDuo(6, { contactPersons: [{ ...aDuo().contactPersons[0], email: 'sanne' }, aDuo().contactPersons[1]] }), field: 'contactPersons.0.email' },
    { name: 'a contact person of a third side', path: cohort('/duos'), body: aDuo(7, { contactPersons: [...aDuo().contactPersons, { ...aDuo().contactPersons[0], side: 'residents' as never }] }), field: 'contactPersons.2.side' },
    { name: 'no collective services', path: cohort('/duos'), body: aDuo(8, { collectiveServices: [] }), field: 'collectiveServices' },
    { name: 'contact persons as a string', path: cohort('/duos'), body: { ...aDuo(9), contactPersons: 'Sanne' }, field: 'contactPersons' },
    { name: 'a contact person as a list', path: cohort('/duos'), body: { ...aDuo(10), contactPersons: [[aDuo().contactPersons[0]], aDuo().contactPersons[1]] }, field: 'contactPersons' },
    { name: 'a NUL character in a contact person\'s name', path: cohort('/duos'), body: aDuo(11, { contactPersons: [{ ...aDuo().contactPersons[0], name: 'Sanne\u0000' }, aDuo().contactPersons[1]] }), field: 'contactPersons.0.name' },
  ],
  'GET /api/cohorts/{id}/duos': [
    ...idCases((id) => `/api/cohorts/${id}/duos`),
    { name: 'a state no programme has', path: cohort('/duos?state=onzin'), field: 'state' },
    { name: 'meetsObligation=ja', path: cohort('/duos?meetsObligation=ja'), field: 'meetsObligation' },
    { name: 'missingEvidence=1', path: cohort('/duos?missingEvidence=1'), field: 'missingEvidence' },
    { name: 'a search of 101 characters', path: cohort(`/duos?q=${'a'.repeat(101)}`), field: 'q' },
    { name: 'a filter it does not know', path: cohort('/duos?sort=name'), field: 'sort' },
  ],
  'GET /api/cohorts/{id}/registration': idCases((id) => `/api/cohorts/${id}/registration`),
  'GET /api/cohorts/{id}/sessions': idCases((id) => `/api/cohorts/${id}/sessions`),
  'GET /api/cohorts/{id}/attendance': idCases((id) => `/api/cohorts/${id}/attendance`),
  'POST /api/cohorts/{id}/workshops/{workshop}/attendance': [
    ...idCases((id) => `/api/cohorts/${id}/workshops/1/attendance`, { duos: [{ duoId: SOME_ID, ...bothPresent }] }),
    { name: 'an empty list', path: cohort('/workshops/1/attendance'), body: { duos: [] }, field: 'duos' },
    { name: 'the same duo twice', path: cohort('/workshops/1/attendance'), body: { duos: [{ duoId: SOME_ID, ...bothPresent }, { duoId: SOME_ID, ...bothPresent }] }, field: 'duos' },
    { name: 'a line without duo', path: cohort('/workshops/1/attendance'), body: { duos: [bothPresent] }, field: 'duos.0.duoId' },
    { name: 'a line with a status of late', path: cohort('/workshops/1/attendance'), body: { duos: [{ duoId: SOME_ID, ...bothPresent, provider: { status: 'late' } }] }, field: 'duos.0.provider.status' },
    ...previewCases(cohort('/workshops/1/attendance'), { duos: [{ duoId: SOME_ID, ...bothPresent }] }),
  ],
  'POST /api/duos/{id}/workshops/{workshop}/attendance-corrections': [
    ...idCases((id) => `/api/duos/${id}/workshops/1/attendance-corrections`, { ...bothPresent, reason: 'r' }),
    { name: 'no reason', path: duo('/workshops/1/attendance-corrections'), body: bothPresent, field: 'reason' },
    { name: 'workshop 0', path: duo('/workshops/0/attendance-corrections'), body: { ...bothPresent, reason: 'r' }, field: 'workshop' },
    ...previewCases(duo('/workshops/1/attendance-corrections'), { ...bothPresent, reason: 'r' }),
  ],
  'POST /api/cohorts/{id}/admissions': [
    ...idCases((id) => `/api/cohorts/${id}/admissions`, { duoIds: [SOME_ID] }),
    ...headerCases(cohort('/admissions'), { duoIds: [SOME_ID] }).slice(0, 1),
    { name: 'no duoIds', path: cohort('/admissions'), body: {}, field: 'duoIds' },
    { name: 'an empty list', path: cohort('/admissions'), body: { duoIds: [] }, field: 'duoIds' },
    { name: 'a duo id that is not a UUID', path: cohort('/admissions'), body: { duoIds: [notAUuid] }, field: 'duoIds' },
    { name: 'a duo named twice', path: cohort('/admissions'), body: { duoIds: [SOME_ID, SOME_ID] }, field: 'duoIds' },
  ],
  'POST /api/cohorts/{id}/sessions/{kind}/held': [
    ...idCases((id) => `/api/cohorts/${id}/sessions/intake/held`, { ...intake, duoIds: [SOME_ID] }),
    { name: 'a kind with a space', path: cohort('/sessions/in%20take/held'), body: { ...intake, duoIds: [SOME_ID] }, field: 'kind' },
    { name: 'no duoIds', path: cohort('/sessions/intake/held'), body: intake, field: 'duoIds' },
    { name: 'a date as 10-04-2019', path: cohort('/sessions/intake/held'), body: { ...intake, heldOn: '10-04-2019', duoIds: [SOME_ID] }, field: 'heldOn' },
  ],
  'POST /api/cohorts/{id}/sessions/{kind}/attendance': [
    ...idCases((id) => `/api/cohorts/${id}/sessions/workshop1/attendance`, { duos: [{ duoId: SOME_ID, ...bothPresent }] }),
    { name: 'a kind with a space', path: cohort('/sessions/work%20shop/attendance'), body: { duos: [{ duoId: SOME_ID, ...bothPresent }] }, field: 'kind' },
    { name: 'an empty list', path: cohort('/sessions/workshop1/attendance'), body: { duos: [] }, field: 'duos' },
    ...previewCases(cohort('/sessions/workshop1/attendance'), { duos: [{ duoId: SOME_ID, ...bothPresent }] }),
  ],
  'PUT /api/cohorts/{id}/sessions/{kind}': [
    ...idCases((id) => `/api/cohorts/${id}/sessions/workshop1`, workshop1),
    { name: 'a kind that starts with a digit', path: cohort('/sessions/1'), body: workshop1, field: 'kind' },
    { name: 'an end before the start', path: cohort('/sessions/workshop1'), body: { ...workshop1, endTime: '12:00' }, field: 'endTime' },
  ],
  'POST /api/duos/{id}/sessions/{kind}/held': [
    ...idCases((id) => `/api/duos/${id}/sessions/intake/held`, intake),
    ...headerCases(duo('/sessions/intake/held'), intake),
    { name: 'a kind of 61 characters', path: duo(`/sessions/${'a'.repeat(61)}/held`), body: intake, field: 'kind' },
    { name: 'an intake without location', path: duo('/sessions/intake/held'), body: { ...intake, location: undefined }, field: 'location' },
    { name: 'an advisory meeting with a location', path: duo('/sessions/advisoryMeeting/held'), body: intake, field: 'location' },
    { name: 'a date as 10-04-2019', path: duo('/sessions/intake/held'), body: { ...intake, heldOn: '10-04-2019' }, field: 'heldOn' },
  ],
  'POST /api/duos/{id}/sessions/{kind}/attendance': [
    ...idCases((id) => `/api/duos/${id}/sessions/workshop1/attendance`, bothPresent),
    { name: 'a kind with a slash', path: duo('/sessions/work%2Fshop/attendance'), body: bothPresent, field: 'kind' },
    { name: 'no provider side', path: duo('/sessions/workshop1/attendance'), body: { municipality: { status: 'present' } }, field: 'provider' },
  ],
  'POST /api/duos/{id}/sessions/{kind}/attendance-corrections': [
    ...idCases((id) => `/api/duos/${id}/sessions/workshop1/attendance-corrections`, { ...bothPresent, reason: 'r' }),
    { name: 'no reason', path: duo('/sessions/workshop1/attendance-corrections'), body: bothPresent, field: 'reason' },
    ...previewCases(duo('/sessions/workshop1/attendance-corrections'), { ...bothPresent, reason: 'r' }),
  ],
  'PUT /api/cohorts/{id}/workshops/{workshop}': [
    ...idCases((id) => `/api/cohorts/${id}/workshops/1`, workshop1),
    { name: 'workshop 4', path: cohort('/workshops/4'), body: workshop1, field: 'workshop' },
    { name: 'a start time of 25:00', path: cohort('/workshops/1'), body: { ...workshop1, startTime: '25:00' }, field: 'startTime' },
    { name: 'an end before the start', path: cohort('/workshops/1'), body: { ...workshop1, endTime: '12:00' }, field: 'endTime' },
    { name: 'a date that does not exist', path: cohort('/workshops/1'), body: { ...workshop1, date: '2019-02-29' }, field: 'date' },
  ],
  'GET /api/duos/{id}/sessions': idCases((id) => `/api/duos/${id}/sessions`),
  'POST /api/duos/{id}/sessions': [
    ...idCases((id) => `/api/duos/${id}/sessions`, intakeSession),
    { name: 'a kind of workshop1', path: duo('/sessions'), body: { ...intakeSession, kind: 'workshop1' }, field: 'kind' },
    { name: 'no adviser', path: duo('/sessions'), body: { ...intakeSession, adviser: undefined }, field: 'adviser' },
  ],
  'PUT /api/duos/{id}/sessions/{sessionId}': [
    { name: 'a session id that is not a UUID', path: duo('/sessions/first'), body: intakeSession, field: 'sessionId' },
    { name: 'a time without minutes', path: duo('/sessions/7d3a9a38-2f6e-4f0a-9d43-1f0d3b2c9e11'), body: { ...intakeSession, startTime: '10' }, field: 'startTime' },
  ],
  'POST /api/cohorts/{id}/duo-imports': [
    ...idCases((id) => `/api/cohorts/${id}/duo-imports`),
    ...headerCases(cohort('/duo-imports')),
    ...previewCases(cohort('/duo-imports')),
  ],
  'POST /api/cohorts/{id}/registrations': [
    ...idCases((id) => `/api/cohorts/${id}/registrations`, aPublicForm(20)),
    { name: 'the obligation not accepted', path: cohort('/registrations'), body: { ...aPublicForm(21), acceptsAttendanceObligation: false }, field: 'acceptsAttendanceObligation' },
    { name: 'no phone for the provider', path: cohort('/registrations'), body: { ...aPublicForm(22), providerContact: { ...aPublicForm(22).providerContact, phone: undefined } }, field: 'providerContact.phone' },
    { name: 'contact persons as a list', path: cohort('/registrations'), body: { ...aPublicForm(23), municipalityContact: [aPublicForm(23).municipalityContact] }, field: 'municipalityContact' },
  ],
  'GET /api/duos/{id}': idCases((id) => `/api/duos/${id}`),
  'GET /api/duos/{id}/next-step': idCases((id) => `/api/duos/${id}/next-step`),
  'POST /api/duos/{id}/admission': [...idCases((id) => `/api/duos/${id}/admission`), ...headerCases(duo('/admission'))],
  'POST /api/duos/{id}/waiting-list': [...idCases((id) => `/api/duos/${id}/waiting-list`), ...headerCases(duo('/waiting-list'))],
  'POST /api/duos/{id}/intake': [
    ...idCases((id) => `/api/duos/${id}/intake`, intake),
    ...headerCases(duo('/intake'), intake),
    { name: 'no location', path: duo('/intake'), body: { ...intake, location: undefined }, field: 'location' },
    { name: 'a date as 10-04-2019', path: duo('/intake'), body: { ...intake, heldOn: '10-04-2019' }, field: 'heldOn' },
    { name: 'notes as a number', path: duo('/intake'), body: { ...intake, notes: 42 }, field: 'notes' },
    { name: 'half a UTF-16 pair in the notes', path: duo('/intake'), body: { ...intake, notes: 'a\ud800b' }, field: 'notes' },
  ],
  'POST /api/duos/{id}/workshops/{workshop}/attendance': [
    ...idCases((id) => `/api/duos/${id}/workshops/1/attendance`, bothPresent),
    ...headerCases(duo('/workshops/1/attendance'), bothPresent),
    { name: 'workshop 4', path: duo('/workshops/4/attendance'), body: bothPresent, field: 'workshop' },
    { name: 'no provider side', path: duo('/workshops/1/attendance'), body: { municipality: { status: 'present' } }, field: 'provider' },
    {
      name: 'both sides as lists',
      path: duo('/workshops/1/attendance'),
      body: { municipality: [{ status: 'present' }], provider: [{ status: 'present' }] },
      field: 'municipality',
    },
    {
      name: 'an excuse as a list',
      path: duo('/workshops/1/attendance'),
      body: { ...bothPresent, municipality: { status: 'excused', excuse: [] } },
      field: 'municipality.excuse',
    },
    { name: 'a status of maybe', path: duo('/workshops/1/attendance'), body: { ...bothPresent, provider: { status: 'maybe' } }, field: 'provider.status' },
    { name: 'excused without an excuse', path: duo('/workshops/1/attendance'), body: { ...bothPresent, provider: { status: 'excused' } }, field: 'provider.excuse' },
    {
      name: 'excused without a reason',
      path: duo('/workshops/1/attendance'),
      body: { ...bothPresent, provider: { status: 'excused', excuse: { excusedBy: 'Adviseur Jansen' } } },
      field: 'provider.excuse.reason',
    },
    {
      name: 'an excuse for a side that was present',
      path: duo('/workshops/1/attendance'),
      body: { ...bothPresent, provider: { status: 'present', excuse: { reason: 'ziek', excusedBy: 'Adviseur Jansen' } } },
      field: 'provider.excuse',
    },
  ],
  'POST /api/duos/{id}/advisory-meetings': [
    ...idCases((id) => `/api/duos/${id}/advisory-meetings`, advisoryMeeting),
    ...headerCases(duo('/advisory-meetings'), advisoryMeeting),
    { name: 'a blank adviser', path: duo('/advisory-meetings'), body: { ...advisoryMeeting, adviser: '' }, field: 'adviser' },
    { name: 'no date', path: duo('/advisory-meetings'), body: { adviser: 'Adviseur Jansen' }, field: 'heldOn' },
  ],
  'POST /api/duos/{id}/completion': [...idCases((id) => `/api/duos/${id}/completion`), ...headerCases(duo('/completion')), ...previewCases(duo('/completion'))],
  'GET /api/duos/{id}/cycles': idCases((id) => `/api/duos/${id}/cycles`),
  'PUT /api/duos/{id}/cycles/{cycle}/improvement-actions': byAdviser([
    ...idCases((id) => `/api/duos/${id}/cycles/1/improvement-actions`, improvementActions),
    ...headerCases(duo('/cycles/1/improvement-actions'), improvementActions),
    { name: 'cycle 0', path: duo('/cycles/0/improvement-actions'), body: improvementActions, field: 'cycle' },
    { name: 'actions as one object', path: duo('/cycles/1/improvement-actions'), body: { actions: improvementActions.actions[0] }, field: 'actions' },
    { name: 'an action without owner', path: duo('/cycles/1/improvement-actions'), body: { actions: [{ description: 'Meer tellen' }] }, field: 'actions.0.owner' },
    { name: 'a due date that does not exist', path: duo('/cycles/1/improvement-actions'), body: { actions: [{ description: 'Meer tellen', owner: 'both', dueOn: '2019-13-01' }] }, field: 'actions.0.dueOn' },
  ]),
  'POST /api/duos/{id}/cycles/{cycle}/closure': byAdviser([
    ...idCases((id) => `/api/duos/${id}/cycles/1/closure`),
    ...headerCases(duo('/cycles/1/closure')),
    { name: 'cycle one', path: duo('/cycles/one/closure'), field: 'cycle' },
    ...previewCases(duo('/cycles/1/closure')),
  ]),
  'GET /api/duos/{id}/evidence': [
    ...idCases((id) => `/api/duos/${id}/evidence`),
    { name: 'step 9', path: duo('/evidence?step=9'), field: 'step' },
    { name: 'includeDeleted=yes', path: duo('/evidence?includeDeleted=yes'), field: 'includeDeleted' },
  ],
  'POST /api/duos/{id}/evidence': byAdviser([
    ...idCases((id) => `/api/duos/${id}/evidence`, figures(1)),
    ...headerCases(duo('/evidence'), figures(1)),
    { name: 'no kind', path: duo('/evidence'), body: { ...figures(1), kind: undefined }, field: 'kind' },
    { name: 'figures without indicator', path: duo('/evidence'), body: { ...figures(1), indicator: undefined }, field: 'indicator' },
  ]),
  'GET /api/duos/{id}/evidence/{evidenceId}': [{ name: 'an evidence id that is not a UUID', path: duo('/evidence/first'), field: 'evidenceId' }],
  'PUT /api/duos/{id}/evidence/{evidenceId}': byAdviser([
    { name: 'an evidence id that is not a UUID', path: duo('/evidence/first'), body: figures(1), field: 'evidenceId' },
    ...headerCases(duo(`/evidence/${SOME_ID}`), figures(1)),
    { name: 'a cycle (evidence stays in its cycle)', path: duo(`/evidence/${SOME_ID}`), body: { ...figures(1), cycle: 2 }, field: 'cycle' },
  ]),
  'PUT /api/duos/{id}/evidence/{evidenceId}/publication': byAdviser([
    { name: 'an evidence id that is not a UUID', path: duo('/evidence/first/publication'), body: { publishable: false }, field: 'evidenceId' },
    ...headerCases(duo(`/evidence/${SOME_ID}/publication`), { publishable: false }),
    { name: 'publishable as text', path: duo(`/evidence/${SOME_ID}/publication`), body: { publishable: 'ja' }, field: 'publishable' },
    { name: 'a mark without the version read (If-Match)', path: duo(`/evidence/${SOME_ID}/publication`), body: { publishable: true }, field: 'If-Match' },
  ]),
  'DELETE /api/duos/{id}/evidence/{evidenceId}': byAdviser([
    { name: 'an evidence id that is not a UUID', path: duo('/evidence/first'), field: 'evidenceId' },
    ...headerCases(duo(`/evidence/${SOME_ID}`)),
  ]),
  'POST /api/duos/{id}/evidence/{evidenceId}/restoration': byAdviser([
    { name: 'an evidence id that is not a UUID', path: duo('/evidence/first/restoration'), field: 'evidenceId' },
  ]),
  'POST /api/duos/{id}/evidence/{evidenceId}/attachments': byAdviser([
    { name: 'no file name', path: duo(`/evidence/${SOME_ID}/attachments`), field: 'fileName' },
    { name: 'a file name with a slash', path: duo(`/evidence/${SOME_ID}/attachments?fileName=map/foto.png`), field: 'fileName' },
  ]),
  'GET /api/duos/{id}/evidence/{evidenceId}/attachments/{attachmentId}': [
    { name: 'an attachment id that is not a UUID', path: duo(`/evidence/${SOME_ID}/attachments/foto`), field: 'attachmentId' },
  ],
  'DELETE /api/duos/{id}/evidence/{evidenceId}/attachments/{attachmentId}': byAdviser([
    { name: 'an attachment id that is not a UUID', path: duo(`/evidence/${SOME_ID}/attachments/foto`), field: 'attachmentId' },
  ]),
  // What an advisory trajectory records (src/inquiry): refused before the programme is asked.
  'GET /api/duos/{id}/inquiry': idCases((id) => `/api/duos/${id}/inquiry`),
  'POST /api/duos/{id}/surveys': [
    ...idCases((id) => `/api/duos/${id}/surveys`, SURVEY),
    ...headerCases(duo('/surveys'), SURVEY),
    { name: 'an audience nobody is', path: duo('/surveys'), body: { ...SURVEY, audience: 'neighbours' }, field: 'audience' },
    { name: 'none sent', path: duo('/surveys'), body: { ...SURVEY, sent: 0 }, field: 'sent' },
    { name: 'more returned than sent', path: duo('/surveys'), body: { ...SURVEY, returned: 41 }, field: 'returned' },
    { name: 'a sent day that is no date', path: duo('/surveys'), body: { ...SURVEY, sentOn: '1 maart' }, field: 'sentOn' },
  ],
  'POST /api/duos/{id}/interviews': [
    ...idCases((id) => `/api/duos/${id}/interviews`, INTERVIEWS),
    { name: 'an interviewee nobody is', path: duo('/interviews'), body: { ...INTERVIEWS, interviewee: 'mayor' }, field: 'interviewee' },
    { name: 'a count as text', path: duo('/interviews'), body: { ...INTERVIEWS, count: 'six' }, field: 'count' },
  ],
  'POST /api/duos/{id}/focus-groups': [
    ...idCases((id) => `/api/duos/${id}/focus-groups`, FOCUS_GROUP),
    { name: 'no themes', path: duo('/focus-groups'), body: { ...FOCUS_GROUP, themes: [] }, field: 'themes' },
    { name: 'attendance of none', path: duo('/focus-groups'), body: { ...FOCUS_GROUP, attendance: 0 }, field: 'attendance' },
  ],
  'POST /api/duos/{id}/initiatives': [
    ...idCases((id) => `/api/duos/${id}/initiatives`, INITIATIVE),
    { name: 'a form of participation not on the wheel', path: duo('/initiatives'), body: { ...INITIATIVE, participationForms: ['sport'] }, field: 'participationForms' },
    { name: 'the same form twice', path: duo('/initiatives'), body: { ...INITIATIVE, participationForms: ['dagbesteding', 'dagbesteding'] }, field: 'participationForms' },
    { name: 'a link that is no web address', path: duo('/initiatives'), body: { ...INITIATIVE, link: 'javascript:alert(1)' }, field: 'link' },
  ],
  'POST /api/duos/{id}/plan-documents': [
    ...idCases((id) => `/api/duos/${id}/plan-documents`, PLAN_DOCUMENT),
    { name: 'a kind that is neither plan of approach nor report', path: duo('/plan-documents'), body: { ...PLAN_DOCUMENT, kind: 'memo' }, field: 'kind' },
    { name: 'no decisions', path: duo('/plan-documents'), body: { kind: 'planOfApproach', title: 'Plan van aanpak' }, field: 'decisions' },
  ],
  'POST /api/duos/{id}/plan-documents/{documentId}/file': [
    { name: 'a document id that is not a UUID', path: duo('/plan-documents/plan/file?fileName=plan.pdf'), field: 'documentId' },
    { name: 'no file name', path: duo(`/plan-documents/${SOME_ID}/file`), field: 'fileName' },
  ],
  ...Object.fromEntries(
    ['surveys', 'interviews', 'focus-groups', 'initiatives'].map((kind) => [
      `DELETE /api/duos/{id}/${kind}/{recordId}`,
      [{ name: 'a record id that is not a UUID', path: duo(`/${kind}/enquete-1`), field: 'recordId' }, ...headerCases(duo(`/${kind}/${SOME_ID}`))],
    ]),
  ),
  'GET /api/duos/{id}/plan-documents/{documentId}/file': [
    { name: 'a document id that is not a UUID', path: duo('/plan-documents/plan/file'), field: 'documentId' },
  ],
  'GET /api/duos/{id}/inquiry-report': idCases((id) => `/api/duos/${id}/inquiry-report`),
  'GET /api/duos/{id}/inquiry-report/print': idCases((id) => `/api/duos/${id}/inquiry-report/print`),
  'GET /api/duos/{id}/inquiry-report/spreadsheet': idCases((id) => `/api/duos/${id}/inquiry-report/spreadsheet`),
  'GET /api/duos/{id}/report': idCases((id) => `/api/duos/${id}/report`),
  'GET /api/duos/{id}/report/print': idCases((id) => `/api/duos/${id}/report/print`),
  'GET /api/duos/{id}/cycles/{cycle}/frozen-report': [
    ...idCases((id) => `/api/duos/${id}/cycles/1/frozen-report`),
    { name: 'cycle -1', path: duo('/cycles/-1/frozen-report'), field: 'cycle' },
  ],
  'GET /api/duos/{id}/cycles/{cycle}/frozen-report/comparison': [{ name: 'cycle 1.5', path: duo('/cycles/1.5/frozen-report/comparison'), field: 'cycle' }],
  'PUT /api/duos/{id}/publication-consent': [
    ...idCases((id) => `/api/duos/${id}/publication-consent`, { namedInPublications: true }),
    ...headerCases(duo('/publication-consent'), { namedInPublications: true }),
    { name: 'consent as text', path: duo('/publication-consent'), body: { namedInPublications: 'ja' }, field: 'namedInPublications' },
  ],
  'GET /api/cohorts/{id}/report': [
    ...idCases((id) => `/api/cohorts/${id}/report`),
    { name: 'anonymised=yes', path: cohort('/report?anonymised=yes'), field: 'anonymised' },
  ],
  'GET /api/cohorts/{id}/report/spreadsheet': idCases((id) => `/api/cohorts/${id}/report/spreadsheet`),
  'GET /api/cohorts/{id}/report/csv/{table}': [
    ...idCases((id) => `/api/cohorts/${id}/report/csv/duos`),
    { name: 'an unknown table', path: cohort('/report/csv/bewoners'), field: 'table' },
  ],
  'GET /api/cohorts/{id}/report/print': [{ name: 'anonymised=1', path: cohort('/report/print?anonymised=1'), field: 'anonymised' }],
  'POST /api/duos/{id}/withdrawal': [
    ...idCases((id) => `/api/duos/${id}/withdrawal`, { reason: 'r' }),
    ...headerCases(duo('/withdrawal'), { reason: 'r' }),
    { name: 'no reason', path: duo('/withdrawal'), body: {}, field: 'reason' },
    ...previewCases(duo('/withdrawal'), { reason: 'r' }),
  ],
  // Open meetings.
  'POST /api/meeting-series': [
    { name: 'a kind that is no kind of meeting', path: () => '/api/meeting-series', body: { ...series, kind: 'werkatelier' }, field: 'kind' },
    { name: 'a contact person without an e-mail address', path: () => '/api/meeting-series', body: { ...series, contact: { name: 'N' } }, field: 'contact.email' },
    ...headerCases(() => '/api/meeting-series', series).slice(0, 1),
  ],
  'GET /api/meeting-series': [],
  'GET /api/meeting-series/{id}': idCases((id) => `/api/meeting-series/${id}`),
  'PATCH /api/meeting-series/{id}': [
    ...idCases((id) => `/api/meeting-series/${id}`, { name: 'R' }),
    { name: 'co-organisers as text', path: () => `/api/meeting-series/${SOME_ID}`, body: { coOrganisers: 'Movisie' }, field: 'coOrganisers' },
  ],
  'POST /api/meeting-series/{id}/meetings': [
    ...idCases((id) => `/api/meeting-series/${id}/meetings`, meeting),
    { name: 'a date that does not exist', path: () => `/api/meeting-series/${SOME_ID}/meetings`, body: { ...meeting, date: '2099-02-30' }, field: 'date' },
    { name: 'a start time of 25:00', path: () => `/api/meeting-series/${SOME_ID}/meetings`, body: { ...meeting, startTime: '25:00' }, field: 'startTime' },
    { name: 'a capacity of 0', path: () => `/api/meeting-series/${SOME_ID}/meetings`, body: { ...meeting, capacity: 0 }, field: 'capacity' },
    { name: 'a programme item without a title', path: () => `/api/meeting-series/${SOME_ID}/meetings`, body: { ...meeting, programme: [{ start: '09:30', end: '10:00' }] }, field: 'programme.0.title' },
  ],
  'POST /api/meeting-series/{id}/meetings/copy': idCases((id) => `/api/meeting-series/${id}/meetings/copy`),
  'GET /api/meetings/{id}': idCases((id) => `/api/meetings/${id}`),
  'PATCH /api/meetings/{id}': [
    ...idCases((id) => `/api/meetings/${id}`, { theme: 'T' }),
    { name: 'an empty theme', path: () => `/api/meetings/${SOME_ID}`, body: { theme: ' ' }, field: 'theme' },
  ],
  'POST /api/meetings/{id}/calling-off': [
    ...idCases((id) => `/api/meetings/${id}/calling-off`, { reason: 'De spreker is ziek.' }),
    { name: 'no reason', path: () => `/api/meetings/${SOME_ID}/calling-off`, body: {}, field: 'reason' },
    { name: 'a reason of white space', path: () => `/api/meetings/${SOME_ID}/calling-off`, body: { reason: '  ' }, field: 'reason' },
    { name: 'a reason of 1,001 characters', path: () => `/api/meetings/${SOME_ID}/calling-off`, body: { reason: 'x'.repeat(1001) }, field: 'reason' },
  ],
  'POST /api/meetings/{id}/attachments': [{ name: 'no file name', path: () => `/api/meetings/${SOME_ID}/attachments`, field: 'fileName' }],
  'GET /api/meetings/{id}/downloads/{downloadId}': [{ name: 'a download id that is not a UUID', path: () => `/api/meetings/${SOME_ID}/downloads/pdf`, field: 'downloadId' }],
  'DELETE /api/meetings/{id}/downloads/{downloadId}': [{ name: 'a download id that is not a UUID', path: () => `/api/meetings/${SOME_ID}/downloads/pdf`, field: 'downloadId' }],
  'GET /api/meetings/{id}/registration-form': idCases((id) => `/api/meetings/${id}/registration-form`),
  'POST /api/meetings/{id}/registrations': [
    ...idCases((id) => `/api/meetings/${id}/registrations`, registrant),
    { name: 'an e-mail address without @', path: () => `/api/meetings/${SOME_ID}/registrations`, body: { ...registrant, email: 'fleur.example' }, field: 'email' },
    { name: 'an unknown kind of organisation', path: () => `/api/meetings/${SOME_ID}/registrations`, body: { ...registrant, organisationKind: 'bank' }, field: 'organisationKind' },
    { name: 'other meetings that are not ids', path: () => `/api/meetings/${SOME_ID}/registrations`, body: { ...registrant, otherMeetingIds: ['morgen'] }, field: 'otherMeetingIds' },
    { name: 'no form token', path: () => `/api/meetings/${SOME_ID}/registrations`, body: { ...registrant, formToken: undefined }, field: 'formToken' },
  ],
  'POST /api/meeting-registrations/cancellation': [{ name: 'no token', path: () => '/api/meeting-registrations/cancellation', body: {}, field: 'token' }],
  'POST /api/meeting-registrations/personal-data': [{ name: 'a token as a number', path: () => '/api/meeting-registrations/personal-data', body: { token: 42 }, field: 'token' }],
  'POST /api/meeting-registrations/erasure': [{ name: 'no token', path: () => '/api/meeting-registrations/erasure', body: {}, field: 'token' }],
  'GET /api/meetings/{id}/registrations': idCases((id) => `/api/meetings/${id}/registrations`),
  'GET /api/meetings/{id}/registrations/export': [{ name: 'format=pdf', path: () => `/api/meetings/${SOME_ID}/registrations/export?format=pdf`, field: 'format' }],
  'PUT /api/meetings/{id}/attendance': [
    ...idCases((id) => `/api/meetings/${id}/attendance`, { attended: [] }),
    { name: 'attended names instead of ids', path: () => `/api/meetings/${SOME_ID}/attendance`, body: { attended: ['Fleur'] }, field: 'attended' },
  ],
  'GET /api/meetings/{id}/report': idCases((id) => `/api/meetings/${id}/report`),
  'GET /api/meeting-series/{id}/report': idCases((id) => `/api/meeting-series/${id}/report`),
};

it('has malformed-input cases for every route of the API', async () => {
  const document = (await app.client.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, object> };
  const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(routes.sort()).toEqual(Object.keys(CASES).sort());
});

const cases = Object.entries(CASES).flatMap(([route, list]) => list.map((c) => [route, c.name, c] as const));

/** How many rows each table holds: a refused request must not change any of them. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = app.testApp.app.get(DataSource);
  const tables: { tablename: string }[] = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const counts = await Promise.all(
    tables.map(async ({ tablename }) => [tablename, (await db.query(`SELECT count(*)::int AS n FROM "${tablename}"`))[0].n]),
  );
  return Object.fromEntries(counts);
}

it.each(cases)('%s with %s: 400 naming what is wrong, nothing written', async (route, _, c) => {
  const before = { version: (await app.client.get(`/api/duos/${duoId}`).expect(200)).body.version, rows: await rowCounts() };
  const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  let call = (c.byAdviser ? app.client.as(adviser) : app.client).http[method](c.path()).set(c.headers ?? {});
  if (c.raw !== undefined) call = call.set('content-type', 'application/json').send(c.raw);
  else if (c.body !== undefined) call = call.send(c.body as object);
  const response = await call;

  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.detail).toEqual(expect.any(String));
  if (c.field) {
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(c.field);
  } else {
    expect(response.body.code).toBe('MALFORMED_REQUEST');
  }
  expect((await app.client.get(`/api/duos/${duoId}`).expect(200)).body.version).toBe(before.version);
  expect(await rowCounts()).toEqual(before.rows);
});

it('answers 415 to a body that is not JSON', async () => {
  const response = await app.client.http.post('/api/cohorts').set('content-type', 'text/plain').send('name=Editie');
  expect(response.status).toBe(415);
  expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
});

it('answers 413 to a body over 1 MiB', async () => {
  const response = await app.client.post('/api/cohorts', { ...aCohort(), name: 'x'.repeat(1_100_000) });
  expect(response.status).toBe(413);
  expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
});
