import { Module } from '@nestjs/common';
import { PlannedSessionRepository } from './planned-session.repository.js';

/**
 * The planned sessions' reads for other modules, apart from SessionsModule: the notifications
 * need them, and SessionsModule depends on the notifications, so they cannot import it.
 */
@Module({ providers: [PlannedSessionRepository], exports: [PlannedSessionRepository] })
export class SessionStoreModule {}
