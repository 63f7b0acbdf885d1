import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { Cohort } from '../cohorts/cohort.entity.js';
import { DuoEvent } from '../duos/duo-event.entity.js';
import { Duo } from '../duos/duo.entity.js';

export const ENTITIES = [Cohort, Duo, DuoEvent];

export function databaseOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize,
  };
}
