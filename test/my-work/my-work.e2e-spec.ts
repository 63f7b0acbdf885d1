import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { useTestApp, type Api } from '../support/api.js';
import { describeInBrowser, expectFits, launchBrowser, listening, signedInPage, submit, contextAt, SCREEN_SIZES } from '../support/browser.js';
import { daysFromToday, figures, improvementActions, intake, providerAbsent } from '../support/fixtures.js';
import type { SignedInPerson } from '../support/test-app.js';
import { letDaysPass } from '../support/time.js';
import { signedInFormBrowser } from '../support/form-browser.js';
import { monthAfter } from '../../src/web/my-work-pages.service.js';

/**
 * Issue 16: Mijn werk, an adviser's desk across their editions, and the personal agenda feed.
 * The counts of a seeded edition, who may see them, the agenda; the feed as RFC 5545 file, which
 * follows a moved session and stops answering when replaced, revoked or its account disabled.
 */
jest.setTimeout(180_000);

const app = useTestApp();

let adviser: SignedInPerson;
let asAdviser: Api;
let cohortId: string;
type Duo = Awaited<ReturnType<Api['duo']>>;
let attending: Duo;
let ready: Duo;
let intakeId: string;

beforeAll(async () => {
  adviser = await app.client.staff('adviser', 1);
  asAdviser = app.client.as(adviser);
  // Four admitted duos without intake (101-104), one whose intake was held, one ready to close its cycle.
  cohortId = (await asAdviser.startableCohort({ name: 'Najaar', registrationDeadline: daysFromToday(0) })).id;
  attending = await asAdviser.duo(cohortId, 1);
  ready = await asAdviser.duo(cohortId, 2);
  for (const duo of [attending, ready]) await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
  await asAdviser.post(`/api/duos/${attending.id}/intake`, intake).expect(201);
  for (const step of [1, 2, 3, 4, 5, 6]) await asAdviser.post(`/api/duos/${ready.id}/evidence`, figures(step)).expect(201);
  await asAdviser.put(`/api/duos/${ready.id}/cycles/1/improvement-actions`, improvementActions).expect(200);
  await asAdviser.put(`/api/cohorts/${cohortId}/workshops/1`, { date: daysFromToday(1), startTime: '10:00' }).expect(200);
  // Workshop 1 has started (two days ago); its list is still to take for the duo that had its intake.
  await letDaysPass(app.testApp.app, cohortId, 3);
  await asAdviser.put(`/api/cohorts/${cohortId}/workshops/2`, { date: daysFromToday(14), startTime: '13:30' }).expect(200);
  // The intake is planned 8 days ahead: outside a week's agenda at any time of day (7 days ahead at 10:00 is inside it after 10:00).
  intakeId = (await asAdviser.post(`/api/duos/${ready.id}/sessions`, { kind: 'intake', date: daysFromToday(8), startTime: '10:00', adviser: adviser.name }).expect(201)).body.id;
});

describe('GET /api/me/work', () => {
  it("counts what each of the adviser's editions needs, and lists the coming sessions with edition and duo", async () => {
    const { body } = await asAdviser.get('/api/me/work').expect(200);
    expect(body.editions).toEqual([
      {
        cohortId,
        name: 'Najaar',
        programme: 'werkateliers',
        firstConversation: 'intake',
        duosWithoutFirstConversation: 5,
        attendanceListsToTake: [{ kind: 'workshop1', name: 'werkatelier 1', startsAt: expect.any(String), duosExpected: 1 }],
        notMeetingObligation: 0,
        cyclesReadyToClose: 1,
        duosLackingEvidence: 5,
      },
    ]);
    expect(body.agenda.map((session: { kind: string; date: string; duoName: string | null; cohortName: string }) => [session.kind, session.date, session.duoName, session.cohortName])).toEqual([
      ['intake', daysFromToday(8), `${ready.municipality} en ${ready.provider}`, 'Najaar'],
      ['workshop2', daysFromToday(14), null, 'Najaar'],
    ]);
    expect(body.agendaFeed).toEqual({ active: false, createdAt: null });
    expect((await asAdviser.get('/api/me/work?weeks=1').expect(200)).body.agenda.map((session: { kind: string }) => session.kind)).toEqual([]);
  });

  it('takes a list off once it is taken, and counts the duo that dropped out', async () => {
    const list = { duos: [{ duoId: attending.id, ...providerAbsent }] };
    await asAdviser.post(`/api/cohorts/${cohortId}/sessions/workshop1/attendance`, list).expect(201);
    const [edition] = (await asAdviser.get('/api/me/work').expect(200)).body.editions;
    expect(edition).toMatchObject({ attendanceListsToTake: [], notMeetingObligation: 1, duosLackingEvidence: 4 });
  });

  it("shows another adviser none of these editions; admins and participants are refused, anonymous callers asked to sign in", async () => {
    const other = await app.client.staff('adviser', 2);
    expect((await app.client.as(other).get('/api/me/work').expect(200)).body).toMatchObject({ editions: [], agenda: [] });
    await app.client.get('/api/me/work').expect(403);
    const participant = await asAdviser.participant(ready.id, ready.contactPersons[0].email);
    await app.client.as(participant).get('/api/me/work').expect(403);
    await app.client.as(participant).post('/api/me/agenda-feed').expect(403);
    await app.client.as().get('/api/me/work').expect(401);
    const invalid = await asAdviser.get('/api/me/work?weeks=0').expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });
});

/** The content lines of an iCalendar file, checked as RFC 5545 writes them: CRLF, folded at 75 octets. */
function contentLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  }
  return physical.reduce<string[]>((lines, line) => (line.startsWith(' ') ? [...lines.slice(0, -1), lines.at(-1) + line.slice(1)] : [...lines, line]), []);
}

interface ParsedEvent {
  [name: string]: string;
}

/** The calendar's properties and its events, each a map of property name (without parameters) to value; nesting checked. */
function parseCalendar(text: string): { calendar: ParsedEvent; events: ParsedEvent[] } {
  const lines = contentLines(text);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const calendar: ParsedEvent = {};
  const events: ParsedEvent[] = [];
  let event: ParsedEvent | null = null;
  for (const line of lines.slice(1, -1)) {
    const match = /^([A-Z-]+)(;[^:]*)?:(.*)$/.exec(line);
    expect(match).not.toBeNull();
    const [, name, , value] = match!;
    if (name === 'BEGIN') {
      expect({ value, nested: event !== null }).toEqual({ value: 'VEVENT', nested: false });
      event = {};
    } else if (name === 'END') {
      expect(value).toBe('VEVENT');
      events.push(event!);
      event = null;
    } else {
      const target = event ?? calendar;
      expect(target[name]).toBeUndefined();
      target[name] = value;
    }
  }
  expect(event).toBeNull();
  return { calendar, events };
}

const pathOf = (url: string) => new URL(url).pathname;

describe('the agenda feed', () => {
  let feedPath: string;

  it('serves every planned session of the edition as an iCalendar file, without a session and not to be cached', async () => {
    const created = await asAdviser.post('/api/me/agenda-feed').expect(201);
    expect(created.body.url).toMatch(/\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
    feedPath = pathOf(created.body.url);
    const response = await app.client.as().get(feedPath).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(response.headers['cache-control']).toMatch(/no-store/);
    const { calendar, events } = parseCalendar(response.text);
    expect(calendar).toMatchObject({ VERSION: '2.0', 'X-WR-CALNAME': 'Trajectkompas: mijn bijeenkomsten', 'REFRESH-INTERVAL': 'PT1H' });
    const sessions = (await asAdviser.get(`/api/cohorts/${cohortId}/sessions`).expect(200)).body as { id: string; startsAt: string; endsAt: string }[];
    expect(sessions).toHaveLength(3);
    expect(events.map((event) => event.UID).sort()).toEqual(sessions.map((session) => `${session.id}@trajectkompas`).sort());
    for (const session of sessions) {
      const event = events.find((candidate) => candidate.UID === `${session.id}@trajectkompas`)!;
      expect(event.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
      expect(event.DTEND).toMatch(/^\d{8}T\d{6}Z$/);
      expect(event.DTSTART).toBe(session.startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
      expect(event.DTEND).toBe(session.endsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    }
    const intakeEvent = events.find((event) => event.UID === `${intakeId}@trajectkompas`)!;
    expect(intakeEvent.SUMMARY).toBe(`Kennismakingsgesprek: ${ready.municipality} en ${ready.provider} (Najaar)`);
    expect((await asAdviser.get('/api/me/work').expect(200)).body.agendaFeed).toEqual({ active: true, createdAt: created.body.createdAt });
  });

  it('shows a moved session at its new time, with the same UID and a higher SEQUENCE', async () => {
    const before = parseCalendar((await app.client.as().get(feedPath).expect(200)).text).events.find((event) => event.UID === `${intakeId}@trajectkompas`)!;
    await asAdviser.put(`/api/duos/${ready.id}/sessions/${intakeId}`, { kind: 'intake', date: daysFromToday(9), startTime: '14:00', adviser: adviser.name }).expect(200);
    const after = parseCalendar((await app.client.as().get(feedPath).expect(200)).text).events.find((event) => event.UID === `${intakeId}@trajectkompas`)!;
    expect(after.DTSTART).not.toBe(before.DTSTART);
    expect(after.DTSTART.slice(0, 8)).toBe(daysFromToday(9).replace(/-/g, ''));
    expect(Number(after.SEQUENCE)).toBeGreaterThan(Number(before.SEQUENCE));
  });

  it('answers 404 for a replaced, revoked or unknown address, and for a disabled account', async () => {
    const replaced = pathOf((await asAdviser.post('/api/me/agenda-feed').expect(201)).body.url);
    await app.client.as().get(feedPath).expect(404);
    await app.client.as().get(replaced).expect(200);
    await asAdviser.http.delete('/api/me/agenda-feed').expect(204);
    await app.client.as().get(replaced).expect(404);
    expect((await asAdviser.http.delete('/api/me/agenda-feed').expect(404)).body.code).toBe('AGENDA_FEED_NOT_FOUND');
    await app.client.as().get('/agenda/niet-een-adres.ics').expect(404);
    await app.client.as().get(`/agenda/${'A'.repeat(43)}.ics`).expect(404);
    const last = pathOf((await asAdviser.post('/api/me/agenda-feed').expect(201)).body.url);
    await app.client.as().get(last).expect(200);
    await app.client.http.patch(`/api/accounts/${adviser.id}`).send({ disabled: true }).expect(200);
    await app.client.as().get(last).expect(404);
    await app.client.http.patch(`/api/accounts/${adviser.id}`).send({ disabled: false }).expect(200);
    await app.client.as().get(last).expect(200);
  });
});

describe('the agenda by month', () => {
  it('shows the sessions of the month asked for (?maand=YYYY-MM), with links to the months before and after', async () => {
    const desk = await signedInFormBrowser(() => app.testApp.app.getHttpServer(), adviser);
    const workshop2 = daysFromToday(14).slice(0, 7);
    const shown = (await desk.get(`/mijn-werk?weergave=maand&maand=${workshop2}`).expect(200)).text;
    expect(shown).toContain('werkatelier 2');
    expect(shown).toContain(`<strong>${dutchMonth(workshop2)}</strong>`);
    expect(shown).toContain(`href="/mijn-werk?weergave=maand&amp;maand=${monthAfter(workshop2, -1)}" rel="prev"`);
    expect(shown).toContain(`href="/mijn-werk?weergave=maand&amp;maand=${monthAfter(workshop2, 1)}" rel="next"`);
    const later = monthAfter(workshop2, 2);
    expect((await desk.get(`/mijn-werk?weergave=maand&maand=${later}`).expect(200)).text).toContain(`In ${dutchMonth(later)} staan er geen bijeenkomsten gepland.`);
    // A month that cannot be is this month.
    expect((await desk.get('/mijn-werk?weergave=maand&maand=2026-13').expect(200)).text).toContain(`<strong>${dutchMonth(daysFromToday(0).slice(0, 7))}</strong>`);
  });

  it('counts months over the turn of the year', () => {
    expect([monthAfter('2026-12', 1), monthAfter('2026-01', -1), monthAfter('2026-11', 1)]).toEqual(['2027-01', '2025-12', '2026-12']);
  });
});

/** "december 2026", as the page names a month. */
function dutchMonth(month: string): string {
  return new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

describeInBrowser('Mijn werk in Chromium, at desktop and phone width', () => {
  let browser: Browser;
  let base: string;
  let desk: SignedInPerson;

  beforeAll(async () => {
    base = await listening(app.testApp.app);
    browser = await launchBrowser();
    desk = await app.client.staff('adviser', 7);
    const asDesk = app.client.as(desk);
    const cohort = await asDesk.startableCohort({ name: 'Voorjaar', registrationDeadline: daysFromToday(1) });
    await asDesk.put(`/api/cohorts/${cohort.id}/workshops/1`, { date: daysFromToday(3), startTime: '10:00' }).expect(200);
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const size of SCREEN_SIZES) {
    it(`at ${size.width} px the adviser starts at Mijn werk, reads the agenda by week and by month, and makes an agenda address`, async () => {
      const context = await contextAt(browser, size);
      try {
        const page = await signedInPage(context, base, desk);
        expect(new URL(page.url()).pathname).toBe('/mijn-werk');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mijn werk');
        expect(await page.getByRole('link', { name: '4 duo’s zonder kennismakingsgesprek' }).count()).toBe(1);
        expect(await page.getByRole('heading', { name: /^Week \d+$/ }).count()).toBeGreaterThan(0);
        expect(await page.locator('.agenda li').first().textContent()).toContain('werkatelier 1');
        await expectFits(page, `mijn-werk-${size.name}`);
        await page.getByRole('link', { name: /^Deze maand/ }).click();
        await page.waitForURL(/weergave=maand/);
        await expectFits(page, `mijn-werk-maand-${size.name}`);
        await page.getByRole('link', { name: /^Volgende maand/ }).click();
        await page.waitForURL(new RegExp(`maand=${monthAfter(daysFromToday(0).slice(0, 7), 1)}`));
        expect(await page.locator('.maanden strong').textContent()).toBe(dutchMonth(monthAfter(daysFromToday(0).slice(0, 7), 1)));
        await expectFits(page, `mijn-werk-volgende-maand-${size.name}`);
        await page.getByRole('link', { name: /Vorige maand/ }).click();
        await page.waitForURL(new RegExp(`maand=${daysFromToday(0).slice(0, 7)}`));
        await submit(page, page.getByRole('button', { name: /agenda-adres maken/i }));
        const url = await page.locator('code').textContent();
        expect(url).toMatch(/\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
        await expectFits(page, `mijn-werk-agenda-adres-${size.name}`);
        const feed = await app.client.as().get(pathOf(url!)).expect(200);
        expect(feed.text).toContain('BEGIN:VEVENT');
        await submit(page, page.getByRole('button', { name: 'Agenda-adres intrekken' }));
        expect(await page.locator('#melding').textContent()).toContain('ingetrokken');
        await app.client.as().get(pathOf(url!)).expect(404);
      } finally {
        await context.close();
      }
    });
  }
});
