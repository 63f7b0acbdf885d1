import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { actorOf, type Principal } from '../../src/shared/roles.js';
import type { CreateCohortDto } from '../../src/cohorts/dto/create-cohort.dto.js';
import { CohortsService } from '../../src/cohorts/cohorts.service.js';
import { DuoRegistrationService } from '../../src/duos/duo-registration.service.js';
import { PlacesService } from '../../src/duos/places.service.js';
import { aCohort, aDuo } from './fixtures.js';

/**
 * Data the tests need around what they are about, made through the services (the same
 * transactions, events and audit rows as over HTTP, without a request per step).
 */

/**
 * A cohort created by `creator` (an adviser who creates one runs it) with four admitted duos
 * (numbers 101-104) besides the ones a test adds: enough to start (COHORT_MINIMUM).
 */
export async function createStartableCohort(app: NestFastifyApplication, creator: Principal, overrides: Partial<CreateCohortDto> = {}): Promise<{ id: string }> {
  const cohort = await app.get(CohortsService).create(aCohort(overrides), creator);
  const [registration, places] = [app.get(DuoRegistrationService), app.get(PlacesService)];
  const by = { actor: actorOf(creator) };
  for (let n = 101; n <= 104; n++) await places.admit((await registration.register(cohort.id, aDuo(n), by)).id, by);
  return { id: cohort.id };
}
