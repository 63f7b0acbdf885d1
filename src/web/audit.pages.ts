import { Get, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AdminOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { AuditPagesService } from './audit-pages.service.js';
import { PageController } from './page-controller.js';

@PageController('beheer/auditlog')
export class AuditPages {
  constructor(private readonly pages: AuditPagesService) {}

  /** The filters come as the GET form sends them (?wie=...&van=...), and `voor` pages on. */
  @Get()
  @AdminOnly()
  list(@Query() query: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.list(principal, query);
  }
}
