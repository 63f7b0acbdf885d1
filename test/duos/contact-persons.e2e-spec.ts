import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Scheduler } from '../../src/notifications/scheduler.js';
import { api, type Api } from '../support/api.js';
import { contextAt, describeInBrowser, expectFits, launchBrowser, listening, SCREEN_SIZES, signedInPage, submit } from '../support/browser.js';
import { aPublicForm } from '../support/fixtures.js';
import { signedInFormBrowser } from '../support/form-browser.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { PASSWORD, startTestApp, type SignedInPerson, type TestApp } from '../support/test-app.js';

/**
 * Issue 16: a duo's contact persons, one by one. Its advisers and admins add, edit and remove
 * them (a side may have several, and keeps one at least); a participant edits their own name and
 * phone. Each edit names the person's version in If-Match; of two edits of one version one wins.
 * An added person is invited by e-mail, and the duo's mail goes to every one of them.
 */
jest.setTimeout(180_000);

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let testApp: TestApp;
let asAdviser: Api;
let adviser: SignedInPerson;
let duoNumber = 1;

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ smtpUrl: smtp.url });
  adviser = await api(testApp, testApp.admin.token).staff('adviser', 1);
  asAdviser = api(testApp, adviser.token);
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});

const db = () => testApp.app.get(DataSource);
const deliver = () => testApp.app.get(Scheduler).tick();

interface Person {
  id: string;
  version: number;
  side: string;
  name: string;
  email: string;
  phone?: string;
}

async function aDuoOfAdviser() {
  const cohort = await asAdviser.cohort();
  return { ...(await asAdviser.duo(cohort.id, duoNumber++)), cohortId: cohort.id };
}

const personsOf = async (duoId: string): Promise<Person[]> => (await asAdviser.get(`/api/duos/${duoId}/contact-persons`).expect(200)).body;

const auditOf = async (duoId: string, action: string) =>
  (await api(testApp, testApp.admin.token).get(`/api/audit-log?duoId=${duoId}&action=${action}`).expect(200)).body as { actorName: string; details: Record<string, unknown> }[];

const newPerson = (n: number, side = 'municipality') => ({ side, name: `Extra Persoon ${n}`, email: `extra${n}@gemeente-contact.example`, phone: '030-7654321' });

describe('adding a contact person', () => {
  it('adds a second person to a side, invites them by e-mail and audits it', async () => {
    const duo = await aDuoOfAdviser();
    smtp.received.length = 0;
    const added = await asAdviser.post(`/api/duos/${duo.id}/contact-persons`, newPerson(1)).expect(201);
    expect(added.body.contactPerson).toEqual({ id: expect.any(String), version: 1, ...newPerson(1) });
    expect(added.body.invitation).toEqual({ expiresAt: expect.any(String) });
    expect(JSON.stringify(added.body)).not.toContain('token');

    const persons = await personsOf(duo.id);
    expect(persons.map((person) => [person.side, person.email])).toEqual([
      ['municipality', duo.contactPersons[0].email],
      ['provider', duo.contactPersons[1].email],
      ['municipality', 'extra1@gemeente-contact.example'],
    ]);
    expect((await asAdviser.get(`/api/duos/${duo.id}`).expect(200)).body.contactPersons).toEqual(persons);

    await deliver();
    const invitation = smtp.received.find((mail) => mail.to === 'extra1@gemeente-contact.example');
    expect(invitation?.subject).toBe('Uitnodiging voor Trajectkompas');
    // With the mailed link the person sets a password and signs in as a participant of the duo.
    const text = invitation!.raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const token = /\/uitnodiging\?token=([\w-]{43})/.exec(text)?.[1];
    expect(token).toEqual(expect.any(String));
    await api(testApp).post('/api/invitations/accept', { token, password: PASSWORD }).expect(201);
    const [account] = await db().query('SELECT role, duo_id, side FROM accounts WHERE email = $1', ['extra1@gemeente-contact.example']);
    expect(account).toEqual({ role: 'participant', duo_id: duo.id, side: 'municipality' });

    const [record] = await auditOf(duo.id, 'duo.contact_person_added');
    expect(record).toMatchObject({ actorName: adviser.name, details: { personId: added.body.contactPerson.id, side: 'municipality', email: 'extra1@gemeente-contact.example' } });
  });

  it("sends the duo's mail to every contact person, the added ones too", async () => {
    const duo = await aDuoOfAdviser();
    await asAdviser.post(`/api/duos/${duo.id}/contact-persons`, newPerson(2, 'provider')).expect(201);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const told = await db().query("SELECT recipient_email FROM outbox WHERE kind = 'admitted' AND recipient_email = ANY($1) ORDER BY recipient_email", [
      [...duo.contactPersons.map((person) => person.email), 'extra2@gemeente-contact.example'],
    ]);
    expect(told.map((row: { recipient_email: string }) => row.recipient_email).sort()).toEqual(
      [...duo.contactPersons.map((person) => person.email), 'extra2@gemeente-contact.example'].sort(),
    );
  });

  it('refuses an address the duo lists already (409), and a person without a valid address (400)', async () => {
    const duo = await aDuoOfAdviser();
    const listed = await asAdviser.post(`/api/duos/${duo.id}/contact-persons`, { ...newPerson(3), email: duo.contactPersons[1].email.toUpperCase() }).expect(409);
    expect(listed.body).toMatchObject({ code: 'CONTACT_PERSON_ALREADY_LISTED', params: { name: duo.contactPersons[1].name } });
    expect(listed.body.detail).toContain('Edit that person instead');
    const invalid = await asAdviser.post(`/api/duos/${duo.id}/contact-persons`, { ...newPerson(3), email: 'geen-adres', side: 'residents' }).expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'side']);
    expect(await personsOf(duo.id)).toHaveLength(2);
  });

  it('lets the public form register several persons of a side', async () => {
    const cohort = await asAdviser.cohort();
    const form = aPublicForm(90);
    const receipt = await api(testApp)
      .post(`/api/cohorts/${cohort.id}/registrations`, { ...form, otherContactPersons: [newPerson(4, 'provider')] })
      .expect(201);
    const { municipalityContact, providerContact } = form;
    expect((await personsOf(receipt.body.duoId)).map((person) => [person.side, person.email])).toEqual([
      ['municipality', municipalityContact.email],
      ['provider', providerContact.email],
      ['provider', 'extra4@gemeente-contact.example'],
    ]);
  });
});

describe('editing a contact person', () => {
  it('replaces name, address and phone, raises the version and audits what changed', async () => {
    const duo = await aDuoOfAdviser();
    const [person] = await personsOf(duo.id);
    const edited = await asAdviser
      .put(`/api/duos/${duo.id}/contact-persons/${person.id}`, { name: 'Sanne de Wit-Jansen', email: 'sanne.nieuw@gemeente-contact.example' }, { 'if-match': `"${person.version}"` })
      .expect(200);
    expect(edited.body).toEqual({ id: person.id, version: 2, side: 'municipality', name: 'Sanne de Wit-Jansen', email: 'sanne.nieuw@gemeente-contact.example' });
    expect((await personsOf(duo.id))[0]).toEqual(edited.body);
    const auditPage = (await (await signedInFormBrowser(() => testApp.app.getHttpServer(), testApp.admin)).get(`/beheer/auditlog?duo=${duo.id}&editie=${duo.cohortId}`).expect(200)).text;
    expect(auditPage).toContain('Contactpersoon gewijzigd');
    expect(auditPage).toContain(`naam: ${person.name} → Sanne de Wit-Jansen; e-mailadres: ${person.email} → sanne.nieuw@gemeente-contact.example; telefoon: ${person.phone} → (leeg)`);
    const [record] = await auditOf(duo.id, 'duo.contact_person_changed');
    expect(record.details).toEqual({
      personId: person.id,
      side: 'municipality',
      before: { name: person.name, email: person.email, phone: person.phone ?? null },
      after: { name: 'Sanne de Wit-Jansen', email: 'sanne.nieuw@gemeente-contact.example', phone: null },
    });
  });

  it('of two parallel edits of one version, one wins and the other is refused with 409', async () => {
    const duo = await aDuoOfAdviser();
    const [, person] = await personsOf(duo.id);
    const edit = (name: string) =>
      asAdviser.http.put(`/api/duos/${duo.id}/contact-persons/${person.id}`).set('if-match', String(person.version)).send({ name, email: person.email });
    const answers = await Promise.all([edit('Eerste Versie'), edit('Tweede Versie')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(refused.body).toMatchObject({ code: 'VERSION_CONFLICT', params: { expectedVersion: 1, currentVersion: 2 } });
    const winner = answers.find((answer) => answer.status === 200)!;
    expect((await personsOf(duo.id))[1]).toMatchObject({ version: 2, name: winner.body.name });
    // The duo itself did not change version: its trajectory forms stay valid.
    expect((await asAdviser.get(`/api/duos/${duo.id}`).expect(200)).body.version).toBe(duo.version);
  });

  it('answers 404 for a person the duo does not have', async () => {
    const duo = await aDuoOfAdviser();
    const missing = await asAdviser.put(`/api/duos/${duo.id}/contact-persons/00000000-0000-4000-8000-000000000000`, { name: 'Niemand', email: 'niemand@example.org' }).expect(404);
    expect(missing.body.code).toBe('CONTACT_PERSON_NOT_FOUND');
  });
});

describe('removing a contact person', () => {
  it("refuses to remove a side's last person (422) and removes one of two", async () => {
    const duo = await aDuoOfAdviser();
    const [municipality, provider] = await personsOf(duo.id);
    const last = await asAdviser.http.delete(`/api/duos/${duo.id}/contact-persons/${provider.id}`).expect(422);
    expect(last.body).toMatchObject({ code: 'LAST_CONTACT_PERSON', params: { side: 'provider', name: provider.name } });
    expect(last.body.detail).toContain('Add another contact person of that side first');

    const added = (await asAdviser.post(`/api/duos/${duo.id}/contact-persons`, newPerson(5)).expect(201)).body.contactPerson;
    const stale = await asAdviser.http.delete(`/api/duos/${duo.id}/contact-persons/${municipality.id}`).set('if-match', '7').expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const remaining = await asAdviser.http.delete(`/api/duos/${duo.id}/contact-persons/${municipality.id}`).set('if-match', '1').expect(200);
    expect(remaining.body.map((person: Person) => person.id)).toEqual([provider.id, added.id]);
    const [record] = await auditOf(duo.id, 'duo.contact_person_removed');
    expect(record.details).toMatchObject({ personId: municipality.id, name: municipality.name, side: 'municipality' });
  });

  it('of two parallel removals that would empty a side, one is refused: the side keeps a person', async () => {
    const duo = await aDuoOfAdviser();
    await asAdviser.post(`/api/duos/${duo.id}/contact-persons`, newPerson(6, 'provider')).expect(201);
    const providers = (await personsOf(duo.id)).filter((person) => person.side === 'provider');
    expect(providers).toHaveLength(2);
    const answers = await Promise.all(providers.map((person) => asAdviser.http.delete(`/api/duos/${duo.id}/contact-persons/${person.id}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
    expect((await personsOf(duo.id)).filter((person) => person.side === 'provider')).toHaveLength(1);
  });
});

describe('who may', () => {
  it('lets a participant edit their own name and phone, and nothing else', async () => {
    const { duo, participant, asParticipant } = await asAdviser.admittedDuoWithParticipant(duoNumber++);
    const [own, other] = await personsOf(duo.id);
    const edited = await asParticipant.put(`/api/duos/${duo.id}/contact-persons/${own.id}`, { name: 'Mijn Nieuwe Naam', email: own.email, phone: '06-12345678' }).expect(200);
    expect(edited.body).toMatchObject({ name: 'Mijn Nieuwe Naam', phone: '06-12345678', version: 2 });
    expect((await auditOf(duo.id, 'duo.contact_person_changed'))[0].actorName).toBe(participant.name);

    const address = await asParticipant.put(`/api/duos/${duo.id}/contact-persons/${own.id}`, { name: 'Mijn Nieuwe Naam', email: 'ander@example.org' }).expect(403);
    expect(address.body.detail).toContain('cannot change your own e-mail address');
    const others = await asParticipant.put(`/api/duos/${duo.id}/contact-persons/${other.id}`, { name: 'Iemand Anders', email: other.email }).expect(403);
    expect(others.body.detail).toContain('your own details only');
    await asParticipant.post(`/api/duos/${duo.id}/contact-persons`, newPerson(7)).expect(403);
    await asParticipant.http.delete(`/api/duos/${duo.id}/contact-persons/${other.id}`).expect(403);
    expect((await personsOf(duo.id))[1]).toEqual(other);
  });

  it("hides another cohort's duo from an adviser (404)", async () => {
    const duo = await aDuoOfAdviser();
    const stranger = api(testApp, (await api(testApp, testApp.admin.token).staff('adviser', 2)).token);
    const [person] = await personsOf(duo.id);
    await stranger.get(`/api/duos/${duo.id}/contact-persons`).expect(404);
    await stranger.put(`/api/duos/${duo.id}/contact-persons/${person.id}`, { name: 'X', email: person.email }).expect(404);
  });
});

describeInBrowser('the duo page\'s contact persons in Chromium, at desktop and phone width', () => {
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = await listening(testApp.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const size of SCREEN_SIZES) {
    it(`adds, edits and removes a contact person, with the errors beside the fields, at ${size.width} px`, async () => {
      const context = await contextAt(browser, size);
      try {
        const duo = await aDuoOfAdviser();
        const extra = `extra.${size.name}@buurtwerk.example`;
        const page = await signedInPage(context, base, adviser);
        await page.goto(`${base}/trajecten/${duo.id}`);
        const adding = page.locator('details', { hasText: 'Een contactpersoon toevoegen' });
        await adding.locator('summary').click();
        await expectFits(page, `contactpersonen-${size.name}`);
        await adding.getByLabel('Kant').selectOption({ label: 'uitvoerder' });
        await adding.getByLabel('Naam').fill('Fatima El Amrani');
        await adding.getByLabel('E-mailadres').fill('geen-adres');
        await submit(page, adding.getByRole('button', { name: 'Contactpersoon toevoegen' }));
        await expectFits(page, `contactpersoon-fout-${size.name}`);
        expect(await page.locator('details', { hasText: 'Een contactpersoon toevoegen' }).locator('.foutmelding').textContent()).toContain('Vul een geldig e-mailadres in.');
        await page.locator('details', { hasText: 'Een contactpersoon toevoegen' }).getByLabel('E-mailadres').fill(` ${extra} `);
        await submit(page, page.getByRole('button', { name: 'Contactpersoon toevoegen' }));
        expect(await page.getByRole('status').textContent()).toContain('krijgt een uitnodiging voor Trajectkompas per e-mail');
        const added = (await personsOf(duo.id)).find((person) => person.email === extra)!;
        expect(added).toMatchObject({ side: 'provider', name: 'Fatima El Amrani', version: 1 });

        const editing = page.locator('li', { hasText: extra }).locator('details');
        await editing.locator('summary').click();
        await editing.getByLabel('Telefoon').fill('06-87654321');
        await submit(page, editing.getByRole('button', { name: 'Gegevens opslaan' }));
        expect(await page.getByRole('status').textContent()).toContain('De gegevens van de contactpersoon zijn opgeslagen.');
        expect((await personsOf(duo.id)).find((person) => person.id === added.id)).toMatchObject({ phone: '06-87654321', version: 2 });

        const only = page.locator('li', { hasText: duo.contactPersons[0].email }).locator('details');
        await only.locator('summary').click();
        await submit(page, only.getByRole('button', { name: 'Verwijderen als contactpersoon' }));
        await expectFits(page, `contactpersoon-laatste-${size.name}`);
        expect(await page.getByRole('alert').textContent()).toContain(`${duo.contactPersons[0].name} is de enige contactpersoon van de gemeente`);

        const removing = page.locator('li', { hasText: extra }).locator('details');
        await removing.locator('summary').click();
        await submit(page, removing.getByRole('button', { name: 'Verwijderen als contactpersoon' }));
        expect(await page.getByRole('status').textContent()).toContain('De contactpersoon is verwijderd.');
        expect((await personsOf(duo.id)).map((person) => person.email)).toEqual(duo.contactPersons.map((person) => person.email));
      } finally {
        await context.close();
      }
    });

    it(`lets a participant change their own name on Mijn traject at ${size.width} px`, async () => {
      const context = await contextAt(browser, size);
      try {
        const { duo, participant } = await asAdviser.admittedDuoWithParticipant(duoNumber++);
        const page = await signedInPage(context, base, participant);
        await page.goto(`${base}/mijn-traject`);
        const own = page.locator('details', { hasText: 'Mijn naam of telefoonnummer wijzigen' });
        await own.locator('summary').click();
        await expectFits(page, `mijn-gegevens-${size.name}`);
        await own.getByLabel('Naam').fill('');
        await submit(page, own.getByRole('button', { name: 'Mijn gegevens opslaan' }));
        expect(await page.locator('details', { hasText: 'Mijn naam of telefoonnummer wijzigen' }).locator('.foutmelding').textContent()).toContain('Vul dit in.');
        await expectFits(page, `mijn-gegevens-fout-${size.name}`);
        await page.locator('details', { hasText: 'Mijn naam of telefoonnummer wijzigen' }).getByLabel('Naam').fill('Sanne Nieuw');
        await submit(page, page.getByRole('button', { name: 'Mijn gegevens opslaan' }));
        expect(await page.getByRole('status').textContent()).toContain('De gegevens van de contactpersoon zijn opgeslagen.');
        expect((await personsOf(duo.id))[0]).toMatchObject({ name: 'Sanne Nieuw', email: duo.contactPersons[0].email, version: 2 });
      } finally {
        await context.close();
      }
    });
  }
});
