import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access.js';
import { Change, type ChangeHeaders } from '../http/change-headers.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { MeetingPagesService } from './meeting-pages.service.js';
import { PageController } from './page-controller.js';

/** The public pages of a series of open meetings (/reeksen/{id}). */
@PageController('reeksen')
export class SeriesPages {
  constructor(private readonly pages: MeetingPagesService) {}

  @Get(':id')
  @Public()
  series(@Param() { id }: UuidParamDto) {
    return this.pages.series(id);
  }
}

/** The public page of a meeting, with its registration form (/bijeenkomsten/{id}). */
@PageController('bijeenkomsten')
export class MeetingPages {
  constructor(private readonly pages: MeetingPagesService) {}

  @Get('afmelden')
  @Public()
  ownRegistration(@Query('token') token: unknown) {
    return this.pages.ownRegistration(token);
  }

  @Post('afmelden')
  @Public()
  cancel(@Body() fields: FormFields) {
    return this.pages.cancel(fields);
  }

  @Get(':id')
  @Public()
  meeting(@Param() { id }: UuidParamDto) {
    return this.pages.meeting(id);
  }

  @Post(':id/aanmelden')
  @Public()
  register(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @Change() change: ChangeHeaders, @Req() request: FastifyRequest) {
    return this.pages.register(id, fields, change, request.ip);
  }
}
