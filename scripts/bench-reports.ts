import { rm } from 'node:fs/promises';
import pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service.js';
import type { Actor, Principal } from '../src/shared/roles.js';
import { createApp } from '../src/app.factory.js';
import { AttendanceService } from '../src/attendance/attendance.service.js';
import { CohortsService } from '../src/cohorts/cohorts.service.js';
import { COMPASS_STEPS, EVIDENCE_KINDS, PERSPECTIVES } from '../src/compass/compass.machine.js';
import { CyclesService } from '../src/cycles/cycles.service.js';
import { DuoRegistrationService } from '../src/duos/duo-registration.service.js';
import { PlacesService } from '../src/duos/places.service.js';
import { TrajectoryStepsService } from '../src/duos/trajectory-steps.service.js';
import type { RecordEvidenceDto } from '../src/evidence/dto/evidence.dto.js';
import { EvidenceRepository } from '../src/evidence/evidence.repository.js';
import { EvidenceService } from '../src/evidence/evidence.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { SessionsService } from '../src/sessions/sessions.service.js';
import type { ChangeHeaders } from '../src/shared/change.js';
import type { WorkshopAttendance } from '../src/programmes/attendance.js';
import { openDatabase } from './database.js';

/**
 * npm run bench:reports: what a cohort report costs when the database holds one cohort, and
 * when it holds a national data set. It prints figures; it is not a test and asserts nothing.
 *   Phase 1: one realistic cohort, made through the app's own services (8 duos through their
 *   trajectory, about 60 pieces of evidence each over two cycles, the first closed), then the
 *   reports are timed: cohortReport plain and anonymised, duoReport, the figures query of the
 *   spreadsheet (cohortFigures) alone and tables() (report and figures in one snapshot), each
 *   BENCH_WARMUP (default 5) times to warm up and BENCH_RUNS (default 20) times measured.
 *   Phase 2: the same database grows to BENCH_COHORTS (default 2000) cohorts of 8 duos and
 *   BENCH_EVIDENCE (default 1,000,000) pieces of evidence, seeded in SQL (INSERT ... SELECT; the
 *   duos' event logs, trajectories, planned sessions and compasses copied from phase 1's real
 *   rows), in two rounds (to BENCH_MIDPOINT cohorts, a tenth by default, then all). After each
 *   round the same calls are timed on the same cohort and on a few others, then the database's
 *   own work is measured (EXPLAIN ANALYZE: execution time and buffers, which the machine's load
 *   hardly changes); everything is printed side by side with phase 1, and EXPLAIN (ANALYZE,
 *   BUFFERS) shows the plans of the very SQL the reports ran. Not seeded at scale, as the reports
 *   never read them: compass_events, evidence_revisions, frozen_reports, outbox, audit_log.
 * Runs on a fresh embedded PostgreSQL, or on DATABASE_URL (which must then name an empty database).
 */
const COHORTS = Number(process.env.BENCH_COHORTS ?? 2000);
const EVIDENCE = Number(process.env.BENCH_EVIDENCE ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
/** How many other cohorts of the national data set are timed besides the first one. */
const OTHER_COHORTS = 5;
const EVIDENCE_BATCH = 200_000;
process.env.EMBEDDED_POSTGRES_PORT ??= '54349';
process.env.OUTBOX_POLL_SECONDS = '0';
if (!process.env.DATABASE_URL) {
  // A fresh cluster for every run, so figures never depend on an earlier run's data.
  process.env.EMBEDDED_POSTGRES_DIR = '.data/bench-reports-postgres';
  await rm('.data/bench-reports-postgres', { recursive: true, force: true });
}

const database = await openDatabase({ migrate: true });
const app = await createApp('silent');
await app.init();
const reports = app.get(ReportsService);
const client = new pg.Client({ connectionString: database.url });
await client.connect();
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => (await client.query(text, params)).rows as T[];

// ---------------------------------------------------------------------------------------------
// Phase 1: one cohort, made the way the app makes it.
// ---------------------------------------------------------------------------------------------
console.log('phase 1: one cohort of 8 duos, made through the services ...');
const phase1Started = performance.now();
const accounts = app.get(AccountsService);
const firstAdmin = await accounts.createFirstAdmin('Bench', `bench-admin-${Date.now()}@example.org`);
const admin = await accounts.acceptInvitation(firstAdmin.invitation.token, 'een lang genoeg wachtwoord');
const principal: Principal = { accountId: admin.id, name: admin.name, email: admin.email, role: 'admin', duoId: null, side: null, sessionId: '', via: 'bearer', csrfToken: '' };
const actor: Actor = { id: admin.id, name: admin.name };
const headers: ChangeHeaders = { actor };
const registration = app.get(DuoRegistrationService);
const places = app.get(PlacesService);
const steps = app.get(TrajectoryStepsService);
const cycles = app.get(CyclesService);
const evidence = app.get(EvidenceService);
const attendance = app.get(AttendanceService);

const sessions = app.get(SessionsService);
/** The cohort ran over the past five months: entered afterwards, each step on the day it happened. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const adviser = 'Adviseur Jansen';

const cohort = await app.get(CohortsService).create(
  { name: 'Werkateliers outcome, benchmark-editie', location: 'Utrecht', registrationDeadline: day(-150), capacity: 8, workshop3Planned: false, alreadyRan: true },
  principal,
);
const cohortId = cohort.id;
const duoIds: string[] = [];
for (let n = 1; n <= 8; n++) {
  const duo = await registration.register(cohortId, {
    municipality: `Gemeente Voorbeeld ${n}`,
    provider: `Stichting Buurtwerk ${n}`,
    contactPersons: [
      { side: 'municipality', name: `Sanne de Wit ${n}`, email: `sanne${n}@gemeente-voorbeeld.example`, phone: '030-1234567' },
      { side: 'provider', name: `Joris Bakker ${n}`, email: `joris${n}@buurtwerk.example` },
    ],
    collectiveServices: ['jongerenwerk', 'buurthuisbeheer'],
    questions: 'Hoe laten we zien wat het buurthuis oplevert?',
    expectations: 'Een set indicatoren die tellen en vertellen.',
  }, headers);
  duoIds.push(duo.id);
}
for (const id of duoIds) await places.admit(id, headers);
await sessions.planEditionSession(cohortId, { number: 1 }, { date: day(-120), startTime: '13:30', location: 'Buurthuis De Linde' }, principal);
await sessions.planEditionSession(cohortId, { number: 2 }, { date: day(-30), startTime: '13:30' }, principal);
for (const id of duoIds) {
  await sessions.planForDuo(id, { kind: 'intake', date: day(-140), startTime: '10:00', location: 'Stadskantoor Voorbeeld', adviser }, principal);
  await steps.holdSession(id, { kind: 'intake' }, { heldOn: day(-140), location: 'Stadskantoor Voorbeeld', adviser }, headers);
}
const present = (n: number): WorkshopAttendance => ({
  municipality: { status: 'present', attendees: [`Sanne de Wit ${n}`] },
  provider: { status: 'present', attendees: [`Joris Bakker ${n}`] },
});
// Duo 8: the municipality excused at workshop 1, the provider absent at workshop 2 (so it drops out, evidence and all).
const excused = (n: number): WorkshopAttendance => ({ ...present(n), municipality: { status: 'excused', excuse: { reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' } } });
const absent = (n: number): WorkshopAttendance => ({ ...present(n), provider: { status: 'absent' } });
await attendance.recordList(cohortId, { number: 1 }, { duos: duoIds.map((duoId, i) => ({ duoId, ...(i === 7 ? excused(i + 1) : present(i + 1)) })) }, headers);
for (const [i, id] of duoIds.entries()) {
  for (let m = 0; m < (i < 4 ? 2 : i < 6 ? 1 : 0); m++) {
    await sessions.planForDuo(id, { kind: 'advisoryMeeting', date: day(-90 + m * 30), startTime: '15:00', adviser }, principal);
    await steps.holdMeeting(id, { heldOn: day(-90 + m * 30), adviser, notes: 'Indicatoren besproken' }, headers);
  }
  if (i % 2 === 0) await registration.setPublicationConsent(id, { namedInPublications: true }, headers);
}

/** The i-th piece of evidence of duo n in a cycle: every step, kind and perspective occurs. */
function evidenceItem(n: number, cycle: number, i: number): RecordEvidenceDto {
  const step = COMPASS_STEPS[cycle === 1 ? i % 7 : 1 + (i % 6)];
  const kind = EVIDENCE_KINDS[(i + n) % 3];
  const perspective = PERSPECTIVES[(Math.floor(i / 3) + n) % 3];
  const base = { cycle, step, kind, perspective };
  if (kind === 'figures') {
    return {
      ...base,
      title: `Cijfers bij stap ${step}`,
      text: 'Het aantal bezoekers steeg na de opening van de tweede ruimte; de cijfers komen uit de registratie van het buurthuis.',
      indicator: { name: 'Bezoekers buurthuis per week', value: 40 + ((i * 37 + n * 11) % 200), unit: 'bezoekers', periodStart: day(-300), periodEnd: day(-120) },
    };
  }
  if (kind === 'stories') {
    const aboutAPerson = i % 4 === 0;
    return {
      ...base,
      title: `Verhaal bij stap ${step}`,
      text: 'Mevrouw K. komt sinds de zomer elke week en kookt nu mee; ze zegt dat ze haar buren nu kent.',
      aboutAPerson,
      ...(aboutAPerson ? { consentGiven: i % 8 !== 4 } : {}),
    };
  }
  return { ...base, title: `Most Significant Change bij stap ${step}`, text: 'Tien verhalen verzameld en samen met bewoners gekozen.', links: ['https://voorbeeld.example/msc'] };
}

const improvementActions = {
  actions: [
    { description: 'Bewoners tellen mee in de jaarlijkse monitor', owner: 'municipality' as const, dueOn: day(180) },
    { description: 'Vrijwilligers trainen in het ophalen van verhalen', owner: 'provider' as const },
  ],
};
// 30 pieces of evidence in cycle 1 (one deleted again), the cycle closed, then 30 in cycle 2; duos at once, each in order.
await Promise.all(
  duoIds.map(async (duoId, index) => {
    const n = index + 1;
    const recorded = [];
    for (let i = 0; i < 30; i++) recorded.push(await evidence.record(duoId, evidenceItem(n, 1, i), headers));
    await evidence.delete(duoId, recorded[29].id, headers);
    await cycles.agreeImprovementActions(duoId, 1, improvementActions, headers);
    await cycles.close(duoId, 1, headers);
    for (let i = 0; i < 30; i++) await evidence.record(duoId, evidenceItem(n, 2, i), headers);
  }),
);
await attendance.recordList(cohortId, { number: 2 }, { duos: duoIds.map((duoId, i) => ({ duoId, ...(i === 7 ? absent(i + 1) : present(i + 1)) })) }, headers);
for (const id of duoIds.slice(0, 6)) await steps.complete(id, headers);
const firstDuoId = duoIds[0];
await sql('ANALYZE');
console.log(`  made in ${seconds(phase1Started)} s: ${await countsLine()}`);

/** The spreadsheet's figures query alone (tables() reads it with the cohort report, in one snapshot), timed outside a transaction. */
const cohortFigures = (cohortId: string) => app.get(EvidenceRepository).figuresOfClosedCycles(app.get(DataSource).manager, cohortId);

interface Call {
  label: string;
  run: (target: Target) => Promise<unknown>;
}
interface Target {
  cohortId: string;
  duoId: string;
}
const CALLS: Call[] = [
  { label: 'cohortReport(cohort, false)', run: (t) => reports.cohortReport(t.cohortId, false) },
  { label: 'cohortReport(cohort, true)', run: (t) => reports.cohortReport(t.cohortId, true) },
  { label: 'duoReport(duo)', run: (t) => reports.duoReport(t.duoId) },
  { label: 'cohortFigures(cohort)', run: (t) => cohortFigures(t.cohortId) },
  { label: 'tables(cohort, false)', run: (t) => reports.tables(t.cohortId, false) },
];
interface Timing {
  median: number;
  p95: number;
}
interface Measured {
  timings: Map<string, Timing>;
  work: Map<string, DatabaseWork>;
}
/** One size of the database, and what the reports cost on it. */
interface ScalePoint {
  label: string;
  first: Measured;
  others?: Measured;
}

/** Warms up, then runs each call RUNS times (cycling through the targets) and keeps median and p95 in ms. */
async function timeCalls(targets: Target[]): Promise<Map<string, Timing>> {
  const timings = new Map<string, Timing>();
  for (const call of CALLS) {
    for (let i = 0; i < WARMUP; i++) await call.run(targets[i % targets.length]);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await call.run(targets[i % targets.length]);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    timings.set(call.label, { median: percentile(samples, 50), p95: percentile(samples, 95) });
  }
  return timings;
}

/**
 * Wall-clock timings first, then (not timed) the database's own work for the same calls, measured
 * twice and kept the second time: the first pass warms the EXPLAIN session's caches.
 */
async function measure(title: string, targets: Target[]): Promise<Measured> {
  const timings = await timeCalls(targets);
  await databaseWork(targets);
  const measured = { timings, work: await databaseWork(targets) };
  printMeasured(title, measured);
  return measured;
}

const first: Target = { cohortId, duoId: firstDuoId };
console.log(`  timing the reports of that cohort (${WARMUP} warm-up runs, then ${RUNS} runs per call) ...`);
const points: ScalePoint[] = [{ label: '1 cohort', first: await measure('phase 1: the database holds 1 cohort', [first]) }];
const phase1Sizes = await reportSizes(first);
// On a database this small the planner rightly scans whole tables of a few pages: these plans are why
// the buffers of phase 1 are fewer than at scale, where every query goes through an index.
await explainReports('1 cohort', first, false);
console.log(`  memory after phase 1: ${memory()}`);

// ---------------------------------------------------------------------------------------------
// Phase 2: a national data set, seeded in SQL around the first cohort. It grows in two rounds
// (to BENCH_MIDPOINT cohorts, a tenth by default, then to BENCH_COHORTS) and the reports are
// measured after each: between them only the size of the database changes, not the cohorts measured.
// ---------------------------------------------------------------------------------------------
if (COHORTS > 1) {
  const midpoint = Number(process.env.BENCH_MIDPOINT ?? Math.round(COHORTS / 10));
  const sizes = midpoint > 1 && midpoint < COHORTS ? [midpoint, COHORTS] : [COHORTS];
  console.log(`\nphase 2: seeding up to ${COHORTS} cohorts, ${COHORTS * 8} duos and ${EVIDENCE.toLocaleString('en')} pieces of evidence in SQL ...`);
  const seedingStarted = performance.now();
  const step = async (label: string, ...statements: [string, unknown[]?][]) => {
    const started = performance.now();
    let rows = 0;
    for (const [text, params] of statements) rows += (await client.query(text, params ?? [])).rowCount ?? 0;
    console.log(`  ${label.padEnd(48)} ${seconds(started).padStart(7)} s  ${rows.toLocaleString('en')} rows`);
  };
  // The first cohort's duos are the templates: seeded duo k of every cohort copies duo k's trajectory, event log
  // (names replaced), compass and cycles, so every jsonb payload is shaped exactly as the app writes it.
  // Seeded cohort n (1 to COHORTS - 1) has duos numbered (n - 1) * 8 to n * 8 - 1.
  await step(
    'templates, cohort and duo numbering',
    [`CREATE TEMP TABLE bench_templates AS
      SELECT row_number() OVER (ORDER BY registered_at, id)::int AS slot, d.* FROM duos d WHERE d.cohort_id = $1`, [cohortId]],
    // Cohorts spread over ten years back from now; `shift` moves every copied timestamp.
    [`CREATE TEMP TABLE bench_cohorts AS
      SELECT n, gen_random_uuid() AS id, make_interval(days => (n::bigint * 3650 / $1::int)::int) AS shift
      FROM generate_series(1, $1::int - 1) n`, [COHORTS]],
    [`CREATE TEMP TABLE bench_duos AS
      SELECT (row_number() OVER (ORDER BY c.n, t.slot) - 1)::int AS ordinal, c.n AS cohort_n, c.id AS cohort_id, c.shift, t.slot, gen_random_uuid() AS id
      FROM bench_cohorts c CROSS JOIN bench_templates t`],
    ['ALTER TABLE bench_duos ADD PRIMARY KEY (ordinal)'],
    ['CREATE INDEX ON bench_duos (cohort_n)'],
  );
  const [{ existing }] = await sql<{ existing: number }>('SELECT count(*)::int AS existing FROM evidence');
  const [{ slots, seededDuos }] = await sql<{ slots: number; seededDuos: number }>(
    'SELECT (SELECT count(*) FROM bench_templates)::int AS slots, (SELECT count(*) FROM bench_duos)::int AS "seededDuos"',
  );
  // Evidence item g (0 to toSeed - 1) goes to seeded duo g mod M as its i-th piece, i = g div M.
  const toSeed = Math.max(0, EVIDENCE - existing);
  const maxItem = Math.ceil(toSeed / seededDuos) - 1;

  let seeded = 1;
  let seedingSeconds = 0;
  let others: Target[] = [];
  for (const size of sizes) {
    const [from, to] = [seeded, size - 1];
    console.log(`  round to ${size} cohorts: seeded cohorts ${from} to ${to}`);
    const roundStarted = performance.now();
    await step('cohorts', [
      `INSERT INTO cohorts (id, programme_key, programme_version, name, description, location, registration_deadline, capacity, workshop_3_planned, created_at)
       SELECT c.id, 'werkateliers', 1, format('Werkateliers outcome %s, editie %s', (ARRAY['Noord', 'Oost', 'Zuid', 'West', 'Midden'])[1 + c.n % 5], c.n),
              'Werkateliers voor gemeenten en uitvoerders van collectieve voorzieningen.', format('Locatie %s', c.n % 300),
              (now() - c.shift)::date - 30, 8, c.n % 4 = 0, now() - c.shift - interval '60 days'
       FROM bench_cohorts c WHERE c.n BETWEEN $1 AND $2`,
      [from, to],
    ]);
    await step('duos', [
      `INSERT INTO duos (id, cohort_id, municipality, provider, contact_persons, collective_services, questions, expectations,
                         trajectory_version, trajectory_snapshot, state, advisory_meetings_held, version, registered_at, updated_at,
                         holds_place, obligation_accepted_at, named_in_publications)
       SELECT b.id, b.cohort_id, format('Gemeente %s-%s', b.cohort_n, b.slot), format('Stichting Buurtwerk %s-%s', b.cohort_n, b.slot),
              jsonb_build_array(
                jsonb_build_object('side', 'municipality', 'name', format('Sanne de Wit %s-%s', b.cohort_n, b.slot),
                                   'email', format('sanne%s@gemeente-%s.example', b.slot, b.cohort_n), 'phone', '030-1234567'),
                jsonb_build_object('side', 'provider', 'name', format('Joris Bakker %s-%s', b.cohort_n, b.slot),
                                   'email', format('joris%s@buurtwerk-%s.example', b.slot, b.cohort_n))),
              t.collective_services, t.questions, t.expectations, t.trajectory_version, t.trajectory_snapshot, t.state,
              t.advisory_meetings_held, t.version, t.registered_at - b.shift, t.updated_at - b.shift, t.holds_place,
              t.obligation_accepted_at - b.shift, b.ordinal % 3 = 0
       FROM bench_duos b JOIN bench_templates t ON t.slot = b.slot WHERE b.cohort_n BETWEEN $1 AND $2`,
      [from, to],
    ]);
    await step('duo_events (REGISTERED, ADMIT, HOLD_INTAKE, ...)', [
      `INSERT INTO duo_events (duo_id, sequence, type, payload, actor, actor_id, trajectory_version, recorded_at)
       SELECT b.id, e.sequence, e.type,
              CASE WHEN e.type = 'REGISTERED'
                   THEN e.payload || jsonb_build_object('municipality', d.municipality, 'provider', d.provider, 'contactPersons', d.contact_persons)
                   ELSE e.payload END,
              e.actor, e.actor_id, e.trajectory_version, e.recorded_at - b.shift
       FROM bench_duos b JOIN duos d ON d.id = b.id JOIN bench_templates t ON t.slot = b.slot JOIN duo_events e ON e.duo_id = t.id
       WHERE b.cohort_n BETWEEN $1 AND $2`,
      [from, to],
    ]);
    await step('planned_sessions (workshops, intakes, meetings)', [
      `INSERT INTO planned_sessions (cohort_id, duo_id, kind, starts_at, ends_at, location, adviser, version, created_at, updated_at)
       SELECT c.id, NULL, s.kind, s.starts_at - c.shift, s.ends_at - c.shift, s.location, s.adviser, s.version, s.created_at - c.shift, s.updated_at - c.shift
       FROM bench_cohorts c JOIN planned_sessions s ON s.cohort_id = $3 AND s.duo_id IS NULL WHERE c.n BETWEEN $1 AND $2
       UNION ALL
       SELECT b.cohort_id, b.id, s.kind, s.starts_at - b.shift, s.ends_at - b.shift, s.location, s.adviser, s.version, s.created_at - b.shift, s.updated_at - b.shift
       FROM bench_duos b JOIN bench_templates t ON t.slot = b.slot JOIN planned_sessions s ON s.duo_id = t.id WHERE b.cohort_n BETWEEN $1 AND $2`,
      [from, to, cohortId],
    ]);
    await step('compasses and cycles (1 closed, 2 open)',
      [`INSERT INTO compasses (duo_id, compass_version, snapshot, version, updated_at)
        SELECT b.id, c.compass_version, c.snapshot, c.version, c.updated_at - b.shift
        FROM bench_duos b JOIN bench_templates t ON t.slot = b.slot JOIN compasses c ON c.duo_id = t.id
        WHERE b.cohort_n BETWEEN $1 AND $2`, [from, to]],
      [`INSERT INTO cycles (duo_id, number, opened_at, improvement_actions, closed_at, closed_by, closed_by_id)
        SELECT b.id, c.number, now() - b.shift - CASE c.number WHEN 1 THEN interval '150 days' ELSE interval '55 days' END,
               c.improvement_actions, CASE WHEN c.closed_at IS NOT NULL THEN now() - b.shift - interval '55 days' END, c.closed_by, c.closed_by_id
        FROM bench_duos b JOIN bench_templates t ON t.slot = b.slot JOIN cycles c ON c.duo_id = t.id
        WHERE b.cohort_n BETWEEN $1 AND $2`, [from, to]],
    );
    // Even i in cycle 1 (steps 0-6), odd i in cycle 2 (steps 1-6); the kind moves with the step, so every step
    // has every kind; perspectives, stories about a person, consent and the 2% deleted by a hash of g.
    const evidenceStarted = performance.now();
    const [firstDuo, lastDuo] = [(from - 1) * slots, to * slots - 1];
    const duosPerBatch = Math.max(1, Math.floor(EVIDENCE_BATCH / (maxItem + 1)));
    let inserted = 0;
    for (let batchFrom = firstDuo; batchFrom <= lastDuo && maxItem >= 0; batchFrom += duosPerBatch) {
      const batchTo = Math.min(lastDuo, batchFrom + duosPerBatch - 1);
      const result = await client.query(
        `WITH items AS (
           SELECT g, o AS ordinal, i, ((hashint8(g) % 10000) + 10000) % 10000 AS h
           FROM generate_series($1::int, $2::int) o CROSS JOIN generate_series(0, $3::int) i
           CROSS JOIN LATERAL (SELECT i::bigint * $4::int + o AS g) numbered
           WHERE g < $5::bigint
         ), shaped AS (
           SELECT x.i, x.h, b.id AS duo_id, b.shift,
                  CASE WHEN x.i % 2 = 0 THEN 1 ELSE 2 END AS cycle,
                  CASE WHEN x.i % 2 = 0 THEN (x.i / 2) % 7 ELSE 1 + (x.i / 2) % 6 END AS step,
                  (ARRAY['figures', 'stories', 'other'])[1 + (x.i / 2 + x.ordinal) % 3] AS kind,
                  (ARRAY['municipality', 'provider', 'residents'])[1 + x.h % 3] AS perspective,
                  (x.h / 3) % 4 = 0 AS about_a_person,
                  x.h % 50 = 7 AS deleted,
                  now() - b.shift - CASE WHEN x.i % 2 = 0 THEN interval '140 days' ELSE interval '50 days' END + (x.i / 2) * interval '1 day' AS recorded_at
           FROM items x JOIN bench_duos b ON b.ordinal = x.ordinal
         )
         INSERT INTO evidence (duo_id, cycle, step, kind, perspective, title, body, indicator, indicator_value, indicator_unit,
                               period_start, period_end, about_a_person, consent_given, links, recorded_by, recorded_at,
                               updated_by, updated_at, deleted_at, deleted_by, version)
         SELECT duo_id, cycle, step, kind, perspective,
                CASE kind WHEN 'figures' THEN 'Cijfers bij stap ' WHEN 'stories' THEN 'Verhaal bij stap ' ELSE 'Most Significant Change bij stap ' END || step,
                CASE kind
                  WHEN 'figures' THEN 'Het aantal bezoekers steeg na de opening van de tweede ruimte; de cijfers komen uit de registratie van het buurthuis.'
                  WHEN 'stories' THEN 'Mevrouw K. komt sinds de zomer elke week en kookt nu mee; ze zegt dat ze haar buren nu kent.'
                  ELSE 'Tien verhalen verzameld en samen met bewoners gekozen.' END,
                CASE WHEN kind = 'figures' THEN (ARRAY['Bezoekers buurthuis per week', 'Deelnemers taalcafé', 'Actieve vrijwilligers', 'Signalen doorverwezen', 'Huisbezoeken'])[1 + i % 5] END,
                CASE WHEN kind = 'figures' THEN (10 + h % 490)::numeric / 2 END,
                CASE WHEN kind = 'figures' THEN (ARRAY['bezoekers', 'deelnemers', 'vrijwilligers', 'signalen', 'bezoeken'])[1 + i % 5] END,
                CASE WHEN kind = 'figures' THEN (now() - shift)::date - 300 END,
                CASE WHEN kind = 'figures' THEN (now() - shift)::date - 120 END,
                CASE WHEN kind = 'stories' THEN about_a_person END,
                CASE WHEN kind = 'stories' AND about_a_person THEN (h / 12) % 5 <> 0 END,
                CASE WHEN kind = 'other' THEN ARRAY['https://voorbeeld.example/msc'] ELSE '{}'::text[] END,
                'Bench', recorded_at, 'Bench', recorded_at,
                CASE WHEN deleted THEN recorded_at + interval '1 day' END, CASE WHEN deleted THEN 'Bench' END,
                CASE WHEN deleted THEN 2 ELSE 1 END
         FROM shaped`,
        [batchFrom, batchTo, maxItem, seededDuos, toSeed],
      );
      inserted += result.rowCount ?? 0;
      console.log(`  evidence ${inserted.toLocaleString('en').padStart(9)} rows (duos ${batchFrom}-${batchTo})`.padEnd(51) + `${seconds(evidenceStarted).padStart(7)} s`);
    }
    // Each compass counts the live evidence of its open cycle (cycle 2) by step, perspective and kind, as the app's
    // snapshot does; its version counts the events that would have made it (a recording each, a deletion each, the
    // actions and the closure).
    await step('compasses: open cycle evidence counted in the snapshot', [
      `UPDATE compasses c SET snapshot = jsonb_set(c.snapshot, '{context,counts}', m.counts), version = m.events
       FROM (SELECT duo_id, coalesce(jsonb_object_agg(mark, live) FILTER (WHERE live > 0), '{}'::jsonb) AS counts,
                    (sum(recorded) + sum(deleted) + 2)::int AS events
             FROM (SELECT b.id AS duo_id, format('%s.%s.%s', e.step, e.perspective, e.kind) AS mark,
                          count(*) FILTER (WHERE e.cycle = 2 AND e.deleted_at IS NULL) AS live,
                          count(e.id) AS recorded, count(e.deleted_at) AS deleted
                   FROM bench_duos b LEFT JOIN evidence e ON e.duo_id = b.id WHERE b.cohort_n BETWEEN $1 AND $2 GROUP BY 1, 2) per_mark
             GROUP BY duo_id) m
       WHERE c.duo_id = m.duo_id`,
      [from, to],
    ]);
    seedingSeconds += Number(seconds(roundStarted));
    console.log(`  round seeded in ${seconds(roundStarted)} s`);
    // VACUUM as well as ANALYZE: so that autovacuum does not start on the new rows in the middle of the timings.
    await step('VACUUM (ANALYZE)', ['VACUUM (ANALYZE)']);
    // And a checkpoint, so that writing out the seeded pages does not compete with the first timings
    // (it needs a superuser or pg_checkpoint on DATABASE_URL; without it the timings start at once).
    await step('CHECKPOINT', ['CHECKPOINT']).catch((error: Error) => console.log(`  CHECKPOINT refused (${error.message}); timing anyway`));
    console.log(`  now: ${await countsLine()}`);
    console.log(`  sizes: ${(await sql<{ line: string }>(
      `SELECT string_agg(format('%s %s', relname, pg_size_pretty(pg_total_relation_size(oid))), ', ' ORDER BY pg_total_relation_size(oid) DESC) AS line
       FROM pg_class WHERE relname IN ('evidence', 'duo_events', 'duos', 'compasses', 'cycles', 'cohorts')`,
    ))[0].line}; database ${(await sql<{ size: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS size'))[0].size}`);

    // The same few cohorts, drawn from the first round, are measured at every size.
    if (!others.length) {
      others = await sql<Target>(
        `SELECT c.id AS "cohortId", (SELECT d.id FROM duos d WHERE d.cohort_id = c.id ORDER BY d.registered_at, d.id LIMIT 1) AS "duoId"
         FROM cohorts c WHERE c.id <> $1 ORDER BY random() LIMIT $2`,
        [cohortId, OTHER_COHORTS],
      );
    }
    console.log(`  timing the reports of the first cohort, then of ${others.length} other cohorts (the same ones at every size) ...`);
    points.push({
      label: `${size} cohorts`,
      first: await measure(`phase 2: the database holds ${size} cohorts; the first cohort`, [first]),
      others: await measure(`phase 2: the database holds ${size} cohorts; ${others.length} other cohorts in turn (database work averaged)`, others),
    });
    seeded = size;
  }
  console.log(`\nseeding took ${seedingSeconds.toFixed(1)} s in all rounds (VACUUM ANALYZE and the measurements between them not counted); phase 2 as a whole ${seconds(seedingStarted)} s`);
  console.log(`  what the first cohort's reports hold, 1 cohort -> ${COHORTS} cohorts: ${phase1Sizes} -> ${await reportSizes(first)}`);

  printSideBySide(points, others.length);
  await explainReports('the first cohort (made in phase 1)', first);
  await explainReports('a cohort seeded in SQL', others[0]);
}

await app.close();
await client.end();
await database.close();
console.log(`\nmemory at the end: ${memory()}`);
process.exit(0);

// ---------------------------------------------------------------------------------------------

interface Captured {
  text: string;
  params: unknown[];
}

/**
 * The SQL (with parameters) that `work` sends through the app's DataSource, whose query method
 * is wrapped meanwhile: the plans shown are those of the very SQL the service runs, not of a
 * copy that could drift. (TypeORM's findOne of the cohort, a primary key lookup, is not seen.)
 */
async function capture(work: () => Promise<unknown>): Promise<Captured[]> {
  const dataSource = app.get(DataSource);
  const query = dataSource.query;
  const captured: Captured[] = [];
  dataSource.query = ((text: string, params?: unknown[], runner?: QueryRunner) => {
    if (/^\s*(SELECT|WITH)\b/i.test(text)) captured.push({ text, params: params ?? [] });
    return query.call(dataSource, text, params, runner);
  }) as DataSource['query'];
  try {
    await work();
  } finally {
    dataSource.query = query;
  }
  return captured;
}

interface Explained {
  plan: PlanNode;
  executionMs: number;
  /** Shared buffers the execution touched (hit or read): the work done, whatever the machine's load. */
  buffers: number;
}

async function explain({ text, params }: Captured): Promise<Explained> {
  const [{ 'QUERY PLAN': [result] }] = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`,
    params,
  );
  return { plan: result.Plan, executionMs: result['Execution Time'], buffers: (result.Plan['Shared Hit Blocks'] ?? 0) + (result.Plan['Shared Read Blocks'] ?? 0) };
}

interface DatabaseWork {
  queries: number;
  ms: number;
  buffers: number;
}

/** What each call costs the database, per target averaged over the targets: its queries run under EXPLAIN ANALYZE. */
async function databaseWork(targets: Target[]): Promise<Map<string, DatabaseWork>> {
  const work = new Map<string, DatabaseWork>();
  for (const call of CALLS) {
    const total = { queries: 0, ms: 0, buffers: 0 };
    for (const target of targets) {
      for (const captured of await capture(() => call.run(target))) {
        const explained = await explain(captured);
        total.queries += 1;
        total.ms += explained.executionMs;
        total.buffers += explained.buffers;
      }
    }
    work.set(call.label, { queries: total.queries / targets.length, ms: total.ms / targets.length, buffers: total.buffers / targets.length });
  }
  return work;
}

async function explainReports(title: string, target: Target, full = true): Promise<void> {
  const captured = await capture(async () => {
    await reports.cohortReport(target.cohortId, false);
    await cohortFigures(target.cohortId);
    await reports.duoReport(target.duoId);
  });
  console.log(`\nplans of every query of cohortReport, cohortFigures and duoReport for ${title} (EXPLAIN ANALYZE):`);
  for (const query of captured) {
    const { plan, executionMs } = await explain(query);
    const scans = scansOf(plan);
    // A whole-table scan is right for a table of a few pages; on a large one it would make the report grow with the database.
    const scanned = scans.flatMap((scan) => /^Seq Scan on (\w+)/.exec(scan)?.[1] ?? []);
    const large = await sql<{ relname: string; reltuples: number }>(
      'SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relname = ANY($1) AND reltuples > 10000',
      [scanned],
    );
    const warning = large.map((table) => `  <-- SEQ SCAN ON ${table.relname} (${Math.round(table.reltuples).toLocaleString('en')} rows)`).join('');
    console.log(`  ${executionMs.toFixed(3).padStart(8)} ms  ${summary(query.text)}\n${' '.repeat(15)}${scans.join('; ')}${warning}`);
  }
  if (!full) return;
  const matrix = captured.find(({ text }) => text.includes('GROUP BY e.step, e.perspective, e.kind'));
  const duoEvidence = captured.find(({ text }) => text.includes('FROM cycles c JOIN evidence e') && !text.includes('GROUP BY'));
  for (const [name, found] of [['the cohort evidence matrix query (cohortReport)', matrix], ['the duo evidence query (duoReport)', duoEvidence]] as const) {
    if (!found) continue;
    const rows = await sql<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${found.text}`, found.params);
    console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) of ${name}, ${title}:`);
    for (const row of rows) console.log(`    ${row['QUERY PLAN']}`);
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** The scans of a plan, outermost first: "Index Scan using evidence_by_cycle_step on evidence (rows 60 x 8 loops, 70 buffers)". */
function scansOf(node: PlanNode): string[] {
  const own = node['Relation Name']
    ? [
        `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} on ${node['Relation Name']}` +
          ` (rows ${node['Actual Rows']} x ${node['Actual Loops']} loops, ${(node['Shared Hit Blocks'] ?? 0) + (node['Shared Read Blocks'] ?? 0)} buffers)`,
      ]
    : node['Node Type'] === 'Bitmap Index Scan'
      ? [`Bitmap Index Scan on ${node['Index Name']}`]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const from = flat.indexOf(' FROM ');
  return `${flat.slice(0, 40)} ...${flat.slice(from, from + 90)}${flat.length > from + 90 ? ' ...' : ''}`;
}

async function countsLine(): Promise<string> {
  const [row] = await sql<Record<string, number>>(
    `SELECT (SELECT count(*) FROM cohorts)::int AS cohorts, (SELECT count(*) FROM duos)::int AS duos,
            (SELECT count(*) FROM duo_events)::int AS duo_events, (SELECT count(*) FROM compasses)::int AS compasses,
            (SELECT count(*) FROM cycles)::int AS cycles, (SELECT count(*) FROM cycles WHERE closed_at IS NOT NULL)::int AS closed_cycles,
            (SELECT count(*) FROM evidence)::int AS evidence, (SELECT count(*) FROM evidence WHERE deleted_at IS NOT NULL)::int AS deleted,
            (SELECT count(*) FROM evidence WHERE kind = 'figures')::int AS figures, (SELECT count(*) FROM compass_events)::int AS compass_events,
            (SELECT count(*) FROM planned_sessions)::int AS planned_sessions`,
  );
  return `${row.cohorts.toLocaleString('en')} cohorts, ${row.duos.toLocaleString('en')} duos, ${row.duo_events.toLocaleString('en')} duo_events, ` +
    `${row.compasses.toLocaleString('en')} compasses, ${row.cycles.toLocaleString('en')} cycles (${row.closed_cycles.toLocaleString('en')} closed), ` +
    `${row.evidence.toLocaleString('en')} evidence (${row.deleted.toLocaleString('en')} deleted, ${row.figures.toLocaleString('en')} figures), ` +
    `${row.compass_events.toLocaleString('en')} compass_events, ${row.planned_sessions.toLocaleString('en')} planned_sessions`;
}

/** What the reports of a target hold, to show both phases report the same thing. */
async function reportSizes(target: Target): Promise<string> {
  const report = await reports.cohortReport(target.cohortId, false);
  const figures = await cohortFigures(target.cohortId);
  const duo = await reports.duoReport(target.duoId);
  return `[${report.duos.length} duos, matrix total ${report.evidenceMatrix.total}, ` +
    `${figures.length} figures, duo report ${duo.timeline.length} timeline entries / ${JSON.stringify(duo).length} chars]`;
}

function printMeasured(title: string, { timings, work }: Measured): void {
  console.log(`\n${title} (ms)`);
  for (const { label } of CALLS) {
    const { median, p95 } = timings.get(label) as Timing;
    const { queries, ms, buffers } = work.get(label) as DatabaseWork;
    console.log(
      `  ${label.padEnd(30)} median ${median.toFixed(2).padStart(7)}   p95 ${p95.toFixed(2).padStart(7)}` +
        `   database: ${queries.toFixed(0)} queries, ${ms.toFixed(2)} ms executing, ${buffers.toFixed(0)} buffers`,
    );
  }
}

/**
 * Every size of the database side by side, per call and target: the wall-clock timings, then the
 * database's own work. The ratios divide the largest size by 1 cohort (phase 1, the first cohort)
 * and by the size before it (the same cohorts there).
 */
function printSideBySide(points: ScalePoint[], otherCount: number): void {
  const last = points[points.length - 1];
  const before = points.length > 2 ? points[points.length - 2] : undefined;
  const rows = CALLS.flatMap(({ label }) => [
    { label, target: 'first cohort', at: (point: ScalePoint) => point.first, call: label },
    { label: '', target: `${otherCount} other cohorts`, at: (point: ScalePoint) => point.others, call: label },
  ]);
  const tables = [
    {
      title: 'wall clock per call, ms: median / p95',
      cell: (m: Measured, call: string) => `${fixed(m.timings.get(call)?.median)} / ${fixed(m.timings.get(call)?.p95)}`,
      ratio: (a: Measured, b: Measured, call: string) =>
        `${((a.timings.get(call) as Timing).median / (b.timings.get(call) as Timing).median).toFixed(2)} / ${((a.timings.get(call) as Timing).p95 / (b.timings.get(call) as Timing).p95).toFixed(2)}`,
    },
    {
      title: 'database work per call (EXPLAIN ANALYZE of its queries): execution ms / shared buffers touched',
      cell: (m: Measured, call: string) => `${fixed(m.work.get(call)?.ms)} / ${(m.work.get(call) as DatabaseWork).buffers.toFixed(0)}`,
      ratio: (a: Measured, b: Measured, call: string) =>
        `${((a.work.get(call) as DatabaseWork).ms / (b.work.get(call) as DatabaseWork).ms).toFixed(2)} / ${((a.work.get(call) as DatabaseWork).buffers / (b.work.get(call) as DatabaseWork).buffers).toFixed(2)}`,
    },
  ];
  for (const table of tables) {
    console.log(`\nside by side: ${table.title}`);
    const heads = [...points.map((point) => point.label), `ratio ${last.label} : 1 cohort`, ...(before ? [`ratio ${last.label} : ${before.label}`] : [])];
    console.log(`  ${'call'.padEnd(30)} ${'target'.padEnd(17)} ${heads.map((head) => head.padStart(28)).join(' ')}`);
    for (const row of rows) {
      const cells = points.map((point) => {
        const measured = row.at(point);
        return measured ? table.cell(measured, row.call) : '-';
      });
      const lastMeasured = row.at(last) as Measured;
      cells.push(table.ratio(lastMeasured, points[0].first, row.call));
      if (before) cells.push(table.ratio(lastMeasured, row.at(before) as Measured, row.call));
      console.log(`  ${row.label.padEnd(30)} ${row.target.padEnd(17)} ${cells.map((cell) => cell.padStart(28)).join(' ')}`);
    }
  }
}

function fixed(value: number | undefined): string {
  return (value ?? 0).toFixed(2);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

function memory(): string {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  return `rss ${mib(rss)}, heap used ${mib(heapUsed)} of ${mib(heapTotal)}`;
}
