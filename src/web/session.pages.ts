import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Principal } from '../accounts/roles.js';
import { Public, SignedIn } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { noticeFrom, respond } from './page.js';
import { SessionPagesService } from './session-pages.service.js';
import { sourceFolder } from '../shared/source-folder.js';

const ASSETS = sourceFolder(import.meta.url, './assets');
const STYLESHEET = readFileSync(`${ASSETS}/trajectkompas.css`);

const SIGN_IN_NOTICES: Record<string, string> = {
  uitgelogd: 'U bent uitgelogd.',
  'wachtwoord-opgeslagen': 'Uw wachtwoord is opgeslagen. Log nu in.',
};

@ApiExcludeController()
@Controller()
export class SessionPages {
  constructor(private readonly pages: SessionPagesService) {}

  @Get()
  @Public()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.home(request));
  }

  @Get('inloggen')
  @Public()
  signInForm(@Query('terug') returnTo: unknown, @Query('melding') notice: unknown, @Res() reply: FastifyReply) {
    return respond(reply, this.pages.signInForm(returnTo, noticeFrom(SIGN_IN_NOTICES, notice)));
  }

  @Post('inloggen')
  @Public()
  async signIn(@Req() request: FastifyRequest, @Body() fields: FormFields, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.signIn(request, fields));
  }

  @Post('uitloggen')
  @SignedIn()
  async signOut(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.signOut(principal));
  }

  @Get('uitnodiging')
  @Public()
  invitationForm(@Query('token') token: unknown, @Res() reply: FastifyReply) {
    return respond(reply, this.pages.invitationForm(token));
  }

  @Post('uitnodiging')
  @Public()
  async acceptInvitation(@Req() request: FastifyRequest, @Body() fields: FormFields, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.acceptInvitation(request, fields));
  }

  @Get('assets/trajectkompas.css')
  @Public()
  stylesheet(@Res() reply: FastifyReply) {
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET);
  }
}
