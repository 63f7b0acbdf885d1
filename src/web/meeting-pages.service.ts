import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { evidenceConfig } from '../config/environment.js';
import { RegisterForMeetingDto } from '../meetings/dto/register.dto.js';
import { ORGANISATION_KIND_NAMES, ORGANISATION_KINDS, SERIES_KIND_NAMES, SERIES_KINDS } from '../meetings/meeting-kinds.js';
import { CallOffMeetingDto, CreateMeetingDto } from '../meetings/dto/meeting.dto.js';
import { CreateSeriesDto } from '../meetings/dto/series.dto.js';
import type { MeetingView, SeriesView } from '../meetings/meeting.view.js';
import { MeetingPrivacyService } from '../meetings/meeting-privacy.service.js';
import { MeetingReportsService } from '../meetings/meeting-reports.service.js';
import type { DownloadFile } from '../http/file-download.js';
import { meetingCalledOff, MeetingsService } from '../meetings/meetings.service.js';
import { RegistrationsService } from '../meetings/registrations.service.js';
import type { ChangeHeaders } from '../shared/change.js';
import type { Principal } from '../shared/roles.js';
import type { FormFields } from '../http/form-body.js';
import { fieldErrorsOf, formKey, lines, numberField, optionalText, readForm, refusal, refusalStatus, renameFields, text, type FormResult } from './forms.js';
import { formFile } from './form-file.js';
import { page, redirect, type PageData, type PageResult } from './page.js';
import { megabytes } from './words.js';

/** The options of "soort bijeenkomst". */
const KIND_OPTIONS = SERIES_KINDS.map((kind) => [kind, SERIES_KIND_NAMES[kind]] as const);

/** The options of "soort organisatie", in the order of the issue. */
const ORGANISATION_OPTIONS = ORGANISATION_KINDS.map((kind) => [kind, ORGANISATION_KIND_NAMES[kind]] as const);

/**
 * The public pages of open meetings, for anyone, without an account: a series with its meetings,
 * and a meeting with its programme and the registration form.
 */
@Injectable()
export class MeetingPagesService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly registrations: RegistrationsService,
    private readonly reports: MeetingReportsService,
    private readonly privacy: MeetingPrivacyService,
    @Inject(evidenceConfig.KEY) private readonly files: ConfigType<typeof evidenceConfig>,
  ) {}

  /** What is kept about the link's address, as a JSON file; a link that no longer works answers its page. */
  async personalData(fields: FormFields): Promise<DownloadFile | PageResult> {
    const token = text(fields, 'token');
    try {
      const data = await this.privacy.personalData(token);
      return { content: Buffer.from(JSON.stringify(data, null, 2), 'utf8'), type: 'application/json; charset=utf-8', fileName: 'mijn-gegevens-bijeenkomsten.json' };
    } catch (error) {
      return page('meeting-own-registration', { title: 'Uw aanmelding', token, problem: refusal(error) }, refusalStatus(error));
    }
  }

  async erase(fields: FormFields): Promise<PageResult> {
    const token = text(fields, 'token');
    try {
      await this.privacy.erase(token);
    } catch (error) {
      return page('meeting-own-registration', { title: 'Uw aanmelding', token, problem: refusal(error) }, refusalStatus(error));
    }
    return page('meeting-own-registration', { title: 'Uw gegevens zijn gewist', erased: true, notice: 'Uw gegevens zijn gewist. Wat u bij een bijeenkomst die nog komt had, is afgemeld. Deze link werkt niet meer.' });
  }

  /** For advisers: every series, with a link to its public page and its report, and a new series. */
  async seriesList(principal: Principal, extra: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    return page('meeting-series-list', { title: 'Open bijeenkomsten', principal, series: await this.meetings.listSeries(), kindNames: SERIES_KIND_NAMES, kindOptions: KIND_OPTIONS, ...extra }, status);
  }

  async createSeries(fields: FormFields, principal: Principal): Promise<PageResult> {
    const form = await seriesForm(fields);
    if (!form.ok) return this.seriesList(principal, { values: fields, errors: form.errors, form: 'reeks' }, 400);
    try {
      const series = await this.meetings.createSeries(form.value, principal, formKey(fields));
      return redirect(`/reeksen/${series.id}/beheer?opgeslagen=reeks`);
    } catch (error) {
      return this.seriesList(principal, { values: fields, problem: refusal(error), form: 'reeks' }, refusalStatus(error));
    }
  }

  /** The series as its form on the admin page now says it, every field sent. */
  async updateSeries(id: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    const form = await seriesForm(fields);
    if (!form.ok) return this.seriesAdmin(id, principal, { values: fields, errors: form.errors, form: 'reeks-wijzigen' }, 400);
    try {
      await this.meetings.updateSeries(id, form.value, principal, formKey(fields));
      return redirect(`/reeksen/${id}/beheer?opgeslagen=reeks-gewijzigd`);
    } catch (error) {
      return this.seriesAdmin(id, principal, { values: fields, problem: refusal(error), errors: fieldErrorsOf(error), form: 'reeks-wijzigen' }, refusalStatus(error));
    }
  }

  /** A meeting of the series from the form on its page. */
  async createMeeting(seriesId: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    const form = await meetingForm(fields);
    if (!form.ok) return this.seriesAdmin(seriesId, principal, { values: fields, errors: form.errors, form: 'bijeenkomst' }, 400);
    try {
      const meeting = await this.meetings.createMeeting(seriesId, form.value, principal, formKey(fields));
      return redirect(`/bijeenkomsten/${meeting.id}/beheer?opgeslagen=bijeenkomst`);
    } catch (error) {
      return this.seriesAdmin(seriesId, principal, { values: fields, problem: refusal(error), errors: fieldErrorsOf(error), form: 'bijeenkomst' }, refusalStatus(error));
    }
  }

  /**
   * The meeting as its form on the admin page now says it, every field sent: through the API's
   * change, which tells those registered when it moves (day, times or place).
   */
  async updateMeeting(id: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    return this.changeMeeting(id, principal, fields, 'wijzigen', await meetingForm(fields), (dto) => this.meetings.updateMeeting(id, dto, principal, formKey(fields)), 'gewijzigd');
  }

  async callOff(id: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    const form = await readForm(CallOffMeetingDto, { reason: text(fields, 'reason') });
    return this.changeMeeting(id, principal, fields, 'afgelasten', form, (dto) => this.meetings.callOff(id, dto, principal, formKey(fields)), 'afgelast');
  }

  /** A form of the meeting's admin page, through the API's change: back to the page with the notice `saved`, or the page with the form and why not. */
  private async changeMeeting<T>(id: string, principal: Principal, fields: FormFields, name: string, form: FormResult<T>, change: (value: T) => Promise<unknown>, saved: string): Promise<PageResult> {
    if (!form.ok) return this.meetingAdmin(id, principal, { values: fields, errors: form.errors, form: name }, 400);
    try {
      await change(form.value);
      return redirect(`/bijeenkomsten/${id}/beheer?opgeslagen=${saved}`);
    } catch (error) {
      return this.meetingAdmin(id, principal, { values: fields, problem: refusal(error), errors: fieldErrorsOf(error), form: name }, refusalStatus(error));
    }
  }

  async copyLastMeeting(seriesId: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    try {
      const meeting = await this.meetings.copyLastMeeting(seriesId, principal, formKey(fields));
      return redirect(`/bijeenkomsten/${meeting.id}/beheer?opgeslagen=kopie`);
    } catch (error) {
      return this.seriesAdmin(seriesId, principal, { problem: refusal(error), form: 'kopie' }, refusalStatus(error));
    }
  }

  /** For advisers: the series' report and its meetings. */
  async seriesAdmin(id: string, principal: Principal, extra: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const series = await this.meetings.series(id);
    return page(
      'meeting-series-admin',
      { title: `Rapportage ${series.name}`, principal, series, report: await this.reports.seriesReport(id), kindOptions: KIND_OPTIONS, current: seriesFields(series), ...extra },
      status,
    );
  }

  /** For advisers: a meeting's registrations, their exports, the list at the door, the report, and the form to change it. */
  async meetingAdmin(id: string, principal: Principal, extra: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const meeting = await this.meetings.meeting(id);
    const series = await this.meetings.series(meeting.seriesId);
    const registrations = await this.reports.registrations(id);
    return page(
      'meeting-admin',
      {
        title: `Aanmeldingen ${meeting.theme}`,
        principal,
        meeting,
        series,
        registrations,
        report: await this.reports.meetingReport(id),
        kindNames: ORGANISATION_KIND_NAMES,
        current: meetingFields(meeting),
        maxFileSize: megabytes(this.files.ATTACHMENT_MAX_BYTES),
        // A meeting can be called off until it begins.
        begun: Date.parse(meeting.startsAt) <= Date.now(),
        form: 'presentielijst',
        ...extra,
      },
      status,
    );
  }

  /** A file for the meeting's public page (the invitation, say), checked as evidence files are before anything is saved. */
  async addDownload(id: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    const file = await formFile(fields);
    if (!file.ok) return this.meetingAdmin(id, principal, { form: 'download', errors: { file: file.error } }, file.status);
    if (!file.file) return this.meetingAdmin(id, principal, { form: 'download', errors: { file: 'Kies een bestand.' } }, 400);
    try {
      await this.meetings.addDownload(id, file.file.fileName, file.file.mediaType, file.file.content, principal);
    } catch (error) {
      return this.meetingAdmin(id, principal, { form: 'download', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/bijeenkomsten/${id}/beheer?opgeslagen=download`);
  }

  async removeDownload(id: string, downloadId: string, principal: Principal): Promise<PageResult> {
    try {
      await this.meetings.removeDownload(id, downloadId, principal);
    } catch (error) {
      return this.meetingAdmin(id, principal, { form: 'download', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/bijeenkomsten/${id}/beheer?opgeslagen=download-weg`);
  }

  async recordAttendance(id: string, fields: FormFields, principal: Principal): Promise<PageResult> {
    try {
      await this.reports.recordAttendance(id, checked(fields, 'attended'), principal);
    } catch (error) {
      return this.meetingAdmin(id, principal, { problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/bijeenkomsten/${id}/beheer?opgeslagen=presentielijst`);
  }

  async series(id: string): Promise<PageResult> {
    const series = await this.meetings.series(id);
    return page('meeting-series', { title: series.name, series, kindName: SERIES_KIND_NAMES[series.kind] });
  }

  async meeting(id: string): Promise<PageResult> {
    return page('meeting', await this.meetingData(id));
  }

  async register(id: string, fields: FormFields, change: ChangeHeaders, address: string): Promise<PageResult> {
    const shown = await this.meetingData(id);
    // Sent from a page opened before the meeting was called off: that is the answer, whatever the fields say.
    if (shown.meeting.calledOff) {
      const refused = meetingCalledOff(shown.meeting.date);
      return page('meeting', { ...shown, problem: refusal(refused) }, refusalStatus(refused));
    }
    const form = await readForm(RegisterForMeetingDto, {
      name: text(fields, 'name'),
      organisation: text(fields, 'organisation'),
      organisationKind: text(fields, 'organisationKind'),
      role: text(fields, 'role'),
      email: text(fields, 'email').trim(),
      phone: text(fields, 'phone'),
      otherMeetingIds: checked(fields, 'otherMeetingIds'),
      lunchWishes: optionalText(fields, 'lunchWishes'),
      formToken: text(fields, '_formToken'),
      website: optionalText(fields, 'website'),
    });
    // The form keeps the moment it was first shown: a person who corrects a field is not "too fast".
    const again = { ...shown, formToken: text(fields, '_formToken') || shown.formToken, values: fields };
    if (!form.ok) return page('meeting', { ...again, errors: form.errors }, 400);
    try {
      const { registrations } = await this.registrations.register(id, form.value, { address, actor: change.actor }, formKey(fields));
      const meetings = await Promise.all(registrations.map(async (registration) => ({ ...registration, meeting: await this.meetings.meeting(registration.meetingId) })));
      return page('meeting-registered', { title: 'Aanmelding ontvangen', series: shown.series, registrations: meetings, email: form.value.email });
    } catch (error) {
      return page('meeting', { ...again, problem: refusal(error) }, refusalStatus(error));
    }
  }

  /** The page of a cancel link: the registration, the meeting, and what the person can do with it. */
  async ownRegistration(token: unknown, notice?: string): Promise<PageResult> {
    const link = typeof token === 'string' ? token : '';
    try {
      return page('meeting-own-registration', await this.ownData(link, notice));
    } catch (error) {
      return page('meeting-own-registration', { title: 'Uw aanmelding', token: link, problem: refusal(error) }, refusalStatus(error));
    }
  }

  async cancel(fields: FormFields): Promise<PageResult> {
    const token = text(fields, 'token');
    try {
      await this.registrations.cancel(token);
    } catch (error) {
      const shown = await this.ownData(token).catch(() => ({ title: 'Uw aanmelding', token }));
      return page('meeting-own-registration', { ...shown, problem: refusal(error) }, refusalStatus(error));
    }
    return page('meeting-own-registration', await this.ownData(token, 'U bent afgemeld. U krijgt hiervan een bevestiging per e-mail.'));
  }

  private async ownData(token: string, notice?: string) {
    const registration = await this.registrations.byToken(token);
    const meeting = await this.meetings.meeting(registration.meetingId);
    const series = await this.meetings.series(meeting.seriesId);
    return { title: 'Uw aanmelding', token, registration, meeting, series, notice };
  }

  private async meetingData(id: string) {
    const meeting = await this.meetings.meeting(id);
    const series = await this.meetings.series(meeting.seriesId);
    const { formToken } = meeting.open ? await this.registrations.form(id) : { formToken: '' };
    return {
      title: `${SERIES_KIND_NAMES[series.kind]}: ${meeting.theme}`,
      meeting,
      series,
      kindName: SERIES_KIND_NAMES[series.kind],
      otherMeetings: series.meetings.filter((other: MeetingView) => other.id !== id && other.open),
      organisationOptions: ORGANISATION_OPTIONS,
      formToken,
    };
  }
}

/** The values of a group of checkboxes: none, one or several. */
function checked(fields: FormFields, name: string): string[] {
  const value = fields[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [];
}

/** A meeting from its form (new, or changed on the admin page); the programme one item a line ("09:30-10:00 Inloop"). */
function meetingForm(fields: FormFields): Promise<FormResult<CreateMeetingDto>> {
  const programme = lines(fields, 'programme').map((line) => {
    const match = /^(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})\s+(.+)$/.exec(line);
    const time = (value: string) => value.replace('.', ':').padStart(5, '0');
    return match ? { start: time(match[1]), end: time(match[2]), title: match[3] } : { start: '', end: '', title: line };
  });
  const capacity = numberField(fields, 'capacity');
  return readForm(CreateMeetingDto, {
    date: text(fields, 'date'),
    startTime: text(fields, 'startTime'),
    endTime: text(fields, 'endTime'),
    locationName: text(fields, 'locationName'),
    address: text(fields, 'address'),
    routeDescription: optionalText(fields, 'routeDescription'),
    theme: text(fields, 'theme'),
    questions: lines(fields, 'questions'),
    programme,
    capacity: capacity ?? null,
    registrationDeadline: text(fields, 'registrationDeadline'),
  }).then((form) => renameFields(form, (field) => (field.startsWith('programme.') ? 'programme' : field)));
}

/** The meeting's form filled in as it stands: what the change form on its admin page starts from. */
function meetingFields(meeting: MeetingView): Record<string, string> {
  return {
    theme: meeting.theme,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    locationName: meeting.locationName,
    address: meeting.address,
    routeDescription: meeting.routeDescription,
    questions: meeting.questions.join('\n'),
    programme: meeting.programme.map((item) => (item.start ? `${item.start}-${item.end} ${item.title}` : item.title)).join('\n'),
    capacity: meeting.capacity === null ? '' : String(meeting.capacity),
    registrationDeadline: meeting.registrationDeadline,
  };
}

/** A series from its form (new, or changed on its admin page); the contact person's fields as the form names them. */
function seriesForm(fields: FormFields): Promise<FormResult<CreateSeriesDto>> {
  return readForm(CreateSeriesDto, {
    kind: text(fields, 'kind'),
    name: text(fields, 'name'),
    description: optionalText(fields, 'description'),
    organiser: text(fields, 'organiser'),
    coOrganisers: lines(fields, 'coOrganisers'),
    contact: { name: text(fields, 'contactName'), email: text(fields, 'contactEmail').trim(), phone: optionalText(fields, 'contactPhone') },
  }).then((form) => renameFields(form, (field) => ({ 'contact.name': 'contactName', 'contact.email': 'contactEmail', 'contact.phone': 'contactPhone' })[field] ?? field));
}

/** The series' form filled in as it stands. */
function seriesFields(series: SeriesView): Record<string, string> {
  const { kind, name, description, organiser, coOrganisers, contact } = series;
  return { kind, name, description, organiser, coOrganisers: coOrganisers.join('\n'), contactName: contact.name, contactEmail: contact.email, contactPhone: contact.phone ?? '' };
}
