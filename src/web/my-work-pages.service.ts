import { Injectable } from '@nestjs/common';
import { AGENDA_WEEKS, MyWorkService } from '../my-work/my-work.service.js';
import { sessionByKey } from '../programmes/programme.js';
import { currentProgramme } from '../programmes/programmes.js';
import type { AgendaSessionView } from '../my-work/my-work.view.js';
import { todayInAmsterdam } from '../shared/dates.js';
import type { Principal } from '../shared/roles.js';
import { page, redirect, type PageData, type PageResult } from './page.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const monthName = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A heading of the agenda and the sessions under it. */
interface AgendaGroup {
  heading: string;
  sessions: AgendaSessionView[];
}

/** Mijn werk: an adviser's editions with what needs them, their agenda, and their agenda feed. */
@Injectable()
export class MyWorkPagesService {
  constructor(private readonly work: MyWorkService) {}

  /**
   * The coming weeks by ISO week ("Week 49"), or with `?weergave=maand` a month's days that have
   * sessions: this month, or the one `maand` names (YYYY-MM), with links to the months around it.
   */
  async myWork(principal: Principal, view: unknown, form: Partial<PageData> = {}, shownMonth?: unknown): Promise<PageResult> {
    const byMonth = view === 'maand';
    const now = new Date();
    const thisMonth = todayInAmsterdam().slice(0, 7);
    const month = typeof shownMonth === 'string' && MONTH.test(shownMonth) ? shownMonth : thisMonth;
    const [from, until] = byMonth ? monthRange(month) : [now, new Date(now.getTime() + AGENDA_WEEKS * 7 * DAY_MS)];
    const work = await this.work.overview(principal, from, until);
    const sessions = byMonth ? work.agenda.filter((session) => session.date.startsWith(month)) : work.agenda;
    const groups = byMonth ? groupBy(sessions, (session) => session.date, (date) => date) : groupBy(sessions, (session) => `Week ${isoWeek(session.date)}`);
    // Each edition's first conversation as its programme names it ("kennismakingsgesprek").
    const firstConversationOf = Object.fromEntries(
      work.editions.map((edition) => {
        const programme = currentProgramme(edition.programme);
        return [edition.cohortId, (programme && edition.firstConversation && sessionByKey(programme, edition.firstConversation)?.name) || 'eerste gesprek'];
      }),
    );
    return page('my-work', {
      title: 'Mijn werk',
      principal,
      work,
      firstConversationOf,
      byMonth,
      monthName: nameOf(month),
      isThisMonth: month === thisMonth,
      thisMonthName: nameOf(thisMonth),
      months: [-1, 1].map((step) => ({ month: monthAfter(month, step), name: nameOf(monthAfter(month, step)) })),
      weeks: AGENDA_WEEKS,
      groups,
      ...form,
    });
  }

  /** A new feed address, shown this once on the page that answers the form. */
  async createFeed(principal: Principal): Promise<PageResult> {
    const feed = await this.work.createFeed(principal);
    return this.myWork(principal, undefined, { feedUrl: feed.url, notice: 'Uw agenda-adres is gemaakt. Neem het nu over: het wordt maar één keer getoond.' });
  }

  async revokeFeed(principal: Principal): Promise<PageResult> {
    await this.work.revokeFeed(principal);
    return redirect('/mijn-werk?opgeslagen=agenda-ingetrokken');
  }
}

/** A month as `?maand=` names it: YYYY-MM. */
const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;

function nameOf(month: string): string {
  return monthName.format(new Date(`${month}-01T00:00:00Z`));
}

/** The month `step` months after this one (YYYY-MM), before it when negative. */
export function monthAfter(month: string, step: number): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1 + step, 1)).toISOString().slice(0, 7);
}

/** Around the month: a day on either side, so that every session starting in it (Amsterdam) is read; the page keeps those of the month. */
function monthRange(month: string): [Date, Date] {
  const [year, number] = month.split('-').map(Number);
  return [new Date(Date.UTC(year, number - 1, 1) - DAY_MS), new Date(Date.UTC(year, number, 1) + DAY_MS)];
}

/** The ISO 8601 week number of a day ("2026-12-01" is in week 49). */
export function isoWeek(day: string): number {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  // The Thursday of the same week decides the year the week belongs to.
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  return 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * DAY_MS));
}

function groupBy(sessions: AgendaSessionView[], key: (session: AgendaSessionView) => string, heading: (key: string) => string = (key) => key): AgendaGroup[] {
  const groups: AgendaGroup[] = [];
  for (const session of sessions) {
    const name = heading(key(session));
    const last = groups.at(-1);
    if (last?.heading === name) last.sessions.push(session);
    else groups.push({ heading: name, sessions: [session] });
  }
  return groups;
}
