import { DataSource } from 'typeorm';
import pg from 'pg';
import { persistCompass, replayStoredCompass, type PersistedCompass } from '../../src/compass/compass.js';
import { programmeDefinition } from '../../src/programmes/programmes.js';
import type { TrajectoryEvent, TrajectoryInput } from '../../src/programmes/werkateliers/werkateliers.machine.js';
import { persistTrajectory, replayTrajectory } from '../../src/trajectory/trajectory.js';
import { seedCohort, type SeededCohort } from '../reports/seeded-cohort.js';
import type { Api } from '../support/api.js';
import { useTestApp } from '../support/api.js';
import { aDuo, bothPresent, figures, intake } from '../support/fixtures.js';
import { PASSWORD, type SignedInPerson } from '../support/test-app.js';

/**
 * The AVG rights of the people in the app, over HTTP against a real PostgreSQL: an admin finds a
 * person across roles, exports what is stored about them, and erases them, after which counts,
 * reports and event logs still hold and the person's name and address are nowhere in the database.
 */
const app = useTestApp();
const ERASED = 'verwijderde persoon';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

let seeded: SeededCohort;
let asAdviser: Api;
/** Sanne de Wit 1: municipality contact of duo 1 in the seeded cohort and of a duo of a second cohort; a participant. */
let sanne: SignedInPerson;
/** Joris Bakker 1: the provider contact beside her, a participant too. */
let joris: SignedInPerson;
/** The duo of the second cohort, whose workshop 1 attendance names Sanne among the attendees. */
let secondDuoId: string;
/** A duo of a third cohort, registered but not yet admitted: its mail to Sanne is still in the outbox. */
let waitingDuoId: string;

const findPeople = (client: Api, query: string) => client.get(`/api/people?${query}`);
const exportOf = (client: Api, query: string) => client.get(`/api/people/export?${query}`);
const erase = (client: Api, body: object) => client.post('/api/people/erase', body);

beforeAll(async () => {
  seeded = await seedCohort(app.client);
  asAdviser = app.client.as(seeded.adviser);
  sanne = seeded.participant;
  const [duo1] = seeded.duos;
  joris = await asAdviser.participant(duo1.id, duo1.contactPersons[1].email);

  await asAdviser.post(`/api/duos/${duo1.id}/evidence`, figures(2, { title: 'Telling door Sanne', text: `${sanne.name} telde de bezoekers.` })).expect(201);
  const attach = (person: SignedInPerson, fileName: string, type: string, content: Buffer) =>
    app.client
      .as(person)
      .http.post(`/api/duos/${duo1.id}/evidence/${seeded.openCycleFigureId}/attachments?fileName=${fileName}`)
      .set('content-type', type)
      .send(content)
      .expect(201);
  await attach(sanne, 'telling-sanne.png', 'image/png', PNG);
  await attach(joris, 'notulen-joris.pdf', 'application/pdf', PDF);

  const cohort = await asAdviser.cohort({ name: 'Werkateliers tweede ronde' });
  const duos = [await asAdviser.duo(cohort.id, 1)];
  for (let n = 201; n <= 204; n++) duos.push(await asAdviser.duo(cohort.id, n));
  secondDuoId = duos[0].id;
  for (const { id } of duos) {
    await asAdviser.post(`/api/duos/${id}/admission`).expect(201);
    await asAdviser.post(`/api/duos/${id}/intake`, intake).expect(201);
  }
  const withAttendees = {
    municipality: { status: 'present', attendees: [sanne.name] },
    provider: { status: 'present', attendees: [joris.name] },
  };
  await asAdviser
    .post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, {
      duos: duos.map(({ id }) => ({ duoId: id, ...(id === secondDuoId ? withAttendees : bothPresent) })),
    })
    .expect(201);

  const third = await asAdviser.cohort({ name: 'Werkateliers derde ronde' });
  // With an idempotency key: the stored response (the duo, its contact persons) is personal data too.
  waitingDuoId = (await asAdviser.post(`/api/cohorts/${third.id}/duos`, aDuo(1), { 'idempotency-key': 'aanmelding-derde-ronde-1' }).expect(201)).body.id;
});

describe('who may', () => {
  it('only admins: anonymous callers must sign in, advisers and participants are refused', async () => {
    const calls = [
      (client: Api) => findPeople(client, `email=${sanne.email}`),
      (client: Api) => exportOf(client, `email=${sanne.email}`),
      (client: Api) => erase(client, { email: sanne.email, reason: 'Verzoek van de persoon' }),
    ];
    for (const call of calls) {
      expect((await call(app.client.as()).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await call(asAdviser).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await call(app.client.as(joris)).expect(403)).body.code).toBe('FORBIDDEN');
    }
  });
});

describe('finding and exporting a person', () => {
  it('finds a person across roles: their account and every duo that lists them as a contact person', async () => {
    const { body } = await findPeople(app.client, `email=${sanne.email.toUpperCase()}`).expect(200);
    expect(body.account).toMatchObject({ id: sanne.id, name: sanne.name, role: 'participant', activated: true, erased: false });
    expect(body.contactPersonOf.map((entry: { duoId: string }) => entry.duoId).sort()).toEqual([seeded.duos[0].id, secondDuoId, waitingDuoId].sort());
    expect(body.contactPersonOf[0]).toMatchObject({ side: 'municipality', name: sanne.name, email: sanne.email, phone: '030-1234567' });
  });

  it("exports a person's requests for a new password: when, until when and when used, never the link's token", async () => {
    const adviser = await app.client.staff('adviser', 9);
    const anonymous = app.client.as();
    await anonymous.post('/api/auth/password-reset', { email: adviser.email }).expect(202);
    // The link as the outbox holds it until the mail is delivered.
    const [mail] = await app.testApp.app.get(DataSource).query("SELECT body FROM outbox WHERE kind = 'password_reset' AND recipient_email = $1", [adviser.email]);
    const token = /wachtwoord-herstellen\?token=([\w-]{43})/.exec(mail.body)![1];
    await anonymous.post('/api/auth/password-reset/confirm', { token, password: 'een heel nieuw wachtwoord' }).expect(204);

    const { body } = await exportOf(app.client, `email=${adviser.email}`).expect(200);
    expect(body.records.passwordResets).toEqual([{ requested_at: expect.any(String), expires_at: expect.any(String), used_at: expect.any(String) }]);
    expect(body.records.passwordResetRequests).toEqual([{ requested_at: expect.any(String), address: expect.any(String) }]);
    const [stored] = await app.testApp.app.get(DataSource).query('SELECT token_hash FROM password_resets WHERE account_id = $1', [adviser.id]);
    // Neither the link, nor its hash, nor the link of the invitation still waiting in the outbox.
    expect(JSON.stringify(body)).not.toContain(token);
    expect(JSON.stringify(body)).not.toContain(stored.token_hash);
    expect(JSON.stringify(body)).not.toMatch(/token=[\w-]{43}/);
    expect(body.records.mail.map((mail: { kind: string; body: string }) => [mail.kind, mail.body.includes('token=[niet getoond]')])).toEqual([
      ['invitation', true],
      ['password_reset', true],
    ]);
  });

  it('exports what is stored about the person with the files they added, and nothing of anyone else', async () => {
    const { body } = await exportOf(app.client, `email=${sanne.email}`).expect(200);
    expect(body.account).toMatchObject({ id: sanne.id, email: sanne.email });
    const { records } = body;
    expect(records.attachments).toEqual([
      expect.objectContaining({ file_name: 'telling-sanne.png', media_type: 'image/png', content_base64: PNG.toString('base64') }),
    ]);
    expect(records.evidence.map((row: { title: string }) => row.title)).toEqual(
      expect.arrayContaining(['Verhaal zonder toestemming', 'Telling door Sanne', 'Nieuwe ambitie']),
    );
    expect(records.compassEvents.length).toBeGreaterThan(0);
    expect(records.sessions.length).toBeGreaterThan(0);
    expect(records.mail.every((mail: { recipient_email: string }) => mail.recipient_email === sanne.email)).toBe(true);
    expect(records.duoEventsMentioning).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ duo_id: secondDuoId, type: 'REGISTERED' }),
        expect.objectContaining({ duo_id: secondDuoId, type: 'RECORD_WORKSHOP_1_ATTENDANCE' }),
      ]),
    );
    const text = JSON.stringify(body);
    expect(text).not.toContain(joris.email);
    expect(text).not.toContain(joris.name);
    expect(text).not.toContain(PDF.toString('base64'));
  });

  it('says what was wrong with the question', async () => {
    expect((await exportOf(app.client, '').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await exportOf(app.client, `email=${sanne.email}&accountId=${sanne.id}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await exportOf(app.client, 'email=geen-e-mailadres').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const unknown = await exportOf(app.client, 'email=niemand@nergens.example').expect(404);
    expect(unknown.body).toMatchObject({ code: 'PERSON_NOT_FOUND', detail: expect.stringContaining('niemand@nergens.example') });
  });
});

describe('erasing a person', () => {
  it('refuses to erase yourself', async () => {
    const response = await erase(app.client, { accountId: app.testApp.admin.id, reason: 'Test' }).expect(422);
    expect(response.body.code).toBe('CANNOT_ERASE_SELF');
  });

  it('a participant: gone from every column, counts and reports unchanged, event logs replay, no sign-in, no mail', async () => {
    const reportBefore = await cohortReport();
    const mentionedBefore = await columnsMentioning([sanne.name, sanne.email]);
    const expectedMentions = ['accounts.email', 'accounts.name', 'duos.contact_persons', 'duo_events.payload', 'evidence.body', 'idempotency_keys.response', 'outbox.body'];
    expect(expectedMentions.filter((column) => !mentionedBefore.includes(column))).toEqual([]);
    await storedOutbox(sanne.email).then((rows) => expect(rows.filter((row) => !row.sent_at).length).toBeGreaterThan(0));

    const { body } = await erase(app.client, { email: sanne.email, reason: `Verzoek van ${sanne.name} (${sanne.email})` }).expect(200);
    expect(body).toMatchObject({ erased: true, accountId: sanne.id, pseudonymousEmail: expect.stringMatching(/@verwijderd\.invalid$/) });

    expect(await columnsMentioning([sanne.name, sanne.email])).toEqual([]);
    expect(await cohortReport()).toEqual(pseudonymised(reportBefore, [[sanne.email, body.pseudonymousEmail], [sanne.name, ERASED]]));
    await expectEventLogsToReplay();

    const duo = (await app.client.get(`/api/duos/${secondDuoId}`).expect(200)).body;
    expect(duo.contactPersons[0]).toEqual({ id: expect.any(String), version: 1, side: 'municipality', name: ERASED, email: body.pseudonymousEmail, phone: 'verwijderd' });
    const otherDuo = (await app.client.get(`/api/duos/${seeded.duos[1].id}`).expect(200)).body;
    expect(otherDuo.contactPersons[0].phone).toBe('030-1234567');
    const evidence = (await app.client.as(joris).get(`/api/duos/${seeded.duos[0].id}/evidence/${seeded.openCycleFigureId}`).expect(200)).body;
    expect(evidence.recordedBy).toBe(ERASED);

    await app.client.as(sanne).get('/api/accounts/me').expect(401);
    expect((await app.client.as().post('/api/auth/sign-in', { email: sanne.email, password: PASSWORD }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');

    expect(await storedOutbox(sanne.email)).toEqual([]);
    await asAdviser.post(`/api/duos/${waitingDuoId}/admission`).expect(201);
    expect(await storedOutbox(body.pseudonymousEmail)).toEqual([]);
    expect((await storedOutbox(joris.email)).some((row) => row.kind === 'admitted')).toBe(true);

    const audit = (await app.client.get(`/api/audit-log?subjectType=account&subjectId=${sanne.id}`).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'person.erased', actorId: app.testApp.admin.id, details: { role: 'participant' } });
  });

  it('is idempotent: the account again changes nothing, the old address is no longer known', async () => {
    const again = await erase(app.client, { accountId: sanne.id, reason: 'Nog een keer' }).expect(200);
    expect(again.body).toMatchObject({ erased: false, accountId: sanne.id });
    expect((await erase(app.client, { email: sanne.email, reason: 'Nog een keer' }).expect(404)).body.code).toBe('PERSON_NOT_FOUND');
    const found = (await findPeople(app.client, `accountId=${sanne.id}`).expect(200)).body;
    expect(found.account).toMatchObject({ name: ERASED, erased: true, disabledAt: expect.any(String) });
  });

  it('an adviser: the duo history says "verwijderde persoon", and the reports count the same', async () => {
    const adviser = seeded.adviser;
    const reportBefore = await cohortReport();
    const { body } = await erase(app.client, { email: adviser.email, reason: 'Einde dienstverband' }).expect(200);
    expect(body.contactPersonOf).toEqual([]);

    const history = (await app.client.get(`/api/duos/${seeded.duos[0].id}`).expect(200)).body.history as { actor: string }[];
    expect(history.length).toBeGreaterThan(3);
    expect(history.every((event) => event.actor === ERASED)).toBe(true);
    expect(await columnsMentioning([adviser.name, adviser.email])).toEqual([]);
    expect(await cohortReport()).toEqual(pseudonymised(reportBefore, [[adviser.email, body.pseudonymousEmail], [adviser.name, ERASED]]));
    await expectEventLogsToReplay();
    await app.client.as(adviser).get('/api/accounts/me').expect(401);
  });

  it('a contact person without an account', async () => {
    const [, , duo3] = seeded.duos;
    const person = duo3.contactPersons[1];
    const { body } = await erase(app.client, { email: person.email, reason: 'Verzoek van de persoon' }).expect(200);
    expect(body).toMatchObject({ erased: true, accountId: null, contactPersonOf: [duo3.id] });
    expect(await columnsMentioning([person.name, person.email])).toEqual([]);
    await expectEventLogsToReplay();
  });
});

describe('the last admin', () => {
  it('two admins erasing each other at once: one succeeds, the other is refused, an admin remains', async () => {
    const other = await app.client.staff('admin', 2);
    const first = app.testApp.admin;
    const responses = await Promise.all([
      erase(app.client, { accountId: other.id, reason: 'Test' }),
      erase(app.client.as(other), { accountId: first.id, reason: 'Test' }),
    ]);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    const refused = responses.find((response) => response.status !== 200)!;
    expect([401, 422]).toContain(refused.status);
    if (refused.status === 422) expect(refused.body.code).toBe('LAST_ADMIN');
    const admins = (await withDatabase((client) => client.query("SELECT count(*)::int AS n FROM accounts WHERE role = 'admin' AND disabled_at IS NULL"))).rows[0].n;
    expect(admins).toBe(1);
  });
});

function cohortReport(): Promise<unknown> {
  return app.client
    .get(`/api/cohorts/${seeded.cohortId}/report`)
    .expect(200)
    .then(({ body }) => ({ ...body, madeAt: undefined }));
}

/** The report as it should read after the erasure: every mention replaced, nothing else. */
function pseudonymised(report: unknown, replacements: [string, string][]): unknown {
  return JSON.parse(replacements.reduce((text, [from, to]) => text.replaceAll(from, to), JSON.stringify(report)));
}

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: app.testApp.database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every text, json and text-array column of every table, searched for each needle (any case): "table.column" where found. */
function columnsMentioning(needles: string[]): Promise<string[]> {
  return withDatabase(async (client) => {
    const { rows: columns } = await client.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND (data_type IN ('text', 'character varying', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))
       ORDER BY table_name, column_name`,
    );
    expect(columns.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE ANY($1::text[])`, [
        needles.map((needle) => `%${needle}%`),
      ]);
      if (rows[0].n > 0) found.push(`${table}.${column}`);
    }
    return found;
  });
}

function storedOutbox(email: string): Promise<{ kind: string; sent_at: Date | null }[]> {
  return withDatabase(async (client) => (await client.query('SELECT kind, sent_at FROM outbox WHERE lower(recipient_email) = lower($1)', [email])).rows);
}

/** Every duo's and every compass's event log, replayed from the start, gives its stored snapshot; the registration event lists the duo's contact persons as the duo row does. */
async function expectEventLogsToReplay(): Promise<void> {
  await withDatabase(async (client) => {
    const { rows: duos } = await client.query('SELECT d.id, d.trajectory_version, d.trajectory_snapshot, d.contact_persons, c.programme_key FROM duos d JOIN cohorts c ON c.id = d.cohort_id');
    for (const duo of duos) {
      const { rows: events } = await client.query('SELECT type, payload FROM duo_events WHERE duo_id = $1 ORDER BY sequence', [duo.id]);
      const [registration, ...later] = events;
      expect(registration.payload.contactPersons).toEqual(duo.contact_persons);
      const definition = programmeDefinition(duo.programme_key, duo.trajectory_version);
      const replayed = replayTrajectory(
        definition,
        registration.payload.trajectoryInput as TrajectoryInput,
        later.map(({ type, payload }) => ({ type, ...payload }) as TrajectoryEvent),
      );
      expect(persistTrajectory(definition, replayed)).toEqual(duo.trajectory_snapshot);
    }
    const { rows: compasses } = await client.query<{ duo_id: string; compass_version: number; snapshot: PersistedCompass }>(
      'SELECT duo_id, compass_version, snapshot FROM compasses',
    );
    expect(compasses.length).toBeGreaterThan(0);
    for (const compass of compasses) {
      const { rows: events } = await client.query('SELECT compass_version, type, payload FROM compass_events WHERE duo_id = $1 ORDER BY sequence', [compass.duo_id]);
      expect(persistCompass(replayStoredCompass(events))).toEqual(compass.snapshot);
    }
  });
}
