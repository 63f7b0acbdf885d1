import { useTestApp } from '../support/api.js';
import { intake } from '../support/fixtures.js';
import { seedCohort, type SeededCohort } from './seeded-cohort.js';

/** The reports of a seeded cohort (seeded-cohort.ts), checked figure by figure. */
const app = useTestApp();
let seeded: SeededCohort;
let ids: string[];

beforeAll(async () => {
  seeded = await seedCohort(app.client);
  ids = seeded.duos.map((duo) => duo.id);
});

const sorted = (values: string[]) => [...values].sort();

describe('the cohort report', () => {
  it('counts the duos by outcome, listing each', async () => {
    const report = (await app.client.as(seeded.adviser).get(`/api/cohorts/${seeded.cohortId}/report`).expect(200)).body;
    const [d1, d2, d3, d4, d5, d6] = ids;
    expect(report.outcomes.map((o: { outcome: string; count: number; duoIds: string[] }) => [o.outcome, o.count, sorted(o.duoIds)])).toEqual([
      ['completed', 1, [d1]],
      ['droppedOut', 1, [d3]],
      ['withdrawn', 1, [d4]],
      ['running', 2, sorted([d2, d5])],
      ['notAdmitted', 1, [d6]],
    ]);
    expect(report.duos.map((duo: { label: string }) => duo.label)).toEqual(seeded.duos.map((duo) => `${duo.municipality} / ${duo.provider}`));
    expect(report.duos.find((duo: { id: string }) => duo.id === d3)).toMatchObject({ meetsAttendanceObligation: false, outcome: 'droppedOut' });
  });

  it('shows attendance per workshop with every excuse, advisory meetings used and completed cycles', async () => {
    const report = (await app.client.as(seeded.adviser).get(`/api/cohorts/${seeded.cohortId}/report`).expect(200)).body;
    const [d1, d2, d3, d4, d5] = ids;
    const [w1, w2, w3] = report.attendance;
    expect([w1.recorded.count, w1.bothPresent.count, w1.metWithExcuse.count, w1.notMet.count]).toEqual([5, 3, 1, 1]);
    expect(sorted(w1.bothPresent.duoIds)).toEqual(sorted([d1, d4, d5]));
    expect(w1.metWithExcuse.duoIds).toEqual([d2]);
    expect(w1.notMet.duoIds).toEqual([d3]);
    expect([w2.recorded.count, w2.bothPresent.count, w2.notMet.count]).toEqual([3, 3, 0]);
    expect(w3.recorded.count).toBe(0);
    expect(report.excuses).toEqual([{ duoId: d2, session: 'workshop1', side: 'municipality', reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' }]);
    expect(report.advisoryMeetings.total).toBe(3);
    expect(report.advisoryMeetings.byNumberHeld.map((b: { held: number; duoIds: string[] }) => [b.held, sorted(b.duoIds)])).toEqual([
      [0, sorted([d3, d4, d5])],
      [1, [d2]],
      [2, [d1]],
    ]);
    expect(report.completedCycles).toEqual({ total: 2, duosWithOne: { count: 2, duoIds: expect.arrayContaining([d1, d2]) } });
  });

  it('has an evidence matrix of the completed cycles only, each cell listing its evidence', async () => {
    const { evidenceMatrix } = (await app.client.as(seeded.adviser).get(`/api/cohorts/${seeded.cohortId}/report`).expect(200)).body;
    const cell = (step: number, perspective: string, kind: string) =>
      evidenceMatrix.cells.find((c: { step: number; perspective: string; kind: string }) => c.step === step && c.perspective === perspective && c.kind === kind);
    expect(evidenceMatrix.cells).toHaveLength(7 * 3 * 3);
    expect(evidenceMatrix.total).toBe(14);
    expect(evidenceMatrix.max).toBe(2);
    expect(cell(0, 'municipality', 'other')).toMatchObject({ count: 1, evidenceIds: [seeded.duo1Evidence[0]] });
    expect(cell(1, 'municipality', 'figures')).toMatchObject({ count: 1, evidenceIds: [seeded.duo1Evidence[1]] });
    expect(cell(3, 'residents', 'stories').count).toBe(2);
    expect(cell(3, 'residents', 'stories').evidenceIds).toContain(seeded.withheldStoryId);
    expect(cell(6, 'residents', 'stories').count).toBe(2);
    expect(cell(1, 'provider', 'figures').count).toBe(0);
    const listed = evidenceMatrix.cells.flatMap((c: { evidenceIds: string[] }) => c.evidenceIds);
    expect(listed).toHaveLength(14);
    expect(listed).not.toContain(seeded.openCycleFigureId);
  });
});

describe('the duo report', () => {
  it('tells the trajectory as a timeline with attendance and excuses', async () => {
    const report = (await app.client.as(seeded.adviser).get(`/api/duos/${ids[1]}/report`).expect(200)).body;
    expect(report.timeline.map((entry: { title: string }) => entry.title)).toEqual([
      'Aanmelding',
      'Toegelaten',
      'Kennismakingsgesprek',
      'Werkatelier 1',
      'Adviesgesprek',
      'Werkatelier 2',
    ]);
    const workshop1 = report.timeline[3];
    expect(workshop1.attendance).toEqual({
      session: 'workshop1',
      workshop: 1,
      municipality: { status: 'excused', attendees: [], excuse: { reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' } },
      provider: { status: 'present', attendees: [], excuse: null },
      correction: false,
    });
    expect(report.timeline[2]).toMatchObject({ date: intake.heldOn, details: ['Locatie: Stadskantoor Voorbeeld', 'Adviseur: Adviseur Jansen'] });
  });

  it('shows each completed cycle per step: figures as a table, consented stories as quotes, the rest counted', async () => {
    const report = (await app.client.as(seeded.participant).get(`/api/duos/${ids[0]}/report`).expect(200)).body;
    expect(report.cycles).toHaveLength(1);
    const [cycle] = report.cycles;
    expect(cycle).toMatchObject({ number: 1, closedBy: seeded.adviser.name, improvementActions: expect.arrayContaining([expect.objectContaining({ owner: 'municipality' })]) });
    expect(cycle.steps.map((step: { step: number; evidenceCount: number }) => [step.step, step.evidenceCount])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 1],
      [5, 1],
      [6, 1],
    ]);
    expect(cycle.steps[2].figures).toEqual([
      {
        evidenceId: seeded.duo1Evidence[2],
        perspective: 'municipality',
        title: 'Cijfers bij stap 2',
        indicator: 'Bezoekers buurthuis per week',
        value: 20,
        unit: 'bezoekers',
        periodStart: '2019-01-01',
        periodEnd: '2019-06-30',
      },
    ]);
    expect(cycle.steps[6].stories).toEqual([
      { evidenceId: seeded.duo1Evidence[6], perspective: 'residents', title: 'Verhaal bij stap 6', quote: 'Mevrouw K. komt sinds de zomer elke week en kookt nu mee.' },
    ]);
    expect(cycle.steps[3].stories).toEqual([]);
    expect(cycle.steps[3].withheldStories).toEqual({ count: 1, evidenceIds: [seeded.withheldStoryId] });
    expect(JSON.stringify(report)).not.toContain('eenzaamheid');
    expect(cycle.steps[0].otherMeans[0]).toMatchObject({ links: ['https://voorbeeld.example/msc'] });
    expect(cycle.steps[1].cells.find((c: { perspective: string; kind: string }) => c.perspective === 'municipality' && c.kind === 'figures')).toEqual({
      perspective: 'municipality',
      kind: 'figures',
      count: 1,
      evidenceIds: [seeded.duo1Evidence[1]],
    });
  });
});
