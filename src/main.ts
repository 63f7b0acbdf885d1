import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { validateEnvironment } from './config/environment.js';
import { SHUTDOWN_SIGNALS, startEmbeddedPostgres, type RunningPostgres } from './database/embedded-postgres.js';
import { migrateDatabase } from './database/migrate.js';
import { createBootLogger } from './logging/logging.js';
import { giveMemoryBackWhenIdle } from './memory/memory-give-back.js';

let logger = createBootLogger({ level: 'info' });

async function main(): Promise<void> {
  const env = validateEnvironment();
  logger = createBootLogger({ level: env.log.LOG_LEVEL, format: env.log.LOG_FORMAT });
  let embedded: RunningPostgres | undefined;
  try {
    if (!env.database.DATABASE_URL) {
      embedded = await startEmbeddedPostgres({
        dataDir: env.database.EMBEDDED_POSTGRES_DIR,
        port: env.database.EMBEDDED_POSTGRES_PORT,
        database: 'trajectkompas',
        log: (message) => logger.info(message),
      });
      process.env.DATABASE_URL = embedded.url;
      logger.info(`Embedded PostgreSQL runs on port ${env.database.EMBEDDED_POSTGRES_PORT}, data in ${env.database.EMBEDDED_POSTGRES_DIR}`);
    }
    const applied = await migrateDatabase(process.env.DATABASE_URL as string);
    logger.info(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date');

    const app = await createApp(env.log.LOG_LEVEL, { logFormat: env.log.LOG_FORMAT });
    await app.listen({ port: env.http.PORT, host: env.http.HOST });
    const address = `http://${env.http.HOST}:${env.http.PORT}`;
    logger.info(`Trajectkompas listens on ${address} (API docs: ${address}/api/docs)`);

    const stopGivingBack = giveMemoryBackWhenIdle((message) => logger.info(message));

    const stop = async (signal: string) => {
      logger.info(`${signal} received: stopping`);
      stopGivingBack();
      await app.close();
      await embedded?.stop();
      process.exit(0);
    };
    for (const signal of SHUTDOWN_SIGNALS) process.once(signal, stop);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
