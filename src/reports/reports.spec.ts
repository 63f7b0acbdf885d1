import { anonymiseCohortReport, anonymousLabels } from './anonymise.js';
import type { Side } from '../shared/sides.js';
import { cohortDuo, cohortExcuses, evidenceMatrix, outcomeOf, workshopSummaries, type CohortDuo, type CohortExcuse, type CohortReport, type WorkshopRecord } from './cohort-report.js';
import { differences } from './frozen-report.js';
import { bars, dutchDate, heat } from './print.js';
import { csv } from './spreadsheet.js';
import { timelineEntry } from './timeline.js';
import { WERKATELIERS_V1 } from '../programmes/werkateliers/werkateliers.definition.js';
import { attendedSessions } from '../programmes/programme.js';

describe('report rules', () => {
  it.each([
    ['completed', 'completed'],
    ['droppedOut', 'droppedOut'],
    ['withdrawn', 'withdrawn'],
    ['registered', 'notAdmitted'],
    ['waitingList', 'notAdmitted'],
    ['admitted', 'running'],
    ['workshop2Attended', 'running'],
  ])('a duo in state %s counts as %s', (state, outcome) => {
    expect(outcomeOf(state)).toBe(outcome);
  });

  it('sorts attendance into both present, met with an excuse, and not met', () => {
    const excuses = [{ side: 'municipality' as const, reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' }];
    const [w1] = workshopSummaries([
      { duoId: 'a', session: 'workshop1', municipality: 'present', provider: 'present', met: true, excuses: [] },
      { duoId: 'b', session: 'workshop1', municipality: 'excused', provider: 'present', met: true, excuses },
      { duoId: 'c', session: 'workshop1', municipality: 'present', provider: 'absent', met: false, excuses: [] },
      { duoId: 'd', session: 'workshop2', municipality: 'present', provider: 'absent', met: false, excuses: [] },
    ], attendedSessions(WERKATELIERS_V1));
    expect(w1).toEqual({
      session: 'workshop1',
      name: 'werkatelier 1',
      workshop: 1,
      recorded: { count: 3, duoIds: ['a', 'b', 'c'] },
      bothPresent: { count: 1, duoIds: ['a'] },
      metWithExcuse: { count: 1, duoIds: ['b'] },
      notMet: { count: 1, duoIds: ['c'] },
    });
  });

  it('lists every excused side with its reason and who accepted it, by session in the programme\'s order, then by duo', () => {
    const record = (duoId: string, session: string, excuses: WorkshopRecord['excuses']): WorkshopRecord => ({
      duoId,
      session,
      municipality: excuses.some((excuse) => excuse.side === 'municipality') ? 'excused' : 'present',
      provider: excuses.some((excuse) => excuse.side === 'provider') ? 'excused' : 'present',
      met: true,
      excuses,
    });
    const excuse = (side: Side, reason: string) => ({ side, reason, excusedBy: 'Adviseur Jansen' });
    const records = [
      record('b', 'workshop2', [excuse('provider', 'Ziek')]),
      record('a', 'workshop2', [excuse('municipality', 'Raadsvergadering'), excuse('provider', 'Vakantie')]),
      record('b', 'workshop1', [excuse('municipality', 'Begroting')]),
      record('c', 'workshop1', []),
    ];
    expect(cohortExcuses(records, attendedSessions(WERKATELIERS_V1), [{ id: 'a' }, { id: 'b' }, { id: 'c' }])).toEqual([
      { duoId: 'b', session: 'workshop1', side: 'municipality', reason: 'Begroting', excusedBy: 'Adviseur Jansen' },
      { duoId: 'a', session: 'workshop2', side: 'municipality', reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' },
      { duoId: 'a', session: 'workshop2', side: 'provider', reason: 'Vakantie', excusedBy: 'Adviseur Jansen' },
      { duoId: 'b', session: 'workshop2', side: 'provider', reason: 'Ziek', excusedBy: 'Adviseur Jansen' },
    ]);
  });

  it('keeps which side was excused in the anonymised report, but not the reason or who accepted it', () => {
    const excuses: CohortExcuse[] = [{ duoId: 'a', session: 'workshop1', side: 'provider', reason: 'Ziek', excusedBy: 'Adviseur Jansen' }];
    expect(anonymiseCohortReport({ duos: [] as CohortDuo[], excuses } as CohortReport).excuses).toEqual([
      { duoId: 'a', session: 'workshop1', side: 'provider', reason: null, excusedBy: null },
    ]);
  });

  it('fills every cell of the evidence matrix and knows its largest', () => {
    const matrix = evidenceMatrix([{ step: 3, perspective: 'residents', kind: 'stories', count: 4, evidenceIds: ['e1', 'e2', 'e3', 'e4'] }]);
    expect(matrix.cells).toHaveLength(63);
    expect(matrix).toMatchObject({ max: 4, total: 4 });
    expect(matrix.cells.filter((cell) => cell.count > 0)).toEqual([{ step: 3, perspective: 'residents', kind: 'stories', count: 4, evidenceIds: ['e1', 'e2', 'e3', 'e4'] }]);
  });

  it('names only the duos that agreed in the anonymised report, the others by letter in order', () => {
    const row = (id: string, named: boolean) =>
      cohortDuo({ id, municipality: `Gemeente ${id}`, provider: `Uitvoerder ${id}`, state: 'completed', advisory_meetings_held: 0, named_in_publications: named, completed_cycles: 1, meets_obligation: true });
    const duos = [row('x', false), row('y', true), row('z', false)];
    expect([...anonymousLabels(duos).values()]).toEqual(['Duo A', 'Gemeente y / Uitvoerder y', 'Duo B']);
    const many = Array.from({ length: 28 }, (_, i) => ({ id: String(i), label: String(i), namedInPublications: false }));
    expect([...anonymousLabels(many).values()].slice(24)).toEqual(['Duo Y', 'Duo Z', 'Duo AA', 'Duo AB']);
    const anonymised = anonymiseCohortReport({ duos, anonymised: false, excuses: [] as CohortExcuse[] } as CohortReport);
    expect(anonymised.anonymised).toBe(true);
    expect(anonymised.duos.map((duo) => [duo.label, duo.municipality, duo.provider])).toEqual([
      ['Duo A', null, null],
      ['Gemeente y / Uitvoerder y', 'Gemeente y', 'Uitvoerder y'],
      ['Duo B', null, null],
    ]);
  });

  it('finds what differs between a frozen and a live report, leaf by leaf, but not when each was made', () => {
    const frozen = { madeAt: '2019-06-01', duo: { state: 'workshop2Attended' }, timeline: [{ title: 'Aanmelding' }] };
    const live = { madeAt: '2019-07-01', duo: { state: 'completed' }, timeline: [{ title: 'Aanmelding' }, { title: 'Afgerond' }] };
    expect(differences(frozen, live)).toEqual([
      { path: 'duo.state', frozen: 'workshop2Attended', live: 'completed' },
      { path: 'timeline[1]', frozen: null, live: { title: 'Afgerond' } },
    ]);
    expect(differences(frozen, { ...frozen, madeAt: 'later' })).toEqual([]);
  });

  it('leaves out fields a later report version added when the frozen copy is older, but not changed or new entries', () => {
    const frozen = { timeline: [{ title: 'Werkatelier 1', attendance: { workshop: 1 } }] };
    const live = { timeline: [{ title: 'Werkatelier 1', attendance: { session: 'workshop1', workshop: 1 } }, { title: 'Afgerond', attendance: null }] };
    expect(differences(frozen, live, '', true)).toEqual([{ path: 'timeline[1]', frozen: null, live: { title: 'Afgerond', attendance: null } }]);
    expect(differences(frozen, live)).toContainEqual({ path: 'timeline[0].attendance.session', frozen: null, live: 'workshop1' });
  });

  it('dates a workshop by its planned day, a meeting by the day it was held, anything else by the day it was recorded', () => {
    const event = (type: string, payload: Record<string, unknown>) => ({ sequence: 4, type, payload, actor: 'Adviseur', recordedAt: new Date('2019-06-26T08:00:00Z') });
    const attendance = { municipality: { status: 'excused', excuse: { reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' } }, provider: { status: 'present' } };
    const workshop = timelineEntry(WERKATELIERS_V1, event('RECORD_WORKSHOP_2_ATTENDANCE', { attendance }), '2019-06-26', { workshop2: '2019-06-25' });
    expect(workshop).toMatchObject({ title: 'Werkatelier 2', date: '2019-06-25', attendance: { session: 'workshop2', workshop: 2, correction: false } });
    expect(workshop.attendance?.municipality).toEqual({ status: 'excused', attendees: [], excuse: { reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' } });
    expect(timelineEntry(WERKATELIERS_V1, event('HOLD_ADVISORY_MEETING', { heldOn: '2019-05-28', adviser: 'A' }), '2019-06-26')).toMatchObject({ date: '2019-05-28', details: ['Adviseur: A'] });
    expect(timelineEntry(WERKATELIERS_V1, event('CORRECT_ATTENDANCE', { workshop: 1, attendance, reason: 'verkeerd genoteerd' }), '2019-06-26', { workshop1: '2019-05-14' })).toMatchObject({
      title: 'Correctie aanwezigheid werkatelier 1',
      attendance: { session: 'workshop1', workshop: 1, correction: true },
      date: '2019-06-26',
      details: ['Reden: verkeerd genoteerd'],
    });
  });

  it('writes CSV for Dutch Excel, and text that would run as a formula as text', () => {
    const table = {
      name: 'duos' as const,
      sheet: "Duo's",
      columns: [
        { header: 'Duo', type: 'text' as const, width: 10 },
        { header: 'Waarde', type: 'number' as const, width: 10 },
        { header: 'Van', type: 'date' as const, width: 10 },
      ],
      rows: [
        ['=HYPERLINK("https://kwaad.example";"Klik")', 12.5, '2019-01-01'],
        ['@SUM(1)', -3, null],
        ['Gemeente; "Oost"', 0, '2019-12-31'],
      ],
    };
    expect(csv(table)).toBe(
      '\ufeffDuo;Waarde;Van\r\n' +
        `"'=HYPERLINK(""https://kwaad.example"";""Klik"")";12,5;01-01-2019\r\n` +
        "'@SUM(1);-3;\r\n" +
        '"Gemeente; ""Oost""";0;31-12-2019\r\n',
    );
  });

  it('draws bars to scale, heat from white to green, and dates in Dutch', () => {
    expect(bars([{ label: 'a', value: 2 }, { label: 'b', value: 1 }, { label: 'c', value: 0 }]).map((bar) => bar.width)).toEqual([100, 50, 0]);
    expect(heat(0, 4)).toBe('#ffffff');
    expect(heat(4, 4)).toBe('rgb(0, 104, 55)');
    expect(dutchDate('2019-05-14')).toBe('14 mei 2019');
    expect(dutchDate('2019-06-25T22:30:00Z')).toBe('26 juni 2019');
  });
});
