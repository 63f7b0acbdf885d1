import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CohortsService } from '../../src/cohorts/cohorts.service.js';
import { CURRENT_COMPASS_VERSION, persistCompass, replayStoredCompass, type PersistedCompass } from '../../src/compass/compass.js';
import type { ImprovementActionsDto } from '../../src/cycles/dto/improvement-actions.dto.js';
import { CyclesService } from '../../src/cycles/cycles.service.js';
import { DuoRegistrationService } from '../../src/duos/duo-registration.service.js';
import { PlacesService } from '../../src/duos/places.service.js';
import type { RecordEvidenceDto } from '../../src/evidence/dto/evidence.dto.js';
import { EvidenceService } from '../../src/evidence/evidence.service.js';
import { DomainException } from '../../src/problems/error-code.js';
import type { ChangeHeaders } from '../../src/shared/change.js';
import { api } from '../support/api.js';
import { aCohort, aDuo, figures, improvementActions, otherMeans, story } from '../support/fixtures.js';
import { startTestApp, type SignedInPerson, type TestApp } from '../support/test-app.js';

/**
 * The Kwaliteitskompas against a real PostgreSQL: what its transactions leave in the tables
 * (compasses, compass_events, cycles, evidence, evidence_attachments) when changes come in at
 * once, when a change is refused, and when a request is retried.
 */
let testApp: TestApp;
let cycles: CyclesService;
let evidence: EvidenceService;
let registration: DuoRegistrationService;
let places: PlacesService;
let cohorts: CohortsService;
let db: DataSource;
let adviser: SignedInPerson;
/** The adviser of every cohort here, as the services see a change of theirs. */
let by: ChangeHeaders;

beforeAll(async () => {
  testApp = await startTestApp();
  cycles = testApp.app.get(CyclesService);
  evidence = testApp.app.get(EvidenceService);
  registration = testApp.app.get(DuoRegistrationService);
  places = testApp.app.get(PlacesService);
  cohorts = testApp.app.get(CohortsService);
  db = testApp.app.get(DataSource);
  adviser = await api(testApp, testApp.admin.token).staff('adviser');
  by = { actor: { id: adviser.id, name: adviser.name } };
});
afterAll(() => testApp.close());

/** An admitted duo in a cohort of its own, run by the adviser (who may then also call the API for it). */
async function admittedDuo(): Promise<string> {
  const cohort = await cohorts.create(aCohort(), adviser.principal);
  const duo = await registration.register(cohort.id, aDuo(), by);
  await places.admit(duo.id, by);
  return duo.id;
}

/** Evidence as the API hands it to the service (the fixtures are the request bodies). */
function record(duoId: string, body: object, headers: ChangeHeaders = by) {
  return evidence.record(duoId, body as RecordEvidenceDto, headers);
}

/** Evidence for steps 1 to 6 and the improvement actions: an adviser can close the open cycle. */
async function completeCycle(duoId: string, cycle = 1): Promise<string[]> {
  const ids = [];
  for (const step of [1, 2, 3, 4, 5, 6]) ids.push((await record(duoId, figures(step))).id);
  await cycles.agreeImprovementActions(duoId, cycle, improvementActions as ImprovementActionsDto, by);
  return ids;
}

async function compassRow(duoId: string) {
  const [row] = await db.query('SELECT compass_version, snapshot, version, updated_at FROM compasses WHERE duo_id = $1', [duoId]);
  return row as { compass_version: number; snapshot: PersistedCompass; version: number; updated_at: Date };
}

async function compassEvents(duoId: string): Promise<{ sequence: number; type: string; payload: Record<string, unknown>; compass_version: number }[]> {
  return db.query('SELECT sequence, type, payload, compass_version FROM compass_events WHERE duo_id = $1 ORDER BY sequence', [duoId]);
}

async function cycleRows(duoId: string): Promise<{ number: number; closed_at: Date | null; closed_by: string | null; improvement_actions: unknown[] }[]> {
  return db.query('SELECT number, opened_at, closed_at, closed_by, improvement_actions FROM cycles WHERE duo_id = $1 ORDER BY number', [duoId]);
}

async function evidenceRows(duoId: string): Promise<{ id: string; cycle: number; step: number; perspective: string; kind: string; version: number; deleted_at: Date | null }[]> {
  return db.query('SELECT * FROM evidence WHERE duo_id = $1 ORDER BY id', [duoId]);
}

/** The live evidence of the duo's cycle counted by step, perspective and kind, as PostgreSQL counts it. */
async function countsInRows(duoId: string, cycle: number): Promise<Record<string, number>> {
  const rows: { mark: string; count: number }[] = await db.query(
    `SELECT format('%s.%s.%s', step, perspective, kind) AS mark, count(*)::int AS count FROM evidence
     WHERE duo_id = $1 AND cycle = $2 AND deleted_at IS NULL GROUP BY 1`,
    [duoId, cycle],
  );
  return Object.fromEntries(rows.map(({ mark, count }) => [mark, count]));
}

function codeOf(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'OK';
  return result.reason instanceof DomainException ? result.reason.code : `unexpected: ${String(result.reason)}`;
}

const sorted = (values: string[]) => [...values].sort();

describe('evidence recorded at the same time', () => {
  it('keeps all of 20 parallel recordings for one duo: 20 rows, version 20, an event log 1..20 without gaps, and every one counted in the snapshot', async () => {
    const duoId = await admittedDuo();
    const bodies = Array.from({ length: 20 }, (_, n) => {
      const step = n % 7;
      return [figures(step), story(step), otherMeans(step)][n % 3];
    });

    const results = await Promise.allSettled(bodies.map((body) => record(duoId, body)));

    expect(results.map(codeOf)).toEqual(Array(20).fill('OK'));
    const ids = results.map((result) => (result as PromiseFulfilledResult<{ id: string }>).value.id);
    const rows = await evidenceRows(duoId);
    expect(sorted(rows.map((row) => row.id))).toEqual(sorted(ids));
    expect(rows.every((row) => row.cycle === 1 && row.version === 1)).toBe(true);
    const compass = await compassRow(duoId);
    expect(compass).toMatchObject({ version: 20, snapshot: { value: 'collecting', context: { cycle: 1 } } });
    const events = await compassEvents(duoId);
    expect(events.map((event) => event.sequence)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(events.every((event) => event.type === 'RECORD_EVIDENCE')).toBe(true);
    expect(sorted(events.map((event) => event.payload.evidenceId as string))).toEqual(sorted(ids));
    expect(compass.snapshot.context.counts).toEqual(await countsInRows(duoId, 1));
    expect(Object.values(compass.snapshot.context.counts).reduce((sum, count) => sum + count, 0)).toBe(20);
    expect(await cycleRows(duoId)).toHaveLength(1);
  });

  it('puts evidence recorded while the cycle is being closed either in the closed cycle or in the next, losing none', async () => {
    const duoId = await admittedDuo();
    const before = await completeCycle(duoId);

    const recordOne = (n: number) => record(duoId, story((n % 6) + 1, { title: `Verhaal ${n}` }));
    const earlier = [0, 1, 2, 3, 4].map(recordOne);
    const closure = cycles.close(duoId, 1, by);
    const later = [5, 6, 7, 8, 9].map(recordOne);
    const [closed, recorded] = await Promise.all([closure, Promise.all([...earlier, ...later])]);

    const rows = await evidenceRows(duoId);
    expect(rows).toHaveLength(16);
    const cycleOf = new Map(rows.map((row) => [row.id, row.cycle]));
    for (const response of recorded) expect(cycleOf.get(response.id)).toBe(response.cycle);
    for (const id of before) expect(cycleOf.get(id)).toBe(1);
    const events = await compassEvents(duoId);
    const closedAt = events.find((event) => event.type === 'CLOSE_CYCLE')?.sequence as number;
    const recordings = events.filter((event) => event.type === 'RECORD_EVIDENCE').map(({ sequence, payload }) => ({ sequence, id: payload.evidenceId as string }));
    expect(recordings.map(({ id }) => [id, cycleOf.get(id)])).toEqual(recordings.map(({ id, sequence }) => [id, sequence < closedAt ? 1 : 2]));
    const inFirst = rows.filter((row) => row.cycle === 1);
    expect(closed.steps.reduce((sum, step) => sum + step.evidenceCount, 0)).toBe(inFirst.length);
    expect(closed).toMatchObject({ number: 1, open: false, closedBy: adviser.name });
    expect((await cycleRows(duoId)).map((cycle) => [cycle.number, cycle.closed_at !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    const compass = await compassRow(duoId);
    expect(compass).toMatchObject({ version: 7 + 1 + 10, snapshot: { context: { cycle: 2 } } });
    expect(compass.snapshot.context.counts).toEqual(await countsInRows(duoId, 2));
    expect(Object.values(compass.snapshot.context.counts).reduce((sum, count) => sum + count, 0)).toBe(rows.filter((row) => row.cycle === 2).length);
  });

  it('closes a complete cycle once when five advisers close it at the same time', async () => {
    const duoId = await admittedDuo();
    await completeCycle(duoId);

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => cycles.close(duoId, 1, by)));

    expect(sorted(results.map(codeOf))).toEqual(['CYCLE_CLOSED', 'CYCLE_CLOSED', 'CYCLE_CLOSED', 'CYCLE_CLOSED', 'OK']);
    const rows = await cycleRows(duoId);
    expect(rows.map((cycle) => [cycle.number, cycle.closed_at !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect((await compassEvents(duoId)).filter((event) => event.type === 'CLOSE_CYCLE')).toHaveLength(1);
    expect(await compassRow(duoId)).toMatchObject({ version: 8, snapshot: { context: { cycle: 2 } } });
  });
});

describe('the event log of a compass', () => {
  it('replayed from the start reproduces the stored snapshot after recording, editing, deleting, restoring, agreeing, closing and a second cycle', async () => {
    const duoId = await admittedDuo();
    const moved = await record(duoId, figures(1));
    const deleted = await record(duoId, story(2));
    await record(duoId, otherMeans(0, { perspective: 'municipality' }));
    await evidence.edit(duoId, moved.id, figures(3, { perspective: 'provider', title: 'Verplaatst naar activiteiten' }) as RecordEvidenceDto, by);
    await evidence.delete(duoId, deleted.id, by);
    await evidence.restore(duoId, deleted.id, by);
    for (const step of [1, 4, 5, 6]) await record(duoId, figures(step));
    await cycles.agreeImprovementActions(duoId, 1, { actions: [improvementActions.actions[0]] } as ImprovementActionsDto, by);
    await cycles.agreeImprovementActions(duoId, 1, improvementActions as ImprovementActionsDto, by);
    await cycles.close(duoId, 1, by);
    const second = await record(duoId, story(1, { perspective: 'residents' }));
    const withdrawn = await record(duoId, figures(2));
    await evidence.delete(duoId, withdrawn.id, by);

    const events = await compassEvents(duoId);
    expect(events.map((event) => event.type)).toEqual([
      'RECORD_EVIDENCE',
      'RECORD_EVIDENCE',
      'RECORD_EVIDENCE',
      'REVISE_EVIDENCE',
      'DELETE_EVIDENCE',
      'RESTORE_EVIDENCE',
      'RECORD_EVIDENCE',
      'RECORD_EVIDENCE',
      'RECORD_EVIDENCE',
      'RECORD_EVIDENCE',
      'AGREE_IMPROVEMENT_ACTIONS',
      'AGREE_IMPROVEMENT_ACTIONS',
      'CLOSE_CYCLE',
      'RECORD_EVIDENCE',
      'RECORD_EVIDENCE',
      'DELETE_EVIDENCE',
    ]);
    const stored = await compassRow(duoId);
    const replayed = replayStoredCompass(events);

    expect(replayed.value).toBe(stored.snapshot.value);
    expect(replayed.context).toEqual(stored.snapshot.context);
    expect(persistCompass(replayed)).toEqual(stored.snapshot);
    expect(stored.snapshot.context).toEqual({ cycle: 2, counts: { '1.residents.stories': 1 }, improvementActions: 0 });
    expect(second.cycle).toBe(2);
    expect(events.map((event) => event.compass_version)).toEqual(events.map(() => CURRENT_COMPASS_VERSION));
  });

  it('of a compass stored by version 1, which kept every evidence id, goes on in version 2 and still replays to the stored snapshot', async () => {
    const duoId = await admittedDuo();
    const kept = await record(duoId, figures(1));
    const moved = await record(duoId, story(2));
    await record(duoId, otherMeans(3));
    // What version 1 left: the ids of the live evidence in the snapshot, its events without the marks version 2 adds.
    await db.query(
      `UPDATE compasses c SET compass_version = 1, snapshot = jsonb_set(c.snapshot #- '{context,counts}', '{context,evidence}',
         (SELECT coalesce(jsonb_object_agg(e.id, jsonb_build_object('step', e.step, 'perspective', e.perspective, 'kind', e.kind)), '{}')
          FROM evidence e WHERE e.duo_id = c.duo_id AND e.deleted_at IS NULL))
       WHERE duo_id = $1`,
      [duoId],
    );
    await db.query("UPDATE compass_events SET compass_version = 1 WHERE duo_id = $1", [duoId]);
    expect((await compassRow(duoId)).snapshot.context).toMatchObject({ evidence: { [kept.id]: { step: 1, perspective: 'municipality', kind: 'figures' } } });

    await evidence.edit(duoId, moved.id, figures(4, { title: 'Verplaatst naar input' }) as RecordEvidenceDto, by);
    await evidence.delete(duoId, kept.id, by);
    await record(duoId, story(5));

    const stored = await compassRow(duoId);
    expect(stored.compass_version).toBe(CURRENT_COMPASS_VERSION);
    expect(stored.snapshot.context.counts).toEqual(await countsInRows(duoId, 1));
    const events = await compassEvents(duoId);
    expect(events.map((event) => event.compass_version)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(persistCompass(replayStoredCompass(events))).toEqual(stored.snapshot);
  });
});

describe('a refused change', () => {
  it('closing an incomplete cycle writes nothing: the compass, its log and its cycles stay as they were', async () => {
    const duoId = await admittedDuo();
    for (const step of [1, 2, 3]) await record(duoId, figures(step));
    const before = { compass: await compassRow(duoId), events: await compassEvents(duoId), cycles: await cycleRows(duoId) };

    await expect(cycles.close(duoId, 1, by)).rejects.toMatchObject({ code: 'CYCLE_INCOMPLETE' });

    expect(await compassRow(duoId)).toEqual(before.compass);
    expect(await compassEvents(duoId)).toEqual(before.events);
    expect(await cycleRows(duoId)).toEqual(before.cycles);
    expect(before.compass.version).toBe(3);
  });

  it('evidence for a closed cycle writes nothing, and its Idempotency-Key stays free', async () => {
    const duoId = await admittedDuo();
    await completeCycle(duoId);
    await cycles.close(duoId, 1, by);
    const before = {
      evidence: await evidenceRows(duoId),
      revisions: await db.query('SELECT r.* FROM evidence_revisions r JOIN evidence e ON e.id = r.evidence_id WHERE e.duo_id = $1 ORDER BY r.evidence_id, r.version', [duoId]),
      compass: await compassRow(duoId),
      events: await compassEvents(duoId),
    };

    await expect(record(duoId, { ...figures(1), cycle: 1 }, { ...by, idempotencyKey: 'late-figures' })).rejects.toMatchObject({ code: 'CYCLE_CLOSED' });
    await expect(record(duoId, { ...figures(1), cycle: 3 })).rejects.toMatchObject({ code: 'CYCLE_NOT_OPEN' });

    expect(await evidenceRows(duoId)).toEqual(before.evidence);
    expect(
      await db.query('SELECT r.* FROM evidence_revisions r JOIN evidence e ON e.id = r.evidence_id WHERE e.duo_id = $1 ORDER BY r.evidence_id, r.version', [duoId]),
    ).toEqual(before.revisions);
    expect(await compassRow(duoId)).toEqual(before.compass);
    expect(await compassEvents(duoId)).toEqual(before.events);
    expect(await db.query('SELECT 1 FROM idempotency_keys WHERE scope = $1', [`duos/${duoId}/evidence`])).toEqual([]);
    await expect(record(duoId, figures(1), { ...by, idempotencyKey: 'late-figures' })).resolves.toMatchObject({ cycle: 2 });
  });
});

describe('attachments', () => {
  it('stores the file itself in the database: the same bytes come back, with their SHA-256', async () => {
    const duoId = await admittedDuo();
    const photo = await record(duoId, otherMeans(3));
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(Array.from({ length: 4096 }, (_, n) => (n * 151 + 7) % 256)),
    ]);
    const sha256 = createHash('sha256').update(png).digest('hex');

    const attached = await api(testApp, adviser.token)
      .http.post(`/api/duos/${duoId}/evidence/${photo.id}/attachments?fileName=opening-buurthuis.png`)
      .set('content-type', 'image/png')
      .send(png)
      .expect(201);

    const [stored] = await db.query('SELECT content, sha256, size_bytes, media_type, file_name FROM evidence_attachments WHERE evidence_id = $1', [photo.id]);
    expect(Buffer.isBuffer(stored.content)).toBe(true);
    expect((stored.content as Buffer).equals(png)).toBe(true);
    expect(createHash('sha256').update(stored.content).digest('hex')).toBe(sha256);
    expect(stored).toMatchObject({ sha256, size_bytes: png.length, media_type: 'image/png', file_name: 'opening-buurthuis.png' });
    expect(attached.body.attachments).toEqual([expect.objectContaining({ sha256, sizeBytes: png.length, fileName: 'opening-buurthuis.png' })]);
    const downloaded = await api(testApp, adviser.token).http.get(attached.body.attachments[0].url).buffer(true).expect(200);
    expect(Buffer.from(downloaded.body).equals(png)).toBe(true);
  });
});

describe('retries', () => {
  it('records evidence once for 5 parallel POSTs with one Idempotency-Key, and gives each the same answer', async () => {
    const duoId = await admittedDuo();
    const client = api(testApp, adviser.token);
    const body = figures(2, { title: 'Eén keer, ook bij haperend wifi' });

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => client.post(`/api/duos/${duoId}/evidence`, body, { 'Idempotency-Key': 'wifi-in-het-buurthuis' })),
    );

    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    const rows = await evidenceRows(duoId);
    expect(rows.map((row) => row.id)).toEqual([responses[0].body.id]);
    expect(await compassRow(duoId)).toMatchObject({ version: 1 });
    expect(await compassEvents(duoId)).toHaveLength(1);
  });
});

describe('the compass beside the trajectory', () => {
  it('records evidence and withdraws the duo at once without deadlock: evidence lands before the withdrawal or is refused after it', async () => {
    const duoId = await admittedDuo();
    const recordings = Array.from({ length: 10 }, (_, i) => record(duoId, figures((i % 6) + 1)).then(
      () => 'recorded',
      (error: unknown) => (error instanceof DomainException ? error.code : 'unexplained'),
    ));
    const withdrawal = places.withdraw(duoId, { reason: 'Gestopt' }, by);
    const outcomes = await Promise.all(recordings);
    expect((await withdrawal).state).toBe('withdrawn');

    expect(outcomes.every((outcome) => outcome === 'recorded' || outcome === 'DUO_NOT_TAKING_PART')).toBe(true);
    const recorded = outcomes.filter((outcome) => outcome === 'recorded').length;
    const [{ rows }] = await db.query('SELECT count(*)::int AS rows FROM evidence WHERE duo_id = $1', [duoId]);
    const [{ version }] = await db.query('SELECT coalesce(max(version), 0) AS version FROM compasses WHERE duo_id = $1', [duoId]);
    expect(rows).toBe(recorded);
    expect(version).toBe(recorded);
    await expect(record(duoId, figures(1))).rejects.toMatchObject({ code: 'DUO_NOT_TAKING_PART' });
  });
});
