import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { hashToken } from '../auth/tokens.js';
import { meetingsConfig } from '../config/environment.js';
import { DomainException } from '../problems/error-code.js';
import { ERASED_NAME, erasedEmail } from '../shared/erased-person.js';
import { PrunesOldRows, type OldRowsPruner } from '../shared/retention.js';
import { RegistrationsService } from './registrations.service.js';

/** The personal fields of a registration: emptied on erasure. What the counts need (status, kind, attendance, returning) stays. */
const PERSONAL = "name = NULL, organisation = NULL, role = NULL, email = NULL, phone = NULL, lunch_wishes = NULL, cancel_token_hash = NULL, erased_at = now()";

/** What a registrant gets when they ask for their data. */
export interface RegistrantData {
  madeAt: string;
  email: string;
  registrations: {
    series: string;
    meetingDate: string;
    theme: string;
    status: string;
    name: string;
    organisation: string;
    organisationKind: string;
    role: string;
    phone: string;
    lunchWishes: string | null;
    attended: boolean;
    registeredAt: string;
    cancelledAt: string | null;
  }[];
  messages: { subject: string; sentAt: string | null }[];
}

/**
 * The privacy of people who register for open meetings (README, "Personal data"). With the link
 * from their confirmation, without an account, a registrant downloads everything kept about their
 * e-mail address, or has it erased. MEETING_DATA_RETENTION_MONTHS after a meeting the retention
 * round erases the personal data of its registrations. Either way the counts stay.
 */
@Injectable()
@PrunesOldRows()
export class MeetingPrivacyService implements OldRowsPruner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registrations: RegistrationsService,
    @Inject(meetingsConfig.KEY) private readonly config: ConfigType<typeof meetingsConfig>,
  ) {}

  /** Everything kept about the link's e-mail address: its registrations for every meeting, and the messages sent to it. */
  async personalData(token: string): Promise<RegistrantData> {
    const email = await this.emailOf(this.dataSource.manager, token);
    const registrations = await this.dataSource.query(
      `SELECT s.name AS series, to_char(m.date, 'YYYY-MM-DD') AS "meetingDate", m.theme, r.status, r.name, r.organisation,
              r.organisation_kind AS "organisationKind", r.role, r.phone, r.lunch_wishes AS "lunchWishes", r.attended,
              r.registered_at AS "registeredAt", r.cancelled_at AS "cancelledAt"
       FROM meeting_registrations r JOIN meetings m ON m.id = r.meeting_id JOIN meeting_series s ON s.id = m.series_id
       WHERE lower(r.email) = lower($1) ORDER BY m.date, r.registered_at`,
      [email],
    );
    const messages = await this.dataSource.query(
      `SELECT subject, sent_at AS "sentAt" FROM outbox WHERE lower(recipient_email) = lower($1) AND kind LIKE 'meeting\\_%' ORDER BY created_at`,
      [email],
    );
    return { madeAt: new Date().toISOString(), email, registrations, messages };
  }

  /**
   * Erases everything kept about the link's e-mail address, in one transaction: a registration
   * for a meeting still to come is cancelled first (its place goes to the waiting list), then the
   * personal fields of every registration are emptied, mail not yet sent is dropped and the mail
   * sent is kept under an erased name and address. The link stops working.
   */
  erase(token: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const email = await this.emailOf(em, token);
      const upcoming: { token_hash: string }[] = await em.query(
        `SELECT r.cancel_token_hash AS token_hash FROM meeting_registrations r JOIN meetings m ON m.id = r.meeting_id
         WHERE lower(r.email) = lower($1) AND r.status <> 'cancelled' AND m.date >= current_date AND m.called_off_at IS NULL AND r.cancel_token_hash IS NOT NULL
         ORDER BY r.meeting_id`,
        [email],
      );
      // In meeting id order, as a registration for several meetings locks them: the two never wait for each other.
      for (const { token_hash } of upcoming) await this.registrations.cancelIn(em, token_hash);
      await em.query(`UPDATE meeting_registrations SET ${PERSONAL} WHERE lower(email) = lower($1)`, [email]);
      await this.eraseMail(em, [email]);
    });
  }

  /** The retention round: the personal data of registrations for meetings more than MEETING_DATA_RETENTION_MONTHS ago, and attempts out of the throttle window. */
  async pruneOldRows(): Promise<Record<string, number>> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string; email: string | null }[] = await em.query(
        `SELECT r.id, r.email FROM meeting_registrations r JOIN meetings m ON m.id = r.meeting_id
         WHERE r.erased_at IS NULL AND m.date < current_date - make_interval(months => $1) FOR UPDATE OF r`,
        [this.config.MEETING_DATA_RETENTION_MONTHS],
      );
      if (rows.length) await em.query(`UPDATE meeting_registrations SET ${PERSONAL} WHERE id = ANY($1)`, [rows.map(({ id }) => id)]);
      await this.eraseMail(em, rows.flatMap(({ email }) => (email ? [email] : [])));
      const [, meetingRegistrationAttempts] = await em.query('DELETE FROM meeting_registration_attempts WHERE attempted_at < now() - $1::interval', [
        `${this.config.MEETING_REGISTRATION_THROTTLE_MINUTES} minutes`,
      ]);
      return { meetingRegistrationsErased: rows.length, meetingRegistrationAttempts };
    });
  }

  private async eraseMail(em: EntityManager, emails: string[]): Promise<void> {
    if (!emails.length) return;
    await em.query("DELETE FROM outbox WHERE sent_at IS NULL AND kind LIKE 'meeting\\_%' AND lower(recipient_email) = ANY($1)", [emails.map((email) => email.toLowerCase())]);
    const sent: { id: string }[] = await em.query("SELECT id FROM outbox WHERE kind LIKE 'meeting\\_%' AND lower(recipient_email) = ANY($1)", [
      emails.map((email) => email.toLowerCase()),
    ]);
    for (const { id } of sent) {
      await em.query("UPDATE outbox SET recipient_name = $2, recipient_email = $3, body = '', calendar = NULL WHERE id = $1", [id, ERASED_NAME, erasedEmail(id)]);
    }
  }

  private async emailOf(em: EntityManager, token: string): Promise<string> {
    const [row] = await em.query('SELECT email FROM meeting_registrations WHERE cancel_token_hash = $1 AND email IS NOT NULL', [hashToken(token)]);
    if (!row) {
      throw new DomainException('MEETING_REGISTRATION_NOT_FOUND', 'There is no registration with this link (any more). An erased registration keeps nothing.');
    }
    return row.email;
  }
}
