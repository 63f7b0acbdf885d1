import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { CohortsService } from '../cohorts/cohorts.service.js';
import type { Actor } from '../accounts/roles.js';
import type { ChangeHeaders } from '../shared/change.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import { CURRENT_TRAJECTORY_VERSION } from '../trajectory/trajectory-definitions.js';
import type { SideAttendance, TrajectoryEvent, TrajectoryInput } from '../trajectory/trajectory.machine.js';
import {
  applyTrajectoryEvent,
  persistTrajectory,
  placeHoldingStates,
  restoreTrajectory,
  startTrajectory,
  type NextStep,
  type TrajectorySnapshot,
} from '../trajectory/trajectory.js';
import { duoNotFound } from './duo-errors.js';
import { DuoEvent } from './duo-event.entity.js';
import { Duo, type ContactPerson } from './duo.entity.js';
import { DuoSummaryView, DuoView, nextStepOf } from './duo.view.js';
import type { RegisterDuoDto } from './dto/register-duo.dto.js';
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
  ) {}

  register(cohortId: string, dto: RegisterDuoDto, headers: ChangeHeaders): Promise<DuoView> {
    const scope = `cohorts/${cohortId}/duos`;
    return this.idempotency.run({ scope, idempotencyKey: headers.idempotencyKey, body: dto }, async (em) => {
      const cohort = await this.cohorts.find(em, cohortId);
      if (isPast(cohort.registrationDeadline)) {
        throw new DomainException(
          'REGISTRATION_CLOSED',
          `Registration for cohort "${cohort.name}" closed at the end of ${cohort.registrationDeadline}.`,
        );
      }
      const input: TrajectoryInput = { workshop3Planned: cohort.workshop3Planned };
      const snapshot = startTrajectory(input);
      const registration = {
        municipality: dto.municipality.trim(),
        provider: dto.provider.trim(),
        contactPersons: dto.contactPersons.map((person) => ({ ...person })),
        collectiveServices: dto.collectiveServices,
        questions: dto.questions ?? '',
        expectations: dto.expectations ?? '',
      };
      const duo = em.create(Duo, {
        ...registration,
        cohortId,
        trajectoryVersion: CURRENT_TRAJECTORY_VERSION,
        ...trajectoryColumns(snapshot),
        version: 1,
      });
      await em.insert(Duo, duo).catch((error) => {
        throw isUniqueViolation(error)
          ? new DomainException(
              'DUO_ALREADY_REGISTERED',
              `${registration.municipality} and ${registration.provider} are already registered as a duo in this cohort.`,
            )
          : error;
      });
      await this.appendEvent(em, duo, REGISTERED, { trajectoryInput: input, ...registration }, headers.actor);
      return this.view(em, duo.id);
    });
  }

  /** Admits the duo when the cohort has a place left. Admissions to one cohort take turns on its row. */
  admit(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'ADMIT' }, headers, (em, duo) => this.ensurePlaceLeft(em, duo.cohortId));
  }

  placeOnWaitingList(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'PLACE_ON_WAITING_LIST' }, headers);
  }

  holdIntake(id: string, dto: HoldIntakeDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'HOLD_INTAKE', ...dto }, headers);
  }

  recordAttendance(id: string, workshop: 1 | 2 | 3, dto: WorkshopAttendanceDto, headers: ChangeHeaders): Promise<DuoView> {
    const attendance = { municipality: sideAttendance(dto.municipality), provider: sideAttendance(dto.provider) };
    return this.record(id, { type: `RECORD_WORKSHOP_${workshop}_ATTENDANCE`, attendance }, headers);
  }

  holdAdvisoryMeeting(id: string, dto: HoldAdvisoryMeetingDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'HOLD_ADVISORY_MEETING', ...dto }, headers);
  }

  complete(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'COMPLETE' }, headers);
  }

  withdraw(id: string, dto: WithdrawalDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.record(id, { type: 'WITHDRAW', reason: dto.reason }, headers);
  }

  get(id: string): Promise<DuoView> {
    return this.view(this.dataSource.manager, id);
  }

  async nextStep(id: string): Promise<NextStep> {
    return nextStepOf(await this.find(this.dataSource.manager, id));
  }

  async listInCohort(cohortId: string): Promise<DuoSummaryView[]> {
    await this.cohorts.find(this.dataSource.manager, cohortId);
    const duos = await this.dataSource.manager.find(Duo, { where: { cohortId }, order: { registeredAt: 'ASC' } });
    return duos.map(DuoSummaryView.of);
  }

  private record(
    id: string,
    event: TrajectoryEvent,
    headers: ChangeHeaders,
    checkBeforeWrite?: (em: EntityManager, duo: Duo) => Promise<void>,
  ): Promise<DuoView> {
    const scope = `duos/${id}/${event.type}`;
    return this.idempotency.run({ scope, idempotencyKey: headers.idempotencyKey, body: event }, async (em) => {
      const duo = await this.find(em, id, true);
      if (headers.expectedVersion !== undefined && headers.expectedVersion !== duo.version) {
        throw new DomainException(
          'VERSION_CONFLICT',
          `The duo has changed since version ${headers.expectedVersion}; it is at version ${duo.version} now. Read it again and decide anew.`,
        );
      }
      const result = applyTrajectoryEvent(
        duo.trajectoryVersion,
        restoreTrajectory(duo.trajectoryVersion, duo.trajectorySnapshot),
        event,
      );
      if (!result.accepted) throw new DomainException(result.refusal.code, result.refusal.message);
      await checkBeforeWrite?.(em, duo);
      Object.assign(duo, trajectoryColumns(result.snapshot, duo.trajectoryVersion), { version: duo.version + 1 });
      await em.update(Duo, { id }, {
        trajectorySnapshot: duo.trajectorySnapshot,
        state: duo.state,
        advisoryMeetingsHeld: duo.advisoryMeetingsHeld,
        version: duo.version,
      });
      const { type, ...payload } = event;
      await this.appendEvent(em, duo, type, payload, headers.actor);
      return this.view(em, id);
    });
  }

  private async ensurePlaceLeft(em: EntityManager, cohortId: string): Promise<void> {
    const cohort = await this.cohorts.find(em, cohortId, true);
    const [{ taken }] = await em.query(
      'SELECT count(*)::int AS taken FROM duos WHERE cohort_id = $1 AND state = ANY($2)',
      [cohortId, placeHoldingStates()],
    );
    if (taken >= cohort.capacity) {
      throw new DomainException(
        'COHORT_FULL',
        `All ${cohort.capacity} places of cohort "${cohort.name}" are taken: a place frees up only when an admitted duo withdraws.`,
      );
    }
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

  /** One of the duo's contact persons, found by e-mail address (any case). */
  async contactPerson(em: EntityManager, duoId: string, email: string): Promise<ContactPerson | undefined> {
    const duo = await this.find(em, duoId);
    return duo.contactPersons.find((person) => person.email.toLowerCase() === email.trim().toLowerCase());
  }

  /** The cohort a duo is in, or null when there is no such duo (for the access guard). */
  async cohortIdOf(id: string): Promise<string | null> {
    const [row] = await this.dataSource.query('SELECT cohort_id FROM duos WHERE id = $1', [id]);
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
    return DuoView.withHistory(duo, history);
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
function sideAttendance(side: SideAttendanceDto): SideAttendance {
  return {
    status: side.status,
    ...(side.attendees ? { attendees: [...side.attendees] } : {}),
    ...(side.excuse ? { excuse: { reason: side.excuse.reason, excusedBy: side.excuse.excusedBy } } : {}),
  };
}

/** Whether the day has ended in the Netherlands, where the cohorts run. */
function isPast(day: string): boolean {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  return day < today;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}
