import { meetingSession, type ProgrammeDefinition } from '../programmes/programme.js';
import {
  INTERVIEWEE_NAMES,
  PARTICIPATION_FORM_NAMES,
  PARTICIPATION_FORMS,
  SURVEY_AUDIENCE_NAMES,
  type InquiryFigures,
  type ParticipationForm,
} from '../inquiry/inquiry-figures.js';
import type { InquiryView } from '../inquiry/inquiry.view.js';
import { capitalised } from '../shared/capitalised.js';
import type { DuoReport } from './duo-report.js';
import type { TimelineEntry } from './timeline.js';
import type { SheetTable } from './spreadsheet.js';

/**
 * The report of an advisory trajectory for one municipality (seed 001): the timeline of its
 * phases, the survey and interview figures, the focus groups, the initiatives by form of
 * participation on the Participatiewiel, and the plan: the meetings toward it and its handing
 * over. Built from the unit's report (its timeline) and its inquiry; pure.
 */
export interface InquiryReport {
  madeAt: string;
  unit: { id: string; cohortId: string; cohortName: string; label: string; programme: string; state: string; stateName: string };
  timeline: TimelineEntry[];
  figures: InquiryFigures;
  focusGroups: { heldOn: string; attendance: number; themes: string[] }[];
  /** Per form of participation, in the order of the Participatiewiel: the initiatives that connect it. */
  initiativesByForm: { form: ParticipationForm; name: string; initiatives: { name: string; location: string; link: string | null }[] }[];
  initiatives: { name: string; description: string; novelty: string; participationForms: ParticipationForm[]; location: string; link: string | null }[];
  plan: {
    /** The meetings toward the plan, as logged: the programme's meeting session. */
    meetings: { date: string; details: string[] }[];
    /** The step that followed the meetings in the programme's order (the handing over), once logged. */
    handedOver: { title: string; date: string; details: string[] } | null;
    /** The plan of approach and the report, with the decisions taken and the name of their file. */
    documents: { kind: string; title: string; decisions: string; fileName: string | null }[];
  };
}

export function inquiryReport(programme: ProgrammeDefinition, unitReport: DuoReport, inquiry: InquiryView): InquiryReport {
  const meeting = meetingSession(programme);
  const titled = (name: string) => unitReport.timeline.filter((entry) => entry.title === capitalised(name));
  // The session after the meetings in the programme's order is where the plan is handed over.
  const handing = programme.sessions[programme.sessions.indexOf(meeting) + 1];
  const handedOver = handing ? titled(handing.name)[0] : undefined;
  const state = unitReport.duo.state;
  return {
    madeAt: unitReport.madeAt,
    unit: {
      id: unitReport.duo.id,
      cohortId: unitReport.duo.cohortId,
      cohortName: unitReport.duo.cohortName,
      label: unitReport.duo.municipality ?? unitReport.duo.label,
      programme: programme.name,
      state,
      stateName: programme.words.states[state]?.name ?? state,
    },
    timeline: unitReport.timeline,
    figures: inquiry.figures,
    focusGroups: inquiry.focusGroups.map(({ heldOn, attendance, themes }) => ({ heldOn, attendance, themes })),
    initiativesByForm: PARTICIPATION_FORMS.map((form) => ({
      form,
      name: PARTICIPATION_FORM_NAMES[form],
      initiatives: inquiry.initiatives
        .filter((initiative) => initiative.participationForms.includes(form))
        .map(({ name, location, link }) => ({ name, location, link })),
    })),
    initiatives: inquiry.initiatives.map(({ name, description, novelty, participationForms, location, link }) => ({
      name,
      description,
      novelty,
      participationForms: participationForms as ParticipationForm[],
      location,
      link,
    })),
    plan: {
      meetings: titled(meeting.name).map(({ date, details }) => ({ date, details })),
      handedOver: handedOver ? { title: handedOver.title, date: handedOver.date, details: handedOver.details } : null,
      documents: inquiry.documents.map(({ kind, title, decisions, file }) => ({ kind, title, decisions, fileName: file?.fileName ?? null })),
    },
  };
}

/** The report's tables, one sheet each, in Dutch: what the XLSX holds. */
export function inquiryReportTables(report: InquiryReport): SheetTable[] {
  const { figures } = report;
  return [
    {
      sheet: 'Tijdlijn',
      columns: [
        { header: 'Datum', type: 'date', width: 12 },
        { header: 'Wat', type: 'text', width: 40 },
        { header: 'Details', type: 'text', width: 60 },
      ],
      rows: report.timeline.map((entry) => [entry.date, entry.title, entry.details.join('; ')]),
    },
    {
      sheet: 'Enquêtes',
      columns: [
        { header: 'Voor', type: 'text', width: 24 },
        { header: 'Enquêtes', type: 'number', width: 10 },
        { header: 'Verstuurd', type: 'number', width: 10 },
        { header: 'Terug', type: 'number', width: 10 },
        { header: 'Respons (%)', type: 'number', width: 12 },
      ],
      rows: [
        ...figures.surveys.map((row) => [SURVEY_AUDIENCE_NAMES[row.audience], row.surveys, row.sent, row.returned, row.responseRate]),
        ['Totaal', figures.surveysTotal.surveys, figures.surveysTotal.sent, figures.surveysTotal.returned, figures.surveysTotal.responseRate],
      ],
    },
    {
      sheet: 'Interviews',
      columns: [
        { header: 'Met', type: 'text', width: 24 },
        { header: 'Interviews', type: 'number', width: 12 },
      ],
      rows: [...figures.interviews.map((row) => [INTERVIEWEE_NAMES[row.interviewee], row.interviews]), ['Totaal', figures.interviewsTotal]],
    },
    {
      sheet: 'Focusgroepen',
      columns: [
        { header: 'Datum', type: 'date', width: 12 },
        { header: 'Aanwezigen', type: 'number', width: 12 },
        { header: 'Thema’s', type: 'text', width: 60 },
      ],
      rows: report.focusGroups.map((group) => [group.heldOn, group.attendance, group.themes.join(', ')]),
    },
    {
      sheet: 'Initiatieven',
      columns: [
        { header: 'Naam', type: 'text', width: 30 },
        { header: 'Wat het is', type: 'text', width: 50 },
        { header: 'Waarom nieuw', type: 'text', width: 50 },
        { header: 'Vormen van participatie', type: 'text', width: 40 },
        { header: 'Waar', type: 'text', width: 20 },
        { header: 'Link', type: 'text', width: 40 },
      ],
      rows: report.initiatives.map((initiative) => [
        initiative.name,
        initiative.description,
        initiative.novelty,
        initiative.participationForms.map((form) => PARTICIPATION_FORM_NAMES[form]).join(', '),
        initiative.location,
        initiative.link,
      ]),
    },
    {
      sheet: 'Participatiewiel',
      columns: [
        { header: 'Vorm van participatie', type: 'text', width: 24 },
        { header: 'Initiatieven', type: 'number', width: 12 },
      ],
      rows: report.initiativesByForm.map((row) => [row.name, row.initiatives.length]),
    },
  ];
}
