/**
 * The figures of a municipality's inquiry, as the inquiry page and the report show them: the
 * surveys per audience (sent, returned, response rate), the interviews per interviewee, the focus
 * groups, and the initiatives per form of participation on the Participatiewiel. Pure: no I/O.
 */

/** For whom a survey is: users, potential users or providers of day activities. */
export const SURVEY_AUDIENCES = ['users', 'potentialUsers', 'providers'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

/** With whom an interview is held. */
export const INTERVIEWEES = ['user', 'provider', 'other'] as const;
export type Interviewee = (typeof INTERVIEWEES)[number];

/** The forms of participation the Participatiewiel relates (seed 001), in its order. */
export const PARTICIPATION_FORMS = ['dagbesteding', 'vrijwilligerswerk', 'beschutWerk', 'garantiebanen', 'regulierWerk'] as const;
export type ParticipationForm = (typeof PARTICIPATION_FORMS)[number];

/** The Dutch words of the pages and printed reports. */
export const SURVEY_AUDIENCE_NAMES: Record<SurveyAudience, string> = { users: 'gebruikers', potentialUsers: 'potentiële gebruikers', providers: 'aanbieders' };

export const INTERVIEWEE_NAMES: Record<Interviewee, string> = { user: 'gebruikers', provider: 'aanbieders', other: 'anderen' };

/** The forms of participation on the Participatiewiel. */
export const PARTICIPATION_FORM_NAMES: Record<ParticipationForm, string> = {
  dagbesteding: 'dagbesteding',
  vrijwilligerswerk: 'vrijwilligerswerk',
  beschutWerk: 'beschut werk',
  garantiebanen: 'garantiebanen',
  regulierWerk: 'regulier werk',
};

export interface SurveyFigures {
  audience: SurveyAudience;
  surveys: number;
  sent: number;
  returned: number;
  /** Returned of sent, in whole percents; null where none was sent. */
  responseRate: number | null;
}

export interface InquiryFigures {
  surveys: SurveyFigures[];
  surveysTotal: Omit<SurveyFigures, 'audience'>;
  interviews: { interviewee: Interviewee; interviews: number }[];
  interviewsTotal: number;
  focusGroups: { sessions: number; attendance: number; themes: string[] };
  initiatives: { form: ParticipationForm; initiatives: number }[];
  initiativesTotal: number;
}

export interface InquiryFacts {
  surveys: readonly { audience: SurveyAudience; sent: number; returned: number }[];
  interviews: readonly { interviewee: Interviewee; count: number }[];
  focusGroups: readonly { attendance: number; themes: readonly string[] }[];
  initiatives: readonly { participationForms: readonly ParticipationForm[] }[];
}

function rate(returned: number, sent: number): number | null {
  return sent ? Math.round((returned / sent) * 100) : null;
}

function surveyFigures(surveys: InquiryFacts['surveys']): Omit<SurveyFigures, 'audience'> {
  const sent = surveys.reduce((sum, survey) => sum + survey.sent, 0);
  const returned = surveys.reduce((sum, survey) => sum + survey.returned, 0);
  return { surveys: surveys.length, sent, returned, responseRate: rate(returned, sent) };
}

export function inquiryFigures(facts: InquiryFacts): InquiryFigures {
  const themes = [...new Set(facts.focusGroups.flatMap((group) => group.themes))];
  return {
    surveys: SURVEY_AUDIENCES.map((audience) => ({ audience, ...surveyFigures(facts.surveys.filter((survey) => survey.audience === audience)) })),
    surveysTotal: surveyFigures(facts.surveys),
    interviews: INTERVIEWEES.map((interviewee) => ({
      interviewee,
      interviews: facts.interviews.filter((interview) => interview.interviewee === interviewee).reduce((sum, interview) => sum + interview.count, 0),
    })),
    interviewsTotal: facts.interviews.reduce((sum, interview) => sum + interview.count, 0),
    focusGroups: { sessions: facts.focusGroups.length, attendance: facts.focusGroups.reduce((sum, group) => sum + group.attendance, 0), themes },
    initiatives: PARTICIPATION_FORMS.map((form) => ({ form, initiatives: facts.initiatives.filter((initiative) => initiative.participationForms.includes(form)).length })),
    initiativesTotal: facts.initiatives.length,
  };
}
