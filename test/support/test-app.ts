import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app (same factory as main.ts) on a fresh database of its own. */
export async function startTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE = '25';
  const app = await createApp('silent');
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
