import { Injectable } from '@nestjs/common';
import { preparedQuery } from '../database/prepared.js';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../shared/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { entityQuery } from '../database/entity-query.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import { dayHasPassed, TIME_ZONE, todayInAmsterdam } from '../shared/dates.js';
import type { ProgrammeDefinition } from '../programmes/programme.js';
import { currentProgramme, currentProgrammes, DEFAULT_PROGRAMME } from '../programmes/programmes.js';
import { cohortNotFound } from '../problems/not-found.js';
import { programmeOf } from './cohort-programme.js';
import { Cohort } from './cohort.entity.js';
import { CohortAdviserView, CohortRegistrationView, CohortView } from './cohort.view.js';
import { capacityTooLarge, capacityTooSmall, type CreateCohortDto } from './dto/create-cohort.dto.js';
import type { UpdateCohortDto } from './dto/update-cohort.dto.js';

@Injectable()
export class CohortsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a cohort; an adviser who creates one is assigned to it. */
  create(dto: CreateCohortDto, principal: Principal, idempotencyKey?: string): Promise<CohortView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: 'cohorts', idempotencyKey, body: dto }, async (em) => {
      const { programme = DEFAULT_PROGRAMME, alreadyRan = false, ...fields } = dto;
      const definition = programmeToRun(programme);
      ensureCapacityFits(definition, dto.capacity);
      ensureDeadlineOpen(dto.registrationDeadline, alreadyRan);
      const cohort = await em.save(
        em.create(Cohort, {
          ...fields,
          programmeKey: definition.key,
          programmeVersion: definition.version,
          description: dto.description ?? '',
          location: dto.location ?? '',
          workshop3Planned: dto.workshop3Planned ?? false,
          enteredAfterwards: alreadyRan && dayHasPassed(dto.registrationDeadline),
        }),
      );
      await this.audit.record(em, actorOf(principal), {
        action: 'cohort.created',
        subjectType: 'cohort',
        subjectId: cohort.id,
        details: { name: cohort.name },
      });
      if (principal.role === 'adviser') await this.insertAdviser(em, cohort.id, principal.accountId);
      return CohortView.of(cohort);
    });
  }

  /**
   * Changes what an adviser may change of an edition, under the rules of a new one: the capacity
   * within the programme's range and not below the places taken, a deadline not in the past
   * (unless the edition already ran) and before its first planned session, and whether it holds
   * its optional sessions only while no duo has registered (their trajectories started from it)
   * and none of them is planned. The cohort row is locked, so no place is taken and no duo
   * registers meanwhile. Only what differs from the edition as it is counts as a change.
   */
  update(id: string, dto: UpdateCohortDto, principal: Principal, idempotencyKey?: string): Promise<CohortView> {
    return this.idempotency.run({ caller: actorOf(principal), scope: `cohorts/${id}`, idempotencyKey, body: dto }, async (em) => {
      const cohort = await this.find(em, id, true);
      const { alreadyRan = false, ...given } = dto;
      const changes: Partial<Pick<Cohort, EditableField>> = Object.fromEntries(
        EDITABLE_FIELDS.flatMap((field) => (given[field] !== undefined && given[field] !== cohort[field] ? [[field, given[field]]] : [])),
      );
      const [state]: { places: number; waiting: number; duos: number; first_session: string | null; optional_planned: string[] }[] = await em.query(
        `SELECT (SELECT count(*) FILTER (WHERE holds_place) FROM duos WHERE cohort_id = $1)::int AS places,
                (SELECT count(*) FILTER (WHERE state = 'waitingList') FROM duos WHERE cohort_id = $1)::int AS waiting,
                (SELECT count(*) FROM duos WHERE cohort_id = $1)::int AS duos,
                (SELECT to_char(min(starts_at) AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') FROM planned_sessions WHERE cohort_id = $1 AND duo_id IS NULL) AS first_session,
                ARRAY(SELECT kind FROM planned_sessions WHERE cohort_id = $1 AND duo_id IS NULL AND kind = ANY($2)) AS optional_planned`,
        [id, programmeOf(cohort).sessions.filter((session) => session.optional).map((session) => session.key)],
      );
      if (changes.capacity !== undefined) ensureCapacityHolds(programmeOf(cohort), changes.capacity, state.places);
      if (changes.registrationDeadline !== undefined) {
        ensureDeadlineOpen(changes.registrationDeadline, alreadyRan);
        if (state.first_session && changes.registrationDeadline >= state.first_session) {
          const latest = previousDay(state.first_session);
          const message = `the registration deadline must come before the edition's first session (${state.first_session}); choose ${latest} or earlier, or move the session first`;
          throw new DomainException('DATE_NOT_POSSIBLE', `registrationDeadline: ${message}.`, {
            params: { field: 'registrationDeadline', given: changes.registrationDeadline, latest, before: 'de eerste bijeenkomst' },
            errors: [{ field: 'registrationDeadline', message }],
          });
        }
      }
      if (changes.workshop3Planned !== undefined && (state.duos > 0 || state.optional_planned.length > 0)) {
        const why = state.duos > 0 ? `${state.duos} ${state.duos === 1 ? 'duo has' : 'duos have'} registered with the edition as it is, and their trajectories started from it` : `its optional sessions are planned (${state.optional_planned.join(', ')}); remove them first`;
        throw new DomainException('OPTIONAL_SESSIONS_FIXED', `Whether this edition holds its optional sessions can no longer change: ${why}.`, {
          params: { duosRegistered: state.duos, planned: state.optional_planned.length > 0 },
        });
      }
      const enteredAfterwards = alreadyRan && changes.registrationDeadline !== undefined && dayHasPassed(changes.registrationDeadline);
      if (Object.keys(changes).length) {
        await em.update(Cohort, { id }, { ...changes, ...(enteredAfterwards ? { enteredAfterwards } : {}) });
        await this.audit.record(em, actorOf(principal), {
          action: 'cohort.updated',
          subjectType: 'cohort',
          subjectId: id,
          details: { before: Object.fromEntries(Object.keys(changes).map((field) => [field, cohort[field as EditableField]])), after: changes },
        });
      }
      return CohortView.of(await this.find(em, id), { placesTaken: state.places, waitingList: state.waiting });
    });
  }

  /** Admins see every cohort, advisers the ones they are assigned to. */
  list(principal: Principal): Promise<CohortView[]> {
    return this.listed(principal.role === 'admin' ? undefined : principal.accountId);
  }

  /** The cohorts this account is assigned to as an adviser (its agenda feed, which has no session to ask with). */
  advisedBy(accountId: string): Promise<CohortView[]> {
    return this.listed(accountId);
  }

  /** Every cohort, or those `adviserId` is assigned to; newest deadline first. Two queries. */
  private async listed(adviserId: string | undefined): Promise<CohortView[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(Cohort, 'cohort')
      .orderBy('cohort.registrationDeadline', 'DESC')
      .addOrderBy('cohort.name', 'ASC');
    if (adviserId !== undefined) {
      query.innerJoin('cohort_advisers', 'assigned', 'assigned.cohort_id = cohort.id AND assigned.account_id = :accountId', { accountId: adviserId });
    }
    const cohorts = await query.getMany();
    const counts = await this.counts(cohorts.map((cohort) => cohort.id));
    return cohorts.map((cohort) => CohortView.of(cohort, counts.get(cohort.id)));
  }

  /** The cohort as a view: give the cohort when it was read already, or its id (404 when there is none). */
  async get(given: Cohort | string): Promise<CohortView> {
    const cohort = await this.given(this.dataSource.manager, given);
    return CohortView.of(cohort, (await this.counts([cohort.id])).get(cohort.id));
  }

  /** The cohort as stored (404 when there is none): for a page that reads it once and hands it to the services it asks. */
  read(id: string): Promise<Cohort> {
    return this.find(this.dataSource.manager, id);
  }

  /** The cohort a caller gave, or the one with the id it gave. */
  given(em: EntityManager, given: Cohort | string): Promise<Cohort> {
    return typeof given === 'string' ? this.find(em, given) : Promise.resolve(given);
  }

  /** The definition the edition runs (404 when there is no such cohort). */
  async programme(id: string): Promise<ProgrammeDefinition> {
    return programmeOf(await this.find(this.dataSource.manager, id));
  }

  /** Places taken and duos waiting, per cohort, in one query. */
  private async counts(cohortIds: string[]): Promise<Map<string, { placesTaken: number; waitingList: number }>> {
    const rows = await preparedQuery<{ cohort_id: string; places: number; waiting: number }>(
      this.dataSource.manager,
      `SELECT cohort_id, count(*) FILTER (WHERE holds_place)::int AS places, count(*) FILTER (WHERE state = 'waitingList')::int AS waiting
       FROM duos WHERE cohort_id = ANY($1) GROUP BY cohort_id`,
      [cohortIds],
    );
    return new Map(rows.map((row) => [row.cohort_id, { placesTaken: row.places, waitingList: row.waiting }]));
  }

  async registrationInfo(id: string): Promise<CohortRegistrationView> {
    const cohort = await this.find(this.dataSource.manager, id);
    return CohortRegistrationView.of(cohort, !dayHasPassed(cohort.registrationDeadline));
  }

  async advisers(given: Cohort | string): Promise<CohortAdviserView[]> {
    const cohort = await this.given(this.dataSource.manager, given);
    return this.adviserViews(this.dataSource.manager, cohort.id);
  }

  /** The active advisers not yet assigned to the cohort: whom assignAdviser would take. */
  async assignableAdvisers(cohortId: string): Promise<{ id: string; name: string; email: string }[]> {
    return preparedQuery<{ id: string; name: string; email: string }>(
      this.dataSource.manager,
      `SELECT a.id, a.name, a.email FROM accounts a
       WHERE a.role = 'adviser' AND a.disabled_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM cohort_advisers ca WHERE ca.cohort_id = $1 AND ca.account_id = a.id)
       ORDER BY lower(a.name), a.id`,
      [cohortId],
    );
  }

  assignAdviser(cohortId: string, accountId: string, principal: Principal, idempotencyKey?: string): Promise<CohortAdviserView[]> {
    const scope = `cohorts/${cohortId}/advisers`;
    return this.idempotency.run({ caller: actorOf(principal), scope, idempotencyKey, body: { accountId } }, async (em) => {
      await this.find(em, cohortId);
      const [account] = await em.query("SELECT name FROM accounts WHERE id = $1 AND role = 'adviser' AND disabled_at IS NULL", [accountId]);
      if (!account) {
        throw new DomainException('NOT_AN_ADVISER', `Account ${accountId} is not an active adviser; only advisers can be assigned to a cohort.`);
      }
      if (await this.insertAdviser(em, cohortId, accountId)) {
        await this.audit.record(em, actorOf(principal), {
          action: 'cohort.adviser_assigned',
          subjectType: 'cohort',
          subjectId: cohortId,
          details: { accountId, name: account.name },
        });
      }
      return this.adviserViews(em, cohortId);
    });
  }

  async isAdviserOf(accountId: string, cohortId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM cohort_advisers WHERE account_id = $1 AND cohort_id = $2', [
      accountId,
      cohortId,
    ]);
    return rows.length > 0;
  }

  /**
   * The cohort (404 when there is none). `lock`: `true` takes its row for a change (places, the
   * edition's own fields; FOR NO KEY UPDATE still lets registrations reference the cohort
   * meanwhile); `'share'` holds it still while a duo registers, so a change to the edition waits
   * for the registration and the other way round.
   */
  async find(em: EntityManager, id: string, lock: boolean | 'share' = false): Promise<Cohort> {
    const [cohort] = await COHORT_BY_ID[lock === 'share' ? 'share' : lock ? 'change' : 'read'](em, [id]);
    if (!cohort) throw cohortNotFound(id);
    return cohort;
  }

  /** These cohorts, those that exist, in one query. */
  findMany(em: EntityManager, ids: readonly string[]): Promise<Cohort[]> {
    return COHORT_BY_ID.many(em, [ids]);
  }

  private async adviserViews(em: EntityManager, cohortId: string): Promise<CohortAdviserView[]> {
    const rows = await preparedQuery<{ id: string; name: string; email: string; assigned_at: Date }>(
      em,
      `SELECT a.id, a.name, a.email, c.assigned_at FROM cohort_advisers c JOIN accounts a ON a.id = c.account_id
       WHERE c.cohort_id = $1 ORDER BY c.assigned_at`,
      [cohortId],
    );
    return rows.map(CohortAdviserView.of);
  }

  /** True when the adviser was not assigned yet. */
  private async insertAdviser(em: EntityManager, cohortId: string, accountId: string): Promise<boolean> {
    const inserted = await em.query(
      'INSERT INTO cohort_advisers (cohort_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING cohort_id',
      [cohortId, accountId],
    );
    return inserted.length > 0;
  }
}

/** The DTO allows the widest range of all programmes; the chosen programme may allow less. */
/** The newest version of the programme a new edition names; the DTO checks the key too, the service holds the rule. */
function programmeToRun(key: string): ProgrammeDefinition {
  const definition = currentProgramme(key);
  if (definition) return definition;
  const message = `programme must be one of ${currentProgrammes().map((candidate) => candidate.key).join(', ')} (GET /api/programmes lists them)`;
  throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field: 'programme', message }]);
}

/** A cohort by its id: read, held still (FOR SHARE), or taken for a change (FOR NO KEY UPDATE); cohorts by their ids. */
const COHORT_BY_ID = {
  read: entityQuery(Cohort, 'WHERE "id" = $1'),
  share: entityQuery(Cohort, 'WHERE "id" = $1 FOR SHARE'),
  change: entityQuery(Cohort, 'WHERE "id" = $1 FOR NO KEY UPDATE'),
  many: entityQuery(Cohort, 'WHERE "id" = ANY($1)'),
};

/** What an adviser may change of an edition (UpdateCohortDto), besides saying that it already ran. */
const EDITABLE_FIELDS = ['name', 'description', 'location', 'registrationDeadline', 'capacity', 'workshop3Planned'] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];

/** A new edition's registration deadline is today or later, unless the adviser enters an edition that already ran. */
function ensureDeadlineOpen(deadline: string, alreadyRan: boolean): void {
  if (alreadyRan || !dayHasPassed(deadline)) return;
  const today = todayInAmsterdam();
  const message = `${deadline} has passed, so the registration form would be closed at once; choose today (${today}) or later, or say that the edition already ran (alreadyRan: true)`;
  throw new DomainException('DATE_NOT_POSSIBLE', `registrationDeadline: ${message}.`, {
    params: { field: 'registrationDeadline', given: deadline, earliest: today, after: 'vandaag' },
    errors: [{ field: 'registrationDeadline', message }],
  });
}

/** "2027-04-01" → "2027-03-31". */
function previousDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** A capacity within the programme's range that leaves room for every place already taken. */
function ensureCapacityHolds(programme: ProgrammeDefinition, capacity: number, placesTaken: number): void {
  ensureCapacityFits(programme, capacity);
  if (capacity >= placesTaken) return;
  const message = `${placesTaken} places are taken, so the capacity cannot become ${capacity}; keep at least ${placesTaken}, or withdraw a duo first`;
  throw new DomainException('CAPACITY_BELOW_PLACES_TAKEN', `${message}.`, { params: { capacity, placesTaken }, errors: [{ field: 'capacity', message }] });
}

function ensureCapacityFits({ capacity }: ProgrammeDefinition, requested: number): void {
  const message = requested < capacity.min ? capacityTooSmall(capacity.min) : requested > capacity.max ? capacityTooLarge(capacity.max) : undefined;
  if (message) throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field: 'capacity', message }]);
}
