import { DataSource } from 'typeorm';
import { useTestApp, type Api } from '../support/api.js';
import { aCohort, aDuo, aPublicForm, daysFromToday } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 18, step 2: the advisory trajectory "Op zoek naar vernieuwende vormen van dagbesteding"
 * for one fictional municipality, run through the API from the edition an adviser creates to the
 * plan handed over and the trajectory closed. The steps run in order on the one edition.
 */
const app = useTestApp();

const LINDEWAARD = 'Gemeente Lindewaard';
const contact = { name: 'Fleur van Dam', email: 'f.vandam@lindewaard.example', phone: '0570-123456' };
const today = daysFromToday(0);

let adviser: SignedInPerson;
let asAdviser: Api;
let cohortId: string;
let municipalityId: string;

const held = (notes: string) => ({ heldOn: today, adviser: 'Adviseur Jansen', notes });
const logStep = (kind: string, body: object = held(`${kind} afgerond`)) => asAdviser.post(`/api/duos/${municipalityId}/sessions/${kind}/held`, body);
const stateOf = async () => (await asAdviser.get(`/api/duos/${municipalityId}`).expect(200)).body.state;
const nextStep = async () => (await asAdviser.get(`/api/duos/${municipalityId}/next-step`).expect(200)).body;

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
  asAdviser = app.client.as(adviser);
});

describe('the advisory trajectory of gemeente Lindewaard, through the API', () => {
  it('is listed by GET /api/programmes: one municipality, no Kwaliteitskompas, its phases as steps', async () => {
    const programmes = (await app.client.as().get('/api/programmes').expect(200)).body;
    const dagbesteding = programmes.find((programme: { key: string }) => programme.key === 'dagbesteding');

    expect(dagbesteding).toMatchObject({
      version: 1,
      name: 'Op zoek naar vernieuwende vormen van dagbesteding',
      unit: 'municipality',
      capacity: { min: 1, max: 1 },
      minimumToStart: 1,
      compass: false,
    });
    expect(dagbesteding.sessions.map(({ key, maxPerUnit }: { key: string; maxPerUnit: number }) => [key, maxPerUnit])).toEqual([
      ['exploration', 1],
      ['needsInventory', 1],
      ['focusGroups', 1],
      ['planMeeting', 3],
      ['planDelivery', 1],
      ['followUp', 1],
    ]);
  });

  it('refuses an edition of two municipalities: the trajectory is for one', async () => {
    const refused = await asAdviser.post('/api/cohorts', aCohort({ programme: 'dagbesteding', capacity: 2 } as object)).expect(400);

    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'capacity' }] });
    expect((await asAdviser.get('/api/cohorts').expect(200)).body).toEqual([]);
  });

  it('an adviser creates the edition for one municipality and registers gemeente Lindewaard without a provider', async () => {
    const cohort = await asAdviser
      .post('/api/cohorts', { programme: 'dagbesteding', name: 'Dagbesteding Lindewaard', registrationDeadline: daysFromToday(30), capacity: 1 })
      .expect(201);
    cohortId = cohort.body.id;
    expect(cohort.body).toMatchObject({ programme: 'dagbesteding', programmeVersion: 1, capacity: 1, minimum: 1 });

    const registered = await asAdviser
      .post(`/api/cohorts/${cohortId}/duos`, {
        municipality: LINDEWAARD,
        contactPersons: [{ side: 'municipality', ...contact }],
        collectiveServices: ['dagactiviteiten'],
        questions: 'Welke vormen van dagbesteding passen bij onze inwoners?',
      })
      .expect(201);
    municipalityId = registered.body.id;

    expect(registered.body).toMatchObject({ municipality: LINDEWAARD, provider: '', state: 'registered', contactPersons: [{ side: 'municipality', ...contact }] });
  });

  it('refuses gemeente Lindewaard a second time in the same edition, naming the municipality alone', async () => {
    const again = await asAdviser
      .post(`/api/cohorts/${cohortId}/duos`, { municipality: LINDEWAARD, contactPersons: [{ side: 'municipality', ...contact }], collectiveServices: ['dagactiviteiten'] })
      .expect(409);

    expect(again.body).toMatchObject({ code: 'DUO_ALREADY_REGISTERED', detail: `${LINDEWAARD} is already registered in this cohort.`, params: { municipality: LINDEWAARD, provider: '' } });
  });

  it('keeps the municipality’s own contact person, but lets a provider’s contact go again: it is optional for one municipality', async () => {
    const only = (await asAdviser.get(`/api/duos/${municipalityId}/contact-persons`).expect(200)).body[0];
    const last = await asAdviser.http.delete(`/api/duos/${municipalityId}/contact-persons/${only.id}`).expect(422);
    expect(last.body).toMatchObject({ code: 'LAST_CONTACT_PERSON', params: { side: 'municipality' } });

    const provider = { side: 'provider', name: 'Ahmed Bakker', email: 'a.bakker@zorgboerderij.example' };
    const added = (await asAdviser.post(`/api/duos/${municipalityId}/contact-persons`, provider).expect(201)).body.contactPerson;
    const remaining = await asAdviser.http.delete(`/api/duos/${municipalityId}/contact-persons/${added.id}`).expect(200);
    expect(remaining.body).toEqual([expect.objectContaining({ id: only.id, side: 'municipality' })]);
  });

  it('still requires the provider and its contact person where the programme enrols duos', async () => {
    const werkateliers = await asAdviser.cohort();
    const { provider: _provider, ...withoutProvider } = aDuo(1);
    const refused = await asAdviser
      .post(`/api/cohorts/${werkateliers.id}/duos`, { ...withoutProvider, contactPersons: withoutProvider.contactPersons.filter((person) => person.side === 'municipality') })
      .expect(400);

    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.body.errors).toEqual([
      { field: 'provider', message: 'provider must name the provider: Werkateliers outcome collectieve voorzieningen enrols a municipality and its provider as a duo' },
      { field: 'contactPersons', message: 'contactPersons must name at least one person of the municipality and one of the provider' },
    ]);
    const { providerContact: _contact, ...publicWithoutProvider } = aPublicForm(2);
    const publicRefusal = await app.client.as().post(`/api/cohorts/${werkateliers.id}/registrations`, publicWithoutProvider).expect(400);
    expect(publicRefusal.body.errors).toEqual([{ field: 'providerContact', message: 'providerContact is required' }]);
    const { acceptsAttendanceObligation: _accepted, ...notAccepted } = aPublicForm(3);
    const notAcceptedRefusal = await app.client.as().post(`/api/cohorts/${werkateliers.id}/registrations`, notAccepted).expect(400);
    expect(notAcceptedRefusal.body.errors).toEqual([expect.objectContaining({ field: 'acceptsAttendanceObligation' })]);
    expect((await asAdviser.get(`/api/cohorts/${werkateliers.id}/duos`).expect(200)).body).toEqual([]);
  });

  it('refuses every phase step before admission, and says admission is what comes next', async () => {
    const refused = await logStep('exploration').expect(422);

    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { state: 'registered', expected: ['ADMIT', 'PLACE_ON_WAITING_LIST', 'WITHDRAW'] } });
    expect((await nextStep()).next).toMatchObject({ event: 'ADMIT' });
  });

  it('admits the municipality: its trajectory starts in the exploration, which is its next step', async () => {
    const admitted = await asAdviser.post(`/api/duos/${municipalityId}/admission`).expect(201);

    expect(admitted.body.state).toBe('exploration');
    expect((await asAdviser.get(`/api/cohorts/${cohortId}`).expect(200)).body).toMatchObject({ placesTaken: 1, canStart: true });
    const step = await nextStep();
    expect(step).toMatchObject({ state: 'exploration', description: 'admitted, exploring what is known and what already works', next: { event: 'HOLD_SESSION' } });
  });

  it('refuses a step logged as held on a day still to come, and logs nothing', async () => {
    const refused = await logStep('exploration', { ...held('te vroeg'), heldOn: daysFromToday(1) }).expect(422);

    expect(refused.body).toMatchObject({ code: 'DATE_NOT_POSSIBLE', params: { field: 'heldOn', given: daysFromToday(1), latest: today } });
    expect(await stateOf()).toBe('exploration');
  });

  it('refuses a later phase while the exploration is not concluded, naming the step it expects', async () => {
    const refused = await logStep('needsInventory').expect(422);

    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { state: 'exploration' } });
    expect(refused.body.detail).toContain('Log the exploration (exploration) next.');
    expect(await stateOf()).toBe('exploration');
  });

  it('goes phase by phase: exploration, needs inventory, focus groups, each logged as held today', async () => {
    const states = [];
    for (const kind of ['exploration', 'needsInventory', 'focusGroups']) states.push((await logStep(kind).expect(201)).body.state);

    expect(states).toEqual(['needsInventory', 'focusGroups', 'planMeetings']);
    const history = (await asAdviser.get(`/api/duos/${municipalityId}`).expect(200)).body.history;
    expect(history.slice(-3).map((entry: { type: string; payload: { session: string; heldOn: string } }) => [entry.type, entry.payload.session, entry.payload.heldOn])).toEqual([
      ['HOLD_SESSION', 'exploration', today],
      ['HOLD_SESSION', 'needsInventory', today],
      ['HOLD_SESSION', 'focusGroups', today],
    ]);
  });

  it('refuses the handing over of the plan before a meeting toward it', async () => {
    const refused = await logStep('planDelivery').expect(422);

    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_EXPECTED', params: { state: 'planMeetings' } });
    expect(refused.body.detail).toContain('Log a meeting toward the plan of approach (planMeeting) first.');
  });

  it('holds at most three meetings toward the plan, and refuses a fourth with the cap', async () => {
    for (let meeting = 1; meeting <= 3; meeting++) await logStep('planMeeting', held(`Bijeenkomst ${meeting} over het plan`)).expect(201);
    expect(await nextStep()).toMatchObject({ advisoryMeetingsHeld: 3, advisoryMeetingsRemaining: 0 });

    const refused = await logStep('planMeeting').expect(422);
    expect(refused.body).toMatchObject({ code: 'ADVISORY_LIMIT_REACHED', params: { held: 3, limit: 3, session: 'planMeeting', state: 'planMeetings' } });
    expect((await asAdviser.get(`/api/duos/${municipalityId}`).expect(200)).body.advisoryMeetingsHeld).toBe(3);
  });

  it('hands over the report and plan; closing is the next step, follow-up an option', async () => {
    expect((await logStep('planDelivery', held('Rapport en plan van aanpak overhandigd aan de wethouder')).expect(201)).body.state).toBe('planDelivered');

    const step = await nextStep();
    expect(step.next).toMatchObject({ event: 'COMPLETE' });
    expect(step.expects.map((expected: { event: string }) => expected.event)).toEqual(['COMPLETE', 'HOLD_SESSION', 'WITHDRAW']);
  });

  it('supports monitoring and implementation, then closes the trajectory; nothing more can be logged', async () => {
    expect((await logStep('followUp', held('Monitoring afgesproken')).expect(201)).body.state).toBe('followUp');
    expect((await asAdviser.post(`/api/duos/${municipalityId}/completion`).expect(201)).body.state).toBe('completed');

    const refused = await logStep('planMeeting').expect(422);
    expect(refused.body).toMatchObject({ code: 'TRAJECTORY_ENDED', params: { state: 'completed' } });
  });
});

describe('a municipality registers itself, and the adviser accepts the request', () => {
  let edition: string;

  beforeAll(async () => {
    edition = (
      await asAdviser.post('/api/cohorts', { programme: 'dagbesteding', name: 'Dagbesteding Lindewaard 2027', registrationDeadline: daysFromToday(30), capacity: 1 }).expect(201)
    ).body.id;
  });

  it('takes the public registration with the municipality’s contact person only, and no attendance obligation to accept', async () => {
    const receipt = await app.client
      .as()
      .post(`/api/cohorts/${edition}/registrations`, {
        municipality: LINDEWAARD,
        municipalityContact: contact,
        collectiveServices: ['dagactiviteiten'],
        expectations: 'Inzicht in de wensen van (potentiële) gebruikers',
      })
      .expect(201);

    expect(receipt.body).toMatchObject({ municipality: LINDEWAARD, provider: '' });
    const registered = (await asAdviser.get(`/api/duos/${receipt.body.duoId}`).expect(200)).body;
    expect(registered).toMatchObject({ state: 'registered', contactPersons: [{ side: 'municipality', ...contact }] });
    expect(registered.history[0]).toMatchObject({ type: 'REGISTERED', actor: 'registration form' });

    const accepted = await asAdviser.post(`/api/duos/${receipt.body.duoId}/admission`).expect(201);
    expect(accepted.body.state).toBe('exploration');
  });

  it('puts a second request on the waiting list: the edition is one municipality’s', async () => {
    const second = await app.client
      .as()
      .post(`/api/cohorts/${edition}/registrations`, { municipality: 'Gemeente Oosterveen', municipalityContact: { ...contact, email: 'info@oosterveen.example' }, collectiveServices: ['dagactiviteiten'] })
      .expect(201);

    expect((await asAdviser.post(`/api/duos/${second.body.duoId}/admission`).expect(201)).body.state).toBe('waitingList');
  });

  it('tells the municipality in mails that name it alone, with no attendance obligation to keep', async () => {
    const mails: { kind: string; body: string }[] = await app.testApp.app
      .get(DataSource)
      .query("SELECT kind, body FROM outbox WHERE recipient_email = $1 AND kind IN ('registration_received', 'admitted') ORDER BY created_at", [contact.email]);
    const bodies = Object.fromEntries(mails.map((mail) => [mail.kind, mail.body]));

    expect(bodies.registration_received).toContain('Wij hebben de aanmelding van Gemeente Lindewaard voor Dagbesteding Lindewaard 2027 ontvangen.');
    expect(bodies.admitted).toContain('Gemeente Lindewaard is toegelaten tot Dagbesteding Lindewaard 2027.');
    expect(mails.map((mail) => mail.body).join('\n')).not.toMatch(/niet vrijblijvend| en  /);
  });
});
