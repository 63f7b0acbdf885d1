import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { checkedAttachment } from '../evidence/new-attachment.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { OutboxService, type OutgoingMessage } from '../outbox/outbox.service.js';
import { calledOffMessage, movedMessage, reminderKeyPrefix, type Registrant } from './meeting-messages.js';
import { DomainException } from '../problems/error-code.js';
import { dayHasPassed, TIME_ZONE } from '../shared/dates.js';
import { actorOf, type Principal } from '../shared/roles.js';
import type { CallOffMeetingDto, CreateMeetingDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import type { CreateSeriesDto, UpdateSeriesDto } from './dto/series.dto.js';
import type { RegistrationStatus, SeriesKind } from './meeting-kinds.js';
import type { MeetingDownloadView, MeetingView, ProgrammeItemView, SeriesView } from './meeting.view.js';

/** Someone registered for a meeting, with a place or on its waiting list: whom a message about it goes to. */
type Registered = Registrant & { status: RegistrationStatus };

/** A meeting as it is stored, with the counts its view shows. */
export interface MeetingRow {
  id: string;
  series_id: string;
  date: string;
  start_time: string;
  end_time: string;
  location_name: string;
  address: string;
  route_description: string;
  theme: string;
  questions: string[];
  programme: ProgrammeItemView[];
  capacity: number | null;
  registration_deadline: string;
  version: number;
  starts_at: Date;
  ends_at: Date;
  called_off_at: Date | null;
  called_off_reason: string | null;
  registered: number;
  waiting: number;
}

export interface SeriesRow {
  id: string;
  kind: SeriesKind;
  name: string;
  description: string;
  organiser: string;
  co_organisers: string[];
  contact_name: string;
  contact_email: string;
  contact_phone: string;
}

const MEETING_SELECT = `
  SELECT m.id, m.series_id, to_char(m.date, 'YYYY-MM-DD') AS date, to_char(m.start_time, 'HH24:MI') AS start_time,
         to_char(m.end_time, 'HH24:MI') AS end_time, m.location_name, m.address, m.route_description, m.theme, m.questions,
         m.programme, m.capacity, to_char(m.registration_deadline, 'YYYY-MM-DD') AS registration_deadline, m.version,
         (m.date + m.start_time) AT TIME ZONE '${TIME_ZONE}' AS starts_at, (m.date + m.end_time) AT TIME ZONE '${TIME_ZONE}' AS ends_at,
         m.called_off_at, m.called_off_reason,
         (SELECT count(*) FROM meeting_registrations r WHERE r.meeting_id = m.id AND r.status = 'registered')::int AS registered,
         (SELECT count(*) FROM meeting_registrations r WHERE r.meeting_id = m.id AND r.status = 'waiting')::int AS waiting
  FROM meetings m`;

/** The fields of a meeting as the DTO names them, and their columns. */
const MEETING_FIELDS = {
  date: 'date',
  startTime: 'start_time',
  endTime: 'end_time',
  locationName: 'location_name',
  address: 'address',
  routeDescription: 'route_description',
  theme: 'theme',
  questions: 'questions',
  programme: 'programme',
  capacity: 'capacity',
  registrationDeadline: 'registration_deadline',
} as const satisfies Record<keyof CreateMeetingDto, string>;

/** A change to these moves the meeting: the people registered are told. */
const MOVING_FIELDS: readonly (keyof CreateMeetingDto)[] = ['date', 'startTime', 'endTime', 'locationName', 'address'];

/** A field's value as the meeting has it now. */
function currentValue(row: MeetingRow, field: keyof CreateMeetingDto): unknown {
  return row[MEETING_FIELDS[field] as keyof MeetingRow];
}

const SERIES_FIELDS = {
  kind: 'kind',
  name: 'name',
  description: 'description',
  organiser: 'organiser',
  coOrganisers: 'co_organisers',
} as const;

/**
 * Series of open meetings and their meetings (DOMAIN.md, "Open meetings"), as advisers set them
 * up and anyone reads them. Each change is one transaction with its audit record.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  createSeries(dto: CreateSeriesDto, principal: Principal, idempotencyKey?: string): Promise<SeriesView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: 'meeting-series', idempotencyKey, body: dto }, async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO meeting_series (kind, name, description, organiser, co_organisers, contact_name, contact_email, contact_phone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.kind, dto.name, dto.description ?? '', dto.organiser, dto.coOrganisers ?? [], dto.contact.name, dto.contact.email.trim(), dto.contact.phone ?? ''],
      );
      await this.audit.record(em, actorOf(principal), { action: 'series.created', subjectType: 'series', subjectId: id, details: { name: dto.name } });
      return this.seriesView(em, id);
    });
  }

  updateSeries(id: string, dto: UpdateSeriesDto, principal: Principal, idempotencyKey?: string): Promise<SeriesView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `meeting-series/${id}`, idempotencyKey, body: dto }, async (em) => {
      await this.findSeries(em, id, true);
      const sets: [string, unknown][] = Object.entries(SERIES_FIELDS).flatMap(([field, column]) => {
        const value = dto[field as keyof typeof SERIES_FIELDS];
        return value === undefined ? [] : [[column, value] as [string, unknown]];
      });
      if (dto.contact) sets.push(['contact_name', dto.contact.name], ['contact_email', dto.contact.email.trim()], ['contact_phone', dto.contact.phone ?? '']);
      if (sets.length) {
        await em.query(`UPDATE meeting_series SET ${sets.map(([column], i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...sets.map(([, value]) => value)]);
        await this.audit.record(em, actorOf(principal), { action: 'series.updated', subjectType: 'series', subjectId: id, details: { after: dto } });
      }
      return this.seriesView(em, id);
    });
  }

  async listSeries(): Promise<SeriesView[]> {
    const ids: { id: string }[] = await this.dataSource.query('SELECT id FROM meeting_series ORDER BY created_at DESC, name');
    return Promise.all(ids.map(({ id }) => this.seriesView(this.dataSource.manager, id)));
  }

  series(id: string): Promise<SeriesView> {
    return this.seriesView(this.dataSource.manager, id);
  }

  createMeeting(seriesId: string, dto: CreateMeetingDto, principal: Principal, idempotencyKey?: string): Promise<MeetingView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `meeting-series/${seriesId}/meetings`, idempotencyKey, body: dto }, async (em) => {
      await this.findSeries(em, seriesId);
      const id = await this.insertMeeting(em, seriesId, dto);
      await this.audit.record(em, actorOf(principal), { action: 'meeting.created', subjectType: 'meeting', subjectId: id, details: { seriesId, name: `${dto.date} ${dto.theme}` } });
      return this.meetingView(em, id);
    });
  }

  /**
   * A new meeting like the series' last one, two months on and on the same weekday (the
   * Transitiearena meets every two months on a Wednesday: 21 September, then 23 November), with
   * the deadline as many days before it. Its downloads are not copied: an invitation is per meeting.
   */
  copyLastMeeting(seriesId: string, principal: Principal, idempotencyKey?: string): Promise<MeetingView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `meeting-series/${seriesId}/meetings/copy`, idempotencyKey, body: {} }, async (em) => {
      await this.findSeries(em, seriesId, true);
      const [last]: MeetingRow[] = await em.query(`${MEETING_SELECT} WHERE m.series_id = $1 ORDER BY m.date DESC, m.start_time DESC LIMIT 1`, [seriesId]);
      if (!last) throw new DomainException('SERIES_HAS_NO_MEETINGS', `Series ${seriesId} has no meeting to copy yet; create its first meeting with POST /api/meeting-series/${seriesId}/meetings.`);
      const date = twoMonthsOnSameWeekday(last.date);
      const dto: CreateMeetingDto = {
        date,
        startTime: last.start_time,
        endTime: last.end_time,
        locationName: last.location_name,
        address: last.address,
        routeDescription: last.route_description,
        theme: last.theme,
        questions: last.questions,
        programme: last.programme,
        capacity: last.capacity,
        registrationDeadline: addDays(date, daysBetween(last.registration_deadline, last.date) * -1),
      };
      const id = await this.insertMeeting(em, seriesId, dto);
      await this.audit.record(em, actorOf(principal), { action: 'meeting.created', subjectType: 'meeting', subjectId: id, details: { seriesId, name: `${dto.date} ${dto.theme}`, copiedFrom: last.id } });
      return this.meetingView(em, id);
    });
  }

  updateMeeting(id: string, dto: UpdateMeetingDto, principal: Principal, idempotencyKey?: string): Promise<MeetingView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `meetings/${id}`, idempotencyKey, body: dto }, async (em) => {
      const current = await this.findMeeting(em, id, true);
      ensureNotCalledOff(current);
      const merged: CreateMeetingDto = {
        date: dto.date ?? current.date,
        startTime: dto.startTime ?? current.start_time,
        endTime: dto.endTime ?? current.end_time,
        locationName: dto.locationName ?? current.location_name,
        address: dto.address ?? current.address,
        routeDescription: dto.routeDescription ?? current.route_description,
        theme: dto.theme ?? current.theme,
        questions: dto.questions ?? current.questions,
        programme: dto.programme ?? current.programme,
        capacity: dto.capacity === undefined ? current.capacity : dto.capacity,
        registrationDeadline: dto.registrationDeadline ?? current.registration_deadline,
      };
      ensureMeetingHolds(merged);
      const changed = Object.keys(MEETING_FIELDS).filter((field) => dto[field as keyof UpdateMeetingDto] !== undefined) as (keyof CreateMeetingDto)[];
      if (changed.length) {
        await em.query(
          `UPDATE meetings SET ${changed.map((field, i) => `${MEETING_FIELDS[field]} = $${i + 2}`).join(', ')}, version = version + 1 WHERE id = $1`,
          [id, ...changed.map((field) => columnValue(field, merged[field]))],
        );
        await this.audit.record(em, actorOf(principal), { action: 'meeting.updated', subjectType: 'meeting', subjectId: id, details: { after: dto } });
      }
      if (changed.some((field) => MOVING_FIELDS.includes(field) && columnValue(field, merged[field]) !== columnValue(field, currentValue(current, field)))) {
        await this.tellEveryone(em, id, movedMessage);
      }
      return this.meetingView(em, id);
    });
  }

  /**
   * Calls the meeting off: it does not take place. Everyone with a place or on the waiting list
   * hears so, with the reason and a calendar file that cancels the appointment; registration
   * closes, no reminder goes out, and the meeting's page says so. Their registrations stay as
   * they were. A meeting that has begun, or is called off already, is refused.
   */
  callOff(id: string, dto: CallOffMeetingDto, principal: Principal, idempotencyKey?: string): Promise<MeetingView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `meetings/${id}/calling-off`, idempotencyKey, body: dto }, async (em) => {
      const meeting = await this.findMeeting(em, id, true);
      ensureNotCalledOff(meeting);
      if (meeting.starts_at.getTime() <= Date.now()) {
        throw new DomainException('MEETING_BEGUN', `The meeting of ${meeting.date} began at ${meeting.start_time}; a meeting can be called off only before it begins.`, {
          params: { date: meeting.date, startTime: meeting.start_time },
        });
      }
      const reason = dto.reason.trim();
      await em.query('UPDATE meetings SET called_off_at = now(), called_off_reason = $2, version = version + 1 WHERE id = $1', [id, reason]);
      await this.audit.record(em, actorOf(principal), { action: 'meeting.called_off', subjectType: 'meeting', subjectId: id, details: { reason } });
      // A reminder already waiting in the outbox does not go out either.
      const registrations: { id: string }[] = await em.query('SELECT id FROM meeting_registrations WHERE meeting_id = $1', [id]);
      await this.outbox.withdraw(em, registrations.map((registration) => reminderKeyPrefix(registration.id)));
      await this.notReturningThrough(em, meeting);
      await this.tellEveryone(em, id, calledOffMessage);
      return this.meetingView(em, id);
    });
  }

  /**
   * Registrations for later meetings that counted as returning only because of a meeting now
   * called off count as new again (see cameBefore).
   */
  private async notReturningThrough(em: EntityManager, calledOff: MeetingRow): Promise<void> {
    await em.query(
      `UPDATE meeting_registrations r SET came_before = ${cameBefore('m.series_id', 'm.date', 'r.email')}
       FROM meetings m
       WHERE m.id = r.meeting_id AND m.series_id = $1 AND m.date > $2 AND r.came_before AND r.email IS NOT NULL`,
      [calledOff.series_id, calledOff.date],
    );
  }

  /** Everyone with a place or on the waiting list hears what happened to the meeting (it moved, it is called off), with the calendar file as it is now. */
  private async tellEveryone(em: EntityManager, id: string, message: (person: Registered, series: SeriesRow, meeting: MeetingRow) => OutgoingMessage): Promise<void> {
    const meeting = await this.findMeeting(em, id);
    const series = await this.findSeries(em, meeting.series_id);
    const people: Registered[] = await em.query(
      "SELECT name, email, status FROM meeting_registrations WHERE meeting_id = $1 AND status <> 'cancelled' AND email IS NOT NULL ORDER BY registered_at",
      [id],
    );
    await this.outbox.enqueue(em, people.map((person) => message(person, series, meeting)));
  }

  meeting(id: string): Promise<MeetingView> {
    return this.meetingView(this.dataSource.manager, id);
  }

  /** A download (the invitation PDF) added to a meeting. */
  async addDownload(meetingId: string, fileName: string, contentType: string | undefined, body: unknown, principal: Principal): Promise<MeetingView> {
    const file = checkedAttachment(fileName, contentType, body);
    return this.dataSource.transaction(async (em) => {
      await this.findMeeting(em, meetingId, true);
      await em.query('INSERT INTO meeting_downloads (meeting_id, file_name, content_type, content) VALUES ($1, $2, $3, $4)', [
        meetingId,
        file.fileName,
        file.mediaType,
        file.content,
      ]);
      await this.audit.record(em, actorOf(principal), { action: 'meeting.download_added', subjectType: 'meeting', subjectId: meetingId, details: { name: file.fileName } });
      return this.meetingView(em, meetingId);
    });
  }

  /** Takes a download off the meeting's public page (an old invitation), with its audit record. */
  async removeDownload(meetingId: string, downloadId: string, principal: Principal): Promise<MeetingView> {
    return this.dataSource.transaction(async (em) => {
      await this.findMeeting(em, meetingId, true);
      const [removed] = await em.query('DELETE FROM meeting_downloads WHERE id = $1 AND meeting_id = $2 RETURNING file_name', [downloadId, meetingId]);
      const [row] = removed as { file_name: string }[];
      if (!row) throw downloadNotFound(meetingId, downloadId);
      await this.audit.record(em, actorOf(principal), { action: 'meeting.download_removed', subjectType: 'meeting', subjectId: meetingId, details: { name: row.file_name } });
      return this.meetingView(em, meetingId);
    });
  }

  async download(meetingId: string, downloadId: string): Promise<{ content: Buffer; type: string; fileName: string }> {
    const [row] = await this.dataSource.query('SELECT file_name, content_type, content FROM meeting_downloads WHERE id = $1 AND meeting_id = $2', [downloadId, meetingId]);
    if (!row) throw downloadNotFound(meetingId, downloadId);
    return { content: row.content, type: row.content_type, fileName: row.file_name };
  }

  /** The meeting (404 when there is none); `lock` takes its row for the rest of the transaction: registrations take turns on it. */
  async findMeeting(em: EntityManager, id: string, lock = false): Promise<MeetingRow> {
    if (lock) await em.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [id]);
    const [row]: MeetingRow[] = await em.query(`${MEETING_SELECT} WHERE m.id = $1`, [id]);
    if (!row) throw meetingNotFound(id);
    return row;
  }

  async findSeries(em: EntityManager, id: string, lock = false): Promise<SeriesRow> {
    const [row]: SeriesRow[] = await em.query(`SELECT * FROM meeting_series WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) throw new DomainException('SERIES_NOT_FOUND', `There is no series of meetings with id ${id}.`);
    return row;
  }

  /** The meetings of a series, earliest first. */
  meetingsOf(em: EntityManager, seriesId: string): Promise<MeetingRow[]> {
    return em.query(`${MEETING_SELECT} WHERE m.series_id = $1 ORDER BY m.date, m.start_time`, [seriesId]);
  }

  async meetingView(em: EntityManager, id: string): Promise<MeetingView> {
    const row = await this.findMeeting(em, id);
    return meetingViewOf(row, await this.downloads(em, [id]));
  }

  private async seriesView(em: EntityManager, id: string): Promise<SeriesView> {
    const series = await this.findSeries(em, id);
    const meetings = await this.meetingsOf(em, id);
    const downloads = await this.downloads(em, meetings.map((meeting) => meeting.id));
    return {
      id: series.id,
      kind: series.kind,
      name: series.name,
      description: series.description,
      organiser: series.organiser,
      coOrganisers: series.co_organisers,
      contact: { name: series.contact_name, email: series.contact_email, phone: series.contact_phone },
      meetings: meetings.map((meeting) => meetingViewOf(meeting, downloads)),
    };
  }

  private async downloads(em: EntityManager, meetingIds: string[]): Promise<Map<string, MeetingDownloadView[]>> {
    const rows: { id: string; meeting_id: string; file_name: string; content_type: string; size: number }[] = await em.query(
      'SELECT id, meeting_id, file_name, content_type, octet_length(content) AS size FROM meeting_downloads WHERE meeting_id = ANY($1) ORDER BY created_at',
      [meetingIds],
    );
    const byMeeting = new Map<string, MeetingDownloadView[]>();
    for (const row of rows) {
      const list = byMeeting.get(row.meeting_id) ?? [];
      list.push({ id: row.id, fileName: row.file_name, contentType: row.content_type, size: Number(row.size), url: `/api/meetings/${row.meeting_id}/downloads/${row.id}` });
      byMeeting.set(row.meeting_id, list);
    }
    return byMeeting;
  }

  private async insertMeeting(em: EntityManager, seriesId: string, dto: CreateMeetingDto): Promise<string> {
    ensureMeetingHolds(dto);
    const fields = Object.keys(MEETING_FIELDS) as (keyof CreateMeetingDto)[];
    const [{ id }] = await em.query(
      `INSERT INTO meetings (series_id, ${fields.map((field) => MEETING_FIELDS[field]).join(', ')})
       VALUES ($1, ${fields.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
      [seriesId, ...fields.map((field) => columnValue(field, dto[field]))],
    );
    return id;
  }
}

/**
 * Who counts as returning at a meeting (of series `seriesId`, on `date`): the person of `email`
 * registered, and did not cancel, for an earlier meeting of the series that was not called off.
 * Decided when they register and kept, so that the count survives erasure; the arguments are SQL
 * (parameters or columns).
 */
export function cameBefore(seriesId: string, date: string, email: string): string {
  return `EXISTS (SELECT 1 FROM meeting_registrations p JOIN meetings pm ON pm.id = p.meeting_id
                  WHERE pm.series_id = ${seriesId} AND pm.date < ${date} AND pm.called_off_at IS NULL AND lower(p.email) = lower(${email}) AND p.status <> 'cancelled')`;
}

/** Refuses a change to a meeting that is called off: it does not take place, so nothing about it can be arranged any more. */
export function ensureNotCalledOff(meeting: MeetingRow): void {
  if (meeting.called_off_at) throw meetingCalledOff(meeting.date);
}

/** The refusal of anything about a meeting (of this date) that is called off. */
export function meetingCalledOff(date: string): DomainException {
  return new DomainException('MEETING_CALLED_OFF', `The meeting of ${date} is called off; it does not take place, so nothing about it can be changed or registered for.`, {
    params: { date },
  });
}

export function meetingNotFound(id: string): DomainException {
  return new DomainException('MEETING_NOT_FOUND', `There is no meeting with id ${id}.`);
}

export function meetingViewOf(row: MeetingRow, downloads: Map<string, MeetingDownloadView[]>): MeetingView {
  return {
    id: row.id,
    seriesId: row.series_id,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    startsAt: row.starts_at.toISOString(),
    locationName: row.location_name,
    address: row.address,
    routeDescription: row.route_description,
    theme: row.theme,
    questions: row.questions,
    programme: row.programme,
    capacity: row.capacity,
    registrationDeadline: row.registration_deadline,
    open: !row.called_off_at && !dayHasPassed(row.registration_deadline),
    calledOff: row.called_off_at ? { at: row.called_off_at.toISOString(), reason: row.called_off_reason ?? '' } : null,
    registered: row.registered,
    waiting: row.waiting,
    placesLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.registered),
    downloads: downloads.get(row.id) ?? [],
    version: row.version,
  };
}

function columnValue(field: keyof CreateMeetingDto, value: unknown): unknown {
  if (field === 'programme') return JSON.stringify(value ?? []);
  if (field === 'questions') return value ?? [];
  if (field === 'routeDescription') return value ?? '';
  if (field === 'capacity') return value ?? null;
  return value;
}

/** A meeting that can be: it ends after it starts, registration closes on or before its day, and its programme items each end after they start. */
function ensureMeetingHolds(dto: CreateMeetingDto): void {
  const errors: { field: string; message: string }[] = [];
  if (dto.endTime <= dto.startTime) errors.push({ field: 'endTime', message: `endTime must be after startTime (${dto.startTime})` });
  if (dto.registrationDeadline > dto.date) errors.push({ field: 'registrationDeadline', message: `registrationDeadline must be on or before the meeting's date (${dto.date})` });
  (dto.programme ?? []).forEach((item, i) => {
    if (item.end <= item.start) errors.push({ field: `programme.${i}.end`, message: `programme.${i}.end must be after its start (${item.start})` });
  });
  if (errors.length) {
    throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${errors.map(({ message }) => message).join('; ')}.`, errors);
  }
}

function downloadNotFound(meetingId: string, downloadId: string): DomainException {
  return new DomainException('ATTACHMENT_NOT_FOUND', `Meeting ${meetingId} has no download ${downloadId}.`);
}

/** "2016-09-21" (a Wednesday) → "2016-11-23": two months on, then forward to the same weekday. */
export function twoMonthsOnSameWeekday(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const weekday = date.getUTCDay();
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 2, 1, 12));
  // The same day of the month, or the month's last day where it has none (31 December → 28 February).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCDate(target.getUTCDate() + ((weekday - target.getUTCDay() + 7) % 7));
  return target.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}
