import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { CyclesService } from '../cycles/cycles.service.js';
import { ACTION_OWNERS, ImprovementActionsDto } from '../cycles/dto/improvement-actions.dto.js';
import { ContactPersonsService } from '../duos/contact-persons.service.js';
import { ContactPersonDetailsDto } from '../duos/dto/contact-person.dto.js';
import { PublicationConsentDto } from '../duos/dto/publication-consent.dto.js';
import { ContactPersonDto } from '../duos/dto/register-duo.dto.js';
import { HoldAdvisoryMeetingDto, HoldIntakeDto, WithdrawalDto } from '../duos/dto/trajectory-events.dto.js';
import type { WorkshopAttendanceView } from '../attendance/attendance-overview.view.js';
import { AttendanceService } from '../attendance/attendance.service.js';
import { AttendanceCorrectionDto } from '../attendance/dto/attendance-list.dto.js';
import { DuoRegistrationService } from '../duos/duo-registration.service.js';
import { DuosService } from '../duos/duos.service.js';
import { PlacesService } from '../duos/places.service.js';
import { TrajectoryStepsService } from '../duos/trajectory-steps.service.js';
import { EvidenceService, viewerOf } from '../evidence/evidence.service.js';
import type { FormFields } from '../http/form-body.js';
import type { ChangeHeaders } from '../shared/change.js';
import { NextStepService } from '../next-step/next-step.service.js';
import { PlanDuoSessionDto } from '../sessions/dto/plan-session.dto.js';
import type { PlannedSessionView } from '../sessions/planned-session.view.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { todayInAmsterdam } from '../shared/dates.js';
import {
  attendanceSessionOf,
  attendedSessions,
  heldSessions,
  mandatorySessionNames,
  meetingSession,
  sessionByKey,
  sessionEventType,
  sessionOf,
  sessionOfEvent,
  type ProgrammeDefinition,
  type SessionDefinition,
  type SessionRef,
} from '../programmes/programme.js';
import { registeredProgrammes } from '../programmes/programmes.js';
import type { NextStepEventView } from '../duos/duo.view.js';
import { SIDES } from '../shared/sides.js';
import { fieldErrorsOf, formChange, lines, optionalText, readForm, renameFields, refusal, refusalStatus, text, type FormResult } from './forms.js';
import { absentSides, changeAfterConfirmation, confirmation, consequencesQuery, consequenceWords, savedWords, type SavedConsequences } from './confirmation.js';
import { duoHome, page, redirect, type PageData, type PageResult } from './page.js';
import { ERROR_MESSAGES, SESSION_WARNING_NAMES, unitName } from './words.js';
import { capitalised } from '../shared/capitalised.js';

/** The trajectory as the diagram shows it: every state of the programme's machine, in the order the machine defines them. */
function diagramStates(programme: ProgrammeDefinition): { key: string; final: boolean }[] {
  return Object.values(programme.machine.root.states).map((state) => ({ key: state.key, final: state.type === 'final' }));
}

/** The sessions of every programme an adviser logs as held, for the notices of the forms that log them (`?opgeslagen=gesprek-intake`). */
const HELD_SESSIONS = registeredProgrammes().flatMap(heldSessions);

/** The sessions of every programme planned with one unit, for the notices after one moved (`?opgeslagen=verplaatst-intake`). */
const UNIT_SESSIONS = registeredProgrammes().flatMap((programme) => programme.sessions.filter((session) => session.audience === 'unit'));


/**
 * The next step as the page says it: the event's Dutch name (with its session where sessions share
 * the event), what to prepare, and who plans its session (the edition, or the adviser with the unit).
 */
function stepWords(
  programme: ProgrammeDefinition,
  step: NextStepEventView,
): { name: string; preparation: string | undefined; plannedFor: SessionDefinition['audience'] | undefined } {
  const session = step.session ? sessionByKey(programme, step.session) : undefined;
  const name = programme.words.events[step.event]?.name ?? step.event;
  const shared = session && step.description !== programme.words.events[step.event]?.description;
  return { name: shared ? `${name} van ${session.name}` : name, preparation: session?.preparation, plannedFor: session?.audience };
}

/**
 * An event of the duo's log as the page names it: the event's Dutch name, with the session it is
 * about where the event's type does not say it alone (a correction, a session-keyed event).
 */
function eventName(programme: ProgrammeDefinition, event: { type: string; payload: Record<string, unknown> }): string {
  const name = programme.words.events[event.type]?.name ?? 'aanmelding';
  const about = { ...event.payload, type: event.type };
  const session = sessionOfEvent(programme, about) ?? attendanceSessionOf(programme, about);
  const saysItAlone = session && programme.sessions.filter((candidate) => sessionEventType(programme, candidate) === event.type).length === 1;
  return session && !saysItAlone ? `${name} van ${session.name}` : name;
}

const byStart = (a: PlannedSessionView, b: PlannedSessionView) => a.startsAt.localeCompare(b.startsAt);

/** Whether moving a session changed what the duo hears of (the sessions service tells the duo only then). */
function movedBetween(before: PlannedSessionView, after: PlannedSessionView): boolean {
  return (['kind', 'startsAt', 'endsAt', 'location', 'adviser'] as const).some((field) => before[field] !== after[field]);
}

/** The consent form's choice as the DTO takes it; anything else goes on as it came, for validation to name. */
function consentChoice(value: string): boolean | string {
  return value === 'ja' ? true : value === 'nee' ? false : value;
}

/**
 * Each side of a correction as its form sends it: the status, the names of who was there (one a
 * line, kept for a side present) and the reason of an excuse. An excuse whose reason stays as
 * recorded keeps who accepted it; a new one is accepted by the signed-in adviser.
 */
function correctedSides(fields: FormFields, recorded: WorkshopAttendanceView, principal: Principal) {
  return Object.fromEntries(
    SIDES.map((side) => {
      const status = text(fields, `${side}.status`);
      const attendees = lines(fields, `${side}.attendees`);
      const reason = text(fields, `${side}.reason`);
      const earlier = recorded.attendance[side].excuse;
      const excusedBy = earlier && earlier.reason.trim() === reason.trim() ? earlier.excusedBy : principal.name;
      return [
        side,
        {
          status,
          ...(status === 'present' && attendees.length ? { attendees } : {}),
          ...(status === 'excused' ? { excuse: { reason, excusedBy } } : {}),
        },
      ];
    }),
  );
}

/** A contact person's details as their forms send them: an address typed with spaces around it is the address. */
function contactDetails(fields: FormFields) {
  return { name: text(fields, 'name'), email: text(fields, 'email').trim(), phone: optionalText(fields, 'phone') };
}

/** What a successful change says on the duo page it returns to. */
export const DUO_NOTICES: Record<string, string> = {
  bijeenkomst: 'De bijeenkomst is gepland; het duo ziet haar onder Mijn traject.',
  ...Object.fromEntries(HELD_SESSIONS.map(({ key, name, article }) => [`gesprek-${key}`, `${capitalised(article ? `${article} ${name}` : name)} is vastgelegd.`])),
  correctie: 'De aanwezigheid is gecorrigeerd; de eerdere registratie blijft in de geschiedenis.',
  ...Object.fromEntries(
    registeredProgrammes()
      .flatMap(attendedSessions)
      .map(({ key, name }) => [`correctie-${key}`, `De aanwezigheid bij ${name} is gecorrigeerd; de eerdere registratie blijft in de geschiedenis.`]),
  ),
  ...Object.fromEntries(
    UNIT_SESSIONS.map(({ key, name, article }) => [
      `verplaatst-${key}`,
      `${capitalised(article ? `${article} ${name}` : name)} is verplaatst. De contactpersonen van het duo krijgen een bericht met de nieuwe datum, tijd en plaats, en de afspraak voor hun agenda.`,
    ]),
  ),
  ongewijzigd: 'De bijeenkomst stond al zo gepland: er is niets veranderd en het duo krijgt geen bericht.',
  'publicatie-met-naam': 'Opgeslagen: het duo mag met naam genoemd worden in gepubliceerde rapportages.',
  'publicatie-zonder-naam': 'Opgeslagen: in gepubliceerde rapportages wordt het duo niet met naam genoemd.',
  afronding: 'Het traject van dit duo is afgerond.',
  afmelding: 'Het duo is afgemeld.',
  'contactpersoon-uitgenodigd': 'De contactpersoon is toegevoegd en krijgt een uitnodiging voor Trajectkompas per e-mail.',
  'contactpersoon-toegevoegd': 'De contactpersoon is toegevoegd. Dit e-mailadres heeft al een account, dus er gaat geen nieuwe uitnodiging.',
  'contactpersoon-gewijzigd': 'De gegevens van de contactpersoon zijn opgeslagen.',
  'contactpersoon-verwijderd': 'De contactpersoon is verwijderd. Berichten over het duo gaan niet meer naar dit adres.',
  verbeteracties: 'De verbeteracties zijn opgeslagen.',
  cyclus: 'De cyclus is afgesloten. Nieuwe onderbouwing hoort bij de volgende cyclus.',
  onderbouwing: 'De onderbouwing is opgeslagen.',
  verwijderd: 'De onderbouwing is verwijderd.',
};

/** The duo page (for its advisers and, as "Mijn traject", for its participants) and the changes made on it. */
@Injectable()
export class DuoPagesService {
  constructor(
    private readonly duos: DuosService,
    private readonly steps: TrajectoryStepsService,
    private readonly places: PlacesService,
    private readonly nextSteps: NextStepService,
    private readonly sessions: SessionsService,
    private readonly cycles: CyclesService,
    private readonly evidence: EvidenceService,
    private readonly accounts: AccountsService,
    private readonly attendance: AttendanceService,
    private readonly registration: DuoRegistrationService,
    private readonly contactPersons: ContactPersonsService,
  ) {}

  /** A participant's own duo; staff, who have none, find theirs among the cohorts. */
  async mine(principal: Principal, form: Partial<PageData>): Promise<PageResult> {
    return principal.duoId ? this.duo(principal.duoId, principal, form) : redirect('/edities');
  }

  /**
   * A duo as its staff see it, after a change with the duos it moved named in the notice, and what
   * is unusual about a session it moved; a participant has theirs at /mijn-traject.
   */
  async duoForStaff(id: string, principal: Principal, form: Partial<PageData>, saved?: SavedConsequences, movedSession?: unknown): Promise<PageResult> {
    if (principal.role === 'participant') return redirect('/mijn-traject');
    const notice = saved ? await this.notice(id, form.notice, saved) : form.notice;
    return this.duo(id, principal, { ...form, notice: notice && movedSession ? await this.movedNotice(id, notice, movedSession) : notice });
  }

  async duo(id: string, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    // The duo first (404 when there is none), with what its next step was read from; then the rest of the page side by side.
    const { view: duo, programme, trajectory } = await this.duos.getWithSources(id);
    const [next, cycles, evidence, recorded, accountStatuses] = await Promise.all([
      this.nextSteps.withCompass(id, { step: duo.nextStep, programme, trajectory }),
      this.cycles.listOfReadDuo(id),
      this.evidence.listOfReadDuo(id, principal.role === 'adviser' ? { includeDeleted: 'true' } : {}, viewerOf(principal)),
      this.attendance.recordedFor(id),
      principal.role === 'participant' ? {} : this.accounts.statusesByEmail(duo.contactPersons.map((person) => person.email)),
    ]);
    const title = principal.role === 'participant' ? 'Mijn traject' : unitName(duo);
    const expected = next.expects.flatMap((step) => step.session ?? []);
    const meeting = meetingSession(programme);
    const unitSessions = programme.sessions.filter((session) => session.audience === 'unit');
    return page(
      'duo',
      {
        title,
        principal,
        duo,
        unitName: unitName(duo),
        keepsInquiry: programme.records.length > 0,
        next,
        accountStatuses,
        planned: [next.session ?? [], next.alsoPlanned].flat().filter((session) => session.startsAt > new Date().toISOString()).sort(byStart),
        cycles,
        evidence,
        diagram: diagramStates(programme),
        stateWords: programme.words.states,
        eventName: (event: { type: string; payload: Record<string, unknown> }) => eventName(programme, event),
        nextStep: next.next && stepWords(programme, next.next),
        meetings: { name: capitalised(meeting.plural ?? meeting.name), cap: meeting.maxPerUnit },
        mandatorySessions: mandatorySessionNames(programme),
        plannable: unitSessions.filter((session) => expected.includes(session.key)),
        heldForms: heldSessions(programme)
          .filter((session) => expected.includes(session.key))
          .map((session) => ({ key: session.key, name: capitalised(session.name), location: Boolean(session.location), capped: session.maxPerUnit > 1 ? session.maxPerUnit : null })),
        optionalSessions: programme.sessions.flatMap((session, index) => (session.optional ? [{ name: session.name, after: programme.sessions[index - 1]?.name }] : [])),
        owners: ACTION_OWNERS,
        sides: SIDES,
        // Each session on record, with what was recorded there: where its correction starts.
        recordedSessions: attendedSessions(programme).flatMap((session) =>
          recorded[session.key] ? [{ key: session.key, name: session.name, title: capitalised(session.name), record: recorded[session.key] }] : [],
        ),
        isAdviser: principal.role === 'adviser',
        keepsEvidence: principal.role !== 'admin',
        today: todayInAmsterdam(),
        ...form,
      },
      status,
    );
  }

  /** A session with the duo logged as held (an intake, an advisory meeting), by its key; `/kennismakingsgesprek` and `/adviesgesprekken` name theirs. */
  async holdSession(id: string, ref: SessionRef | 'meetings', principal: Principal, fields: FormFields): Promise<PageResult> {
    const programme = await this.duos.programme(id);
    const session = ref === 'meetings' ? meetingSession(programme) : sessionOf(programme, ref, 'unit');
    const plain = {
      heldOn: text(fields, 'heldOn'),
      adviser: text(fields, 'adviser'),
      ...(session.location ? { location: text(fields, 'location') } : {}),
      notes: optionalText(fields, 'notes'),
    };
    const form = await readForm(session.location ? HoldIntakeDto : HoldAdvisoryMeetingDto, plain);
    return this.change(id, principal, fields, `gesprek-${session.key}`, form, (dto, headers) => this.steps.holdSession(id, { kind: session.key }, dto, headers));
  }

  /**
   * A planned session of the duo moved to another day, time or place, through the API's service
   * (the duo is told there, in the same transaction). Its kind and adviser stay as planned; a
   * place left empty stays as it was.
   */
  async moveSession(id: string, sessionId: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const name = `verplaatsen-${sessionId}`;
    const planned = (await this.sessions.listForDuo(id)).find((session) => session.id === sessionId && session.duoId === id);
    if (!planned) {
      return this.duo(id, principal, { form: name, problem: 'Deze bijeenkomst staat niet (meer) gepland voor dit duo. Kies een bijeenkomst onder Gepland.' }, 404);
    }
    const plain = {
      kind: planned.kind,
      date: text(fields, 'date'),
      startTime: text(fields, 'startTime'),
      endTime: optionalText(fields, 'endTime'),
      location: optionalText(fields, 'location'),
      adviser: planned.adviser ?? principal.name,
    };
    return this.change(
      id,
      principal,
      fields,
      name,
      await readForm(PlanDuoSessionDto, plain),
      (dto) => this.sessions.moveForDuo(id, sessionId, dto, principal),
      undefined,
      (moved) => (movedBetween(planned, moved) ? `verplaatst-${moved.kind}&bijeenkomst=${moved.id}` : 'ongewijzigd'),
    );
  }

  /** Whether the duo may be named in published reports, as the duo agreed; the audit log keeps who changed it. */
  async setPublicationConsent(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(PublicationConsentDto, { namedInPublications: consentChoice(text(fields, 'namedInPublications')) });
    return this.change(
      id,
      principal,
      fields,
      'publicatie',
      form,
      (dto, headers) => this.registration.setPublicationConsent(id, dto, headers),
      undefined,
      (duo) => (duo.namedInPublications ? 'publicatie-met-naam' : 'publicatie-zonder-naam'),
    );
  }

  /** An intake conversation or advisory meeting planned with the duo: its next step then says when and where. */
  async planSession(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const plain = {
      kind: text(fields, 'kind'),
      date: text(fields, 'date'),
      startTime: text(fields, 'startTime'),
      endTime: optionalText(fields, 'endTime'),
      location: optionalText(fields, 'location'),
      adviser: text(fields, 'adviser'),
    };
    return this.change(id, principal, fields, 'bijeenkomst', await readForm(PlanDuoSessionDto, plain), (dto, headers) =>
      this.sessions.planForDuo(id, dto, principal, headers.idempotencyKey),
    );
  }

  /**
   * A correction of a session's recorded attendance, with its reason; it can undo a drop-out. Each
   * session on record has its own form (`correctie-<session>`), which starts from what was recorded.
   * The form names the session by key (`session`); a form from before names it by number (`workshop`).
   */
  async correctAttendance(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const named = text(fields, 'session') || text(fields, 'workshop');
    const session = attendedSessions(await this.duos.programme(id)).find((candidate) => candidate.key === named || String(candidate.number) === named);
    const recorded = session && (await this.attendance.recordedFor(id))[session.key];
    if (!session || !recorded) {
      return this.duo(id, principal, { form: 'correctie', problem: 'Van deze bijeenkomst is geen aanwezigheid vastgelegd; kies een bijeenkomst die al op een lijst staat.' }, 400);
    }
    const plain = { reason: text(fields, 'reason'), ...correctedSides(fields, recorded, principal) };
    const form = renameFields(await readForm(AttendanceCorrectionDto, plain), (field) => field.replace('.excuse.reason', '.reason'));
    const asks = {
      heading: `Correctie van ${session.name} vastleggen?`,
      action: 'aanwezigheidscorrecties',
      why: () => absentSides((side) => text(fields, `${side}.status`)),
    };
    return this.change(id, principal, fields, `correctie-${session.key}`, form, (dto, headers) => this.steps.correctAttendance(id, { kind: session.key }, dto, headers), asks);
  }

  async complete(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    return this.change(id, principal, fields, 'afronding', { ok: true, value: {} }, (_, headers) => this.steps.complete(id, headers), {
      heading: 'Traject afronden?',
      action: 'afronding',
    });
  }

  async withdraw(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    return this.change(
      id,
      principal,
      fields,
      'afmelding',
      await readForm(WithdrawalDto, { reason: text(fields, 'reason') }),
      (dto, headers) => this.places.withdraw(id, dto, headers),
      { heading: 'Duo afmelden?', action: 'afmelding' },
    );
  }

  async invite(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const email = text(fields, 'email');
    try {
      const invited = await this.accounts.inviteContactPerson(id, email, principal);
      return this.duo(id, principal, { form: 'uitnodiging', invitation: { email, url: invited.invitation.url, resent: text(fields, 'opnieuw') === 'ja' } });
    } catch (error) {
      return this.duo(id, principal, { form: 'uitnodiging', values: fields, problem: refusal(error) }, refusalStatus(error));
    }
  }

  /** A contact person added to a side of the duo, invited by e-mail (unless the address has an account). */
  async addContactPerson(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(ContactPersonDto, { side: text(fields, 'side'), ...contactDetails(fields) });
    return this.change(id, principal, fields, 'contactpersoon-nieuw', form, (dto, headers) => this.contactPersons.add(id, dto, headers), undefined, (added) =>
      added.invitation ? 'contactpersoon-uitgenodigd' : 'contactpersoon-toegevoegd',
    );
  }

  /** A contact person's name, address and phone, as the version the form showed (`_version`). */
  async editContactPerson(id: string, personId: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(ContactPersonDetailsDto, contactDetails(fields));
    return this.change(id, principal, fields, `contactpersoon-${personId}`, form, (dto, headers) => this.contactPersons.edit(id, personId, dto, principal, headers), undefined, () =>
      'contactpersoon-gewijzigd',
    );
  }

  /** A contact person removed; the last of a side stays, and the page says why. */
  async removeContactPerson(id: string, personId: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    return this.change(id, principal, fields, `verwijderen-${personId}`, { ok: true, value: {} }, (_, headers) => this.contactPersons.remove(id, personId, headers), undefined, () =>
      'contactpersoon-verwijderd',
    );
  }

  async agreeImprovementActions(id: string, cycle: number, principal: Principal, fields: FormFields): Promise<PageResult> {
    const rows = Object.keys(fields)
      .flatMap((name) => /^actions\.(\d+)\.description$/.exec(name)?.[1] ?? [])
      .map(Number)
      .sort((a, b) => a - b);
    const actions = rows
      .map((row) => ({
        row,
        description: text(fields, `actions.${row}.description`),
        owner: text(fields, `actions.${row}.owner`),
        dueOn: optionalText(fields, `actions.${row}.dueOn`),
      }))
      .filter((action) => action.description.trim() !== '' || action.dueOn !== undefined);
    const form = renameFields(await readForm(ImprovementActionsDto, { actions: actions.map(({ row: _row, ...action }) => action) }), (field) =>
      field.replace(/^actions\.(\d+)\./, (_, index: string) => `actions.${actions[Number(index)].row}.`),
    );
    return this.change(id, principal, fields, 'verbeteracties', form, (dto, headers) => this.cycles.agreeImprovementActions(id, cycle, dto, headers));
  }

  async closeCycle(id: string, cycle: number, principal: Principal, fields: FormFields): Promise<PageResult> {
    return this.change(id, principal, fields, 'cyclus', { ok: true, value: {} }, (_, headers) => this.cycles.close(id, cycle, headers), {
      heading: `Cyclus ${cycle} afsluiten?`,
      action: `cycli/${cycle}/afsluiting`,
    });
  }

  /** The notice after a session moved, with what is unusual about when it now is (a weekend, late or early), to check. */
  private async movedNotice(id: string, notice: string, sessionId: unknown): Promise<string> {
    const moved = (await this.sessions.listForDuo(id)).find((session) => session.id === sessionId && session.duoId === id);
    const warnings = (moved?.warnings ?? []).map((warning) => `Let op: ${SESSION_WARNING_NAMES[warning]}. Klopt dat?`);
    return [notice, ...warnings].join(' ');
  }

  /** The notice after a change, with the duos it moved (`&uitgevallen=...`) named: this duo, or one of its cohort that moved up. */
  private async notice(id: string, notice: string | undefined, saved: SavedConsequences): Promise<string | undefined> {
    if (!notice) return undefined;
    const mentioned = [...saved.droppedOut, ...saved.returned, ...saved.movedUp];
    if (!mentioned.length) return notice;
    const duo = await this.duos.get(id);
    const others = saved.movedUp.length ? await this.duos.listInCohort(duo.cohortId) : [];
    return [notice, ...savedWords(saved, [duo, ...others.filter((other) => other.id !== id)])].join(' ');
  }

  /**
   * One form on the duo page: when what was typed is not valid, or the service refuses it, the
   * page comes back with the form open, what was typed and the reason; otherwise back to the page.
   * A form that `asks` first shows what its change would do and saves only once confirmed. The
   * notice after it is the form's own, or the one `saved` picks from what the change answered
   * (with what the page needs to say more: `verplaatst-intake&bijeenkomst=<id>`).
   */
  private async change<T, R = unknown>(
    id: string,
    principal: Principal,
    fields: FormFields,
    name: string,
    form: FormResult<T>,
    apply: (value: T, headers: ChangeHeaders) => Promise<R>,
    asks?: { heading: string; action: string; why?: (duoId: string) => string | undefined },
    saved?: (applied: R) => string,
  ): Promise<PageResult> {
    if (!form.ok) return this.duo(id, principal, { form: name, values: fields, errors: form.errors, problem: ERROR_MESSAGES.VALIDATION_FAILED() }, 400);
    const headers = formChange(principal, fields);
    const value = form.value;
    let notice = name;
    let query = '';
    try {
      if (!asks) {
        const applied = await apply(value, headers);
        if (saved) notice = saved(applied);
      } else {
        const outcome = await changeAfterConfirmation(fields, headers, (given) => apply(value, given), (consequences) => consequenceWords(consequences, asks.why));
        if ('asks' in outcome) {
          return this.duo(id, principal, { form: name, values: fields, confirmation: confirmation(asks.heading, outcome.asks, `/trajecten/${id}/${asks.action}`, fields, name) });
        }
        query = consequencesQuery(outcome.did);
      }
    } catch (error) {
      return this.duo(id, principal, { form: name, values: fields, errors: fieldErrorsOf(error), problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`${duoHome(principal, id)}?opgeslagen=${notice}${query}`);
  }
}
