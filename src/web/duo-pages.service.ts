import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { CyclesService } from '../cycles/cycles.service.js';
import { ACTION_OWNERS, ImprovementActionsDto } from '../cycles/dto/improvement-actions.dto.js';
import { HoldAdvisoryMeetingDto, HoldIntakeDto, WithdrawalDto } from '../duos/dto/trajectory-events.dto.js';
import { AttendanceCorrectionDto } from '../attendance/dto/attendance-list.dto.js';
import { DuosService } from '../duos/duos.service.js';
import { PlacesService } from '../duos/places.service.js';
import { TrajectoryStepsService } from '../duos/trajectory-steps.service.js';
import { EvidenceService, viewerOf } from '../evidence/evidence.service.js';
import type { FormFields } from '../http/form-body.js';
import type { ChangeHeaders } from '../shared/change.js';
import { NextStepService } from '../next-step/next-step.service.js';
import { PlanDuoSessionDto } from '../sessions/dto/plan-session.dto.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { todayInAmsterdam } from '../shared/dates.js';
import { meetingSession, numberedSessions, sessionEventType, type ProgrammeDefinition } from '../programmes/programme.js';
import { SIDES } from '../shared/sides.js';
import { formChange, optionalText, readForm, renameFields, refusal, refusalStatus, sidesAttendance, text, type FormResult } from './forms.js';
import { duoHome, page, redirect, type PageData, type PageResult } from './page.js';
import { ERROR_MESSAGES } from './words.js';

/** The trajectory as the diagram shows it: every state of the programme's machine, in the order the machine defines them. */
function diagramStates(programme: ProgrammeDefinition): { key: string; final: boolean }[] {
  return Object.values(programme.machine.root.states).map((state) => ({ key: state.key, final: state.type === 'final' }));
}

/** What a successful change says on the duo page it returns to. */
export const DUO_NOTICES: Record<string, string> = {
  bijeenkomst: 'De bijeenkomst is gepland; het duo ziet haar bij de volgende stap.',
  kennismakingsgesprek: 'Het kennismakingsgesprek is vastgelegd.',
  correctie: 'De aanwezigheid is gecorrigeerd; de eerdere registratie blijft in de geschiedenis.',
  adviesgesprek: 'Het adviesgesprek is vastgelegd.',
  afronding: 'Het traject van dit duo is afgerond.',
  afmelding: 'Het duo is afgemeld.',
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
  ) {}

  /** A participant's own duo; staff, who have none, find theirs among the cohorts. */
  async mine(principal: Principal, form: Partial<PageData>): Promise<PageResult> {
    return principal.duoId ? this.duo(principal.duoId, principal, form) : redirect('/edities');
  }

  /** A duo as its staff see it; a participant has theirs at /mijn-traject. */
  async duoForStaff(id: string, principal: Principal, form: Partial<PageData>): Promise<PageResult> {
    return principal.role === 'participant' ? redirect('/mijn-traject') : this.duo(id, principal, form);
  }

  async duo(id: string, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const [duo, programme, next, sessions, cycles, evidence] = await Promise.all([
      this.duos.get(id),
      this.duos.programme(id),
      this.nextSteps.of(id),
      this.sessions.listForDuo(id),
      this.cycles.list(id),
      this.evidence.list(id, principal.role === 'adviser' ? { includeDeleted: 'true' } : {}, viewerOf(principal)),
    ]);
    const title = principal.role === 'participant' ? 'Mijn traject' : `${duo.municipality} · ${duo.provider}`;
    return page(
      'duo',
      {
        title,
        principal,
        duo,
        next,
        sessions,
        cycles,
        evidence,
        diagram: diagramStates(programme),
        meetingsCap: meetingSession(programme).maxPerUnit,
        unitSessions: programme.sessions.filter((session) => session.audience === 'unit').map((session) => ({ ...session, event: sessionEventType(programme, session) })),
        optionalSessions: programme.sessions.flatMap((session, index) => (session.optional ? [{ name: session.name, after: programme.sessions[index - 1]?.name }] : [])),
        numberedNames: Object.fromEntries(numberedSessions(programme).map((session) => [session.number, session.name])),
        owners: ACTION_OWNERS,
        sides: SIDES,
        recordedWorkshops: numberedSessions(programme).filter((session) => duo.history.some((event) => event.type === sessionEventType(programme, session))),
        isAdviser: principal.role === 'adviser',
        keepsEvidence: principal.role !== 'admin',
        today: todayInAmsterdam(),
        ...form,
      },
      status,
    );
  }

  async holdIntake(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const plain = { heldOn: text(fields, 'heldOn'), adviser: text(fields, 'adviser'), location: text(fields, 'location'), notes: optionalText(fields, 'notes') };
    return this.change(id, principal, fields, 'kennismakingsgesprek', await readForm(HoldIntakeDto, plain), (dto, headers) =>
      this.steps.holdIntake(id, dto, headers),
    );
  }

  async holdAdvisoryMeeting(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const plain = { heldOn: text(fields, 'heldOn'), adviser: text(fields, 'adviser'), notes: optionalText(fields, 'notes') };
    return this.change(id, principal, fields, 'adviesgesprek', await readForm(HoldAdvisoryMeetingDto, plain), (dto, headers) =>
      this.steps.holdAdvisoryMeeting(id, dto, headers),
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

  /** A correction of a workshop's recorded attendance, with its reason; it can undo a drop-out. */
  async correctAttendance(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const workshop = Number(text(fields, 'workshop'));
    const plain = { reason: text(fields, 'reason'), ...sidesAttendance(fields, '', principal) };
    const numbers = numberedSessions(await this.duos.programme(id)).map((session) => session.number);
    const form = numbers.includes(workshop)
      ? renameFields(await readForm(AttendanceCorrectionDto, plain), (field) => field.replace('.excuse.reason', '.reason'))
      : { ok: false as const, errors: { workshop: 'Kies een werkatelier.' } };
    return this.change(id, principal, fields, 'correctie', form, (dto, headers) => this.steps.correctAttendance(id, workshop, dto, headers));
  }

  async complete(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    return this.change(id, principal, fields, 'afronding', { ok: true, value: {} }, (_, headers) => this.steps.complete(id, headers));
  }

  async withdraw(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    return this.change(id, principal, fields, 'afmelding', await readForm(WithdrawalDto, { reason: text(fields, 'reason') }), (dto, headers) =>
      this.places.withdraw(id, dto, headers),
    );
  }

  async invite(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const email = text(fields, 'email');
    try {
      const invited = await this.accounts.inviteContactPerson(id, email, principal);
      return this.duo(id, principal, { form: 'uitnodiging', invitation: { email, url: invited.invitation.url } });
    } catch (error) {
      return this.duo(id, principal, { form: 'uitnodiging', values: fields, problem: refusal(error) }, refusalStatus(error));
    }
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
    return this.change(id, principal, fields, 'cyclus', { ok: true, value: {} }, (_, headers) => this.cycles.close(id, cycle, headers));
  }

  /**
   * One form on the duo page: when what was typed is not valid, or the service refuses it, the
   * page comes back with the form open, what was typed and the reason; otherwise back to the page.
   */
  private async change<T>(
    id: string,
    principal: Principal,
    fields: FormFields,
    name: string,
    form: FormResult<T>,
    apply: (value: T, headers: ChangeHeaders) => Promise<unknown>,
  ): Promise<PageResult> {
    if (!form.ok) return this.duo(id, principal, { form: name, values: fields, errors: form.errors, problem: ERROR_MESSAGES.VALIDATION_FAILED() }, 400);
    try {
      await apply(form.value, formChange(principal, fields));
    } catch (error) {
      return this.duo(id, principal, { form: name, values: fields, problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`${duoHome(principal, id)}?opgeslagen=${name}`);
  }
}
