import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { hashToken, newSecretToken } from '../auth/tokens.js';
import { authConfig, meetingsConfig } from '../config/environment.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import { dayHasPassed } from '../shared/dates.js';
import type { Actor } from '../shared/roles.js';
import type { RegisterForMeetingDto } from './dto/register.dto.js';
import { FormGuard } from './form-guard.js';
import { cancelledMessage, movedUpMessage, registeredMessage, reminderKeyPrefix, type Registrant } from './meeting-messages.js';
import type { RegistrationStatus } from './meeting-kinds.js';
import type { OwnRegistrationView, PublicRegistrationView, RegistrationReceiptView } from './meeting.view.js';
import { cameBefore, ensureNotCalledOff, MeetingsService, type MeetingRow } from './meetings.service.js';

const TOKEN_SELECT = 'SELECT r.id, r.meeting_id AS "meetingId", r.status, r.name, r.email FROM meeting_registrations r';

function registrationNotFound(): DomainException {
  return new DomainException(
    'MEETING_REGISTRATION_NOT_FOUND',
    'There is no registration with this link (any more). Check that the whole link from the confirmation was copied; an erased registration keeps nothing.',
  );
}

/** A registration just written, with the secret of its cancel link (only its hash is stored). */
export interface NewRegistration {
  id: string;
  meeting: MeetingRow;
  status: RegistrationStatus;
  cancelToken: string;
}

/**
 * People's registrations for open meetings, without an account. A registration takes a place
 * while the meeting has one, and a place on the waiting list after that; the meeting's row is
 * locked while it counts, so the capacity holds however many register at once. Registering for
 * several meetings of a series (the form's "other meetings") is all or none.
 */
@Injectable()
export class RegistrationsService {
  private readonly logger = new Logger('MeetingRegistrations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly idempotency: IdempotencyService,
    private readonly guard: FormGuard,
    private readonly outbox: OutboxService,
    @Inject(meetingsConfig.KEY) private readonly config: ConfigType<typeof meetingsConfig>,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  /** A form token for a meeting's registration form (404 for a meeting that does not exist). */
  async form(meetingId: string): Promise<{ formToken: string; minimumSeconds: number }> {
    ensureNotCalledOff(await this.meetings.findMeeting(this.dataSource.manager, meetingId));
    return { formToken: await this.guard.issue(), minimumSeconds: this.config.MEETING_FORM_MIN_SECONDS };
  }

  /**
   * Registers a person. First the form is checked for robots and the attempt counted against the
   * client address and the e-mail address (in a transaction of its own, so refused attempts count
   * too); then, in one transaction, every meeting asked for is locked (in id order, so two
   * registrations never wait for each other), checked (open, not yet registered with this
   * address) and given a registration and its confirmation.
   */
  async register(meetingId: string, dto: RegisterForMeetingDto, client: { address: string; actor: Actor }, idempotencyKey?: string): Promise<PublicRegistrationView> {
    await this.guard.check(dto.formToken, dto.website);
    const email = dto.email.trim();
    await this.countAttempt(email, client.address);
    const { formToken: _token, website: _website, ...body } = dto;
    return this.idempotency.run({ caller: client.actor, scope: `meetings/${meetingId}/registrations`, idempotencyKey, body }, async (em) => {
      const made = await this.registerIn(em, meetingId, { ...dto, email });
      const series = await this.meetings.findSeries(em, made[0].meeting.series_id);
      const receipts: RegistrationReceiptView[] = [];
      for (const registration of made) {
        const receipt = await this.receipt(em, registration.id, registration.meeting.id, registration.status);
        const url = `${this.auth.PUBLIC_URL}/bijeenkomsten/afmelden?token=${registration.cancelToken}`;
        const status = registration.status === 'waiting' ? 'waiting' : 'registered';
        await this.outbox.enqueue(em, [registeredMessage({ name: dto.name, email }, series, registration.meeting, status, url, receipt.waitingPosition ?? undefined)]);
        receipts.push(receipt);
      }
      return { registrations: receipts };
    });
  }

  /** The registrations of a person for the meeting and the other meetings chosen, in the caller's transaction. */
  async registerIn(em: EntityManager, meetingId: string, dto: RegisterForMeetingDto): Promise<NewRegistration[]> {
    const first = await this.meetings.findMeeting(em, meetingId);
    const others = [...new Set(dto.otherMeetingIds ?? [])].filter((id) => id !== meetingId);
    const ids = [meetingId, ...others];
    for (const id of [...ids].sort()) await em.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [id]);
    const made: NewRegistration[] = [];
    for (const id of ids) {
      const meeting = await this.meetings.findMeeting(em, id);
      if (meeting.series_id !== first.series_id) {
        const message = `meeting ${id} is not of the same series; choose other meetings of this series only`;
        throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field: 'otherMeetingIds', message }]);
      }
      ensureNotCalledOff(meeting);
      if (dayHasPassed(meeting.registration_deadline)) {
        throw new DomainException(
          'MEETING_REGISTRATION_CLOSED',
          `Registration for the meeting of ${meeting.date} closed at the end of ${meeting.registration_deadline}. Ask the series' contact person whether there is still room.`,
          { params: { deadline: meeting.registration_deadline } },
        );
      }
      const [already] = await em.query("SELECT 1 FROM meeting_registrations WHERE meeting_id = $1 AND lower(email) = lower($2) AND status <> 'cancelled'", [id, dto.email]);
      if (already) {
        throw new DomainException(
          'ALREADY_REGISTERED_FOR_MEETING',
          `${dto.email} is registered for the meeting of ${meeting.date} already; nothing more is needed. To cancel, use the link in the confirmation.`,
          { params: { email: dto.email } },
        );
      }
      const status: RegistrationStatus = meeting.capacity === null || meeting.registered < meeting.capacity ? 'registered' : 'waiting';
      const { token, hash } = newSecretToken();
      const [{ id: registrationId }] = await em.query(
        `INSERT INTO meeting_registrations (meeting_id, status, name, organisation, organisation_kind, role, email, phone, lunch_wishes, cancel_token_hash, came_before)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                 ${cameBefore('$11', '$12', '$7')})
         RETURNING id`,
        [id, status, dto.name, dto.organisation, dto.organisationKind, dto.role, dto.email, dto.phone, dto.lunchWishes ?? null, hash, meeting.series_id, meeting.date],
      );
      made.push({ id: registrationId, meeting, status, cancelToken: token });
    }
    this.logger.log({ meetings: ids.length, statuses: made.map(({ status }) => status) }, 'Registered for open meetings');
    return made;
  }

  /** The registration a cancel link belongs to, as its page shows it (404 for a link that is not, or no longer, one). */
  async byToken(token: string): Promise<OwnRegistrationView> {
    const [row] = await this.dataSource.query(`${TOKEN_SELECT} WHERE r.cancel_token_hash = $1`, [hashToken(token)]);
    if (!row) throw registrationNotFound();
    return { ...row, waitingPosition: row.status === 'waiting' ? await this.waitingPosition(this.dataSource.manager, row.id) : null };
  }

  /**
   * Cancels with the link from the confirmation (once: a cancelled registration is not cancelled
   * again). A place given up goes to the first on the waiting list, who is told; a reminder not
   * yet sent is taken back. The meeting's row is locked first, as a registration locks it.
   */
  cancel(token: string): Promise<OwnRegistrationView> {
    return this.dataSource.transaction(async (em) => {
      const id = await this.cancelIn(em, hashToken(token));
      const [row] = await em.query(`${TOKEN_SELECT} WHERE r.id = $1`, [id]);
      return { ...row, waitingPosition: null };
    });
  }

  /** Cancels the registration whose link has this hash, in the caller's transaction; answers its id. */
  async cancelIn(em: EntityManager, tokenHash: string): Promise<string> {
    const [found] = await em.query('SELECT meeting_id FROM meeting_registrations WHERE cancel_token_hash = $1', [tokenHash]);
    if (!found) throw registrationNotFound();
    const meeting = await this.meetings.findMeeting(em, found.meeting_id, true);
    const [registration] = await em.query('SELECT id, status, name, email FROM meeting_registrations WHERE cancel_token_hash = $1 FOR UPDATE', [tokenHash]);
    if (!registration) throw registrationNotFound();
    if (registration.status === 'cancelled') {
      throw new DomainException('MEETING_REGISTRATION_CANCELLED', "This registration is cancelled already; nothing more is needed. To come after all, register again on the meeting's page.");
    }
    await em.query("UPDATE meeting_registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1", [registration.id]);
    await this.outbox.withdraw(em, [reminderKeyPrefix(registration.id)]);
    const series = await this.meetings.findSeries(em, meeting.series_id);
    await this.outbox.enqueue(em, [cancelledMessage(registration, series, meeting)]);
    if (registration.status === 'registered') await this.moveUp(em, meeting.id);
    return registration.id;
  }

  /** The first on the waiting list takes the place that came free, when there is one, and is told. */
  private async moveUp(em: EntityManager, meetingId: string): Promise<void> {
    const meeting = await this.meetings.findMeeting(em, meetingId);
    // A meeting that is called off has no place to give.
    if (meeting.called_off_at || (meeting.capacity !== null && meeting.registered >= meeting.capacity)) return;
    // An UPDATE answers [rows, count].
    const [movedUp]: [Registrant[], number] = await em.query(
      `UPDATE meeting_registrations SET status = 'registered'
       WHERE id = (SELECT id FROM meeting_registrations WHERE meeting_id = $1 AND status = 'waiting' ORDER BY registered_at, id LIMIT 1)
       RETURNING name, email`,
      [meetingId],
    );
    const [person] = movedUp;
    if (!person) return;
    const series = await this.meetings.findSeries(em, meeting.series_id);
    await this.outbox.enqueue(em, [movedUpMessage(person, series, meeting)]);
  }

  private async receipt(em: EntityManager, id: string, meetingId: string, status: RegistrationStatus): Promise<RegistrationReceiptView> {
    return { id, meetingId, status, waitingPosition: status === 'waiting' ? await this.waitingPosition(em, id) : null };
  }

  /** Where on the waiting list a registration is: 1 is next. */
  async waitingPosition(em: EntityManager, registrationId: string): Promise<number> {
    const [{ position }] = await em.query(
      `SELECT count(*)::int AS position FROM meeting_registrations w, meeting_registrations r
       WHERE r.id = $1 AND w.meeting_id = r.meeting_id AND w.status = 'waiting' AND (w.registered_at, w.id) <= (r.registered_at, r.id)`,
      [registrationId],
    );
    return position;
  }

  /**
   * Counts the attempt unless the client address or the e-mail address has used up its
   * registrations in the window (MEETING_REGISTRATION_THROTTLE_MINUTES): then 429, with how long
   * to wait. Attempts for the same address, then from the same client address, take turns (the
   * sign-in throttle's lock order). A flood is refused here, before any meeting is locked:
   * registrations already made are not touched.
   */
  private countAttempt(email: string, address: string): Promise<void> {
    const window = `${this.config.MEETING_REGISTRATION_THROTTLE_MINUTES} minutes`;
    return this.dataSource.transaction(async (em) => {
      for (const subject of [`email ${email.toLowerCase()}`, `address ${address}`]) {
        await em.query("SELECT pg_advisory_xact_lock(hashtext('meeting-registration'), hashtext($1))", [subject]);
      }
      const [counts] = await em.query(
        `SELECT count(*) FILTER (WHERE lower(email) = lower($1))::int AS by_email, count(*) FILTER (WHERE address = $2)::int AS by_address,
                ceil(extract(epoch FROM min(attempted_at) + $3::interval - now()))::int AS wait
         FROM meeting_registration_attempts WHERE attempted_at > now() - $3::interval AND (lower(email) = lower($1) OR address = $2)`,
        [email, address, window],
      );
      if (counts.by_email >= this.config.MEETING_REGISTRATIONS_MAX_PER_EMAIL || counts.by_address >= this.config.MEETING_REGISTRATIONS_MAX_PER_ADDRESS) {
        const retryAfterSeconds = Math.max(1, counts.wait ?? 60);
        this.logger.warn('Registrations for open meetings throttled');
        throw new DomainException('MEETING_REGISTRATION_THROTTLED', `Too many registrations from this address or for this e-mail address; try again in ${retryAfterSeconds} seconds.`, {
          params: { retryAfterSeconds },
          headers: { 'retry-after': String(retryAfterSeconds) },
        });
      }
      await em.query('INSERT INTO meeting_registration_attempts (email, address) VALUES ($1, $2)', [email, address]);
    });
  }
}
