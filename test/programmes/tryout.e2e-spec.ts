import '../support/programmes/register-tryout.js';
import { useTestApp, type Api } from '../support/api.js';
import { aCohort, bothPresent, daysFromToday, figures, intake, providerAbsent } from '../support/fixtures.js';
import { signedInFormBrowser, type FormBrowser } from '../support/form-browser.js';
import { PASSWORD, type SignedInPerson } from '../support/test-app.js';
import { letDaysPass } from '../support/time.js';
import { describeInBrowser, launchBrowser, screenshot, axeViolations } from '../support/browser.js';

/**
 * Issue 14, item 8: one edition of the Proeftraject, a programme defined in
 * test/support/programmes/ only, run from registration to completion through the API, the pages
 * and the reports, as the werkateliers are run. If any of it needed a line outside the
 * definition, this edition could not get through. The steps run in order on the one edition.
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();

/** Registration closes tomorrow; the sessions are planned after it (issue 15's calendar rules). */
const DEADLINE = daysFromToday(1);
const KICKOFF_DAY = daysFromToday(7);
const COACHING_DAY = daysFromToday(10);
const CLOSING_DAY = daysFromToday(21);
/**
 * Days the edition's calendar moves on (test/support/time.ts) before the kick-off's list is
 * taken, and before the closing session's: attendance is recorded from a session's start on.
 */
const UNTIL_KICKOFF = 8;
const UNTIL_CLOSING = 22;
/** A planned day as it is once `days` days have passed. */
const after = (day: string, days: number) => daysFromToday(Math.round((Date.parse(day) - Date.parse(daysFromToday(0))) / 86_400_000) - days);

let adviser: SignedInPerson;
let asAdviser: Api;
let browser: FormBrowser;
let cohortId: string;
/** Admitted, withdraws before the kick-off. */
let leaving: string;
/** Admitted, holds the coaching conversation. */
let coached: string;
/** On the waiting list, moves up; misses the closing session until a correction. */
let movedUp: string;

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
  asAdviser = app.client.as(adviser);
  browser = await signedInFormBrowser(server, adviser);
});

/** The hidden fields of the form that posts to `action` (_csrf, _key, _version), as a browser sends them back. */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form = html.split(`action="${action}"`)[1]?.split('</form>')[0];
  if (form === undefined) throw new Error(`The page has no form that posts to ${action}`);
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name, value]));
}

const stateOf = async (duoId: string): Promise<string> => (await asAdviser.get(`/api/duos/${duoId}`).expect(200)).body.state;
const statesOf = (...duoIds: string[]) => Promise.all(duoIds.map(stateOf));
const nextStepOf = async (duoId: string) => (await asAdviser.get(`/api/duos/${duoId}/next-step`).expect(200)).body;
const cohortReport = async () => (await asAdviser.get(`/api/cohorts/${cohortId}/report`).expect(200)).body;

/** The duos of the cohort's attendance list (API), each with its attendance. */
const attendanceList = (entries: [string, object][]) => ({ duos: entries.map(([duoId, attendance]) => ({ duoId, ...attendance })) });

/** The body of a download (CSV) as text, without its byte order mark. */
async function downloaded(path: string): Promise<string> {
  const response = await asAdviser
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return (response.body as Buffer).toString('utf8').replace(/^\ufeff/, '');
}

describe('an edition of the Proeftraject, from registration to the reports', () => {
  it('is listed by GET /api/programmes beside the programmes that ship, with its four sessions in order', async () => {
    const programmes = (await app.client.as().get('/api/programmes').expect(200)).body;

    expect(programmes.map((programme: { key: string }) => programme.key)).toEqual(['werkateliers', 'dagbesteding', 'tryout']);
    const tryout = programmes[2];
    expect(tryout).toMatchObject({ version: 1, name: 'Proeftraject', unit: 'duo', capacity: { min: 2, max: 4 }, minimumToStart: 2, compass: false });
    expect(tryout.sessions.map(({ key, audience, recorded, mandatory, optional, maxPerUnit }: Record<string, unknown>) => [key, audience, recorded, mandatory, optional, maxPerUnit])).toEqual([
      ['kickoff', 'edition', 'attendance', true, false, 1],
      ['coaching', 'unit', 'held', false, false, 1],
      ['closing', 'edition', 'attendance', true, false, 1],
      ['reunion', 'edition', 'attendance', false, true, 1],
    ]);
  });

  it('refuses an edition of 5 duos, outside the 2 to 4 the Proeftraject allows, and creates nothing', async () => {
    const refused = await asAdviser.post('/api/cohorts', aCohort({ programme: 'tryout', capacity: 5 } as object)).expect(400);

    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'capacity', message: 'capacity must be at most 4 duos' }] });
    expect((await asAdviser.get('/api/cohorts').expect(200)).body).toEqual([]);
  });

  it('refuses it on the page too, with the message beside the number of places', async () => {
    const form = await browser.get('/edities').expect(200);
    const refused = await browser.post('/edities', {
      ...hiddenFields(form.text, '/edities'),
      programme: 'tryout',
      name: 'Proeftraject te groot',
      registrationDeadline: daysFromToday(30),
      capacity: '5',
    });

    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<p class="foutmelding" id="editie-capacity-fout">(<span class="verborgen">Fout: <\/span>)?[^<]*4[^<]*<\/p>/);
    expect((await asAdviser.get('/api/cohorts').expect(200)).body).toEqual([]);
  });

  it('an adviser creates the edition on the page, choosing the Proeftraject among the programmes: 2 places, no reunion day', async () => {
    const form = await browser.get('/edities').expect(200);
    expect(form.text).toMatch(/<select id="editie-programme" name="programme" required>/);
    expect(form.text).toContain('<option value="tryout">Proeftraject</option>');
    expect(form.text).toContain('Proeftraject: 2 tot 4 duo’s');

    const created = await browser.post('/edities', {
      ...hiddenFields(form.text, '/edities'),
      programme: 'tryout',
      name: 'Proeftraject Voorbeeld',
      location: 'Utrecht',
      registrationDeadline: DEADLINE,
      capacity: '2',
    });


    expect(created.status).toBe(303);
    const location = /^\/edities\/([0-9a-f-]{36})\?opgeslagen=editie#melding$/.exec(created.headers.location);
    expect(location).not.toBeNull();
    cohortId = location![1];
    expect((await asAdviser.get(`/api/cohorts/${cohortId}`).expect(200)).body).toMatchObject({
      programme: 'tryout',
      programmeVersion: 1,
      capacity: 2,
      minimum: 2,
      workshop3Planned: false,
    });
  });

  it('admits two of three registered duos, puts the third on the waiting list, and moves it up when an admitted duo withdraws before the kick-off', async () => {
    // One after the other: the waiting list goes by registration.
    [leaving, coached, movedUp] = [(await asAdviser.duo(cohortId, 1)).id, (await asAdviser.duo(cohortId, 2)).id, (await asAdviser.duo(cohortId, 3)).id];
    const admitted = [];
    for (const id of [leaving, coached, movedUp]) admitted.push((await asAdviser.post(`/api/duos/${id}/admission`).expect(201)).body.state);
    expect(admitted).toEqual(['admitted', 'admitted', 'waitingList']);
    expect((await asAdviser.get(`/api/cohorts/${cohortId}`).expect(200)).body).toMatchObject({ placesTaken: 2, waitingList: 1, canStart: true });

    const withdrawn = await asAdviser.post(`/api/duos/${leaving}/withdrawal`, { reason: 'De uitvoerder stopt met het buurthuis' }).expect(201);

    expect(withdrawn.body.state).toBe('withdrawn');
    const moved = (await asAdviser.get(`/api/duos/${movedUp}`).expect(200)).body;
    expect(moved.state).toBe('admitted');
    expect(moved.history.at(-1)).toMatchObject({ type: 'ADMIT', payload: { movedUpFromWaitingList: true, placeOf: leaving } });
    expect((await asAdviser.get(`/api/cohorts/${cohortId}`).expect(200)).body).toMatchObject({ placesTaken: 2, waitingList: 0 });
  });

  it('plans the kick-off on the cohort page and a coaching conversation over the API; the next step is the kick-off, at its planned time', async () => {
    const page = await browser.get(`/edities/${cohortId}`).expect(200);
    const action = `/edities/${cohortId}/bijeenkomsten/kickoff`;
    const planned = await browser.post(action, { ...hiddenFields(page.text, action), date: KICKOFF_DAY, startTime: '13:30', endTime: '', location: '' });
    expect(planned.status).toBe(303);
    expect(planned.headers.location).toBe(`/edities/${cohortId}?opgeslagen=bijeenkomst-kickoff#melding`);
    expect((await browser.get(planned.headers.location).expect(200)).text).toContain('Startbijeenkomst is gepland.');

    const coaching = await asAdviser
      .post(`/api/duos/${coached}/sessions`, { kind: 'coaching', date: COACHING_DAY, startTime: '10:00', adviser: adviser.name })
      .expect(201);
    // An hour, the coaching conversation's own length, where no end is given.
    expect(coaching.body).toMatchObject({ kind: 'coaching', name: 'coachgesprek', duoId: coached, date: COACHING_DAY, startTime: '10:00', endTime: '11:00' });

    const step = await nextStepOf(coached);
    expect(step.next).toMatchObject({ event: 'RECORD_ATTENDANCE', session: 'kickoff' });
    // Two hours, the kick-off's own length, at the edition's place.
    expect(step.session).toMatchObject({ kind: 'kickoff', name: 'startbijeenkomst', duoId: null, date: KICKOFF_DAY, startTime: '13:30', endTime: '15:30', location: 'Utrecht' });
  });

  it('refuses an attendance list of the kick-off that leaves out a duo, and records nothing', async () => {
    await letDaysPass(app.testApp.app, cohortId, UNTIL_KICKOFF);
    const refused = await asAdviser.post(`/api/cohorts/${cohortId}/sessions/kickoff/attendance`, attendanceList([[coached, bothPresent]])).expect(422);

    expect(refused.body).toMatchObject({ code: 'ATTENDANCE_LIST_INCOMPLETE', params: { missingDuos: ['Gemeente Voorbeeld 3 / Stichting Buurtwerk 3'] } });
    expect(await statesOf(coached, movedUp)).toEqual(['admitted', 'admitted']);
  });

  it('takes the kick-off attendance list on its page, for the two duos with a place, and both have kicked off', async () => {
    const path = `/edities/${cohortId}/bijeenkomsten/kickoff/presentielijst`;
    const list = await browser.get(path).expect(200);
    expect(list.text).toContain('Presentielijst startbijeenkomst');
    const listed = [...list.text.matchAll(/name="duos\.([0-9a-f-]{36})\.municipality\.status" value="present"/g)].map(([, id]) => id);
    expect(listed.sort()).toEqual([coached, movedUp].sort());

    const fields = { ...hiddenFields(list.text, path) };
    for (const id of listed) {
      for (const side of ['municipality', 'provider']) Object.assign(fields, { [`duos.${id}.${side}.status`]: 'present', [`duos.${id}.${side}.reason`]: '' });
    }
    const recorded = await browser.post(path, fields);

    expect(recorded.status).toBe(303);
    expect(recorded.headers.location).toBe(`/edities/${cohortId}?opgeslagen=presentielijst-kickoff#melding`);
    expect(await statesOf(coached, movedUp)).toEqual(['kickedOff', 'kickedOff']);
    expect((await browser.get(recorded.headers.location).expect(200)).text).toContain('De presentielijst van startbijeenkomst is opgeslagen.');
    // Now the planned coaching conversation is where the duo takes its next expected step.
    expect((await nextStepOf(coached)).alsoPlanned).toEqual([expect.objectContaining({ kind: 'coaching', date: after(COACHING_DAY, UNTIL_KICKOFF) })]);
  });

  it('shows the adviser the coaching form on the duo page', async () => {
    const page = await browser.get(`/trajecten/${coached}`).expect(200);

    expect(page.text).toContain(`action="/trajecten/${coached}/gesprekken/coaching"`);
    expect(page.text).toContain('Coachgesprek vastleggen');
  });

  it('shows no Kwaliteitskompas on the duo page: the Proeftraject keeps no evidence or cycles', async () => {
    const page = await browser.get(`/trajecten/${coached}`).expect(200);

    expect(page.text).not.toContain('<h2>Onderbouwing</h2>');
    expect(page.text).not.toContain('id="cyclus-1"');
    expect(page.text).not.toContain('/onderbouwing/nieuw');
  });

  it('logs the coaching conversation on the duo page, and refuses a second one: the Proeftraject allows one', async () => {
    const page = await browser.get(`/trajecten/${coached}`).expect(200);
    const action = `/trajecten/${coached}/gesprekken/coaching`;
    const held = await browser.post(action, { ...hiddenFields(page.text, action), heldOn: daysFromToday(0), adviser: adviser.name, notes: 'Doelen voor het buurthuis besproken' });

    expect(held.status).toBe(303);
    expect(held.headers.location).toBe(`/trajecten/${coached}?opgeslagen=gesprek-coaching#melding`);
    const after = await browser.get(held.headers.location).expect(200);
    expect(after.text).toContain('Het coachgesprek is vastgelegd.');
    expect(after.text).not.toContain(`action="${action}"`);
    expect(await nextStepOf(coached)).toMatchObject({ state: 'kickedOff', advisoryMeetingsHeld: 1, advisoryMeetingsRemaining: 0 });

    const second = await asAdviser.post(`/api/duos/${coached}/sessions/coaching/held`, { heldOn: daysFromToday(0), adviser: adviser.name }).expect(422);
    expect(second.body).toMatchObject({ code: 'ADVISORY_LIMIT_REACHED', params: { held: 1, limit: 1, session: 'coaching', state: 'kickedOff' } });
    expect(second.body.detail).toContain('the most a duo can have (1)');
    // What the duo lists and reports count: the duo's own count of meetings held.
    expect((await asAdviser.get(`/api/duos/${coached}`).expect(200)).body.advisoryMeetingsHeld).toBe(1);
  });

  it('has no intake and no Kwaliteitskompas to record', async () => {
    for (const path of [`/api/duos/${coached}/intake`, `/api/duos/${coached}/sessions/intake/held`]) {
      const refused = await asAdviser.post(path, intake).expect(404);
      expect(refused.body).toMatchObject({ code: 'SESSION_NOT_FOUND' });
      expect(refused.body.detail).toContain('Proeftraject has no session "intake"');
    }

    const evidence = await asAdviser.post(`/api/duos/${coached}/evidence`, figures(1)).expect(422);
    expect(evidence.body).toMatchObject({ code: 'COMPASS_NOT_USED' });
    expect((await nextStepOf(coached)).compass).toMatchObject({ applies: false, acceptsEvidence: false });
    expect((await asAdviser.get(`/api/duos/${coached}/evidence`).expect(200)).body).toEqual([]);
  });

  it('drops out the duo whose provider missed the closing session, and a correction with an excuse brings it back', async () => {
    await asAdviser.http.put(`/api/cohorts/${cohortId}/sessions/closing`).send({ date: CLOSING_DAY, startTime: '13:30' }).expect(200);
    await letDaysPass(app.testApp.app, cohortId, UNTIL_CLOSING);
    await asAdviser
      .post(`/api/cohorts/${cohortId}/sessions/closing/attendance`, attendanceList([[coached, bothPresent], [movedUp, providerAbsent]]))
      .expect(201);
    expect(await statesOf(coached, movedUp)).toEqual(['closed', 'droppedOut']);
    expect((await asAdviser.get(`/api/cohorts/${cohortId}/attendance`).expect(200)).body.notMeetingObligation).toEqual([movedUp]);

    const excused = { status: 'excused', excuse: { reason: 'Ziek gemeld bij de adviseur', excusedBy: adviser.name } };
    const corrected = await asAdviser
      .post(`/api/duos/${movedUp}/sessions/closing/attendance-corrections`, { municipality: { status: 'present' }, provider: excused, reason: 'De afmelding per e-mail was over het hoofd gezien' })
      .expect(201);

    expect(corrected.body.state).toBe('closed');
    expect((await asAdviser.get(`/api/cohorts/${cohortId}/attendance`).expect(200)).body.notMeetingObligation).toEqual([]);
  });

  it('refuses the reunion day the edition did not plan, and completes both duos', async () => {
    const planning = await asAdviser.http.put(`/api/cohorts/${cohortId}/sessions/reunion`).send({ date: daysFromToday(60), startTime: '10:00' }).expect(422);
    expect(planning.body.code).toBe('WORKSHOP_3_NOT_PLANNED');
    const attendance = await asAdviser.post(`/api/duos/${coached}/sessions/reunion/attendance`, bothPresent).expect(422);
    expect(attendance.body.code).toBe('WORKSHOP_3_NOT_PLANNED');
    expect((await nextStepOf(coached)).next).toMatchObject({ event: 'COMPLETE' });

    for (const id of [coached, movedUp]) await asAdviser.post(`/api/duos/${id}/completion`).expect(201);

    expect(await statesOf(leaving, coached, movedUp)).toEqual(['withdrawn', 'completed', 'completed']);
  });

  it('reports the edition in the Proeftraject’s own words: its sessions, its coaching conversations, no Kwaliteitskompas', async () => {
    const report = await cohortReport();

    expect(report.cohort).toMatchObject({ id: cohortId, programme: 'tryout', programmeName: 'Proeftraject', capacity: 2 });
    expect(report.compass).toBe(false);
    expect(report.meetings).toEqual({ name: 'coachgesprekken', one: 'coachgesprek', cap: 1 });
    const counts = (summary: Record<string, { count: number }> & { session: string; name: string; workshop: number | null }) => [
      summary.session,
      summary.name,
      summary.workshop,
      summary.recorded.count,
      summary.bothPresent.count,
      summary.metWithExcuse.count,
      summary.notMet.count,
    ];
    // The closing session counts what the correction left: the provider of the moved-up duo excused.
    expect(report.attendance.map(counts)).toEqual([
      ['kickoff', 'startbijeenkomst', null, 2, 2, 0, 0],
      ['closing', 'slotbijeenkomst', null, 2, 1, 1, 0],
      ['reunion', 'terugkomdag', null, 0, 0, 0, 0],
    ]);
    expect(report.attendance[1].metWithExcuse.duoIds).toEqual([movedUp]);
    const outcomes = Object.fromEntries(report.outcomes.map((outcome: { outcome: string; duoIds: string[] }) => [outcome.outcome, [...outcome.duoIds].sort()]));
    expect(outcomes).toEqual({ completed: [coached, movedUp].sort(), droppedOut: [], withdrawn: [leaving], running: [], notAdmitted: [] });
    expect(report.completedCycles.total).toBe(0);
    expect(report.evidenceMatrix.total).toBe(0);
    expect(report.advisoryMeetings).toEqual({
      total: 1,
      byNumberHeld: [
        { held: 0, count: 2, duoIds: expect.arrayContaining([leaving, movedUp]) },
        { held: 1, count: 1, duoIds: [coached] },
      ],
    });
  });

  it('names the Proeftraject’s sessions in the attendance CSV', async () => {
    const [header, ...rows] = (await downloaded(`/api/cohorts/${cohortId}/report/csv/aanwezigheid`)).trimEnd().split('\r\n');

    expect(header.split(';')[0]).toBe('Bijeenkomst');
    expect(rows.map((row) => row.split(';').slice(0, 5))).toEqual([
      ['Startbijeenkomst', '2', '2', '0', '0'],
      ['Slotbijeenkomst', '2', '1', '1', '0'],
      ['Terugkomdag', '0', '0', '0', '0'],
    ]);
    const duos = (await downloaded(`/api/cohorts/${cohortId}/report/csv/duos`)).split('\r\n');
    expect(duos[0].split(';')).toContain('Coachgesprekken');
  });

  it('prints the cohort report with its programme and coaching conversations, and nothing of the werkateliers or the Kwaliteitskompas', async () => {
    const printed = (await asAdviser.get(`/api/cohorts/${cohortId}/report/print`).expect(200)).text;

    expect(printed).toContain('Proeftraject');
    expect(printed).toContain('Coachgesprekken');
    expect(printed).toContain('Startbijeenkomst');
    expect(printed).not.toMatch(/werkatelier/i);
    expect(printed).not.toContain('Kwaliteitskompas');
  });

  it('tells each duo’s trajectory as a timeline of its own sessions', async () => {
    const coachedReport = (await asAdviser.get(`/api/duos/${coached}/report`).expect(200)).body;
    expect(coachedReport.timeline.map((entry: { title: string }) => entry.title)).toEqual(['Aanmelding', 'Toegelaten', 'Startbijeenkomst', 'Coachgesprek', 'Slotbijeenkomst', 'Afgerond']);
    const [, , kickoff, coaching] = coachedReport.timeline;
    expect(kickoff).toMatchObject({
      date: after(KICKOFF_DAY, UNTIL_KICKOFF + UNTIL_CLOSING),
      attendance: {
        session: 'kickoff',
        workshop: null,
        municipality: { status: 'present', attendees: [], excuse: null },
        provider: { status: 'present', attendees: [], excuse: null },
        correction: false,
      },
    });
    expect(coaching).toMatchObject({ date: daysFromToday(0), attendance: null, details: [`Adviseur: ${adviser.name}`, 'Notities: Doelen voor het buurthuis besproken'] });

    const movedUpReport = (await asAdviser.get(`/api/duos/${movedUp}/report`).expect(200)).body;
    expect(movedUpReport.timeline.map((entry: { title: string }) => entry.title)).toEqual([
      'Aanmelding',
      'Op de wachtlijst',
      'Toegelaten',
      'Startbijeenkomst',
      'Slotbijeenkomst',
      'Correctie aanwezigheid slotbijeenkomst',
      'Afgerond',
    ]);
    expect(movedUpReport.timeline[2].details).toEqual(['Van de wachtlijst doorgeschoven']);
    expect(movedUpReport.timeline[5].attendance).toMatchObject({
      session: 'closing',
      workshop: null,
      provider: { status: 'excused', excuse: { reason: 'Ziek gemeld bij de adviseur', excusedBy: adviser.name } },
      correction: true,
    });
  });

  it('shows the cohort page with the Proeftraject’s sessions and coaching conversations, and no workshop', async () => {
    const page = (await browser.get(`/edities/${cohortId}`).expect(200)).text;

    expect(page).toContain('<h2>Bijeenkomsten</h2>');
    expect(page).toContain('Startbijeenkomst');
    expect(page).toContain('Slotbijeenkomst');
    // The reunion day was not planned for this edition, so the page offers no planning of it.
    expect(page).not.toContain(`/edities/${cohortId}/bijeenkomsten/reunion`);
    expect(page).not.toMatch(/werkatelier/i);
    // The column of coaching conversations, each duo's count out of the one it may have.
    expect(page).toContain('Coachgesprekken');
    const row = (duoId: string) => page.split(`<a href="/trajecten/${duoId}">`)[1]?.split('</tr>')[0] ?? '';
    expect([row(coached), row(movedUp)].map((cells) => /<td>(\d) van (\d)<\/td>/.exec(cells)?.slice(1))).toEqual([
      ['1', '1'],
      ['0', '1'],
    ]);
  });
});

describeInBrowser('the Proeftraject’s pages in Chromium, on a phone', () => {
  it('shows the cohort page, a duo, the attendance list and the report with no accessibility findings', async () => {
    await app.testApp.app.listen(0, '127.0.0.1');
    const base = (await app.testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    const chromium = await launchBrowser();
    try {
      const phone = await chromium.newPage({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', bypassCSP: true });
      phone.setDefaultTimeout(10_000);
      await phone.goto(`${base}/inloggen`);
      await phone.getByLabel('E-mailadres').fill(adviser.email);
      await phone.getByLabel('Wachtwoord').fill(PASSWORD);
      await Promise.all([phone.waitForURL(/\/mijn-werk/), phone.getByRole('button', { name: 'Inloggen' }).click()]);
      const pages: [string, string][] = [
        ['/mijn-werk', 'proeftraject-mijn-werk'],
        [`/edities/${cohortId}`, 'proeftraject-editie'],
        [`/trajecten/${coached}`, 'proeftraject-duo'],
        [`/edities/${cohortId}/bijeenkomsten/closing/presentielijst`, 'proeftraject-presentielijst'],
        [`/edities/${cohortId}/rapportage`, 'proeftraject-rapportage'],
      ];
      for (const [path, name] of pages) {
        const response = await phone.goto(`${base}${path}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        await screenshot(phone, name);
        // Nothing wider than the phone: the page scrolls down, not sideways.
        expect({ path, overflow: await phone.evaluate(() => {
          const { document, innerWidth } = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
          return document.documentElement.scrollWidth > innerWidth;
        }) }).toEqual({ path, overflow: false });
        expect({ path, violations: await axeViolations(phone) }).toEqual({ path, violations: [] });
      }
    } finally {
      await chromium.close();
    }
  }, 60_000);
});
