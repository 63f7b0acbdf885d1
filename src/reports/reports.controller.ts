import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CohortStaff, DuoMembers } from '../auth/access.js';
import { CycleParamDto } from '../cycles/dto/cycle-param.dto.js';
import { fileDownload } from '../http/file-download.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { ReportTableParamDto, ReportVariantQueryDto } from './dto/report-query.dto.js';
import { CohortReportView, DuoReportView, FrozenReportComparisonView, FrozenReportView } from './report.view.js';
import { ReportsService } from './reports.service.js';
import { InquiryReportService } from './inquiry-report.service.js';
import { InquiryReportView } from './inquiry-report.view.js';
import { XLSX_TYPE } from './spreadsheet.js';

const HTML = 'text/html; charset=utf-8';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly inquiryReports: InquiryReportService,
  ) {}

  @Get('duos/:id/inquiry-report')
  @DuoMembers()
  @ApiOkResponse({
    type: InquiryReportView,
    description: 'Where the programme keeps an inquiry (an advisory trajectory for one municipality): the timeline, survey and interview figures, focus groups, initiatives by form of participation, and the plan. 422 otherwise.',
  })
  inquiryReport(@Param() { id }: UuidParamDto): Promise<InquiryReportView> {
    return this.inquiryReports.report(id);
  }

  @Get('duos/:id/inquiry-report/print')
  @DuoMembers()
  @Header('content-type', HTML)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The inquiry report as a printable page in Dutch (A4; print to PDF from the browser).', schema: { type: 'string' } })
  printInquiryReport(@Param() { id }: UuidParamDto): Promise<string> {
    return this.inquiryReports.print(id);
  }

  @Get('duos/:id/inquiry-report/spreadsheet')
  @DuoMembers()
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The inquiry report as an XLSX workbook: timeline, surveys, interviews, focus groups, initiatives, Participatiewiel.', schema: { type: 'string', format: 'binary' } })
  inquirySpreadsheet(@Param() { id }: UuidParamDto): Promise<StreamableFile> {
    return this.inquiryReports.spreadsheet(id).then(fileDownload);
  }

  @Get('duos/:id/report')
  @DuoMembers()
  @ApiOkResponse({ type: DuoReportView, description: "The duo's trajectory as a timeline and its completed cycles, step by step." })
  duo(@Param() { id }: UuidParamDto): Promise<DuoReportView> {
    return this.reports.duoReport(id);
  }

  @Get('duos/:id/report/print')
  @DuoMembers()
  @Header('content-type', HTML)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The duo report as a printable page in Dutch (A4; print to PDF from the browser).', schema: { type: 'string' } })
  printDuo(@Param() { id }: UuidParamDto): Promise<string> {
    return this.reports.printDuo(id);
  }

  @Get('duos/:id/cycles/:cycle/frozen-report')
  @DuoMembers()
  @ApiOkResponse({ type: FrozenReportView, description: 'The copy of the duo report stored when the cycle was closed.' })
  frozen(@Param() { id, cycle }: CycleParamDto): Promise<FrozenReportView> {
    return this.reports.frozenReport(id, cycle);
  }

  @Get('duos/:id/cycles/:cycle/frozen-report/comparison')
  @DuoMembers()
  @ApiOkResponse({ type: FrozenReportComparisonView, description: 'The frozen copy beside the live report, with what differs.' })
  compare(@Param() { id, cycle }: CycleParamDto): Promise<FrozenReportComparisonView> {
    return this.reports.compareWithLive(id, cycle);
  }

  @Get('cohorts/:id/report')
  @CohortStaff()
  @ApiOkResponse({ type: CohortReportView, description: 'Duos by outcome, attendance, advisory meetings, completed cycles and the evidence matrix.' })
  cohort(@Param() { id }: UuidParamDto, @Query() { anonymised }: ReportVariantQueryDto): Promise<CohortReportView> {
    return this.reports.cohortReport(id, anonymised === 'true');
  }

  @Get('cohorts/:id/report/spreadsheet')
  @CohortStaff()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The cohort report as an XLSX workbook, a sheet per table, Dutch headers and dates.', schema: { type: 'string', format: 'binary' } })
  spreadsheet(@Param() { id }: UuidParamDto, @Query() { anonymised }: ReportVariantQueryDto): Promise<StreamableFile> {
    return this.reports.spreadsheet(id, anonymised === 'true').then(fileDownload);
  }

  @Get('cohorts/:id/report/csv/:table')
  @CohortStaff()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One table of the cohort report as CSV for Dutch Excel (UTF-8, semicolons, decimal commas).', schema: { type: 'string' } })
  csv(@Param() { id, table }: ReportTableParamDto, @Query() { anonymised }: ReportVariantQueryDto): Promise<StreamableFile> {
    return this.reports.csvTable(id, table, anonymised === 'true').then(fileDownload);
  }

  @Get('cohorts/:id/report/print')
  @CohortStaff()
  @Header('content-type', HTML)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The cohort report and every duo report as a printable page in Dutch, a page per duo.', schema: { type: 'string' } })
  printCohort(@Param() { id }: UuidParamDto, @Query() { anonymised }: ReportVariantQueryDto): Promise<string> {
    return this.reports.printCohort(id, anonymised === 'true');
  }
}
