import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import { firstEditionSession } from '../programmes/programme.js';
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException, type AdmissionRefusal } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { freesPlace } from '../trajectory/trajectory.js';
import type { Duo } from './duo.entity.js';
import { DuoRepository } from './duo.repository.js';
import { DuoSummaryView, type DuoView } from './duo.view.js';
import type { WithdrawalDto } from './dto/trajectory-events.dto.js';
import { TrajectoryWriter } from './trajectory-writer.js';
import { unitName } from '../shared/unit-name.js';

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
    private readonly idempotency: IdempotencyService,
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

  /**
   * Admits several duos of one cohort in one transaction, all or none. Unlike a single admission,
   * a duo for which no place is left is not put on the waiting list: the whole request is refused,
   * naming each duo that could not be admitted and why. The places go to the chosen duos in order
   * of registration, as the waiting list would give them. Locks as every multi-duo change: the
   * cohort row, then all its duo rows in id order, so racing admissions take turns and never
   * exceed the capacity.
   */
  async admitMany(cohortId: string, duoIds: string[], headers: ChangeHeaders): Promise<DuoSummaryView[]> {
    const chosen = [...duoIds].sort();
    return this.idempotency.run(changeRequest(headers, `cohorts/${cohortId}/admissions`, { duoIds: chosen }), async (em) => {
      const { cohort, duos } = await this.writer.lockCohort(em, cohortId);
      const missing = chosen.filter((id) => !duos.some((duo) => duo.id === id));
      if (missing.length) {
        throw new DomainException('DUO_NOT_FOUND', `Cohort "${cohort.name}" has no duo with id ${missing.join(', ')}; nobody was admitted.`);
      }
      const admitting = duos
        .filter((duo) => chosen.includes(duo.id))
        .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || a.id.localeCompare(b.id));
      const admitted = await this.repository.placesTaken(em, cohort.id);
      let left = cohort.capacity - admitted;
      const refused: AdmissionRefusal[] = [];
      for (const duo of admitting) {
        const waiting = ['registered', 'waitingList'].includes(duo.state);
        if (waiting && left > 0) left -= 1;
        else refused.push({ duoId: duo.id, duo: unitName(duo, ' / '), reason: waiting ? 'noPlaceLeft' : 'notWaitingForAdmission', state: duo.state });
      }
      if (refused.length) {
        const why = refused.map(({ duo, reason, state }) => `${duo}: ${reason === 'noPlaceLeft' ? 'no place left' : `it is ${state}, not waiting for admission`}`);
        throw new DomainException(
          'ADMISSIONS_REFUSED',
          `Nobody was admitted. ${why.join('; ')}. Cohort "${cohort.name}" has ${admitted} of ${cohort.capacity} places taken; choose only registered or waiting duos, no more than the places left.`,
          { params: { capacity: cohort.capacity, admitted, refused } },
        );
      }
      for (const duo of admitting) await this.writer.apply(em, duo, { type: 'ADMIT' }, headers.actor);
      return admitting.map(DuoSummaryView.of);
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
