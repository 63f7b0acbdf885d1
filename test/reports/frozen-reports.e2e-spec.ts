import { DataSource } from 'typeorm';
import { useTestApp } from '../support/api.js';
import { advisoryMeeting, figures, improvementActions, story } from '../support/fixtures.js';
import { seedCohort, type SeededCohort } from './seeded-cohort.js';

/**
 * The copy of a duo report stored when an adviser closes a cycle (seeded-cohort.ts: duo 1 and
 * duo 2 each closed cycle 1): what it holds, that later changes leave it as it was while the
 * live report moves on, and who may read it.
 */
const app = useTestApp();
let seeded: SeededCohort;
let startedAt: number;

beforeAll(async () => {
  startedAt = Date.now();
  seeded = await seedCohort(app.client);
});

const frozenPath = (duoId: string, cycle: number) => `/api/duos/${duoId}/cycles/${cycle}/frozen-report`;
const asAdviser = () => app.client.as(seeded.adviser);

async function compassEvents(duoId: string): Promise<{ sequence: number; type: string; payload: { cycle?: number } }[]> {
  return app.testApp.app.get(DataSource).query('SELECT sequence, type, payload FROM compass_events WHERE duo_id = $1 ORDER BY sequence', [duoId]);
}

async function lastHistorySequence(duoId: string): Promise<number> {
  const { history } = (await asAdviser().get(`/api/duos/${duoId}`).expect(200)).body;
  return history[history.length - 1].sequence;
}

describe('closing a cycle freezes the duo report', () => {
  it('stores the report with its version, when it was made and the last events it includes', async () => {
    const d2 = seeded.duos[1].id;
    // Cycle 1 of duo 2 was the seed's last change to it: its logs are as they were at closing.
    const frozen = (await asAdviser().get(frozenPath(d2, 1)).expect(200)).body;
    expect(frozen).toMatchObject({ cycle: 1, reportVersion: 2, duoEventSequence: await lastHistorySequence(d2) });
    expect(frozen.compassEventSequence).toBe((await compassEvents(d2)).length);
    expect(Date.parse(frozen.madeAt)).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(Date.parse(frozen.madeAt)).toBeLessThanOrEqual(Date.now());
    expect(frozen.report).toMatchObject({ reportVersion: 2, madeAt: frozen.madeAt, duo: { id: d2 } });
    expect(frozen.report.cycles.map((cycle: { number: number }) => cycle.number)).toEqual([1]);
    expect(frozen.report.timeline.at(-1).sequence).toBe(frozen.duoEventSequence);
  });

  it('includes the compass events up to the closing, not those recorded after it', async () => {
    const d1 = seeded.duos[0].id;
    const frozen = (await asAdviser().get(frozenPath(d1, 1)).expect(200)).body;
    const events = await compassEvents(d1);
    const closing = events.find((event) => event.type === 'CLOSE_CYCLE' && event.payload.cycle === 1);
    expect(frozen.compassEventSequence).toBe(closing?.sequence);
    // The seed recorded a figure in cycle 2 after closing cycle 1.
    expect(events.at(-1)?.sequence).toBeGreaterThan(frozen.compassEventSequence);
    expect(frozen.duoEventSequence).toBe(await lastHistorySequence(d1));
    const figureIds = frozen.report.cycles.flatMap((cycle: { steps: { figures: { evidenceId: string }[] }[] }) =>
      cycle.steps.flatMap((step) => step.figures.map((figure) => figure.evidenceId)),
    );
    expect(figureIds).toEqual([1, 2, 3, 4, 5].map((step) => seeded.duo1Evidence[step]));
  });
});

describe('the frozen copy', () => {
  it('stays byte for byte the same after later changes, while the live report and the comparison show them', async () => {
    const d2 = seeded.duos[1].id;
    const before = (await asAdviser().get(frozenPath(d2, 1)).expect(200)).text;
    const liveBefore = (await asAdviser().get(`/api/duos/${d2}/report`).expect(200)).body;

    await asAdviser().post(`/api/duos/${d2}/advisory-meetings`, advisoryMeeting).expect(201);
    await asAdviser().post(`/api/duos/${d2}/completion`).expect(201);
    const inCycle2 = (await asAdviser().post(`/api/duos/${d2}/evidence`, figures(1, { title: 'Na het afsluiten' })).expect(201)).body;
    expect(inCycle2.cycle).toBe(2);
    await asAdviser().put(`/api/duos/${d2}/publication-consent`, { namedInPublications: true }).expect(200);

    const after = await asAdviser().get(frozenPath(d2, 1)).expect(200);
    expect(after.text).toBe(before);
    const frozen = after.body;
    expect(frozen.duoEventSequence).toBeLessThan(await lastHistorySequence(d2));

    const live = (await asAdviser().get(`/api/duos/${d2}/report`).expect(200)).body;
    expect(live.duo).toMatchObject({ state: 'completed', advisoryMeetingsHeld: 2, namedInPublications: true });
    expect(frozen.report.duo).toMatchObject({ state: liveBefore.duo.state, advisoryMeetingsHeld: 1, namedInPublications: false });
    expect(live.timeline).toHaveLength(frozen.report.timeline.length + 2);
    const { madeAt: _liveMadeAt, ...liveContent } = live;
    const { madeAt: _frozenMadeAt, ...frozenContent } = frozen.report;
    expect(liveContent).not.toEqual(frozenContent);

    const comparison = (await asAdviser().get(`${frozenPath(d2, 1)}/comparison`).expect(200)).body;
    expect(comparison.frozen).toEqual(frozen);
    expect(comparison.live.duo).toEqual(live.duo);
    const n = frozen.report.timeline.length;
    const paths = comparison.differences.map((difference: { path: string }) => difference.path);
    expect([...paths].sort()).toEqual(['duo.advisoryMeetingsHeld', 'duo.namedInPublications', 'duo.state', `timeline[${n + 1}]`, `timeline[${n}]`].sort());
    expect(paths.filter((path: string) => path.includes('madeAt'))).toEqual([]);
    const byPath = Object.fromEntries(comparison.differences.map((difference: { path: string }) => [difference.path, difference]));
    expect(byPath['duo.state']).toEqual({ path: 'duo.state', frozen: liveBefore.duo.state, live: 'completed' });
    expect(byPath[`timeline[${n}]`]).toMatchObject({ frozen: null, live: { title: 'Adviesgesprek', type: 'HOLD_ADVISORY_MEETING' } });
    expect(byPath[`timeline[${n + 1}]`]).toMatchObject({ frozen: null, live: { title: 'Afgerond', type: 'COMPLETE' } });
  });

  it('of cycle 1 is kept when cycle 2 is closed, which gets its own with both cycles', async () => {
    const d1 = seeded.duos[0].id;
    const asParticipant = app.client.as(seeded.participant);
    const cycle1Before = (await asAdviser().get(frozenPath(d1, 1)).expect(200)).text;
    await asAdviser().get(frozenPath(d1, 2)).expect(404);

    // Cycle 2 already has the seed's figure at step 1.
    for (const step of [2, 3, 4, 5, 6]) await asParticipant.post(`/api/duos/${d1}/evidence`, story(step, { aboutAPerson: false, consentGiven: undefined })).expect(201);
    await asParticipant.put(`/api/duos/${d1}/cycles/2/improvement-actions`, { actions: [improvementActions.actions[1]] }).expect(200);
    await asAdviser().post(`/api/duos/${d1}/cycles/2/closure`).expect(201);

    const cycle1 = await asAdviser().get(frozenPath(d1, 1)).expect(200);
    expect(cycle1.text).toBe(cycle1Before);
    const cycle2 = (await asAdviser().get(frozenPath(d1, 2)).expect(200)).body;
    expect(cycle2).toMatchObject({ cycle: 2, reportVersion: 2 });
    expect(cycle2.report.cycles.map((cycle: { number: number }) => cycle.number)).toEqual([1, 2]);
    expect(cycle2.report.cycles[0]).toEqual(cycle1.body.report.cycles[0]);
    const [step1] = cycle2.report.cycles[1].steps;
    expect(step1.step).toBe(1);
    expect(step1.figures.map((figure: { evidenceId: string }) => figure.evidenceId)).toEqual([seeded.openCycleFigureId]);
    expect(cycle2.report.cycles[1].improvementActions).toEqual([improvementActions.actions[1]]);
    const events = await compassEvents(d1);
    expect(cycle2.compassEventSequence).toBe(events.length);
    expect(events.at(-1)).toMatchObject({ type: 'CLOSE_CYCLE', payload: { cycle: 2 } });
    expect(cycle2.compassEventSequence).toBeGreaterThan(cycle1.body.compassEventSequence);
    expect(Date.parse(cycle2.madeAt)).toBeGreaterThan(Date.parse(cycle1.body.madeAt));
  });

  it('does not exist for a cycle that is not closed', async () => {
    const [, d2, , , d5] = seeded.duos.map((duo) => duo.id);
    for (const path of [frozenPath(d2, 2), frozenPath(d5, 1), `${frozenPath(d2, 2)}/comparison`]) {
      const response = await asAdviser().get(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'FROZEN_REPORT_NOT_FOUND' });
      expect(response.body.detail).toMatch(/frozen when an adviser closes the cycle/);
    }
  });
});

describe('who may read a frozen report', () => {
  it("is the duo's participants, not those of another duo", async () => {
    const [d1, d2] = seeded.duos;
    const asOwn = app.client.as(seeded.participant);
    const frozen = (await asOwn.get(frozenPath(d1.id, 1)).expect(200)).body;
    expect(frozen).toMatchObject({ cycle: 1, report: { duo: { id: d1.id } } });
    await asOwn.get(`${frozenPath(d1.id, 1)}/comparison`).expect(200);

    const asOther = app.client.as(await asAdviser().participant(d2.id, d2.contactPersons[0].email));
    await asOther.get(frozenPath(d2.id, 1)).expect(200);
    for (const path of [frozenPath(d1.id, 1), `${frozenPath(d1.id, 1)}/comparison`]) {
      const response = await asOther.get(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'DUO_NOT_FOUND' });
    }
    const ownOnOther = await asOwn.get(frozenPath(d2.id, 1));
    expect([ownOnOther.status, ownOnOther.body.code]).toEqual([404, 'DUO_NOT_FOUND']);
  });
});
