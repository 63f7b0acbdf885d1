import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DuoMembers, DuoStaff } from '../auth/access.js';
import { Change, IdempotentDoc, type ChangeHeaders } from '../http/change-headers.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { RecordFocusGroupDto, RecordInitiativeDto, RecordInterviewsDto, RecordSurveyDto } from './dto/inquiry.dto.js';
import { InquiryService } from './inquiry.service.js';
import { InquiryView } from './inquiry.view.js';

/**
 * The inquiry of an enrolled unit (`:id`, a row of duos) whose programme keeps one. Advisers of
 * the edition and admins record the surveys, interviews and focus groups; the municipality's
 * contact persons read all of it and may add the initiatives they know of.
 */
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
}
