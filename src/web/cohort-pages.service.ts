import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AttendanceService } from '../attendance/attendance.service.js';
import { AttendanceListDto } from '../attendance/dto/attendance-list.dto.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { CreateCohortDto } from '../cohorts/dto/create-cohort.dto.js';
import { UpdateCohortDto } from '../cohorts/dto/update-cohort.dto.js';
import { DuoSelectionDto } from '../duos/dto/duo-selection.dto.js';
import { ListDuosQueryDto } from '../duos/dto/list-duos-query.dto.js';
import { PublicRegistrationDto } from '../duos/dto/register-duo.dto.js';
import { DuoRegistrationService } from '../duos/duo-registration.service.js';
import { DuosService } from '../duos/duos.service.js';
import { PlacesService } from '../duos/places.service.js';
import { HoldSessionForDuosDto } from '../duos/dto/trajectory-events.dto.js';
import { TrajectoryStepsService } from '../duos/trajectory-steps.service.js';
import type { ChangeHeaders } from '../http/change-headers.js';
import type { FormFields } from '../http/form-body.js';
import { ReportsService } from '../reports/reports.service.js';
import { COMPASS_TABLES, REPORT_TABLE_TITLES, REPORT_TABLES } from '../reports/report-tables.js';
import { PlanWorkshopDto } from '../sessions/dto/plan-session.dto.js';
import type { PlannedSessionView } from '../sessions/planned-session.view.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ATTENDANCE_STATUSES } from '../programmes/attendance.js';
import {
  mandatorySessionNames,
  meetingSession,
  sessionOf,
  sessionsAfterTheFirst,
  startsEdition,
  UNIT_WORDS,
  type ProgrammeDefinition,
  type SessionRef,
} from '../programmes/programme.js';
import { currentProgramme, currentProgrammes, DEFAULT_PROGRAMME, programmeDefinition } from '../programmes/programmes.js';
import type { CohortView } from '../cohorts/cohort.view.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import { SIDES } from '../shared/sides.js';
import { fieldErrorsOf, formChange, formKey, lines, numberField, optionalText, readForm, renameFields, refusal, refusalStatus, sidesAttendance, text, type FieldErrors, type FormResult } from './forms.js';
import { absentSides, changeAfterConfirmation, confirmation, consequencesQuery, consequenceWords, savedWords, type SavedConsequences } from './confirmation.js';
import { page, redirect, type PageData, type PageResult } from './page.js';

/** The filters of the duos on the edition page as its address names them (?zoek=...), and as the API's query names them. */
const DUO_FILTERS = { zoek: 'q', stand: 'state', plicht: 'meetsObligation', onderbouwing: 'missingEvidence' } as const;
const YES_NO: Record<string, Record<string, string>> = { plicht: { voldoet: 'true', 'voldoet-niet': 'false' }, onderbouwing: { ontbreekt: 'true', compleet: 'false' } };

/** The duo filters of the edition page's GET form, checked with the API's own query DTO; errors under the page's names. */
async function readDuoFilter(query: FormFields): Promise<{ values: Record<string, string>; filtered: boolean } & FormResult<ListDuosQueryDto>> {
  const values = Object.fromEntries(Object.keys(DUO_FILTERS).map((name) => [name, text(query, name).trim()]));
  const given = Object.entries(DUO_FILTERS).filter(([name]) => values[name]);
  const form = renameFields(
    await readForm(ListDuosQueryDto, Object.fromEntries(given.map(([name, field]) => [field, YES_NO[name]?.[values[name]] ?? values[name]]))),
    (field) => Object.entries(DUO_FILTERS).find(([, name]) => name === field)?.[0] ?? field,
  );
  const errors = form.ok ? form : { ok: false as const, errors: Object.fromEntries(Object.entries(form.errors).map(([field, message]) => [field, field === 'zoek' ? message : 'Kies een van de mogelijkheden.'])) };
  return { ...errors, values, filtered: given.length > 0 };
}

/** The cohort's pages: the list of an adviser's cohorts, a cohort, its attendance lists, and its public registration form. */
@Injectable()
export class CohortPagesService {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly duos: DuosService,
    private readonly registration: DuoRegistrationService,
    private readonly places: PlacesService,
    private readonly sessions: SessionsService,
    private readonly attendance: AttendanceService,
    private readonly reports: ReportsService,
    private readonly steps: TrajectoryStepsService,
  ) {}

  async list(principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const programmes = currentProgrammes().map((programme) => ({
      key: programme.key,
      name: programme.name,
      capacity: programme.capacity,
      unit: UNIT_WORDS[programme.unit].plural,
      optional: programme.sessions.filter((session) => session.optional).map((session) => session.name),
    }));
    return page('cohorts', { title: 'Edities', principal, cohorts: await this.cohorts.list(principal), programmes, ...form }, status);
  }

  /** A new cohort; the adviser who creates it runs it. */
  async create(principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(CreateCohortDto, {
      programme: optionalText(fields, 'programme'),
      name: text(fields, 'name'),
      description: optionalText(fields, 'description'),
      location: optionalText(fields, 'location'),
      registrationDeadline: text(fields, 'registrationDeadline'),
      capacity: numberField(fields, 'capacity'),
      workshop3Planned: text(fields, 'workshop3Planned') === 'ja',
      alreadyRan: text(fields, 'alreadyRan') === 'ja',
    });
    const chosen = currentProgramme(optionalText(fields, 'programme') ?? DEFAULT_PROGRAMME);
    const capacity = chosen && capacityOutsideRange(chosen, numberField(fields, 'capacity'));
    if (!form.ok || capacity) return this.list(principal, { form: 'editie', values: fields, errors: withCapacity(form, capacity) }, 400);
    try {
      const cohort = await this.cohorts.create(form.value, principal, formKey(fields));
      return redirect(`/edities/${cohort.id}?opgeslagen=editie`);
    } catch (error) {
      return this.list(principal, { form: 'editie', values: fields, errors: fieldErrorsOf(error), problem: refusal(error) }, refusalStatus(error));
    }
  }

  /** `saved`: the duos the change before moved (`&uitgevallen=...`), named in its notice. */
  async cohort(id: string, principal: Principal, form: Partial<PageData> = {}, status = 200, saved?: SavedConsequences, query: FormFields = {}): Promise<PageResult> {
    const filter = await readDuoFilter(query);
    // The cohort first (404 when there is none), then the rest of the page side by side, each given the cohort.
    const stored = await this.cohorts.read(id);
    const [cohort, duos, shownDuos, sessions, attendance, advisers, colleagues] = await Promise.all([
      this.cohorts.get(stored),
      this.duos.listInCohort(stored),
      filter.ok && filter.filtered ? this.duos.listInCohort(stored, filter.value) : null,
      this.sessions.listForCohort(stored),
      this.attendance.overview(stored),
      this.cohorts.advisers(stored),
      this.cohorts.assignableAdvisers(id),
    ]);
    const programme = programmeOfView(cohort);
    // The cohort's workshop3Planned column says whether the edition plans its optional sessions.
    const editionSessions = programme.sessions
      .filter((definition) => definition.audience === 'edition' && (!definition.optional || cohort.workshop3Planned))
      .map((definition) => ({
        kind: definition.key,
        name: definition.name,
        hours: definition.defaultMinutes / 60,
        listed: definition.recorded === 'attendance',
        session: sessions.find((session) => session.kind === definition.key) ?? null,
      }));
    const meeting = meetingSession(programme);
    // The sessions of the duos' own logged as held that record where (the intake): one form logs them for several duos.
    const heldSessions = await Promise.all(
      programme.sessions
        .filter((definition) => definition.audience === 'unit' && definition.recorded === 'held' && definition.location)
        .map(async (definition) => ({ kind: definition.key, name: definition.name, duos: await this.duos.expecting(stored, definition.key) })),
    );
    return page(
      'cohort',
      {
        title: cohort.name,
        principal,
        cohort,
        duos,
        shownDuos: shownDuos ?? duos,
        duoFilter: { values: filter.values, filtered: filter.ok && filter.filtered },
        ...(filter.ok ? {} : { form: 'zoeken', errors: filter.errors, problem: 'Niet elk filter is goed gekozen; hieronder staan alle duo’s.' }),
        sessionsTitle: programme.sessionsTitle,
        optionalSessionNames: programme.sessions.filter((session) => session.optional).map((session) => session.name).join(' en '),
        editionSessions,
        heldSessions: heldSessions.filter((held) => held.duos.length),
        stateWords: programme.words.states,
        meetings: { name: meeting.plural ?? meeting.name, cap: meeting.maxPerUnit },
        mandatorySessions: mandatorySessionNames(programme),
        attendance,
        advisers,
        colleagues,
        ...form,
        notice: form.notice && saved ? [form.notice, ...savedWords(saved, duos)].join(' ') : form.notice,
      },
      filter.ok ? status : 400,
    );
  }

  async planSession(id: string, ref: SessionRef, principal: Principal, fields: FormFields): Promise<PageResult> {
    const { key } = sessionOf(await this.cohorts.programme(id), ref, 'edition');
    const values = { date: text(fields, 'date'), startTime: text(fields, 'startTime'), endTime: text(fields, 'endTime'), location: text(fields, 'location') };
    const formName = `bijeenkomst-${key}`;
    const form = await readForm(PlanWorkshopDto, {
      date: values.date,
      startTime: values.startTime,
      endTime: optionalText(fields, 'endTime'),
      location: optionalText(fields, 'location'),
    });
    if (!form.ok) return this.cohort(id, principal, { form: formName, values, errors: form.errors }, 400);
    // Only for the words afterwards: whether this planned the session or moved it (and so told the duos).
    const before = (await this.sessions.listForCohort(id)).find((session) => session.kind === key && session.duoId === null);
    let after: PlannedSessionView;
    try {
      after = await this.sessions.planEditionSession(id, { kind: key }, form.value, principal);
    } catch (error) {
      return this.cohort(id, principal, { form: formName, values, problem: refusal(error) }, refusalStatus(error));
    }
    const moved = before && (['startsAt', 'endsAt', 'location'] as const).some((field) => before[field] !== after[field]);
    return redirect(`/edities/${id}?opgeslagen=${moved ? `verplaatst-${key}` : formName}`);
  }

  /**
   * The edition's own details, changed under the rules of a new edition (CohortsService.update).
   * Only what the adviser changed on the page is sent: the form carries what it showed
   * (`vorig.<field>`), so a colleague's change made meanwhile to another field is not undone.
   */
  async update(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const changed = (name: string) => text(fields, name) !== text(fields, `vorig.${name}`);
    const given = <T>(name: string, value: T) => (changed(name) ? value : undefined);
    const form = await readForm(UpdateCohortDto, {
      name: given('name', text(fields, 'name')),
      description: given('description', text(fields, 'description')),
      location: given('location', text(fields, 'location')),
      registrationDeadline: given('registrationDeadline', text(fields, 'registrationDeadline')),
      capacity: given('capacity', numberField(fields, 'capacity')),
      // Only where the form offered it: once duos have registered it is fixed, and the form says so instead.
      workshop3Planned: text(fields, 'optionalSessionsShown') === 'ja' ? given('workshop3Planned', text(fields, 'workshop3Planned') === 'ja') : undefined,
      alreadyRan: text(fields, 'alreadyRan') === 'ja',
    });
    const capacity = changed('capacity') ? capacityOutsideRange(await this.cohorts.programme(id), numberField(fields, 'capacity')) : undefined;
    if (!form.ok || capacity) return this.cohort(id, principal, { form: 'wijzigen', values: fields, errors: withCapacity(form, capacity) }, 400);
    try {
      await this.cohorts.update(id, form.value, principal, formKey(fields));
    } catch (error) {
      return this.cohort(id, principal, { form: 'wijzigen', values: fields, errors: fieldErrorsOf(error), problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/edities/${id}?opgeslagen=wijzigen`);
  }

  /** A colleague who runs the cohort too. */
  async assignAdviser(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    try {
      await this.cohorts.assignAdviser(id, text(fields, 'accountId'), principal, formKey(fields));
    } catch (error) {
      return this.cohort(id, principal, { form: 'adviseur', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/edities/${id}?opgeslagen=adviseur`);
  }

  /** Admission and the waiting list are decided on the cohort page; a refusal (the cohort is full) shows there. */
  async admit(duoId: string, principal: Principal, fields: FormFields, waitingList: boolean): Promise<PageResult> {
    const cohortId = (await this.duos.cohortIdOf(duoId)) as string;
    const headers = formChange(principal, fields);
    try {
      if (waitingList) await this.places.placeOnWaitingList(duoId, headers);
      else await this.places.admit(duoId, headers);
    } catch (error) {
      return this.cohort(cohortId, principal, { form: 'toelating', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/edities/${cohortId}?opgeslagen=${waitingList ? 'wachtlijst' : 'toelating'}`);
  }

  /**
   * Several duos admitted at once from the cohort page, all or none; a refusal names each duo that
   * could not be admitted, beside the boxes.
   */
  async admitMany(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const chosen = fields.duoIds;
    const duoIds = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [];
    const formName = 'toelatingen';
    const form = await readForm(DuoSelectionDto, { duoIds });
    if (!form.ok) {
      const problem = duoIds.length ? 'Deze keuze klopt niet. Laad de pagina opnieuw en kies opnieuw.' : 'Kies ten minste één duo om toe te laten.';
      return this.cohort(id, principal, { form: formName, values: fields, errors: { duoIds: problem } }, 400);
    }
    try {
      await this.places.admitMany(id, form.value.duoIds, formChange(principal, fields));
    } catch (error) {
      return this.cohort(id, principal, { form: formName, values: fields, errors: { duoIds: refusal(error) } }, refusalStatus(error));
    }
    return redirect(`/edities/${id}?opgeslagen=toelatingen`);
  }

  /** A session of the duos' own (the intake) logged as held for the ticked duos, all or none; a refusal shows beside the form. */
  async holdSessionForDuos(id: string, kind: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const formName = `gehouden-${kind}`;
    const chosen = fields.duoIds;
    const duoIds = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [];
    const form = await readForm(HoldSessionForDuosDto, {
      heldOn: text(fields, 'heldOn'),
      adviser: text(fields, 'adviser'),
      location: optionalText(fields, 'location'),
      notes: optionalText(fields, 'notes'),
      duoIds,
    });
    if (!form.ok) {
      const errors = duoIds.length || !form.errors.duoIds ? form.errors : { ...form.errors, duoIds: 'Kies ten minste één duo.' };
      return this.cohort(id, principal, { form: formName, values: fields, errors }, 400);
    }
    try {
      await this.steps.holdSessionForDuos(id, kind, form.value, formChange(principal, fields));
    } catch (error) {
      return this.cohort(id, principal, { form: formName, values: fields, errors: fieldErrorsOf(error), problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/edities/${id}?opgeslagen=${formName}`);
  }

  /**
   * The list of a session: what is on record for each duo (with a way to correct it on the duo's
   * page), and the form for the duos whose trajectory now expects this session's attendance.
   */
  async attendanceList(id: string, ref: SessionRef, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const stored = await this.cohorts.read(id);
    const programme = programmeOf(stored);
    const definition = sessionOf(programme, ref, 'edition');
    const [cohort, duos, sessions, overview] = await Promise.all([
      this.cohorts.get(stored),
      this.attendance.expectedAt(stored, { kind: definition.key }),
      this.sessions.listForCohort(stored),
      this.attendance.overview(stored),
    ]);
    const recorded = overview.duos.flatMap(({ duoId, municipality, provider, sessions: records }) =>
      records[definition.key] ? [{ duoId, municipality, provider, record: records[definition.key] }] : [],
    );
    // Before the session that starts the edition, a duo comes onto its list once the unit session before it is held.
    const before = startsEdition(programme, definition) ? programme.sessions[programme.sessions.indexOf(definition) - 1] : undefined;
    return page(
      'attendance-list',
      {
        title: `Presentielijst ${definition.name}`,
        principal,
        cohort,
        kind: definition.key,
        sessionName: definition.name,
        mandatory: definition.mandatory,
        present: UNIT_WORDS[programme.unit].present,
        comesAfter: before?.name,
        session: sessions.find((candidate) => candidate.kind === definition.key) ?? null,
        recorded,
        duos,
        statuses: ATTENDANCE_STATUSES,
        sides: SIDES,
        ...form,
      },
      status,
    );
  }

  async recordAttendance(id: string, ref: SessionRef, principal: Principal, fields: FormFields): Promise<PageResult> {
    const { key, name } = sessionOf(await this.cohorts.programme(id), ref, 'edition');
    const duoIds = [...new Set(Object.keys(fields).flatMap((name) => /^duos\.([0-9a-f-]{36})\.municipality\.status$/.exec(name)?.[1] ?? []))];
    const entries = duoIds.map((duoId) => ({ duoId, ...sidesAttendance(fields, `duos.${duoId}.`, principal) }));
    // Errors name the entry by its place in the list ("duos.2.provider.excuse.reason"); the form names it by duo.
    const form = renameFields(await readForm(AttendanceListDto, { duos: entries }), (field) =>
      field.replace(/^duos\.(\d+)\./, (_, index: string) => `duos.${duoIds[Number(index)]}.`).replace('.excuse.reason', '.reason'),
    );
    if (!form.ok || !entries.length) {
      const errors = form.ok ? {} : form.errors;
      return this.attendanceList(id, { kind: key }, principal, { values: fields, errors, problem: entries.length ? undefined : 'Er staat geen duo op de lijst.' }, 400);
    }
    // A list on which a duo drops out asks first; one on which nobody does is saved at once.
    const why = (duoId: string) => absentSides((side) => text(fields, `duos.${duoId}.${side}.status`));
    let query: string;
    try {
      const list = form.value;
      const outcome = await changeAfterConfirmation(fields, formChange(principal, fields), (headers) => this.attendance.recordList(id, { kind: key }, list, headers), (consequences) =>
        consequenceWords(consequences, why),
      );
      if ('asks' in outcome) {
        const action = `/edities/${id}/bijeenkomsten/${key}/presentielijst`;
        return this.attendanceList(id, { kind: key }, principal, { values: fields, confirmation: confirmation(`Presentielijst van ${name} opslaan?`, outcome.asks, action, fields) });
      }
      query = consequencesQuery(outcome.did);
    } catch (error) {
      return this.attendanceList(id, { kind: key }, principal, { values: fields, problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/edities/${id}?opgeslagen=presentielijst-${key}${query}`);
  }

  async report(id: string, principal: Principal): Promise<PageResult> {
    const report = await this.reports.cohortReport(id, false);
    const tables = REPORT_TABLES.filter((table) => report.compass || !COMPASS_TABLES.includes(table)).map((name) => ({ name, title: REPORT_TABLE_TITLES[name] }));
    return page('cohort-report', { title: `Rapportage ${report.cohort.name}`, principal, report, tables });
  }

  async registrationForm(id: string): Promise<PageResult> {
    return page('registration', await this.registrationData(id));
  }

  async register(id: string, fields: FormFields, change: ChangeHeaders): Promise<PageResult> {
    const shown = await this.registrationData(id);
    const { cohort } = shown;
    const contact = (side: string) => ({
      name: text(fields, `${side}Contact.name`),
      email: text(fields, `${side}Contact.email`).trim(),
      phone: text(fields, `${side}Contact.phone`),
    });
    const form = await readForm(PublicRegistrationDto, {
      municipality: text(fields, 'municipality'),
      provider: text(fields, 'provider'),
      collectiveServices: lines(fields, 'collectiveServices', true),
      questions: optionalText(fields, 'questions'),
      expectations: optionalText(fields, 'expectations'),
      municipalityContact: contact('municipality'),
      // Only what the form asked: a provider's contact person where the programme enrols duos, the pledge where it has mandatory sessions.
      ...(shown.duo ? { providerContact: contact('provider') } : {}),
      ...(shown.pledge ? { acceptsAttendanceObligation: text(fields, 'acceptsAttendanceObligation') === 'ja' } : {}),
    });
    if (!form.ok) return page('registration', { ...shown, values: fields, errors: form.errors }, 400);
    try {
      const receipt = await this.registration.registerPublicly(id, form.value, { actor: change.actor, idempotencyKey: formKey(fields) });
      const programme = await this.cohorts.programme(id);
      return page('registered', { title: 'Aanmelding ontvangen', cohort, receipt, firstSession: programme.sessions[0]?.name, after: sessionsAfterTheFirst(programme) });
    } catch (error) {
      return page('registration', { ...shown, values: fields, errors: fieldErrorsOf(error), problem: refusal(error) }, refusalStatus(error));
    }
  }

  /**
   * The registration form's page: the cohort, what a registering unit promises (to attend the
   * programme's mandatory sessions, all of it that must come), and the edition's planned sessions
   * with date and place, each marked when attending it is part of that promise.
   */
  private async registrationData(id: string) {
    const cohort = await this.cohorts.registrationInfo(id);
    const programme = await this.cohorts.programme(id);
    const { together, present } = UNIT_WORDS[programme.unit];
    const sessions = (await this.sessions.listForCohort(id))
      .filter((session) => session.duoId === null)
      .map((session) => ({ ...session, mandatory: programme.sessions.some((definition) => definition.key === session.kind && definition.mandatory) }));
    const mandatory = mandatorySessionNames(programme);
    return {
      title: `Aanmelden: ${cohort.name}`,
      cohort,
      /** Whether a duo registers (a municipality and its provider), or one municipality. */
      duo: programme.unit === 'duo',
      capacity: programme.capacity,
      pledge: mandatory ? `Wij zijn ${together} aanwezig bij ${mandatory}${present ? `, ${present}` : ''}.` : null,
      sessions,
    };
  }
}

/**
 * A capacity outside the programme's range, as said beside the field in Dutch. The service
 * refuses it too (CohortsService), with the API's English message.
 */
function capacityOutsideRange(programme: ProgrammeDefinition, capacity: number | string | undefined): string | undefined {
  const { min, max } = programme.capacity;
  if (typeof capacity === 'number' && Number.isInteger(capacity) && capacity >= min && capacity <= max) return undefined;
  return `Kies ${min} tot ${max} plaatsen: zoveel heeft ${programme.name}.`;
}

/** The form's field errors, with the capacity's said in the programme's own words. */
function withCapacity(form: FormResult<unknown>, capacity: string | undefined): FieldErrors {
  return { ...(form.ok ? {} : form.errors), ...(capacity ? { capacity } : {}) };
}

/** The definition the edition runs, as its view names it. */
function programmeOfView(cohort: CohortView): ProgrammeDefinition {
  return programmeDefinition(cohort.programme, cohort.programmeVersion);
}
