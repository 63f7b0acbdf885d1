import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DuosModule } from '../duos/duos.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { PasswordResetsController } from './password-resets.controller.js';
import { PasswordResetsService } from './password-resets.service.js';

@Module({
  imports: [AuthModule, AuditModule, DuosModule, OutboxModule],
  controllers: [AccountsController, PasswordResetsController],
  providers: [AccountsService, PasswordResetsService],
  exports: [AccountsService, PasswordResetsService],
})
export class AccountsModule {}
