import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SessionStoreModule } from '../sessions/session-store.module.js';
import { NotificationsService } from './notifications.service.js';
import { Scheduler } from './scheduler.js';

@Module({ imports: [DiscoveryModule, OutboxModule, SessionStoreModule], providers: [NotificationsService, Scheduler], exports: [NotificationsService, Scheduler] })
export class NotificationsModule {}
