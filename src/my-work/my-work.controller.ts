import { Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExcludeController, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdvisersOnly, Public } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import type { Principal } from '../shared/roles.js';
import { AgendaFeedParamDto, MyWorkQueryDto } from './dto/my-work-query.dto.js';
import { AGENDA_WEEKS, MyWorkService } from './my-work.service.js';
import { AgendaFeedView, MyWorkView } from './my-work.view.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

@ApiTags('my work')
@Controller()
export class MyWorkController {
  constructor(private readonly work: MyWorkService) {}

  @Get('me/work')
  @AdvisersOnly()
  @ApiOkResponse({ type: MyWorkView, description: "What the adviser's editions need from them now, and their sessions of the coming weeks (Mijn werk)." })
  overview(@CurrentPrincipal() principal: Principal, @Query() { weeks }: MyWorkQueryDto): Promise<MyWorkView> {
    const now = new Date();
    return this.work.overview(principal, now, new Date(now.getTime() + (weeks ?? AGENDA_WEEKS) * WEEK_MS));
  }

  @Post('me/agenda-feed')
  @AdvisersOnly()
  @ApiCreatedResponse({ type: AgendaFeedView, description: 'A new secret address of the adviser\'s agenda feed, shown this once; the address made before stops working.' })
  createFeed(@CurrentPrincipal() principal: Principal): Promise<AgendaFeedView> {
    return this.work.createFeed(principal);
  }

  @Delete('me/agenda-feed')
  @AdvisersOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The agenda feed address stops working.' })
  revokeFeed(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.work.revokeFeed(principal);
  }
}

/**
 * The agenda feed itself, at /agenda/{token}.ics outside the API: a calendar program fetches it
 * without signing in, so the secret address is the only key. Not in the API document.
 */
@ApiExcludeController()
@Controller('agenda')
export class AgendaFeedController {
  constructor(private readonly work: MyWorkService) {}

  @Get(':file')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  feed(@Param() { file }: AgendaFeedParamDto): Promise<string> {
    return this.work.feed(file);
  }
}
