import { Body, Controller, Delete, Get, Headers, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../shared/roles.js';
import { DuoAdvisers, DuoMembers, DuoTeam } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { Change, DuoChangeDoc, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { fileDownload } from '../http/file-download.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { ATTACHMENT_TYPES } from './attachment-types.js';
import { AttachmentsService } from './attachments.service.js';
import { AttachmentFileNameDto, AttachmentParamDto, EvidenceParamDto } from './dto/attachment.dto.js';
import { EvidenceContentDto, ListEvidenceQueryDto, PublicationDto, RecordEvidenceDto } from './dto/evidence.dto.js';
import { EvidenceDetailView, EvidenceView } from './evidence.view.js';
import { EvidenceService, viewerOf } from './evidence.service.js';

@ApiTags('kwaliteitskompas')
@Controller()
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get('duos/:id/evidence')
  @DuoMembers()
  @ApiOkResponse({ type: [EvidenceView], description: "The duo's evidence by cycle and step. Admins read it as outsiders: no stories about a person without consent." })
  list(@Param() { id }: UuidParamDto, @Query() query: ListEvidenceQueryDto, @CurrentPrincipal() principal: Principal): Promise<EvidenceView[]> {
    return this.evidence.list(id, query, viewerOf(principal));
  }

  @Post('duos/:id/evidence')
  @DuoTeam()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: EvidenceDetailView, description: 'Evidence for a step of the open cycle (or of the cycle named, when it is open).' })
  record(@Param() { id }: UuidParamDto, @Body() dto: RecordEvidenceDto, @Change() change: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.evidence.record(id, dto, change);
  }

  @Get('duos/:id/evidence/:evidenceId')
  @DuoMembers()
  @ApiOkResponse({ type: EvidenceDetailView, description: 'The evidence with its attachments and its history.' })
  get(@Param() { id, evidenceId }: EvidenceParamDto, @CurrentPrincipal() principal: Principal): Promise<EvidenceDetailView> {
    return this.evidence.get(id, evidenceId, viewerOf(principal));
  }

  @Put('duos/:id/evidence/:evidenceId')
  @DuoTeam()
  @DuoChangeDoc()
  @ApiOkResponse({ type: EvidenceDetailView, description: 'Replaces the content (If-Match: its version); the earlier content stays in the history.' })
  edit(@Param() { id, evidenceId }: EvidenceParamDto, @Body() dto: EvidenceContentDto, @Change() change: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.evidence.edit(id, evidenceId, dto, change);
  }

  @Delete('duos/:id/evidence/:evidenceId')
  @DuoTeam()
  @DuoChangeDoc()
  @ApiOkResponse({ type: EvidenceDetailView, description: 'A soft delete: an adviser can restore it.' })
  delete(@Param() { id, evidenceId }: EvidenceParamDto, @Change() change: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.evidence.delete(id, evidenceId, change);
  }

  @Post('duos/:id/evidence/:evidenceId/restoration')
  @DuoAdvisers()
  @DuoChangeDoc()
  @ApiCreatedResponse({ type: EvidenceDetailView, description: 'Undoes a deletion.' })
  restore(@Param() { id, evidenceId }: EvidenceParamDto, @Change() change: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.evidence.restore(id, evidenceId, change);
  }

  @Put('duos/:id/evidence/:evidenceId/publication')
  @DuoAdvisers()
  @DuoChangeDoc()
  @ApiOkResponse({
    type: EvidenceDetailView,
    description:
      'An adviser who read the story marks it fit for publication (If-Match: the version read), or takes the mark back: an anonymised report quotes only marked stories. The history keeps who did which, and when; a later change to the title, text or kind takes the mark away.',
  })
  setPublication(@Param() { id, evidenceId }: EvidenceParamDto, @Body() dto: PublicationDto, @Change() change: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.evidence.setPublication(id, evidenceId, dto, change);
  }

  @Post('duos/:id/evidence/:evidenceId/attachments')
  @DuoTeam()
  @DuoChangeDoc()
  @ApiConsumes(...Object.keys(ATTACHMENT_TYPES))
  @ApiBody({ description: 'The file itself, sent with its own Content-Type (at most ATTACHMENT_MAX_BYTES).', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: EvidenceDetailView, description: 'Attaches a photo, PDF or spreadsheet to the evidence.' })
  addAttachment(
    @Param() { id, evidenceId }: EvidenceParamDto,
    @Query() query: AttachmentFileNameDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Change() change: ChangeHeaders,
  ): Promise<EvidenceDetailView> {
    return this.attachments.add(id, evidenceId, query, contentType, body, change);
  }

  @Get('duos/:id/evidence/:evidenceId/attachments/:attachmentId')
  @DuoMembers()
  @ApiProduces(...Object.keys(ATTACHMENT_TYPES))
  @ApiOkResponse({ description: 'The file, as it was attached.', schema: { type: 'string', format: 'binary' } })
  download(@Param() { id, evidenceId, attachmentId }: AttachmentParamDto, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    return this.attachments.download(id, evidenceId, attachmentId, viewerOf(principal)).then(fileDownload);
  }

  @Delete('duos/:id/evidence/:evidenceId/attachments/:attachmentId')
  @DuoTeam()
  @DuoChangeDoc()
  @ApiOkResponse({ type: EvidenceDetailView, description: 'Takes the attachment off the evidence; the history keeps that it was there.' })
  removeAttachment(@Param() { id, evidenceId, attachmentId }: AttachmentParamDto, @Change() change: ChangeHeaders): Promise<EvidenceDetailView> {
    return this.attachments.remove(id, evidenceId, attachmentId, change);
  }
}
