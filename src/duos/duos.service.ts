import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import { COHORT_MINIMUM, type Cohort } from '../cohorts/cohort.entity.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import type { Actor } from '../accounts/roles.js';
import type { ChangeHeaders } from '../shared/change.js';
import { dayHasPassed } from '../shared/dates.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import { CURRENT_TRAJECTORY_VERSION } from '../trajectory/trajectory-definitions.js';
import type {
  SideAttendance,
  TrajectoryEvent,
  TrajectoryEventType,
  TrajectoryInput,
  WorkshopAttendance,
  WorkshopNumber,
} from '../trajectory/trajectory.machine.js';
import {
  applyTrajectoryEvent,
  expectedEvents,
  freesPlace,
  holdsPlaceAfter,
  persistTrajectory,
  restoreTrajectory,
  startTrajectory,
  type TrajectorySnapshot,
} from '../trajectory/trajectory.js';
import { duoNotFound } from './duo-errors.js';
import { DuoEvent } from './duo-event.entity.js';
import { Duo, type ContactPerson } from './duo.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { SESSION_OF_EVENT } from '../sessions/session-kinds.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { DuoSummaryView, DuoView, NextStepView, RegistrationReceiptView, nextStepOf } from './duo.view.js';
import type { PublicationConsentDto } from './dto/publication-consent.dto.js';
import type { PublicRegistrationDto, RegisterDuoDto } from './dto/register-duo.dto.js';
import type {
  HoldAdvisoryMeetingDto,
  HoldIntakeDto,
  SideAttendanceDto,
  WithdrawalDto,
  WorkshopAttendanceDto,
} from './dto/trajectory-events.dto.js';

/** The first entry of every duo's event log: what it registered with and the input its trajectory started from. */
export const REGISTERED = 'REGISTERED';

const UNIQUE_VIOLATION = '23505';

type AttendanceEntry = WorkshopAttendanceDto & { duoId: string };
type AttendanceCorrection = WorkshopAttendanceDto & { reason: string };

/**
 * Every change to a duo is one transaction: lock the duo row, restore its trajectory, apply
 * the event, write the new snapshot and append the event to the log. Nothing is written
 * outside it, and a refused event writes nothing.
 */
@Injectable()
export class DuosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly cohorts: CohortsService,
    private readonly sessions: SessionsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** The public registration form: one contact person per side, and the attendance obligation accepted. */
  registerPublicly(cohortId: string, dto: PublicRegistrationDto, headers: ChangeHeaders): Promise<RegistrationReceiptView> {
    const { municipalityContact, providerContact, acceptsAttendanceObligation: _accepted, ...duo } = dto;
    const contactPersons = [
      { side: 'municipality' as const, ...municipalityContact },
      { side: 'provider' as const, ...providerContact },
    ];
    return this.register(cohortId, { ...duo, contactPersons }, headers, true).then(RegistrationReceiptView.of);
  }

  register(cohortId: string, dto: RegisterDuoDto, headers: ChangeHeaders, obligationAccepted = false): Promise<DuoView> {
    const scope = `cohorts/${cohortId}/duos`;
    return this.idempotency.run({ caller: headers.actor, scope, idempotencyKey: headers.idempotencyKey, body: dto }, async (em) => {
      const cohort = await this.cohorts.find(em, cohortId);
      if (dayHasPassed(cohort.registrationDeadline)) {
        throw new DomainException(
          'REGISTRATION_CLOSED',
          `Registration for cohort "${cohort.name}" closed at the end of ${cohort.registrationDeadline}.`,
          { params: { deadline: cohort.registrationDeadline } },
        );
      }
      const input: TrajectoryInput = { workshop3Planned: cohort.workshop3Planned };
      const snapshot = startTrajectory(input);
      const registration = {
        municipality: dto.municipality.trim(),
        provider: dto.provider.trim(),
        contactPersons: dto.contactPersons.map(({ side, name, email, phone }) => ({ side, name, email, ...(phone ? { phone } : {}) })),
        collectiveServices: dto.collectiveServices,
        questions: dto.questions ?? '',
        expectations: dto.expectations ?? '',
      };
      const duo = em.create(Duo, {
        ...registration,
        cohortId,
        trajectoryVersion: CURRENT_TRAJECTORY_VERSION,
        ...trajectoryColumns(snapshot),
        holdsPlace: false,
        namedInPublications: false,
        obligationAcceptedAt: obligationAccepted ? new Date() : null,
        version: 1,
      });
      await em.insert(Duo, duo).catch((error) => {
        throw isUniqueViolation(error)
          ? new DomainException(
              'DUO_ALREADY_REGISTERED',
              `${registration.municipality} and ${registration.provider} are already registered as a duo in this cohort.`,
              { params: { municipality: registration.municipality, provider: registration.provider } },
            )
          : error;
      });
      await this.appendEvent(
        em,
        duo,
        REGISTERED,
        { trajectoryInput: input, ...registration, obligationAccepted },
        headers.actor,
      );
      await this.notifications.registrationReceived(em, duo.id);
      return this.view(em, duo.id);
    });
  }

  /**
   * Admits the duo when its cohort has a place left, and otherwise puts it on the waiting list
   * (which is ordered by registration). Admissions to one cohort take turns on the cohort row.
   */
  admit(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.changeWithCohort(id, 'ADMIT', headers, async (em, duo, cohort) => {
      const taken = await this.placesTaken(em, cohort);
      if (taken < cohort.capacity || !['registered', 'waitingList'].includes(duo.state)) {
        return this.applyEvent(em, duo, { type: 'ADMIT' }, headers.actor);
      }
      if (duo.state === 'waitingList') {
        throw new DomainException(
          'COHORT_FULL',
          `All ${cohort.capacity} places of cohort "${cohort.name}" are taken; the duo stays on the waiting list and moves up when an admitted duo withdraws before workshop 1.`,
          { params: { capacity: cohort.capacity, admitted: taken } },
        );
      }
      return this.applyEvent(em, duo, { type: 'PLACE_ON_WAITING_LIST' }, headers.actor);
    });
  }

  placeOnWaitingList(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.changeWithCohort(id, 'PLACE_ON_WAITING_LIST', headers, (em, duo) =>
      this.applyEvent(em, duo, { type: 'PLACE_ON_WAITING_LIST' }, headers.actor),
    );
  }

  holdIntake(id: string, dto: HoldIntakeDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'HOLD_INTAKE', ...dto }, headers);
  }

  recordAttendance(id: string, workshop: WorkshopNumber, dto: WorkshopAttendanceDto, headers: ChangeHeaders): Promise<DuoView> {
    const event: TrajectoryEvent = { type: `RECORD_WORKSHOP_${workshop}_ATTENDANCE`, attendance: workshopAttendance(dto) };
    if (workshop !== 1) return this.record(id, event, headers);
    return this.changeWithCohort(id, event.type, headers, async (em, duo, cohort) => {
      await this.ensureCohortCanStart(em, cohort);
      await this.applyEvent(em, duo, event, headers.actor);
    }, event);
  }

  correctAttendance(id: string, workshop: WorkshopNumber, dto: AttendanceCorrection, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'CORRECT_ATTENDANCE', workshop, attendance: workshopAttendance(dto), reason: dto.reason }, headers);
  }

  /**
   * The attendance list of a workshop for several duos of a cohort, in one transaction: the
   * cohort row first, then the duo rows in id order. When one duo refuses, nothing is recorded.
   */
  recordWorkshopForCohort(cohortId: string, workshop: WorkshopNumber, entries: AttendanceEntry[], headers: ChangeHeaders): Promise<void> {
    const type = `RECORD_WORKSHOP_${workshop}_ATTENDANCE` as const;
    const scope = `cohorts/${cohortId}/workshops/${workshop}/attendance`;
    return this.idempotency.run({ caller: headers.actor, scope, idempotencyKey: headers.idempotencyKey, body: entries }, async (em) => {
      const cohort = await this.cohorts.find(em, cohortId, true);
      if (workshop === 1) await this.ensureCohortCanStart(em, cohort);
      const ids = entries.map((entry) => entry.duoId).sort();
      await this.ensureListComplete(em, cohort, type, ids);
      const duos = await em.find(Duo, { where: { id: In(ids), cohortId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const missing = ids.filter((id) => !duos.some((duo) => duo.id === id));
      if (missing.length) {
        throw new DomainException('DUO_NOT_FOUND', `Cohort "${cohort.name}" has no duo with id ${missing.join(', ')}; nothing was recorded.`);
      }
      for (const duo of duos) {
        const entry = entries.find((candidate) => candidate.duoId === duo.id) as AttendanceEntry;
        await this.applyEvent(em, duo, { type, attendance: workshopAttendance(entry) }, headers.actor).catch((error: unknown) => {
          if (!(error instanceof DomainException)) throw error;
          throw new DomainException(error.code, `${duo.municipality} / ${duo.provider}: ${error.message} Nothing on the list was recorded.`, error);
        });
      }
    });
  }

  holdAdvisoryMeeting(id: string, dto: HoldAdvisoryMeetingDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'HOLD_ADVISORY_MEETING', ...dto }, headers);
  }

  complete(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'COMPLETE' }, headers);
  }

  /** A withdrawal before workshop 1 gives the place back: the first duo on the waiting list is admitted in the same transaction. */
  withdraw(id: string, dto: WithdrawalDto, headers: ChangeHeaders): Promise<DuoView> {
    const event: TrajectoryEvent = { type: 'WITHDRAW', reason: dto.reason };
    const change = async (em: EntityManager, duo: Duo, cohort: Cohort) => {
      const { before, after } = await this.applyEvent(em, duo, event, headers.actor);
      if (freesPlace(before, after)) await this.admitFirstWaiting(em, cohort.id, duo, headers);
    };
    return this.changeWithCohort(id, 'WITHDRAW', headers, change, event);
  }

  /** Whether the duo may be named in published reports; an adviser records what the duo agreed. */
  setPublicationConsent(id: string, dto: PublicationConsentDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.idempotency.run({ caller: headers.actor, scope: `duos/${id}/publication-consent`, idempotencyKey: headers.idempotencyKey, body: dto }, async (em) => {
      const duo = await this.lockedDuo(em, id, headers);
      await em.update(Duo, { id }, { namedInPublications: dto.namedInPublications });
      await this.audit.record(em, headers.actor, {
        action: 'duo.publication_consent',
        subjectType: 'duo',
        subjectId: id,
        details: { namedInPublications: dto.namedInPublications, before: duo.namedInPublications },
      });
      return this.view(em, id);
    });
  }

  get(id: string): Promise<DuoView> {
    return this.view(this.dataSource.manager, id);
  }

  async nextStep(id: string): Promise<NextStepView> {
    return this.nextStepWithSession(this.dataSource.manager, await this.find(this.dataSource.manager, id));
  }

  /** The duos of a cohort that the attendance list of a workshop must name: those whose trajectory now expects it. */
  async expectedAtWorkshop(cohortId: string, workshop: WorkshopNumber): Promise<DuoSummaryView[]> {
    const duos = await this.expecting(this.dataSource.manager, cohortId, `RECORD_WORKSHOP_${workshop}_ATTENDANCE`);
    return duos.map(DuoSummaryView.of);
  }

  private async expecting(em: EntityManager, cohortId: string, type: TrajectoryEventType): Promise<Duo[]> {
    const duos = await em.find(Duo, { where: { cohortId }, order: { registeredAt: 'ASC' } });
    return duos.filter((duo) => expectedEvents(restoreTrajectory(duo.trajectoryVersion, duo.trajectorySnapshot)).includes(type));
  }

  async listInCohort(cohortId: string): Promise<DuoSummaryView[]> {
    await this.cohorts.find(this.dataSource.manager, cohortId);
    const duos = await this.dataSource.manager.find(Duo, { where: { cohortId }, order: { registeredAt: 'ASC' } });
    return duos.map(DuoSummaryView.of);
  }

  /** A change to one duo that does not concern its cohort's places: only the duo row is locked. */
  private record(id: string, event: TrajectoryEvent, headers: ChangeHeaders): Promise<DuoView> {
    return this.idempotency.run(changeRequest(id, event.type, headers, event), async (em) => {
      const duo = await this.lockedDuo(em, id, headers);
      await this.applyEvent(em, duo, event, headers.actor);
      return this.view(em, id);
    });
  }

  /**
   * A change that concerns the cohort's places. The cohort row is locked before any duo row,
   * here and wherever several duos change together, so such transactions cannot deadlock.
   */
  private changeWithCohort(
    id: string,
    eventType: TrajectoryEventType,
    headers: ChangeHeaders,
    change: (em: EntityManager, duo: Duo, cohort: Cohort) => Promise<unknown>,
    body?: unknown,
  ): Promise<DuoView> {
    return this.idempotency.run(changeRequest(id, eventType, headers, body), async (em) => {
      const cohortId = await this.cohortIdOf(id, em);
      if (!cohortId) throw duoNotFound(id);
      const cohort = await this.cohorts.find(em, cohortId, true);
      await change(em, await this.lockedDuo(em, id, headers), cohort);
      return this.view(em, id);
    });
  }

  /** A list is for the whole cohort: every duo whose trajectory expects this workshop's attendance must be on it. */
  private async ensureListComplete(em: EntityManager, cohort: Cohort, type: TrajectoryEventType, listed: string[]): Promise<void> {
    const missing = (await this.expecting(em, cohort.id, type)).filter((duo) => !listed.includes(duo.id));
    if (missing.length) {
      const missingDuos = missing.map((duo) => `${duo.municipality} / ${duo.provider}`);
      throw new DomainException(
        'ATTENDANCE_LIST_INCOMPLETE',
        `The list lacks ${missingDuos.join(', ')}, expected at this workshop; put every duo on it (absent sides as absent). Nothing was recorded.`,
        { params: { missingDuos } },
      );
    }
  }

  /** How many of the cohort's places are taken (the duos whose `holds_place` is set). */
  private async placesTaken(em: EntityManager, cohort: Cohort): Promise<number> {
    const [{ taken }] = await em.query('SELECT count(*)::int AS taken FROM duos WHERE cohort_id = $1 AND holds_place', [cohort.id]);
    return taken;
  }

  /** Workshop 1 starts the cohort, which needs COHORT_MINIMUM admitted duos. */
  private async ensureCohortCanStart(em: EntityManager, cohort: Cohort): Promise<void> {
    const admitted = await this.placesTaken(em, cohort);
    if (admitted < COHORT_MINIMUM) {
      throw new DomainException(
        'COHORT_BELOW_MINIMUM',
        `Cohort "${cohort.name}" has ${admitted} admitted duos; it needs at least ${COHORT_MINIMUM} to start with workshop 1. Admit more duos first.`,
        { params: { minimum: COHORT_MINIMUM, admitted } },
      );
    }
  }

  /** Once workshop 1 is recorded for any duo of the cohort, the cohort has started: nobody moves up any more. */
  private async admitFirstWaiting(em: EntityManager, cohortId: string, leaving: Duo, headers: ChangeHeaders): Promise<void> {
    const [started] = await em.query(
      "SELECT 1 FROM duos WHERE cohort_id = $1 AND trajectory_snapshot->'context'->'attendance' ? '1' LIMIT 1",
      [cohortId],
    );
    if (started) return;
    const [next] = await em.query(
      "SELECT id FROM duos WHERE cohort_id = $1 AND state = 'waitingList' ORDER BY registered_at, id LIMIT 1 FOR UPDATE",
      [cohortId],
    );
    if (!next) return;
    const duo = await this.find(em, next.id, true);
    await this.applyEvent(em, duo, { type: 'ADMIT', movedUpFromWaitingList: true, placeOf: leaving.id }, headers.actor);
  }

  private async lockedDuo(em: EntityManager, id: string, headers: ChangeHeaders): Promise<Duo> {
    const duo = await this.find(em, id, true);
    if (headers.expectedVersion !== undefined && headers.expectedVersion !== duo.version) {
      throw new DomainException(
        'VERSION_CONFLICT',
        `The duo has changed since version ${headers.expectedVersion}; it is at version ${duo.version} now. Read it again and decide anew.`,
        { params: { expectedVersion: headers.expectedVersion, currentVersion: duo.version } },
      );
    }
    return duo;
  }

  /**
   * Applies one event to a duo whose row this transaction has locked: restore, transition,
   * write the snapshot and its columns, append the event. A refusal throws and writes nothing.
   */
  private async applyEvent(em: EntityManager, duo: Duo, event: TrajectoryEvent, actor: Actor) {
    const before = restoreTrajectory(duo.trajectoryVersion, duo.trajectorySnapshot);
    const result = applyTrajectoryEvent(duo.trajectoryVersion, before, event);
    if (!result.accepted) throw new DomainException(result.refusal.code, result.refusal.message, result.refusal);
    const after = result.snapshot;
    Object.assign(duo, trajectoryColumns(after, duo.trajectoryVersion), {
      holdsPlace: holdsPlaceAfter(before, after),
      version: duo.version + 1,
    });
    await em.update(Duo, { id: duo.id }, {
      trajectorySnapshot: duo.trajectorySnapshot,
      state: duo.state,
      advisoryMeetingsHeld: duo.advisoryMeetingsHeld,
      holdsPlace: duo.holdsPlace,
      version: duo.version,
    });
    const { type, ...payload } = event;
    await this.appendEvent(em, duo, type, payload, actor);
    await this.notifications.trajectoryEventAccepted(em, duo.id, type);
    return { before, after };
  }

  private async appendEvent(em: EntityManager, duo: Duo, type: string, payload: object, actor: Actor): Promise<void> {
    await em.insert(DuoEvent, {
      duoId: duo.id,
      sequence: duo.version,
      type,
      payload: { ...payload },
      actor: actor.name,
      actorId: actor.id,
      trajectoryVersion: duo.trajectoryVersion,
    });
  }

  /**
   * The duo's trajectory, for other modules (404 when there is no such duo). With `forShare`, for a change elsewhere that
   * depends on where the duo stands (its evidence and cycles): the duo row is share-locked, so
   * its trajectory cannot move until that change commits.
   */
  async trajectoryOf(em: EntityManager, id: string, forShare = false): Promise<TrajectorySnapshot> {
    const duo = await em.findOne(Duo, { where: { id }, ...(forShare ? { lock: { mode: 'pessimistic_read' as const } } : {}) });
    if (!duo) throw duoNotFound(id);
    return restoreTrajectory(duo.trajectoryVersion, duo.trajectorySnapshot);
  }

  /** One of the duo's contact persons, found by e-mail address (any case). */
  async contactPerson(em: EntityManager, duoId: string, email: string): Promise<ContactPerson | undefined> {
    const duo = await this.find(em, duoId);
    return duo.contactPersons.find((person) => person.email.toLowerCase() === email.trim().toLowerCase());
  }

  /**
   * The cohort a duo is in, or null when there is no such duo. Inside a transaction pass its
   * manager: a second connection per transaction would exhaust the pool under load.
   */
  async cohortIdOf(id: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = await em.query('SELECT cohort_id FROM duos WHERE id = $1', [id]);
    return row?.cohort_id ?? null;
  }

  private async find(em: EntityManager, id: string, lock = false): Promise<Duo> {
    const duo = await em.findOne(Duo, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!duo) throw duoNotFound(id);
    return duo;
  }

  private async view(em: EntityManager, id: string): Promise<DuoView> {
    const duo = await this.find(em, id);
    const history = await em.find(DuoEvent, { where: { duoId: id }, order: { sequence: 'ASC' } });
    return DuoView.withHistory(duo, history, await this.nextStepWithSession(em, duo));
  }

  /** The next step, with the next planned session at which the duo can take one of its expected steps. */
  private async nextStepWithSession(em: EntityManager, duo: Duo): Promise<NextStepView> {
    const step = nextStepOf(duo);
    const kinds = step.expects.flatMap(({ event }) => SESSION_OF_EVENT[event] ?? []);
    return { ...step, session: await this.sessions.nextFor(em, duo.id, kinds) };
  }
}

function trajectoryColumns(snapshot: TrajectorySnapshot, version = CURRENT_TRAJECTORY_VERSION) {
  return {
    trajectorySnapshot: persistTrajectory(version, snapshot),
    state: String(snapshot.value),
    advisoryMeetingsHeld: snapshot.context.advisoryMeetingsHeld,
  };
}

/** Field by field: only what the DTO declares reaches the machine and the event log. */
function workshopAttendance(dto: WorkshopAttendanceDto): WorkshopAttendance {
  return { municipality: sideAttendance(dto.municipality), provider: sideAttendance(dto.provider) };
}

function sideAttendance(side: SideAttendanceDto): SideAttendance {
  return {
    status: side.status,
    ...(side.attendees ? { attendees: [...side.attendees] } : {}),
    ...(side.excuse ? { excuse: { reason: side.excuse.reason, excusedBy: side.excuse.excusedBy } } : {}),
  };
}

function changeRequest(id: string, eventType: string, headers: ChangeHeaders, body: unknown = { type: eventType }) {
  return { caller: headers.actor, scope: `duos/${id}/${eventType}`, idempotencyKey: headers.idempotencyKey, body };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}
