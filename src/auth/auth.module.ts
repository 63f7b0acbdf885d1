import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { CohortsModule } from '../cohorts/cohorts.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessRulesCheck } from './access-rules.check.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';

@Module({
  imports: [DiscoveryModule, CohortsModule, DuosModule],
  controllers: [AuthController],
  providers: [AuthService, AccessRulesCheck, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService],
})
export class AuthModule {}
