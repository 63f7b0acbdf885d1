import { Get, Post, Query } from '@nestjs/common';
import { AdvisersOnly } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { Principal } from '../shared/roles.js';
import { MyWorkPagesService } from './my-work-pages.service.js';
import { noticeFrom } from './page.js';
import { PageController } from './page-controller.js';

const SAVED: Record<string, string> = {
  'agenda-ingetrokken': 'Uw agenda-adres is ingetrokken: agenda’s die het gebruikten, krijgen geen bijeenkomsten meer.',
};

@PageController('mijn-werk')
export class MyWorkPages {
  constructor(private readonly pages: MyWorkPagesService) {}

  @Get()
  @AdvisersOnly()
  myWork(@CurrentPrincipal() principal: Principal, @Query('weergave') view: unknown, @Query('maand') month: unknown, @Query('opgeslagen') saved: unknown) {
    return this.pages.myWork(principal, view, { notice: noticeFrom(SAVED, saved) }, month);
  }

  @Post('agenda')
  @AdvisersOnly()
  createFeed(@CurrentPrincipal() principal: Principal) {
    return this.pages.createFeed(principal);
  }

  @Post('agenda/intrekken')
  @AdvisersOnly()
  revokeFeed(@CurrentPrincipal() principal: Principal) {
    return this.pages.revokeFeed(principal);
  }
}
