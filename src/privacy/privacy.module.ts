import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PersonalDataRepository } from './personal-data.repository.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [PrivacyController],
  providers: [PrivacyService, PersonalDataRepository],
})
export class PrivacyModule {}
