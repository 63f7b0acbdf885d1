import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { DuosService } from '../duos/duos.service.js';
import type { FormFields } from '../http/form-body.js';
import { RecordFocusGroupDto, RecordInitiativeDto, RecordInterviewsDto, RecordSurveyDto } from '../inquiry/dto/inquiry.dto.js';
import { INTERVIEWEES, PARTICIPATION_FORMS, SURVEY_AUDIENCES } from '../inquiry/inquiry-figures.js';
import { InquiryService, keepsInquiry } from '../inquiry/inquiry.service.js';
import type { InquiryRecord } from '../programmes/programme.js';
import type { ChangeHeaders } from '../shared/change.js';
import { todayInAmsterdam } from '../shared/dates.js';
import { fieldErrorsOf, formChange, lines, numberField, optionalText, readForm, refusal, refusalStatus, text } from './forms.js';
import { duoHome, noticeFrom, page, redirect, type PageData, type PageResult } from './page.js';
import { ERROR_MESSAGES, INTERVIEWEE_NAMES, PARTICIPATION_FORM_NAMES, SURVEY_AUDIENCE_NAMES, unitName } from './words.js';

type Recordable = Exclude<InquiryRecord, 'plan'>;

/** Each form: its name on the page (and in the notice after it), the Dutch notice, and how it reads its fields. */
const FORMS: Record<Recordable, { name: string; notice: string; read: (fields: FormFields) => object; dto: new () => object }> = {
  surveys: {
    name: 'enquete',
    notice: 'De enquête is vastgelegd.',
    dto: RecordSurveyDto,
    read: (fields) => ({ audience: text(fields, 'audience'), sent: numberField(fields, 'sent'), returned: numberField(fields, 'returned'), sentOn: text(fields, 'sentOn'), notes: optionalText(fields, 'notes') }),
  },
  interviews: {
    name: 'interviews',
    notice: 'De interviews zijn vastgelegd.',
    dto: RecordInterviewsDto,
    read: (fields) => ({ interviewee: text(fields, 'interviewee'), count: numberField(fields, 'count'), heldOn: text(fields, 'heldOn'), notes: optionalText(fields, 'notes') }),
  },
  focusGroups: {
    name: 'focusgroep',
    notice: 'De focusgroep is vastgelegd.',
    dto: RecordFocusGroupDto,
    read: (fields) => ({ heldOn: text(fields, 'heldOn'), attendance: numberField(fields, 'attendance'), themes: lines(fields, 'themes', true), notes: optionalText(fields, 'notes') }),
  },
  initiatives: {
    name: 'initiatief',
    notice: 'Het initiatief is vastgelegd.',
    dto: RecordInitiativeDto,
    read: (fields) => ({
      name: text(fields, 'name'),
      description: text(fields, 'description'),
      novelty: text(fields, 'novelty'),
      participationForms: PARTICIPATION_FORMS.filter((form) => text(fields, `form.${form}`) === 'ja'),
      location: text(fields, 'location'),
      link: optionalText(fields, 'link'),
    }),
  },
};

const NOTICES: Record<string, string> = {
  ...Object.fromEntries(Object.values(FORMS).map((form) => [form.name, form.notice])),
  verwijderd: 'Het is uit het onderzoek verwijderd.',
};

/** The inquiry page: its records and figures for everyone of the trajectory, the forms for whoever may add. */
@Injectable()
export class InquiryPagesService {
  constructor(
    private readonly duos: DuosService,
    private readonly inquiry: InquiryService,
  ) {}

  notice(saved: unknown): string | undefined {
    return noticeFrom(NOTICES, saved);
  }

  async show(duoId: string, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const [{ view: duo, programme, trajectory }, inquiry] = await Promise.all([this.duos.getWithSources(duoId), this.inquiry.get(duoId)]);
    const next = duo.nextStep;
    const staff = principal.role !== 'participant';
    const open = keepsInquiry(trajectory);
    return page(
      'inquiry',
      {
        title: `Onderzoek · ${unitName(duo)}`,
        principal,
        duo,
        unitName: unitName(duo),
        home: duoHome(principal, duoId),
        phase: programme.words.states[next.state].name,
        inquiry,
        open,
        removable: open && staff,
        // What the programme records, and of that what this person adds here.
        forms: open ? inquiry.records.filter((record) => record !== 'plan' && (staff || record === 'initiatives')) : [],
        today: todayInAmsterdam(),
        AUDIENCES: SURVEY_AUDIENCES.map((audience) => [audience, SURVEY_AUDIENCE_NAMES[audience]]),
        INTERVIEWEES: INTERVIEWEES.map((interviewee) => [interviewee, INTERVIEWEE_NAMES[interviewee]]),
        FORMS_OF_PARTICIPATION: PARTICIPATION_FORMS.map((participation) => [participation, PARTICIPATION_FORM_NAMES[participation]]),
        SURVEY_AUDIENCE_NAMES,
        INTERVIEWEE_NAMES,
        PARTICIPATION_FORM_NAMES,
        ...form,
      },
      status,
    );
  }

  /** One record from its form, through the API's service: saved and back to the page with a notice, or the form again with what was wrong. */
  async record(duoId: string, principal: Principal, fields: FormFields, record: Recordable): Promise<PageResult> {
    const { name, dto, read } = FORMS[record];
    const form = await readForm(dto, read(fields));
    if (!form.ok) return this.show(duoId, principal, { form: name, values: fields, errors: form.errors, problem: ERROR_MESSAGES.VALIDATION_FAILED() }, 400);
    try {
      await this.save(duoId, record, form.value, formChange(principal, fields));
    } catch (error) {
      return this.show(duoId, principal, { form: name, values: fields, errors: fieldErrorsOf(error), problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderzoek?opgeslagen=${name}`);
  }

  /** A record taken out again, through the API's service: back to the page with a notice, or the page with why not. */
  async remove(duoId: string, principal: Principal, fields: FormFields, record: Recordable, recordId: string): Promise<PageResult> {
    try {
      await this.inquiry.remove(duoId, record, recordId, formChange(principal, fields));
    } catch (error) {
      return this.show(duoId, principal, { form: `verwijderen-${recordId}`, values: fields, problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderzoek?opgeslagen=verwijderd`);
  }

  private save(duoId: string, record: Recordable, value: object, headers: ChangeHeaders) {
    switch (record) {
      case 'surveys':
        return this.inquiry.recordSurvey(duoId, value as RecordSurveyDto, headers);
      case 'interviews':
        return this.inquiry.recordInterviews(duoId, value as RecordInterviewsDto, headers);
      case 'focusGroups':
        return this.inquiry.recordFocusGroup(duoId, value as RecordFocusGroupDto, headers);
      case 'initiatives':
        return this.inquiry.recordInitiative(duoId, value as RecordInitiativeDto, headers);
    }
  }
}
