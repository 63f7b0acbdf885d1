import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AdminOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { AccountPagesService } from './account-pages.service.js';
import { noticeFrom } from './page.js';
import { PageController } from './page-controller.js';

const SAVED: Record<string, string> = {
  geblokkeerd: 'Het account is geblokkeerd; de sessies ervan zijn beëindigd.',
  vrijgegeven: 'Het account kan weer inloggen.',
};

@PageController('beheer/accounts')
export class AccountPages {
  constructor(private readonly pages: AccountPagesService) {}

  @Get()
  @AdminOnly()
  list(@Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal) {
    return this.pages.list(principal, { notice: noticeFrom(SAVED, saved) });
  }

  @Post()
  @AdminOnly()
  invite(@Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.invite(principal, fields);
  }

  @Post(':id/opnieuw-versturen')
  @AdminOnly()
  resend(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.resend(id, principal);
  }

  @Post(':id/blokkeren')
  @AdminOnly()
  disable(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.setDisabled(id, principal, true);
  }

  @Post(':id/vrijgeven')
  @AdminOnly()
  enable(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal) {
    return this.pages.setDisabled(id, principal, false);
  }
}
