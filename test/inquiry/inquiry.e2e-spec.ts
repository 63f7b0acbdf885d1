import { useTestApp, type Api } from '../support/api.js';
import { daysFromToday } from '../support/fixtures.js';
import { LINDEWAARD_CONTACT, lindewaardTrajectory } from '../support/municipality.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 18, step 3: what the advisory trajectory of gemeente Lindewaard records per phase — the
 * surveys and interviews of the needs inventory, the focus groups, the initiatives in view — and
 * that a programme which records none of it (the werkateliers) refuses every record.
 */
const app = useTestApp();
const today = daysFromToday(0);
const contact = LINDEWAARD_CONTACT;

let adviser: SignedInPerson;
let asAdviser: Api;
let municipalityId: string;
let asContact: Api;

const survey = { audience: 'users', sent: 120, returned: 45, sentOn: today, notes: 'Via de wijkteams verspreid' };
const interviews = { interviewee: 'provider', count: 4, heldOn: today, notes: 'Vier aanbieders van dagbesteding' };
const focusGroup = { heldOn: today, attendance: 9, themes: ['vervoer', 'ontmoeting'] };
const initiative = {
  name: 'Buurtboerderij De Hoeve',
  description: 'Een zorgboerderij die ook open is voor buurtbewoners zonder indicatie.',
  novelty: 'Dagbesteding en vrijwilligerswerk op één plek, zonder indicatie.',
  participationForms: ['dagbesteding', 'vrijwilligerswerk'],
  location: 'Lindewaard-Noord',
  link: 'https://buurtboerderij.example',
};
const inquiry = async () => (await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body;

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
  asAdviser = app.client.as(adviser);
  ({ municipalityId } = await lindewaardTrajectory(asAdviser, { admitted: false }));
  asContact = app.client.as(await asAdviser.participant(municipalityId, contact.email));
});

describe('the inquiry of gemeente Lindewaard', () => {
  it('records nothing before the municipality is admitted', async () => {
    const refused = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, survey).expect(422);

    expect(refused.body).toMatchObject({ code: 'INQUIRY_CLOSED', params: { state: 'registered' } });
    expect((await inquiry()).surveys).toEqual([]);
  });

  it('records a survey for users: sent, returned, and the day it went out', async () => {
    await asAdviser.post(`/api/duos/${municipalityId}/admission`).expect(201);
    const recorded = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, survey).expect(201);

    expect(recorded.body.records).toEqual(['surveys', 'interviews', 'focusGroups', 'initiatives', 'plan']);
    expect(recorded.body.surveys).toEqual([{ id: expect.any(String), ...survey, recordedBy: adviser.name, recordedAt: expect.any(String) }]);
    expect(recorded.body.figures.surveys[0]).toEqual({ audience: 'users', surveys: 1, sent: 120, returned: 45, responseRate: 38 });
  });

  it('refuses more returned than sent, a day still to come and an unknown audience, and records none of them', async () => {
    const tooMany = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, { ...survey, returned: 121 }).expect(400);
    expect(tooMany.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'returned', message: 'returned (121) is more than were sent (120); give at most 120' }] });
    const ahead = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, { ...survey, sentOn: daysFromToday(1) }).expect(422);
    expect(ahead.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'sentOn', given: daysFromToday(1), latest: today } });
    const unknown = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, { ...survey, audience: 'residents' }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'audience', message: 'audience must be one of users, potentialUsers, providers' }]);

    expect((await inquiry()).surveys).toHaveLength(1);
  });

  it('records interviews with providers, and a focus group with its attendance and themes', async () => {
    await asAdviser.post(`/api/duos/${municipalityId}/interviews`, interviews).expect(201);
    const recorded = (await asAdviser.post(`/api/duos/${municipalityId}/focus-groups`, { ...focusGroup, themes: ['vervoer', ' vervoer ', 'ontmoeting'] }).expect(201)).body;

    expect(recorded.interviews).toEqual([expect.objectContaining(interviews)]);
    expect(recorded.focusGroups).toEqual([expect.objectContaining({ heldOn: today, attendance: 9, themes: ['vervoer', 'ontmoeting'], notes: '' })]);
    expect(recorded.figures).toMatchObject({ interviewsTotal: 4, focusGroups: { sessions: 1, attendance: 9, themes: ['vervoer', 'ontmoeting'] } });
  });

  it('refuses a focus group whose themes are only spaces, and stores nothing of it', async () => {
    const before = (await inquiry()).focusGroups.length;
    const blank = await asAdviser.post(`/api/duos/${municipalityId}/focus-groups`, { ...focusGroup, themes: ['  '] }).expect(400);
    expect(blank.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'themes', message: expect.stringContaining('a theme of only spaces is no theme') }] });
    expect((await inquiry()).focusGroups).toHaveLength(before);
  });

  it('lets the municipality’s contact person read the inquiry and add an initiative, but not a survey', async () => {
    const added = (await asContact.post(`/api/duos/${municipalityId}/initiatives`, initiative).expect(201)).body;
    expect(added.initiatives).toEqual([{ id: expect.any(String), ...initiative, recordedBy: contact.name, recordedAt: expect.any(String) }]);
    expect(added.figures.initiatives).toEqual([
      { form: 'dagbesteding', initiatives: 1 },
      { form: 'vrijwilligerswerk', initiatives: 1 },
      { form: 'beschutWerk', initiatives: 0 },
      { form: 'garantiebanen', initiatives: 0 },
      { form: 'regulierWerk', initiatives: 0 },
    ]);

    await asContact.post(`/api/duos/${municipalityId}/surveys`, survey).expect(403);
    expect((await asContact.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.surveys).toHaveLength(1);
  });

  it('refuses an initiative without a form of participation, or with one the Participatiewiel does not have', async () => {
    const none = await asAdviser.post(`/api/duos/${municipalityId}/initiatives`, { ...initiative, participationForms: [] }).expect(400);
    expect(none.body.errors).toEqual([{ field: 'participationForms', message: 'participationForms must name at least one form of participation' }]);
    const other = await asAdviser.post(`/api/duos/${municipalityId}/initiatives`, { ...initiative, participationForms: ['mantelzorg'] }).expect(400);
    expect(other.body.errors[0].message).toContain('must be one of dagbesteding, vrijwilligerswerk, beschutWerk, garantiebanen, regulierWerk');
    const link = await asAdviser.post(`/api/duos/${municipalityId}/initiatives`, { ...initiative, link: 'buurtboerderij' }).expect(400);
    expect(link.body.errors).toEqual([{ field: 'link', message: 'link must be a web address starting with http:// or https://' }]);
    expect((await inquiry()).initiatives).toHaveLength(1);
  });

  it('keeps an audit record of each record, naming who recorded what', async () => {
    const records = (await app.client.get(`/api/audit-log?action=inquiry.recorded&subjectId=${municipalityId}`).expect(200)).body as {
      details: { record: string };
      actorName: string;
    }[];
    expect(records.map((record) => [record.details.record, record.actorName]).sort()).toEqual([
      ['focusGroups', adviser.name],
      ['initiatives', contact.name],
      ['interviews', adviser.name],
      ['surveys', adviser.name],
    ]);
  });

  it('replays a retried record with the same Idempotency-Key instead of recording it twice', async () => {
    const key = { 'Idempotency-Key': 'tweede-enquete' };
    const first = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, { ...survey, audience: 'potentialUsers', sent: 40, returned: 10 }, key).expect(201);
    const retry = await asAdviser.post(`/api/duos/${municipalityId}/surveys`, { ...survey, audience: 'potentialUsers', sent: 40, returned: 10 }, key).expect(201);
    expect(retry.text).toBe(first.text);
    expect((await inquiry()).surveys).toHaveLength(2);
  });

  it('takes a survey entered by mistake out again: gone from the list and the figures, with an audit record of who did', async () => {
    const before = await inquiry();
    const mistake = (await asAdviser.post(`/api/duos/${municipalityId}/surveys`, { ...survey, sent: 999, returned: 1 }).expect(201)).body.surveys.find(
      (recorded: { sent: number }) => recorded.sent === 999,
    );

    const removed = await asAdviser.http.delete(`/api/duos/${municipalityId}/surveys/${mistake.id}`).expect(200);
    expect(removed.body.surveys).toEqual(before.surveys);
    expect(removed.body.figures).toEqual(before.figures);
    const audit = (await app.client.get(`/api/audit-log?action=inquiry.removed&subjectId=${municipalityId}`).expect(200)).body;
    expect(audit).toEqual([expect.objectContaining({ actorName: adviser.name, details: { record: 'surveys', id: mistake.id } })]);
    const again = await asAdviser.http.delete(`/api/duos/${municipalityId}/surveys/${mistake.id}`).expect(404);
    expect(again.body).toMatchObject({ code: 'INQUIRY_RECORD_NOT_FOUND' });
  });

  it('lets only the edition’s staff take a record out, of the unit it belongs to, and each kind by its own route', async () => {
    const { initiatives, interviews: held, focusGroups } = await inquiry();
    await asContact.http.delete(`/api/duos/${municipalityId}/initiatives/${initiatives[0].id}`).expect(403);
    const { municipalityId: other } = await lindewaardTrajectory(asAdviser);
    expect((await asAdviser.http.delete(`/api/duos/${other}/initiatives/${initiatives[0].id}`).expect(404)).body.code).toBe('INQUIRY_RECORD_NOT_FOUND');
    await asAdviser.http.delete(`/api/duos/${municipalityId}/surveys/${initiatives[0].id}`).expect(404);
    const malformed = await asAdviser.http.delete(`/api/duos/${municipalityId}/initiatives/niet-een-id`).expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'recordId', message: 'recordId must be a UUID' }]);
    expect((await inquiry()).initiatives).toEqual(initiatives);

    await asAdviser.http.delete(`/api/duos/${municipalityId}/interviews/${held[0].id}`).expect(200);
    await asAdviser.http.delete(`/api/duos/${municipalityId}/focus-groups/${focusGroups[0].id}`).expect(200);
    const left = await asAdviser.http.delete(`/api/duos/${municipalityId}/initiatives/${initiatives[0].id}`).expect(200);
    expect(left.body).toMatchObject({ interviews: [], focusGroups: [], initiatives: [] });
    await asAdviser.post(`/api/duos/${municipalityId}/interviews`, interviews).expect(201);
  });

  it('records nothing more once the trajectory is withdrawn', async () => {
    await asAdviser.post(`/api/duos/${municipalityId}/withdrawal`, { reason: 'De gemeente stelt het traject uit' }).expect(201);
    const refused = await asAdviser.post(`/api/duos/${municipalityId}/interviews`, interviews).expect(422);
    expect(refused.body).toMatchObject({ code: 'INQUIRY_CLOSED', params: { state: 'withdrawn' } });
    const kept = (await inquiry()).interviews;
    const notRemoved = await asAdviser.http.delete(`/api/duos/${municipalityId}/interviews/${kept[0].id}`).expect(422);
    expect(notRemoved.body).toMatchObject({ code: 'INQUIRY_CLOSED' });
    expect((await inquiry()).interviews).toEqual(kept);
  });
});

describe('a programme that keeps no inquiry', () => {
  it('refuses every record for a duo of the werkateliers, saying the programme records none of it', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 1);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const posts: [string, object, string][] = [
      ['surveys', survey, 'surveys'],
      ['interviews', interviews, 'interviews'],
      ['focus-groups', focusGroup, 'focusGroups'],
      ['initiatives', initiative, 'initiatives'],
    ];
    for (const [route, body, record] of posts) {
      const refused = await asAdviser.post(`/api/duos/${duo.id}/${route}`, body).expect(422);
      expect(refused.body).toMatchObject({ code: 'NOT_RECORDED_BY_PROGRAMME', params: { record } });
      expect(refused.body.detail).toContain('Werkateliers outcome collectieve voorzieningen does not record');
    }
    expect((await asAdviser.get(`/api/duos/${duo.id}/inquiry`).expect(200)).body).toMatchObject({ records: [], surveys: [], initiatives: [] });
  });
});
