import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../accounts/roles.js';
import { DuoAdvisers, DuoMembers, DuoTeam } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { AttachmentParamDto, EvidenceParamDto } from '../evidence/dto/attachment.dto.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { EvidencePagesService } from './evidence-pages.service.js';
import { respond } from './page.js';

@ApiExcludeController()
@Controller('trajecten/:id/onderbouwing')
export class EvidencePages {
  constructor(private readonly pages: EvidencePagesService) {}

  @Get('nieuw')
  @DuoTeam()
  async newForm(@Param() { id }: UuidParamDto, @Query('stap') step: unknown, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.newForm(id, principal, step));
  }

  @Post()
  @DuoTeam()
  async record(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.record(id, principal, fields));
  }

  @Get(':evidenceId')
  @DuoMembers()
  async item(@Param() { id, evidenceId }: EvidenceParamDto, @Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.item(id, evidenceId, principal, { notice: this.pages.notice(saved) }));
  }

  @Post(':evidenceId')
  @DuoTeam()
  async edit(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.edit(id, evidenceId, principal, fields));
  }

  @Post(':evidenceId/verwijderen')
  @DuoTeam()
  async delete(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.delete(id, evidenceId, principal, fields));
  }

  @Post(':evidenceId/terugzetten')
  @DuoAdvisers()
  async restore(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.restore(id, evidenceId, principal, fields));
  }

  @Post(':evidenceId/bijlagen')
  @DuoTeam()
  async attach(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.attach(id, evidenceId, principal, fields));
  }

  @Post(':evidenceId/bijlagen/:attachmentId/verwijderen')
  @DuoTeam()
  async detach(@Param() { id, evidenceId, attachmentId }: AttachmentParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return respond(reply, await this.pages.detach(id, evidenceId, attachmentId, principal, fields));
  }
}
