import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { AttendanceService } from '../attendance/attendance.service.js';
import { hashToken, newSecretToken } from '../auth/tokens.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import type { CohortView } from '../cohorts/cohort.view.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { authConfig } from '../config/environment.js';
import { CyclesService } from '../cycles/cycles.service.js';
import type { DuoOutlook } from '../duos/duos.service.js';
import { DuosService } from '../duos/duos.service.js';
import { calendarFile } from '../notifications/calendar.js';
import { DomainException } from '../problems/error-code.js';
import { sessionByKey } from '../programmes/programme.js';
import { PlannedSessionView, type SessionRow } from '../sessions/planned-session.view.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Principal } from '../shared/roles.js';
import { AgendaFeedRepository } from './agenda-feed.repository.js';
import type { AgendaFeedView, AgendaSessionView, EditionWorkView, MyWorkView } from './my-work.view.js';
import { capitalised } from '../shared/capitalised.js';
import { unitName } from '../shared/unit-name.js';

/** How far ahead the agenda reaches unless asked otherwise. */
export const AGENDA_WEEKS = 6;
/** How often a calendar that subscribed to a feed should fetch it again. */
const FEED_REFRESH = 'PT1H';
/** A token as newSecretToken makes it (32 bytes, base64url), then ".ics". */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/**
 * An adviser's own desk, across the editions they are assigned to: what each needs from them
 * now, their coming sessions, and the personal agenda feed of those sessions. Reads what the
 * other modules own through their services, in a bounded number of queries: two for the
 * editions, two for their duos, one for their sessions, one for the compasses, plus three per
 * edition for its attendance overview (the obligation, as the edition's own page counts it).
 */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly duos: DuosService,
    private readonly sessions: SessionsService,
    private readonly attendance: AttendanceService,
    private readonly cycles: CyclesService,
    private readonly accounts: AccountsService,
    private readonly feeds: AgendaFeedRepository,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** The overview, with the agenda from `from` until `until` (sessions that have not ended by `from`). */
  async overview(principal: Principal, from: Date, until: Date): Promise<MyWorkView> {
    const now = new Date();
    const cohorts = await this.cohorts.list(principal);
    const ids = cohorts.map((cohort) => cohort.id);
    const outlooks = await this.duos.outlookInCohorts(ids);
    const sessions = await this.sessions.inCohorts(ids);
    const counted = outlooks.filter((outlook) => outlook.takesPart && outlook.compass).map((outlook) => outlook.duo.id);
    const progress = await this.cycles.progressOfDuos(counted);
    const editions: EditionWorkView[] = [];
    for (const cohort of cohorts) {
      const own = outlooks.filter((outlook) => outlook.duo.cohortId === cohort.id);
      const { notMeetingObligation } = await this.attendance.overview(cohort.id);
      const compasses = own.flatMap((outlook) => progress.get(outlook.duo.id) ?? []);
      editions.push({
        ...editionNeeds(cohort, own, sessions, now),
        notMeetingObligation: notMeetingObligation.length,
        cyclesReadyToClose: compasses.filter((compass) => compass.readyToClose).length,
        duosLackingEvidence: compasses.filter((compass) => compass.stepsLackingEvidence.length > 0).length,
      });
    }
    const createdAt = await this.feeds.createdAt(this.dataSource.manager, principal.accountId);
    return {
      editions,
      agenda: agendaOf(cohorts, outlooks, sessions.filter((row) => row.ends_at > from && row.starts_at < until)),
      agendaFeed: { active: createdAt !== null, createdAt: createdAt?.toISOString() ?? null },
    };
  }

  /** A new feed address for the adviser, replacing the one they had. */
  createFeed(principal: Principal): Promise<AgendaFeedView> {
    return this.dataSource.transaction(async (em) => {
      const { token, hash } = newSecretToken();
      const createdAt = await this.feeds.replace(em, principal.accountId, hash);
      return { url: `${this.config.PUBLIC_URL}/agenda/${token}.ics`, token, createdAt: createdAt.toISOString() };
    });
  }

  /** The address stops working; 404 when there was none. */
  async revokeFeed(principal: Principal): Promise<void> {
    const revoked = await this.dataSource.transaction((em) => this.feeds.revoke(em, principal.accountId));
    if (!revoked) throw new DomainException('AGENDA_FEED_NOT_FOUND', 'You have no agenda feed address to revoke; make one with POST /api/me/agenda-feed.');
  }

  /**
   * The iCalendar file of a feed: every planned session of the adviser's editions, each with its
   * id as UID and its version as SEQUENCE. Not found, without saying why, for a token that is not
   * (or no longer) a feed's, or whose account is disabled or no longer an adviser.
   */
  async feed(file: string): Promise<string> {
    const token = FEED_FILE.exec(file)?.[1];
    const accountId = token ? await this.feeds.accountOf(this.dataSource.manager, hashToken(token)) : null;
    const account = accountId ? await this.accounts.get(accountId) : null;
    if (!account || account.status !== 'active' || account.role !== 'adviser') throw feedNotFound();
    const cohorts = await this.cohorts.advisedBy(account.id);
    const ids = cohorts.map((cohort) => cohort.id);
    const agenda = agendaOf(cohorts, await this.duos.outlookInCohorts(ids), await this.sessions.inCohorts(ids));
    return calendarFile(
      agenda.map((session) => ({
        uid: session.id,
        sequence: session.version,
        startsAt: new Date(session.startsAt),
        endsAt: new Date(session.endsAt),
        summary: `${capitalised(session.name)}${session.duoName ? `: ${session.duoName}` : ''} (${session.cohortName})`,
        location: session.location,
        description: `Editie ${session.cohortName}${session.duoName ? `, duo ${session.duoName}` : ''}.`,
      })),
      new Date(),
      { name: 'Trajectkompas: mijn bijeenkomsten', refreshInterval: FEED_REFRESH },
    );
  }
}

function feedNotFound(): DomainException {
  return new DomainException('AGENDA_FEED_NOT_FOUND', 'There is no agenda feed at this address.');
}


/** What the edition's duos and started sessions ask of its adviser, short of what other modules count. */
function editionNeeds(
  cohort: CohortView,
  duos: DuoOutlook[],
  sessions: SessionRow[],
  now: Date,
): Pick<EditionWorkView, 'cohortId' | 'name' | 'programme' | 'firstConversation' | 'duosWithoutFirstConversation' | 'attendanceListsToTake'> {
  const programme = programmeOf({ programmeKey: cohort.programme, programmeVersion: cohort.programmeVersion });
  const firstConversation = programme.sessions.find((session) => session.audience === 'unit') ?? null;
  const expecting = (key: string) => duos.filter((outlook) => outlook.expects.includes(key)).length;
  const attendanceListsToTake = sessions
    .filter((row) => row.cohort_id === cohort.id && row.duo_id === null && row.starts_at <= now)
    .flatMap((row) => {
      const definition = sessionByKey(programme, row.kind);
      const duosExpected = expecting(row.kind);
      return definition?.recorded === 'attendance' && duosExpected > 0
        ? [{ kind: row.kind, name: definition.name, startsAt: row.starts_at.toISOString(), duosExpected }]
        : [];
    });
  return {
    cohortId: cohort.id,
    name: cohort.name,
    programme: cohort.programme,
    firstConversation: firstConversation?.key ?? null,
    duosWithoutFirstConversation: firstConversation ? expecting(firstConversation.key) : 0,
    attendanceListsToTake,
  };
}

/** The sessions with the names of their edition and duo, by start. */
function agendaOf(cohorts: CohortView[], duos: DuoOutlook[], sessions: SessionRow[]): AgendaSessionView[] {
  const cohortNames = new Map(cohorts.map((cohort) => [cohort.id, cohort.name]));
  const duoNames = new Map(duos.map(({ duo }) => [duo.id, unitName(duo, ' en ')]));
  return sessions.map((row) => ({
    ...PlannedSessionView.of(row),
    cohortName: cohortNames.get(row.cohort_id) ?? '',
    duoName: row.duo_id ? (duoNames.get(row.duo_id) ?? null) : null,
    version: row.version,
  }));
}
