import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../shared/roles.js';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders, DuoConsequence } from '../shared/change.js';
import { meetsAttendanceObligation, type WorkshopAttendance } from '../programmes/attendance.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import { attendanceSessionOf, sessionEventType, type ProgrammeDefinition } from '../programmes/programme.js';
import {
  applyTrajectoryEvent,
  freesPlace,
  holdsPlaceAfter,
  persistTrajectory,
  restoreTrajectory,
  startTrajectory,
  type SessionEvent,
  type TrajectoryEvent,
  type TrajectorySnapshot,
} from '../trajectory/trajectory.js';
import { duoNotFound } from '../problems/not-found.js';
import { DuoRepository } from './duo.repository.js';
import { Duo } from './duo.entity.js';
import type { DuoView } from './duo.view.js';
import { DuosService } from './duos.service.js';

/** The first entry of every duo's event log: what it registered with and the input its trajectory started from. */
export const REGISTERED = 'REGISTERED';

/** What a duo registers with; the writer adds its trajectory. */
export type Registration = Pick<Duo, 'municipality' | 'provider' | 'contactPersons' | 'collectiveServices' | 'questions' | 'expectations'>;

/** A change given a duo row the writer has locked; `apply` is the only way to move its trajectory. */
export type DuoChange<T> = (em: EntityManager, duo: Duo) => Promise<T>;

/**
 * The only code that locks duo rows, restores their trajectories, applies events, persists
 * snapshots, logs events and notifies. Every change to a duo is one transaction: lock the duo
 * row, restore its trajectory, apply the event, write the new snapshot and append the event.
 * Nothing is written outside it, and a refused event writes nothing.
 *
 * Lock order, wherever several rows change together: the cohort row first, then the duo rows
 * in id order, so such transactions cannot deadlock.
 */
@Injectable()
export class TrajectoryWriter {
  constructor(
    private readonly repository: DuoRepository,
    private readonly idempotency: IdempotencyService,
    private readonly cohorts: CohortsService,
    private readonly notifications: NotificationsService,
    private readonly duos: DuosService,
  ) {}

  /** Inserts a new duo at the start of its trajectory, logs REGISTERED and sends the receipt, in `em`'s transaction. */
  async start(em: EntityManager, cohort: Cohort, registration: Registration, obligationAccepted: boolean, actor: Actor): Promise<Duo> {
    const programme = programmeOf(cohort);
    // The cohort's `workshop3Planned` (its API name since the first edition) says whether it holds its optional sessions.
    const input = programme.inputOf({ optionalSessionsPlanned: cohort.workshop3Planned });
    const duo = em.create(Duo, {
      ...registration,
      cohortId: cohort.id,
      trajectoryVersion: programme.version,
      ...trajectoryColumns(programme, startTrajectory(programme, input)),
      holdsPlace: false,
      namedInPublications: false,
      obligationAcceptedAt: obligationAccepted ? new Date() : null,
      version: 1,
    });
    await this.repository.insert(em, duo);
    await this.repository.appendEvent(em, duo, REGISTERED, { trajectoryInput: input, ...registration, obligationAccepted }, actor);
    await this.notifications.registrationReceived(em, duo.id);
    return duo;
  }

  /**
   * One event for one duo that does not concern its cohort's places: only the duo row is locked.
   * The Idempotency-Key is scoped by the event as the machine takes it, and that event is the
   * body, as when each route sent the machine's own event: a session-keyed event keeps the scope
   * (`duos/{id}/HOLD_INTAKE`) that clients' retries were stored under.
   */
  async record(id: string, event: TrajectoryEvent | SessionEvent, headers: ChangeHeaders): Promise<DuoView> {
    const stored = (await this.duos.programme(id)).machineEvent(event);
    return this.change(id, stored.type, headers, stored, (em, duo) => this.apply(em, duo, event, headers.actor));
  }

  /** A change to one duo in its own transaction (idempotent under `duos/{id}/{name}`), its row locked and its version checked. */
  change(id: string, name: string, headers: ChangeHeaders, body: unknown, change: DuoChange<unknown>): Promise<DuoView> {
    return this.changeAnswering(id, name, headers, body, async (em, duo) => {
      await change(em, duo);
      return this.duos.view(em, id);
    });
  }

  /** As `change`, answering with what the change returns. */
  changeAnswering<T>(id: string, name: string, headers: ChangeHeaders, body: unknown, change: DuoChange<T>): Promise<T> {
    return this.idempotency.run(duoChangeRequest(id, name, headers, body), async (em) => change(em, await this.lock(em, id, headers)));
  }

  /** A change that concerns the cohort's places: the cohort row is locked before the duo row. */
  changeWithCohort(
    id: string,
    name: string,
    headers: ChangeHeaders,
    body: unknown,
    change: (em: EntityManager, duo: Duo, cohort: Cohort) => Promise<unknown>,
  ): Promise<DuoView> {
    return this.idempotency.run(duoChangeRequest(id, name, headers, body), async (em) => {
      const cohortId = await this.repository.cohortIdOf(em, id);
      if (!cohortId) throw duoNotFound(id);
      const cohort = await this.cohorts.find(em, cohortId, true);
      await change(em, await this.lock(em, id, headers), cohort);
      return this.duos.view(em, id);
    });
  }

  /**
   * Every duo of a cohort whose row this transaction must hold before it decides anything
   * about the cohort's duos together (an attendance list): the cohort row, then all duo rows
   * in id order. What the caller reads from them afterwards cannot change until it commits.
   */
  async lockCohort(em: EntityManager, cohortId: string): Promise<{ cohort: Cohort; duos: Duo[] }> {
    const cohort = await this.cohorts.find(em, cohortId, true);
    return { cohort, duos: await this.repository.lockInCohort(em, cohortId) };
  }

  /** Admits the first duo on the cohort's waiting list into the place `leaving` gave back (the cohort row is already locked). */
  async moveUpFirstWaiting(em: EntityManager, cohortId: string, leaving: Duo, actor: Actor): Promise<void> {
    const next = await this.repository.lockFirstWaiting(em, cohortId);
    if (next) await this.apply(em, next, { type: 'ADMIT', movedUpFromWaitingList: true, placeOf: leaving.id }, actor);
  }

  /**
   * Applies one event to a duo whose row this transaction has locked: restore, transition,
   * write the snapshot and its columns, append the event, notify, and tell the transaction what
   * it did (a preview shows that). A refusal throws and writes nothing.
   */
  async apply(em: EntityManager, duo: Duo, given: TrajectoryEvent | SessionEvent, actor: Actor): Promise<{ before: TrajectorySnapshot; after: TrajectorySnapshot }> {
    const programme = await this.duos.programmeOf(em, duo);
    const before = restoreTrajectory(programme, duo.trajectorySnapshot);
    const result = applyTrajectoryEvent(programme, before, given);
    if (!result.accepted) throw new DomainException(result.refusal.code, result.refusal.message, result.refusal);
    const { snapshot: after, event } = result;
    Object.assign(duo, trajectoryColumns(programme, after), {
      holdsPlace: holdsPlaceAfter(before, after),
      version: duo.version + 1,
    });
    await this.repository.saveTrajectory(em, duo);
    const { type, ...payload } = event;
    await this.repository.appendEvent(em, duo, type, payload, actor);
    if ('attendance' in event) await this.keepAttendance(em, duo, event, programme);
    await this.notifications.trajectoryEventAccepted(em, duo.id, type);
    this.idempotency.tell(em, { duo: consequenceOf(duo, event, before, after) });
    return { before, after };
  }

  /** What other modules read of attendance (the lists, the reports, whether the edition started), as a row beside the event. */
  private async keepAttendance(em: EntityManager, duo: Duo, event: TrajectoryEvent & { attendance?: WorkshopAttendance }, programme: ProgrammeDefinition): Promise<void> {
    const session = attendanceSessionOf(programme, event);
    if (!session || !event.attendance) return;
    await this.repository.saveAttendance(em, duo, {
      session: session.key,
      attendance: event.attendance,
      met: !session.mandatory || meetsAttendanceObligation(event.attendance),
      corrected: event.type !== sessionEventType(programme, session),
    });
  }

  private async lock(em: EntityManager, id: string, headers: ChangeHeaders): Promise<Duo> {
    const duo = await this.repository.find(em, id, 'write');
    if (headers.expectedVersion !== undefined && headers.expectedVersion !== duo.version) {
      throw new DomainException(
        'VERSION_CONFLICT',
        `The duo has changed since version ${headers.expectedVersion}; it is at version ${duo.version} now. Read it again and decide anew.`,
        { params: { expectedVersion: headers.expectedVersion, currentVersion: duo.version } },
      );
    }
    return duo;
  }
}

function trajectoryColumns(programme: ProgrammeDefinition, snapshot: TrajectorySnapshot) {
  return {
    trajectorySnapshot: persistTrajectory(programme, snapshot),
    state: String(snapshot.value),
    advisoryMeetingsHeld: programme.progress(snapshot).meetingsHeld,
  };
}

function duoChangeRequest(id: string, name: string, headers: ChangeHeaders, body: unknown = { type: name }) {
  return changeRequest(headers, `duos/${id}/${name}`, body);
}

/** What an accepted event did to the duo, as a preview and a page's notice say it. */
function consequenceOf(duo: Duo, event: TrajectoryEvent, before: TrajectorySnapshot, after: TrajectorySnapshot): DuoConsequence {
  return {
    duoId: duo.id,
    municipality: duo.municipality,
    provider: duo.provider,
    event: event.type,
    from: String(before.value),
    to: String(after.value),
    dropsOut: after.value === 'droppedOut' && before.value !== 'droppedOut',
    returns: before.value === 'droppedOut' && after.value !== 'droppedOut',
    movesUp: event.movedUpFromWaitingList === true,
    givesPlaceBack: freesPlace(before, after),
  };
}
