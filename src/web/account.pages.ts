import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../accounts/roles.js';
import { AdminOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { AccountPagesService } from './account-pages.service.js';
import { noticeFrom, respond } from './page.js';

const SAVED: Record<string, string> = {
  geblokkeerd: 'Het account is geblokkeerd; de sessies ervan zijn beëindigd.',
  vrijgegeven: 'Het account kan weer inloggen.',
};

@ApiExcludeController()
@Controller('beheer/accounts')
export class AccountPages {
  constructor(private readonly pages: AccountPagesService) {}

  @Get()
  @AdminOnly()
  async list(@Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.list(principal, { notice: noticeFrom(SAVED, saved) }));
  }

  @Post()
  @AdminOnly()
  async invite(@Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.invite(principal, fields));
  }

  @Post(':id/blokkeren')
  @AdminOnly()
  async disable(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.setDisabled(id, principal, true));
  }

  @Post(':id/vrijgeven')
  @AdminOnly()
  async enable(@Param() { id }: UuidParamDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.setDisabled(id, principal, false));
  }
}
