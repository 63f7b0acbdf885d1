import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ContactPersonsService } from './contact-persons.service.js';
import { DuoImportService } from './duo-import.service.js';
import { DuoRegistrationService } from './duo-registration.service.js';
import { DuoEvent } from './duo-event.entity.js';
import { Duo } from './duo.entity.js';
import { DuoRepository } from './duo.repository.js';
import { DuosController } from './duos.controller.js';
import { DuosService } from './duos.service.js';
import { PlacesService } from './places.service.js';
import { TrajectoryStepsService } from './trajectory-steps.service.js';
import { TrajectoryWriter } from './trajectory-writer.js';

/** The repository stays inside: other modules read duos through DuosService and change them through the services below. */
@Module({
  imports: [TypeOrmModule.forFeature([Duo, DuoEvent]), CohortsModule, IdempotencyModule, SessionsModule, NotificationsModule, AuditModule],
  controllers: [DuosController],
  providers: [DuoRepository, DuosService, TrajectoryWriter, DuoRegistrationService, DuoImportService, PlacesService, TrajectoryStepsService, ContactPersonsService],
  exports: [DuosService, TrajectoryWriter, DuoRegistrationService, DuoImportService, PlacesService, TrajectoryStepsService, ContactPersonsService],
})
export class DuosModule {}
