import { Body, Get, Header, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Principal } from '../shared/roles.js';
import { Public, SignedIn } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { FormFields } from '../http/form-body.js';
import { noticeFrom } from './page.js';
import { PageController } from './page-controller.js';
import { SessionPagesService } from './session-pages.service.js';
import { sourceFolder } from '../shared/source-folder.js';

const ASSETS = sourceFolder(import.meta.url, './assets');
const STYLESHEET = readFileSync(`${ASSETS}/trajectkompas.css`);

const SIGN_IN_NOTICES: Record<string, string> = {
  uitgelogd: 'U bent uitgelogd.',
  'wachtwoord-opgeslagen': 'Uw wachtwoord is opgeslagen. Log nu in.',
  'wachtwoord-hersteld': 'Uw nieuwe wachtwoord is opgeslagen en u bent overal uitgelogd. Log nu in met het nieuwe wachtwoord.',
};

@PageController()
export class SessionPages {
  constructor(private readonly pages: SessionPagesService) {}

  @Get()
  @Public()
  home(@Req() request: FastifyRequest) {
    return this.pages.home(request);
  }

  @Get('inloggen')
  @Public()
  signInForm(@Query('terug') returnTo: unknown, @Query('melding') notice: unknown) {
    return this.pages.signInForm(returnTo, noticeFrom(SIGN_IN_NOTICES, notice));
  }

  @Post('inloggen')
  @Public()
  signIn(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.pages.signIn(request, fields);
  }

  @Post('uitloggen')
  @SignedIn()
  signOut(@CurrentPrincipal() principal: Principal) {
    return this.pages.signOut(principal);
  }

  @Get('uitnodiging')
  @Public()
  invitationForm(@Query('token') token: unknown) {
    return this.pages.invitationForm(token);
  }

  @Post('uitnodiging')
  @Public()
  acceptInvitation(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.pages.acceptInvitation(request, fields);
  }

  @Get('wachtwoord-vergeten')
  @Public()
  passwordForgottenForm() {
    return this.pages.passwordForgottenForm();
  }

  @Post('wachtwoord-vergeten')
  @Public()
  requestPasswordReset(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.pages.requestPasswordReset(request, fields);
  }

  @Get('wachtwoord-herstellen')
  @Public()
  passwordResetForm(@Query('token') token: unknown) {
    return this.pages.passwordResetForm(token);
  }

  @Post('wachtwoord-herstellen')
  @Public()
  resetPassword(@Body() fields: FormFields) {
    return this.pages.resetPassword(fields);
  }

  @Get('assets/trajectkompas.css')
  @Public()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  stylesheet() {
    return STYLESHEET;
  }
}
