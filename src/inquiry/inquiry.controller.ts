import { Body, Controller, Delete, Get, Headers, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ATTACHMENT_TYPES } from '../evidence/attachment-types.js';
import { AttachmentFileNameDto } from '../evidence/dto/attachment.dto.js';
import { fileDownload } from '../http/file-download.js';
import { PlanDocumentParamDto, RecordPlanDocumentDto } from './dto/plan-document.dto.js';
import { DuoMembers, DuoStaff } from '../auth/access.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { InquiryRecordParamDto, RecordFocusGroupDto, RecordInitiativeDto, RecordInterviewsDto, RecordSurveyDto } from './dto/inquiry.dto.js';
import { InquiryService } from './inquiry.service.js';
import { InquiryView } from './inquiry.view.js';

/**
 * The inquiry of an enrolled unit (`:id`, a row of duos) whose programme keeps one. Advisers of
 * the edition and admins record the surveys, interviews and focus groups, and take a record out
 * again; the municipality's contact persons read all of it and may add the initiatives they know of.
 */
const REMOVED =
  'Takes a record entered by mistake out of the inquiry again, with an audit record, and answers with what the inquiry holds then. 404 INQUIRY_RECORD_NOT_FOUND for an id the unit has not; 422 INQUIRY_CLOSED once the trajectory closed.';

@ApiTags('inquiry')
@Controller()
export class InquiryController {
  constructor(private readonly inquiry: InquiryService) {}

  @Get('duos/:id/inquiry')
  @DuoMembers()
  @ApiOkResponse({ type: InquiryView, description: 'Surveys, interviews, focus groups and initiatives, oldest first, with their figures.' })
  get(@Param() { id }: UuidParamDto): Promise<InquiryView> {
    return this.inquiry.get(id);
  }

  @Post('duos/:id/surveys')
  @DuoStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: InquiryView, description: 'A survey of the needs inventory: for whom, sent and returned. 422 where the programme records no surveys.' })
  recordSurvey(@Param() { id }: UuidParamDto, @Body() dto: RecordSurveyDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.recordSurvey(id, dto, change);
  }

  @Post('duos/:id/interviews')
  @DuoStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: InquiryView, description: 'Interviews of the needs inventory: with whom, how many. 422 where the programme records no interviews.' })
  recordInterviews(@Param() { id }: UuidParamDto, @Body() dto: RecordInterviewsDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.recordInterviews(id, dto, change);
  }

  @Post('duos/:id/focus-groups')
  @DuoStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: InquiryView, description: 'A focus group: its day, attendance and themes. 422 where the programme records no focus groups.' })
  recordFocusGroup(@Param() { id }: UuidParamDto, @Body() dto: RecordFocusGroupDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.recordFocusGroup(id, dto, change);
  }

  @Post('duos/:id/initiatives')
  @DuoMembers()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: InquiryView, description: 'An innovative initiative in view and the forms of participation it connects. 422 where the programme records no initiatives.' })
  recordInitiative(@Param() { id }: UuidParamDto, @Body() dto: RecordInitiativeDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.recordInitiative(id, dto, change);
  }

  @Delete('duos/:id/surveys/:recordId')
  @DuoStaff()
  @IdempotentDoc()
  @ApiOkResponse({ type: InquiryView, description: REMOVED })
  removeSurvey(@Param() { id, recordId }: InquiryRecordParamDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.remove(id, 'surveys', recordId, change);
  }

  @Delete('duos/:id/interviews/:recordId')
  @DuoStaff()
  @IdempotentDoc()
  @ApiOkResponse({ type: InquiryView, description: REMOVED })
  removeInterviews(@Param() { id, recordId }: InquiryRecordParamDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.remove(id, 'interviews', recordId, change);
  }

  @Delete('duos/:id/focus-groups/:recordId')
  @DuoStaff()
  @IdempotentDoc()
  @ApiOkResponse({ type: InquiryView, description: REMOVED })
  removeFocusGroup(@Param() { id, recordId }: InquiryRecordParamDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.remove(id, 'focusGroups', recordId, change);
  }

  @Delete('duos/:id/initiatives/:recordId')
  @DuoStaff()
  @IdempotentDoc()
  @ApiOkResponse({ type: InquiryView, description: REMOVED })
  removeInitiative(@Param() { id, recordId }: InquiryRecordParamDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.remove(id, 'initiatives', recordId, change);
  }

  @Post('duos/:id/plan-documents')
  @DuoStaff()
  @IdempotentDoc()
  @ApiCreatedResponse({ type: InquiryView, description: 'The plan of approach or the report, with the decisions taken; send its file to …/file. 422 where the programme keeps no plan.' })
  recordPlanDocument(@Param() { id }: UuidParamDto, @Body() dto: RecordPlanDocumentDto, @Change() change: ChangeHeaders): Promise<InquiryView> {
    return this.inquiry.recordPlanDocument(id, dto, change);
  }

  @Post('duos/:id/plan-documents/:documentId/file')
  @DuoStaff()
  @IdempotentDoc()
  @ApiConsumes(...Object.keys(ATTACHMENT_TYPES))
  @ApiBody({ description: 'The file itself (a PDF, a document, a spreadsheet), with its own Content-Type, as evidence attachments are sent.', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: InquiryView, description: 'The file of a plan document; a file sent again replaces the earlier one.' })
  attachPlanFile(
    @Param() { id, documentId }: PlanDocumentParamDto,
    @Query() { fileName }: AttachmentFileNameDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Change() change: ChangeHeaders,
  ): Promise<InquiryView> {
    return this.inquiry.attachPlanFile(id, documentId, fileName, contentType, body, change);
  }

  @Get('duos/:id/plan-documents/:documentId/file')
  @DuoMembers()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file of the plan document, as it was sent.', schema: { type: 'string', format: 'binary' } })
  planFile(@Param() { id, documentId }: PlanDocumentParamDto): Promise<StreamableFile> {
    return this.inquiry.planFile(id, documentId).then(fileDownload);
  }
}
