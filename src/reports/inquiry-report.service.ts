import { Injectable } from '@nestjs/common';
import { DuosService } from '../duos/duos.service.js';
import { InquiryService } from '../inquiry/inquiry.service.js';
import { DomainException } from '../problems/error-code.js';
import { inquiryReport, inquiryReportTables, type InquiryReport } from './inquiry-report.js';
import { printInquiryReport } from './print.js';
import { ReportsService } from './reports.service.js';
import { workbook, XLSX_TYPE } from './spreadsheet.js';
import type { DownloadFile } from '../http/file-download.js';

/** The report of a unit whose programme keeps an inquiry: JSON, a printable page, a workbook. */
@Injectable()
export class InquiryReportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly inquiry: InquiryService,
    private readonly duos: DuosService,
  ) {}

  async report(duoId: string): Promise<InquiryReport> {
    const programme = await this.duos.programme(duoId);
    if (!programme.records.length) {
      throw new DomainException('NOT_RECORDED_BY_PROGRAMME', `${programme.name} keeps no inquiry, so there is no inquiry report: GET /api/duos/${duoId}/report is its report.`, {
        params: { record: 'inquiry' },
      });
    }
    const [unitReport, inquiry] = await Promise.all([this.reports.duoReport(duoId), this.inquiry.get(duoId)]);
    return inquiryReport(programme, unitReport, inquiry);
  }

  async print(duoId: string): Promise<string> {
    return printInquiryReport(await this.report(duoId));
  }

  async spreadsheet(duoId: string): Promise<DownloadFile> {
    const report = await this.report(duoId);
    const content = await workbook(inquiryReportTables(report), `Onderzoek ${report.unit.label}`);
    return { content, type: XLSX_TYPE, fileName: `Onderzoek ${report.unit.label}.xlsx` };
  }
}
