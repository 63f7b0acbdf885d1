import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import { firstEditionSession } from '../programmes/programme.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { freesPlace } from '../trajectory/trajectory.js';
import type { Duo } from './duo.entity.js';
import { DuoRepository } from './duo.repository.js';
import type { DuoView } from './duo.view.js';
import type { WithdrawalDto } from './dto/trajectory-events.dto.js';
import { TrajectoryWriter } from './trajectory-writer.js';

/**
 * Admission and places: a cohort's capacity, its waiting list (ordered by registration), moving
 * up when a place comes free, and the minimum it needs to start. Every change here locks the
 * cohort row first, so admissions to one cohort take turns.
 */
@Injectable()
export class PlacesService {
  constructor(
    private readonly writer: TrajectoryWriter,
    private readonly repository: DuoRepository,
  ) {}

  /** Admits the duo when its cohort has a place left, and otherwise puts it on the waiting list. */
  admit(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.changeWithCohort(id, 'ADMIT', headers, undefined, async (em, duo, cohort) => {
      const taken = await this.repository.placesTaken(em, cohort.id);
      if (taken < cohort.capacity || !['registered', 'waitingList'].includes(duo.state)) {
        return this.writer.apply(em, duo, { type: 'ADMIT' }, headers.actor);
      }
      if (duo.state === 'waitingList') {
        throw new DomainException(
          'COHORT_FULL',
          `All ${cohort.capacity} places of cohort "${cohort.name}" are taken; the duo stays on the waiting list and moves up when an admitted duo withdraws before ${firstSession(cohort)}.`,
          { params: { capacity: cohort.capacity, admitted: taken } },
        );
      }
      return this.writer.apply(em, duo, { type: 'PLACE_ON_WAITING_LIST' }, headers.actor);
    });
  }

  placeOnWaitingList(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.changeWithCohort(id, 'PLACE_ON_WAITING_LIST', headers, undefined, (em, duo) =>
      this.writer.apply(em, duo, { type: 'PLACE_ON_WAITING_LIST' }, headers.actor),
    );
  }

  /** A withdrawal before the edition's first session gives the place back: the first duo on the waiting list is admitted in the same transaction. */
  withdraw(id: string, dto: WithdrawalDto, headers: ChangeHeaders): Promise<DuoView> {
    const event = { type: 'WITHDRAW', reason: dto.reason };
    return this.writer.changeWithCohort(id, 'WITHDRAW', headers, event, async (em, duo, cohort) => {
      const { before, after } = await this.writer.apply(em, duo, event, headers.actor);
      if (freesPlace(before, after)) await this.moveUp(em, cohort.id, duo, headers);
    });
  }

  /** The edition's first session starts the cohort, which needs its programme's minimum of admitted duos. Call it with the cohort row locked. */
  async ensureCohortCanStart(em: EntityManager, cohort: Cohort): Promise<void> {
    const { minimumToStart: minimum } = programmeOf(cohort);
    const admitted = await this.repository.placesTaken(em, cohort.id);
    if (admitted < minimum) {
      throw new DomainException(
        'COHORT_BELOW_MINIMUM',
        `Cohort "${cohort.name}" has ${admitted} admitted duos; it needs at least ${minimum} to start with ${firstSession(cohort)}. Admit more duos first.`,
        { params: { minimum, admitted } },
      );
    }
  }

  /** Once the first session's attendance is recorded for any duo of the cohort, the cohort has started: nobody moves up any more. */
  private async moveUp(em: EntityManager, cohortId: string, leaving: Duo, headers: ChangeHeaders): Promise<void> {
    if (await this.repository.cohortHasStarted(em, cohortId)) return;
    await this.writer.moveUpFirstWaiting(em, cohortId, leaving, headers.actor);
  }
}

/** The session that starts the edition, in English: "workshop 1". */
function firstSession(cohort: Cohort): string {
  return firstEditionSession(programmeOf(cohort))?.englishName ?? 'its first session';
}
