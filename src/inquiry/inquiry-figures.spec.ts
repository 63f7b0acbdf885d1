import { inquiryFigures } from './inquiry-figures.js';

describe('the figures of an inquiry', () => {
  const figures = inquiryFigures({
    surveys: [
      { audience: 'users', sent: 120, returned: 45 },
      { audience: 'users', sent: 30, returned: 15 },
      { audience: 'providers', sent: 12, returned: 9 },
    ],
    interviews: [
      { interviewee: 'user', count: 6 },
      { interviewee: 'provider', count: 3 },
      { interviewee: 'user', count: 2 },
    ],
    focusGroups: [
      { attendance: 9, themes: ['vervoer', 'ontmoeting'] },
      { attendance: 7, themes: ['ontmoeting', 'werk'] },
    ],
    initiatives: [{ participationForms: ['dagbesteding', 'vrijwilligerswerk'] }, { participationForms: ['dagbesteding'] }, { participationForms: ['regulierWerk'] }],
  });

  it('adds the surveys up per audience, with the share returned in whole percents, and none sent as no rate', () => {
    expect(figures.surveys).toEqual([
      { audience: 'users', surveys: 2, sent: 150, returned: 60, responseRate: 40 },
      { audience: 'potentialUsers', surveys: 0, sent: 0, returned: 0, responseRate: null },
      { audience: 'providers', surveys: 1, sent: 12, returned: 9, responseRate: 75 },
    ]);
    expect(figures.surveysTotal).toEqual({ surveys: 3, sent: 162, returned: 69, responseRate: 43 });
  });

  it('counts the interviews per interviewee by their count, not by the records', () => {
    expect(figures.interviews).toEqual([
      { interviewee: 'user', interviews: 8 },
      { interviewee: 'provider', interviews: 3 },
      { interviewee: 'other', interviews: 0 },
    ]);
    expect(figures.interviewsTotal).toBe(11);
  });

  it('counts the focus groups, everyone who attended, and each theme once', () => {
    expect(figures.focusGroups).toEqual({ sessions: 2, attendance: 16, themes: ['vervoer', 'ontmoeting', 'werk'] });
  });

  it('counts an initiative under every form of participation it connects, in the order of the Participatiewiel', () => {
    expect(figures.initiatives).toEqual([
      { form: 'dagbesteding', initiatives: 2 },
      { form: 'vrijwilligerswerk', initiatives: 1 },
      { form: 'beschutWerk', initiatives: 0 },
      { form: 'garantiebanen', initiatives: 0 },
      { form: 'regulierWerk', initiatives: 1 },
    ]);
    expect(figures.initiativesTotal).toBe(3);
  });
});
