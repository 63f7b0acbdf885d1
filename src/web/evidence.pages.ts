import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { DuoAdvisers, DuoMembers, DuoTeam } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { AttachmentParamDto, EvidenceParamDto } from '../evidence/dto/attachment.dto.js';
import type { FormFields } from '../http/form-body.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { EvidencePagesService } from './evidence-pages.service.js';
import { PageController } from './page-controller.js';

@PageController('trajecten/:id/onderbouwing')
export class EvidencePages {
  constructor(private readonly pages: EvidencePagesService) {}

  @Get('nieuw')
  @DuoTeam()
  newForm(@Param() { id }: UuidParamDto, @Query('stap') step: unknown, @CurrentPrincipal() principal: Principal) {
    return this.pages.newForm(id, principal, step);
  }

  @Post()
  @DuoTeam()
  record(@Param() { id }: UuidParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.record(id, principal, fields);
  }

  @Get(':evidenceId')
  @DuoMembers()
  item(@Param() { id, evidenceId }: EvidenceParamDto, @Query('opgeslagen') saved: unknown, @CurrentPrincipal() principal: Principal) {
    return this.pages.item(id, evidenceId, principal, { notice: this.pages.notice(saved) });
  }

  @Post(':evidenceId')
  @DuoTeam()
  edit(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.edit(id, evidenceId, principal, fields);
  }

  @Post(':evidenceId/verwijderen')
  @DuoTeam()
  delete(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.delete(id, evidenceId, principal, fields);
  }

  @Post(':evidenceId/terugzetten')
  @DuoAdvisers()
  restore(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.restore(id, evidenceId, principal, fields);
  }

  @Post(':evidenceId/publicatie')
  @DuoAdvisers()
  publication(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.publication(id, evidenceId, principal, fields);
  }

  @Post(':evidenceId/bijlagen')
  @DuoTeam()
  attach(@Param() { id, evidenceId }: EvidenceParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.attach(id, evidenceId, principal, fields);
  }

  @Post(':evidenceId/bijlagen/:attachmentId/verwijderen')
  @DuoTeam()
  detach(@Param() { id, evidenceId, attachmentId }: AttachmentParamDto, @Body() fields: FormFields, @CurrentPrincipal() principal: Principal) {
    return this.pages.detach(id, evidenceId, attachmentId, principal, fields);
  }
}
