import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AccessRulesCheck } from './access-rules.check.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';

@Module({
  // The access guard's scope checks come from AccessScopesModule (src/duos), which is global.
  imports: [DiscoveryModule],
  controllers: [AuthController],
  providers: [AuthService, AccessRulesCheck, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService],
})
export class AuthModule {}
