import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { mailConfig } from '../config/environment.js';
import { OutboxService, type MessageKind, type OutgoingMessage } from '../outbox/outbox.service.js';
import type { SessionRow } from '../sessions/planned-session.view.js';
import { sessionName } from '../sessions/session-kinds.js';
import { programmeOfUnit } from '../cohorts/cohort-programme.js';
import { firstEditionSession, mandatorySessionNames, UNIT_WORDS, type ProgrammeDefinition } from '../programmes/programme.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TIME_ZONE } from '../shared/dates.js';
import { calendarFile } from './calendar.js';
import { capitalised } from '../shared/capitalised.js';
import { isOne, unitName } from '../shared/unit-name.js';

interface Recipient {
  name: string;
  email: string;
}

interface DuoRow {
  id: string;
  municipality: string;
  provider: string;
  contact_persons: Recipient[];
  cohort_name: string;
  cohort_id: string;
  programme_key: string;
  trajectory_version: number;
}

const DUO_COLUMNS = 'd.id, d.municipality, d.provider, d.contact_persons, d.cohort_id, c.name AS cohort_name, c.programme_key, d.trajectory_version';

/** The duos a cohort session concerns: those that hold a place and are still on their way. */
const ACTIVE_DUO = "d.holds_place AND d.state NOT IN ('completed', 'withdrawn', 'droppedOut')";

/** "Gratis, maar niet vrijblijvend": the sessions the duo's programme makes mandatory, and who of the unit must come. */
/** The attendance obligation, where the programme has mandatory sessions; nothing where it has none. */
function obligation(duo: DuoRow): string[] {
  const programme = programmeOfDuo(duo);
  const { together, present } = UNIT_WORDS[programme.unit];
  const mandatory = mandatorySessionNames(programme);
  return mandatory ? [`Deelname is gratis, maar niet vrijblijvend: we verwachten jullie ${together} bij ${mandatory}${present ? `, ${present}` : ''}.`] : [];
}

function programmeOfDuo(duo: DuoRow): ProgrammeDefinition {
  return programmeOfUnit({ programmeKey: duo.programme_key }, { trajectoryVersion: duo.trajectory_version });
}

/**
 * What the contact persons of a duo are told, in Dutch, with the sessions as a calendar file:
 * on registration, on admission or the waiting list, when a session moves, and before each
 * workshop. Messages go into the outbox in the caller's transaction.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionsService,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {}

  onModuleInit(): void {
    this.sessions.whenMoved((em, sessionId, previousStartsAt) => this.sessionMoved(em, sessionId, previousStartsAt));
  }

  async registrationReceived(em: EntityManager, duoId: string): Promise<void> {
    const duo = await this.duo(em, duoId);
    const sessions = await this.sessionsOf(em, duo);
    await this.tell(em, duo, 'registration_received', `Aanmelding ontvangen: ${duo.cohort_name}`, [
      `Wij hebben de aanmelding van ${unitName(duo, ' en ')} voor ${duo.cohort_name} ontvangen.`,
      'Een adviseur laat jullie weten of jullie zijn toegelaten of op de wachtlijst staan.',
      ...obligation(duo),
      ...agenda(sessions),
    ], sessions);
  }

  /** After an accepted trajectory event: admission and the waiting list are announced. */
  async trajectoryEventAccepted(em: EntityManager, duoId: string, eventType: string): Promise<void> {
    if (eventType === 'ADMIT') {
      const duo = await this.duo(em, duoId);
      const sessions = await this.sessionsOf(em, duo);
      await this.tell(em, duo, 'admitted', `Toegelaten: ${duo.cohort_name}`, [
        `${unitName(duo, ' en ')} ${isOne(duo) ? 'is' : 'zijn'} toegelaten tot ${duo.cohort_name}.`,
        ...obligation(duo),
        ...agenda(sessions),
      ], sessions);
    }
    if (eventType === 'PLACE_ON_WAITING_LIST') {
      const duo = await this.duo(em, duoId);
      await this.tell(em, duo, 'waiting_list', `Op de wachtlijst: ${duo.cohort_name}`, [
        `${duo.cohort_name} is vol. ${unitName(duo, ' en ')} ${isOne(duo) ? 'staat' : 'staan'} op de wachtlijst, in volgorde van aanmelding.`,
        `Komt er vóór ${firstEditionSession(programmeOfDuo(duo))?.name ?? 'de start'} een plaats vrij, dan schuiven jullie automatisch door en horen jullie dat.`,
      ], []);
    }
  }

  /** A moved session (another start, end or place): every duo it concerns hears it, with an updated calendar entry. */
  async sessionMoved(em: EntityManager, sessionId: string, previousStartsAt: Date): Promise<void> {
    const session = await this.sessions.find(em, sessionId);
    const before = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }).format(previousStartsAt);
    for (const duo of await this.duosConcerned(em, session)) {
      await this.tell(em, duo, 'session_moved', `Verplaatst: ${sessionName(session.kind)} (${duo.cohort_name})`, [
        `Het ${sessionName(session.kind)} van ${before} is gewijzigd. Zo ziet het er nu uit:`,
        ...agenda([session]),
      ], [session]);
    }
  }

  /**
   * Schedules the reminders that are due: REMINDER_DAYS_BEFORE days before each workshop, for
   * every contact person of every duo it concerns. Each reminder has a key of its own (session,
   * its start, address), so a restart or a second process never repeats one and, because the
   * due ones are found from the database each time, never loses one. A workshop moved to
   * another start is reminded of again.
   */
  scheduleDueReminders(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due = await this.sessions.workshopsStartingWithin(em, this.config.REMINDER_DAYS_BEFORE);
      let scheduled = 0;
      for (const session of due) {
        for (const duo of await this.duosConcerned(em, session)) {
          scheduled += await this.outbox.enqueue(
            em,
            duo.contact_persons.map((person) => ({
              ...this.message(person, 'workshop_reminder', `Herinnering: ${sessionName(session.kind)} op ${dutchDate(session.local_date)} (${duo.cohort_name})`, [
                `Beste ${person.name},`,
                `Over enkele dagen is het ${sessionName(session.kind)} van ${duo.cohort_name}.`,
                ...agenda([session]),
                ...obligation(duo),
              ], [session]),
              dedupeKey: `reminder:${session.id}:${session.starts_at.toISOString()}:${person.email.toLowerCase()}`,
            })),
          );
        }
      }
      return scheduled;
    });
  }

  private async tell(em: EntityManager, duo: DuoRow, kind: MessageKind, subject: string, paragraphs: string[], sessions: SessionRow[]): Promise<void> {
    await this.outbox.enqueue(
      em,
      duo.contact_persons.map((person) => this.message(person, kind, subject, [`Beste ${person.name},`, ...paragraphs], sessions)),
    );
  }

  private message(person: Recipient, kind: MessageKind, subject: string, paragraphs: string[], sessions: SessionRow[]): OutgoingMessage {
    return {
      kind,
      recipientName: person.name,
      recipientEmail: person.email,
      subject,
      body: [...paragraphs, 'Met vriendelijke groet,\nTrajectkompas'].join('\n\n'),
      calendar: sessions.length
        ? calendarFile(
            sessions.map((session) => ({
              uid: session.id,
              sequence: session.version,
              startsAt: session.starts_at,
              endsAt: session.ends_at,
              summary: capitalised(sessionName(session.kind)),
              location: session.location,
            })),
          )
        : undefined,
    };
  }

  private async duo(em: EntityManager, duoId: string): Promise<DuoRow> {
    const [duo] = await em.query(
      `SELECT ${DUO_COLUMNS} FROM duos d JOIN cohorts c ON c.id = d.cohort_id WHERE d.id = $1`,
      [duoId],
    );
    return duo;
  }

  /** The cohort's workshops and the duo's own planned sessions that have not ended. */
  private sessionsOf(em: EntityManager, duo: DuoRow): Promise<SessionRow[]> {
    return this.sessions.upcomingFor(em, duo.cohort_id, duo.id);
  }

  private duosConcerned(em: EntityManager, session: SessionRow): Promise<DuoRow[]> {
    return em.query(
      `SELECT ${DUO_COLUMNS} FROM duos d JOIN cohorts c ON c.id = d.cohort_id
       WHERE d.cohort_id = $1 AND ${session.duo_id ? 'd.id = $2' : `${ACTIVE_DUO} AND $2::uuid IS NULL`} ORDER BY d.registered_at`,
      [session.cohort_id, session.duo_id],
    );
  }
}

function agenda(sessions: SessionRow[]): string[] {
  if (!sessions.length) return [];
  const lines = sessions.map(
    (session) =>
      `- ${capitalised(sessionName(session.kind))}: ${dutchDate(session.local_date)}, ${session.local_start}-${session.local_end} uur, ${session.location}` +
      (session.adviser ? ` (met ${session.adviser})` : ''),
  );
  return [`De bijeenkomsten (ook in de bijlage, voor je agenda):\n${lines.join('\n')}`];
}

/** 2099-05-14 as 14-05-2099. */
function dutchDate(isoDate: string): string {
  return isoDate.split('-').reverse().join('-');
}

