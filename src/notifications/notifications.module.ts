import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { NotificationsService } from './notifications.service.js';
import { Scheduler } from './scheduler.js';

@Module({ imports: [DiscoveryModule, OutboxModule, SessionsModule], providers: [NotificationsService, Scheduler], exports: [NotificationsService, Scheduler] })
export class NotificationsModule {}
