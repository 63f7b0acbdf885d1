import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../shared/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import { duoNotFound } from '../problems/not-found.js';
import { TIME_ZONE, todayInAmsterdam } from '../shared/dates.js';
import type { PlanDuoSessionDto, PlanWorkshopDto } from './dto/plan-session.dto.js';
import { preparedQuery } from '../database/prepared.js';
import { PlannedSessionRepository, SESSION_COLUMNS } from './planned-session.repository.js';
import { PlannedSessionView, type SessionRow } from './planned-session.view.js';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import { sessionByKey, sessionOf, type SessionDefinition, type SessionRef } from '../programmes/programme.js';
import type { SessionKind } from './session-kinds.js';
import { ensurePlannedAhead, ensurePlannedInOrder, type PlannedStart } from './calendar-rules.js';

/**
 * Asked before an edition session is planned at a new start, inside the transaction that plans
 * it; throws to refuse. The duos module checks what is already recorded for the session.
 */
export type EditionSessionPlanCheck = (em: EntityManager, cohortId: string, kind: string, startsAt: PlannedStart) => Promise<void>;

/** Told of a session that moved, inside the transaction that moved it. */
export type SessionMovedListener = (em: EntityManager, sessionId: string, previousStartsAt: Date) => Promise<void>;

/**
 * The sessions of a cohort: its workshops (one of each number), and the intake conversations
 * and advisory meetings planned with each duo. Times are entered and shown in Amsterdam time;
 * PostgreSQL converts them.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly store: PlannedSessionRepository,
  ) {}

  private readonly movedListeners: SessionMovedListener[] = [];
  private readonly planChecks: EditionSessionPlanCheck[] = [];

  /** Adds a check that every planning of an edition session passes (see EditionSessionPlanCheck). */
  whenPlanningEditionSession(check: EditionSessionPlanCheck): void {
    this.planChecks.push(check);
  }

  /**
   * Calls `listener` for each session that moves, in the transaction that moves it: the
   * notifications module listens and tells the duos, so that sessions need not import it.
   */
  whenMoved(listener: SessionMovedListener): void {
    this.movedListeners.push(listener);
  }

  /** A session this transaction has just written (so it exists). */
  find(em: EntityManager, id: string): Promise<SessionRow> {
    return this.store.find(em, id);
  }

  /** The workshops (cohort sessions) that start within `days` days from now, by id. */
  workshopsStartingWithin(em: EntityManager, days: number): Promise<SessionRow[]> {
    return this.store.workshopsStartingWithin(em, days);
  }

  /** The sessions planned for the whole edition, by start: when each starts, for the calendar rules of what is recorded. */
  editionSessions(em: EntityManager, cohortId: string): Promise<SessionRow[]> {
    return this.store.editionSessions(em, cohortId);
  }

  /** When the edition session of this key is planned to start, if it is planned. */
  async plannedStart(em: EntityManager, cohortId: string, kind: string): Promise<PlannedStart | undefined> {
    return plannedStarts(await this.store.editionSessions(em, cohortId)).find((planned) => planned.kind === kind);
  }

  /** Every planned session of these cohorts (edition and duos' own) that ends after `from` and starts before `until`, by start; one query. */
  inCohorts(cohortIds: readonly string[], from?: Date, until?: Date): Promise<SessionRow[]> {
    return this.store.inCohorts(this.dataSource.manager, cohortIds, from, until);
  }

  /** The cohort's workshops and the duo's own planned sessions that have not ended, by start. */
  upcomingFor(em: EntityManager, cohortId: string, duoId: string): Promise<SessionRow[]> {
    return this.store.upcomingFor(em, cohortId, duoId);
  }

  async listForCohort(given: Cohort | string): Promise<PlannedSessionView[]> {
    const cohort = await this.cohorts.given(this.dataSource.manager, given);
    const rows = await preparedQuery<SessionRow>(this.dataSource.manager, SESSIONS_OF_COHORT, [cohort.id]);
    return rows.map(PlannedSessionView.of);
  }

  /** The duo's own sessions and its cohort's workshops. */
  async listForDuo(duoId: string): Promise<PlannedSessionView[]> {
    const rows = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM planned_sessions s JOIN duos d ON d.cohort_id = s.cohort_id
       WHERE d.id = $1 AND (s.duo_id IS NULL OR s.duo_id = d.id) ORDER BY s.starts_at, s.kind`,
      [duoId],
    );
    return rows.map(PlannedSessionView.of);
  }

  /** Plans a session for the whole edition (a workshop), or moves it when it was planned already. */
  planEditionSession(cohortId: string, ref: SessionRef, dto: PlanWorkshopDto, principal: Principal): Promise<PlannedSessionView> {
    return this.dataSource.transaction(async (em) => {
      const cohort = await this.cohorts.find(em, cohortId, true);
      const session = sessionOf(programmeOf(cohort), ref, 'edition');
      // The cohort's workshop3Planned column says whether the edition plans its optional sessions.
      if (session.optional && !cohort.workshop3Planned) {
        throw new DomainException('WORKSHOP_3_NOT_PLANNED', `Cohort "${cohort.name}" was created without ${session.englishName}, so it cannot be planned.`);
      }
      const kind: SessionKind = session.key;
      const minutes = session.defaultMinutes;
      const [previous] = await em.query(
        `SELECT ${SESSION_COLUMNS} FROM planned_sessions s WHERE s.cohort_id = $1 AND s.kind = $2 AND s.duo_id IS NULL FOR UPDATE`,
        [cohortId, kind],
      );
      let id: string = previous?.id;
      if (previous) {
        await em.query(`UPDATE planned_sessions SET ${times(minutes)}, location = $4, updated_at = now() WHERE id = $5`, [
          ...timesOf(dto),
          dto.location || previous.location,
          previous.id,
        ]);
      } else {
        [{ id }] = await em.query(
          `INSERT INTO planned_sessions (cohort_id, kind, starts_at, ends_at, location) VALUES ($4, $5, ${STARTS}, ${ends(minutes)}, $6) RETURNING id`,
          [...timesOf(dto), cohortId, kind, dto.location || cohort.location],
        );
      }
      const planned = plannedStarts(await this.store.editionSessions(em, cohortId));
      ensurePlannedInOrder(programmeOf(cohort), session, planned, cohort.registrationDeadline);
      const own = planned.find((start) => start.kind === session.key);
      if (own) for (const check of this.planChecks) await check(em, cohortId, session.key, own);
      return this.recordPlanning(em, id, previous, principal);
    });
  }

  /** Plans an intake or advisory meeting with a duo; at the cohort's location when none is given. */
  planForDuo(duoId: string, dto: PlanDuoSessionDto, principal: Principal, idempotencyKey?: string): Promise<PlannedSessionView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `duos/${duoId}/sessions`, idempotencyKey, body: dto }, async (em) => {
      const session = await this.unitSession(em, duoId, dto.kind, dto.date);
      const [inserted] = await em.query(
        `INSERT INTO planned_sessions (cohort_id, duo_id, kind, starts_at, ends_at, location, adviser)
         SELECT d.cohort_id, d.id, $4, ${STARTS}, ${ends(session.defaultMinutes)}, COALESCE(NULLIF($5, ''), c.location), $6
         FROM duos d JOIN cohorts c ON c.id = d.cohort_id WHERE d.id = $7 RETURNING id`,
        [...timesOf(dto), dto.kind, dto.location ?? '', dto.adviser, duoId],
      );
      if (!inserted) throw duoNotFound(duoId);
      return this.recordPlanning(em, inserted.id, undefined, principal);
    });
  }

  moveForDuo(duoId: string, sessionId: string, dto: PlanDuoSessionDto, principal: Principal): Promise<PlannedSessionView> {
    return this.dataSource.transaction(async (em) => {
      const [previous] = await em.query(
        `SELECT ${SESSION_COLUMNS} FROM planned_sessions s WHERE s.id = $1 AND s.duo_id = $2 FOR UPDATE`,
        [sessionId, duoId],
      );
      if (!previous) throw new DomainException('SESSION_NOT_FOUND', `This duo has no planned session with id ${sessionId}.`);
      const session = await this.unitSession(em, duoId, dto.kind, dto.date);
      await em.query(
        `UPDATE planned_sessions SET ${times(session.defaultMinutes)}, location = $4, kind = $5, adviser = $6, updated_at = now() WHERE id = $7`,
        [...timesOf(dto), dto.location || previous.location, dto.kind, dto.adviser, sessionId],
      );
      return this.recordPlanning(em, sessionId, previous, principal);
    });
  }

  /**
   * A session planned with one unit, as the programme of its edition defines it, on `day`: 404
   * without the duo, 400 for another kind, 422 for a day that has passed (ensurePlannedAhead).
   */
  private async unitSession(em: EntityManager, duoId: string, kind: string, day: string): Promise<SessionDefinition> {
    const [duo] = await em.query('SELECT cohort_id FROM duos WHERE id = $1', [duoId]);
    if (!duo) throw duoNotFound(duoId);
    const cohort = await this.cohorts.find(em, duo.cohort_id);
    const programme = programmeOf(cohort);
    const session = sessionByKey(programme, kind);
    if (session?.audience !== 'unit') {
      const kinds = programme.sessions.filter((candidate) => candidate.audience === 'unit').map((candidate) => candidate.key);
      const message = `kind must be one of ${kinds.join(', ')}: the sessions of ${programme.name} planned with one unit`;
      throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field: 'kind', message }]);
    }
    ensurePlannedAhead(session, day, todayInAmsterdam(), cohort.enteredAfterwards);
    return session;
  }

  private async recordPlanning(
    em: EntityManager,
    id: string,
    previousRow: SessionRow | undefined,
    principal: Principal,
  ): Promise<PlannedSessionView> {
    const previous = previousRow ? PlannedSessionView.of(previousRow) : null;
    const [row] = await em.query(`SELECT ${SESSION_COLUMNS} FROM planned_sessions s WHERE s.id = $1`, [id]);
    const session = PlannedSessionView.of(row);
    if (previous && !changedBetween(previous, session)) return session;
    if (previous) {
      // The version numbers the session's calendar entries (SEQUENCE): raised only by a real change.
      await em.query('UPDATE planned_sessions SET version = version + 1 WHERE id = $1', [id]);
      for (const listener of this.movedListeners) await listener(em, id, new Date(previous.startsAt));
    }
    await this.audit.record(em, actorOf(principal), {
      action: previous ? 'session.moved' : 'session.planned',
      subjectType: 'cohort',
      subjectId: session.cohortId,
      details: { sessionId: id, kind: session.kind, duoId: session.duoId, startsAt: session.startsAt, ...(previous ? { from: previous.startsAt } : {}) },
    });
    return session;
  }
}

/** Whether people must hear of a change: another start, end, place, kind or adviser (not a repeated request). */
function changedBetween(before: PlannedSessionView, after: PlannedSessionView): boolean {
  const fields = ['kind', 'startsAt', 'endsAt', 'location', 'adviser'] as const;
  return fields.some((field) => before[field] !== after[field]);
}

/** Every planned session of a cohort (its workshops and its duos' own), by start. */
const SESSIONS_OF_COHORT = `SELECT ${SESSION_COLUMNS} FROM planned_sessions s WHERE s.cohort_id = $1 ORDER BY s.starts_at, s.kind`;

/** Parameters $1 (date), $2 (start time) and $3 (end time or null) of every query that sets times. */
const STARTS = `(($1::date + $2::time) AT TIME ZONE '${TIME_ZONE}')`;
/** The end, $3 or else the session's default length after the start (an integer from its definition, not from the request). */
function ends(minutes: number): string {
  return `(CASE WHEN $3::time IS NULL THEN ($1::date + $2::time) AT TIME ZONE '${TIME_ZONE}' + interval '${Math.trunc(minutes)} minutes'
  ELSE ($1::date + $3::time) AT TIME ZONE '${TIME_ZONE}' END)`;
}

function times(minutes: number): string {
  return `starts_at = ${STARTS}, ends_at = ${ends(minutes)}`;
}

function timesOf(dto: PlanWorkshopDto): [string, string, string | null] {
  return [dto.date, dto.startTime, dto.endTime ?? null];
}

function plannedStarts(rows: SessionRow[]): PlannedStart[] {
  return rows.map((row) => ({ kind: row.kind, startsAt: row.starts_at, day: row.local_date }));
}
