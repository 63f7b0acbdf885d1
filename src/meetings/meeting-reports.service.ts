import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { DownloadFile } from '../http/file-download.js';
import { DomainException } from '../problems/error-code.js';
import { csv, workbook, XLSX_TYPE, type SheetTable } from '../reports/spreadsheet.js';
import { actorOf, type Principal } from '../shared/roles.js';
import { ORGANISATION_KIND_NAMES, ORGANISATION_KINDS, REGISTRATION_STATUS_NAMES, type OrganisationKind } from './meeting-kinds.js';
import { meetingCalendar } from './meeting-messages.js';
import type { MeetingReportView, RegistrationView, SeriesReportView } from './meeting.view.js';
import { ensureNotCalledOff, MeetingsService } from './meetings.service.js';

interface RegistrationRow {
  id: string;
  meeting_id: string;
  status: RegistrationView['status'];
  name: string | null;
  organisation: string | null;
  organisation_kind: OrganisationKind;
  role: string | null;
  email: string | null;
  phone: string | null;
  lunch_wishes: string | null;
  came_before: boolean;
  attended: boolean;
  registered_at: Date;
  cancelled_at: Date | null;
  erased_at: Date | null;
}

/**
 * What advisers do with the registrations of an open meeting: the list (and its CSV and XLSX for
 * name badges and a mail merge), the attendance at the door, and the reports per meeting and per
 * series; and the series' public calendar feed.
 */
@Injectable()
export class MeetingReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly audit: AuditService,
  ) {}

  /** Every registration of the meeting: those with a place first, then the waiting list, then the cancelled; each in order of registration. */
  async registrations(meetingId: string): Promise<RegistrationView[]> {
    await this.meetings.findMeeting(this.dataSource.manager, meetingId);
    const rows: RegistrationRow[] = await this.dataSource.query(
      `SELECT * FROM meeting_registrations WHERE meeting_id = $1
       ORDER BY array_position(ARRAY['registered', 'waiting', 'cancelled'], status), registered_at, id`,
      [meetingId],
    );
    return rows.map(registrationView);
  }

  /** The registrations with a place and on the waiting list, as a CSV (Dutch Excel) or an XLSX workbook. */
  async export(meetingId: string, format: 'csv' | 'xlsx'): Promise<DownloadFile> {
    const meeting = await this.meetings.meeting(meetingId);
    const people = (await this.registrations(meetingId)).filter((registration) => registration.status !== 'cancelled' && !registration.erased);
    const table: SheetTable = {
      sheet: 'Aanmeldingen',
      columns: [
        { header: 'Naam', type: 'text', width: 28 },
        { header: 'Organisatie', type: 'text', width: 28 },
        { header: 'Soort organisatie', type: 'text', width: 22 },
        { header: 'Functie', type: 'text', width: 24 },
        { header: 'E-mailadres', type: 'text', width: 32 },
        { header: 'Telefoon', type: 'text', width: 16 },
        { header: 'Status', type: 'text', width: 16 },
        { header: 'Lunchwensen', type: 'text', width: 24 },
        { header: 'Eerder geweest', type: 'text', width: 14 },
        { header: 'Aangemeld op', type: 'date', width: 14 },
      ],
      rows: people.map((person) => [
        person.name,
        person.organisation,
        ORGANISATION_KIND_NAMES[person.organisationKind],
        person.role,
        person.email,
        person.phone,
        REGISTRATION_STATUS_NAMES[person.status],
        person.lunchWishes ?? '',
        person.returning ? 'ja' : 'nee',
        person.registeredAt.slice(0, 10),
      ]),
    };
    const fileName = `aanmeldingen-${meeting.date}`;
    if (format === 'csv') return { content: Buffer.from(csv(table), 'utf8'), type: 'text/csv; charset=utf-8', fileName: `${fileName}.csv` };
    return { content: await workbook([table], `Aanmeldingen ${meeting.date}`), type: XLSX_TYPE, fileName: `${fileName}.xlsx` };
  }

  /**
   * The attendance at the door: the registrations in `attended` were there, every other with a
   * place was not. One transaction, audited with the count. Only registrations of this meeting.
   */
  recordAttendance(meetingId: string, attended: string[], principal: Principal): Promise<MeetingReportView> {
    return this.dataSource.transaction(async (em) => {
      ensureNotCalledOff(await this.meetings.findMeeting(em, meetingId, true));
      const [strangers] = await em.query(
        "SELECT array_agg(given.id) AS ids FROM unnest($2::uuid[]) AS given (id) WHERE NOT EXISTS (SELECT 1 FROM meeting_registrations r WHERE r.id = given.id AND r.meeting_id = $1 AND r.status = 'registered')",
        [meetingId, attended],
      );
      if (strangers.ids?.length) {
        const message = `${strangers.ids.join(', ')} ${strangers.ids.length === 1 ? 'is not a registration' : 'are not registrations'} with a place at this meeting; tick only people on its list`;
        throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field: 'attended', message }]);
      }
      await em.query("UPDATE meeting_registrations SET attended = (id = ANY($2::uuid[])) WHERE meeting_id = $1 AND status = 'registered'", [meetingId, attended]);
      await this.audit.record(em, actorOf(principal), { action: 'meeting.attendance_recorded', subjectType: 'meeting', subjectId: meetingId, details: { attended: attended.length } });
      return this.meetingReportIn(em, meetingId);
    });
  }

  meetingReport(meetingId: string): Promise<MeetingReportView> {
    return this.meetingReportIn(this.dataSource.manager, meetingId);
  }

  /** Each meeting's report, and the series as a whole: people counted once however many meetings they came to. */
  async seriesReport(seriesId: string): Promise<SeriesReportView> {
    const series = await this.meetings.findSeries(this.dataSource.manager, seriesId);
    const meetings = await this.meetings.meetingsOf(this.dataSource.manager, seriesId);
    const reports = await Promise.all(meetings.map((meeting) => this.meetingReportIn(this.dataSource.manager, meeting.id)));
    // A meeting called off did not take place: its registrations count for nothing the series achieved.
    const held = reports.filter((report) => !report.calledOff);
    const total = (key: 'registered' | 'attended' | 'waiting' | 'cancelled' | 'newPeople' | 'returningPeople') => held.reduce((sum, report) => sum + report[key], 0);
    return {
      seriesId,
      name: series.name,
      meetings: reports,
      registered: total('registered'),
      attended: total('attended'),
      waiting: total('waiting'),
      cancelled: total('cancelled'),
      newPeople: total('newPeople'),
      returningPeople: total('returningPeople'),
      byOrganisationKind: ORGANISATION_KINDS.map((kind) => ({
        kind,
        name: ORGANISATION_KIND_NAMES[kind],
        registered: held.reduce((sum, report) => sum + (report.byOrganisationKind.find((row) => row.kind === kind)?.registered ?? 0), 0),
        attended: held.reduce((sum, report) => sum + (report.byOrganisationKind.find((row) => row.kind === kind)?.attended ?? 0), 0),
      })),
    };
  }

  /** The series' meetings as a calendar to subscribe to (public): it asks to be fetched again every six hours. */
  async feed(seriesId: string): Promise<string> {
    const series = await this.meetings.findSeries(this.dataSource.manager, seriesId);
    const meetings = await this.meetings.meetingsOf(this.dataSource.manager, seriesId);
    return meetingCalendar(series, meetings, { name: series.name, refreshInterval: 'PT6H' });
  }

  /**
   * Counts that stay when personal data is erased: they read status, kind of organisation,
   * attendance and whether the person came to the series before, never a name or an address.
   * New and returning are of those with a place.
   */
  private async meetingReportIn(em: EntityManager, meetingId: string): Promise<MeetingReportView> {
    const meeting = await this.meetings.findMeeting(em, meetingId);
    const rows: { organisation_kind: OrganisationKind; status: string; attended: boolean; came_before: boolean; count: number }[] = await em.query(
      `SELECT organisation_kind, status, attended, came_before, count(*)::int AS count FROM meeting_registrations WHERE meeting_id = $1
       GROUP BY organisation_kind, status, attended, came_before`,
      [meetingId],
    );
    const sum = (where: (row: (typeof rows)[number]) => boolean) => rows.filter(where).reduce((total, row) => total + row.count, 0);
    return {
      meetingId,
      date: meeting.date,
      theme: meeting.theme,
      capacity: meeting.capacity,
      calledOff: Boolean(meeting.called_off_at),
      registered: sum((row) => row.status === 'registered'),
      attended: sum((row) => row.status === 'registered' && row.attended),
      waiting: sum((row) => row.status === 'waiting'),
      cancelled: sum((row) => row.status === 'cancelled'),
      newPeople: sum((row) => row.status === 'registered' && !row.came_before),
      returningPeople: sum((row) => row.status === 'registered' && row.came_before),
      byOrganisationKind: ORGANISATION_KINDS.map((kind) => ({
        kind,
        name: ORGANISATION_KIND_NAMES[kind],
        registered: sum((row) => row.organisation_kind === kind && row.status === 'registered'),
        attended: sum((row) => row.organisation_kind === kind && row.status === 'registered' && row.attended),
      })),
    };
  }
}

function registrationView(row: RegistrationRow): RegistrationView {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    status: row.status,
    name: row.name,
    organisation: row.organisation,
    organisationKind: row.organisation_kind,
    role: row.role,
    email: row.email,
    phone: row.phone,
    lunchWishes: row.lunch_wishes,
    returning: row.came_before,
    attended: row.attended,
    registeredAt: row.registered_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    erased: row.erased_at !== null,
  };
}
