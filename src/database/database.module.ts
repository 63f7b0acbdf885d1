import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/environment.js';
import { DatabaseAvailability } from './database-availability.js';
import { databaseOptions } from './database-options.js';

/**
 * The connection to PostgreSQL. By the time the app module loads, DATABASE_URL is set:
 * by the user, or by main.ts after it started the embedded server; migrations have run.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => {
        if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: start the app with main.ts, which sets it.');
        // Each module registers its own entities (TypeOrmModule.forFeature): this one names none of them.
        return { ...databaseOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE), autoLoadEntities: true };
      },
    }),
  ],
  providers: [DatabaseAvailability],
  exports: [DatabaseAvailability],
})
export class DatabaseModule {}
