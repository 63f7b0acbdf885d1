import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { ChangeHeaders } from '../shared/change.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import { Cohort } from './cohort.entity.js';
import { CohortView } from './cohort.view.js';
import type { CreateCohortDto } from './dto/create-cohort.dto.js';

@Injectable()
export class CohortsService {
  constructor(
    @InjectRepository(Cohort) private readonly cohorts: Repository<Cohort>,
    private readonly idempotency: IdempotencyService,
  ) {}

  create(dto: CreateCohortDto, headers: Pick<ChangeHeaders, 'idempotencyKey'> = {}): Promise<CohortView> {
    const request = { scope: 'cohorts', idempotencyKey: headers.idempotencyKey, body: dto };
    return this.idempotency.run(request, async (em) => {
      const cohort = await em.save(em.create(Cohort, { ...dto, workshop3Planned: dto.workshop3Planned ?? false }));
      return CohortView.of(cohort);
    });
  }

  async list(): Promise<CohortView[]> {
    const cohorts = await this.cohorts.find({ order: { registrationDeadline: 'DESC', name: 'ASC' } });
    return cohorts.map(CohortView.of);
  }

  async get(id: string): Promise<CohortView> {
    return CohortView.of(await this.find(this.cohorts.manager, id));
  }

  /**
   * The cohort, locked for the rest of the transaction when `lock` is set: admissions take
   * turns on it. FOR NO KEY UPDATE still lets registrations reference the cohort meanwhile.
   */
  async find(em: EntityManager, id: string, lock = false): Promise<Cohort> {
    const cohort = await em.findOne(Cohort, { where: { id }, ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}) });
    if (!cohort) throw new DomainException('COHORT_NOT_FOUND', `There is no cohort with id ${id}.`);
    return cohort;
  }
}
