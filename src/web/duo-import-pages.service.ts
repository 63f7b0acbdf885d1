import { Injectable, StreamableFile } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { CSV_TYPE, IMPORT_HEADERS, importCsv, MAX_IMPORT_ROWS, XLSX_TYPE } from '../duos/duo-import-file.js';
import { DuoImportService, type DuoImportRowView } from '../duos/duo-import.service.js';
import { fileDownload } from '../http/file-download.js';
import type { FormFields, UploadedFile } from '../http/form-body.js';
import { DomainException } from '../problems/error-code.js';
import { formChange, refusal, refusalStatus, text } from './forms.js';
import { page, redirect, type PageData, type PageResult } from './page.js';
import { errorMessage } from './words.js';

/** The example row of the template: fictional, as all demo data. */
const EXAMPLE = {
  municipality: 'Gemeente Voorbeeld',
  provider: 'Stichting Buurtwerk Voorbeeld',
  collectiveServices: ['jongerenwerk', 'buurthuisbeheer'],
  questions: 'Hoe laten we zien wat het jongerenwerk oplevert?',
  expectations: 'Samen met de uitvoerder indicatoren kiezen.',
  contactPersons: [
    { side: 'municipality' as const, name: 'Sanne de Wit', email: 's.dewit@gemeente-voorbeeld.example', phone: '030-1234567' },
    { side: 'provider' as const, name: 'Joris Bakker', email: 'j.bakker@buurtwerk-voorbeeld.example', phone: '030-7654321' },
  ],
};

/** "Duo’s importeren": upload a file, see every row with its errors, and import them all (or none). */
@Injectable()
export class DuoImportPagesService {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly imports: DuoImportService,
  ) {}

  async form(id: string, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const cohort = await this.cohorts.get(id);
    const placesLeft = Math.max(0, cohort.capacity - cohort.placesTaken);
    return page(
      'duo-import',
      { title: `Duo’s importeren – ${cohort.name}`, principal, cohort, placesLeft, headers: IMPORT_HEADERS, maxRows: MAX_IMPORT_ROWS, ...form },
      status,
    );
  }

  /** The template: the headers and one example row, UTF-8 with a byte order mark so that Excel reads it as such. */
  template(): StreamableFile {
    return fileDownload({ content: Buffer.from(`\uFEFF${importCsv([EXAMPLE])}`), type: `${CSV_TYPE}; charset=utf-8`, fileName: 'duos-importeren.csv' });
  }

  /** The preview: every row with its errors; nothing is written. The rows that can be imported go into the confirmation form. */
  async preview(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const file = fields.file;
    if (!isUploaded(file)) {
      const message = typeof file === 'object' && !Array.isArray(file) && 'tooLarge' in file ? 'Het bestand is te groot: hoogstens 1 MB.' : 'Kies een CSV- of XLSX-bestand.';
      return this.form(id, principal, { form: 'bestand', errors: { file: message } }, 400);
    }
    try {
      const result = await this.imports.import(id, typeOf(file), file.data, true, formChange(principal, fields));
      return this.shown(id, principal, result.rows);
    } catch (error) {
      return this.form(id, principal, { form: 'bestand', errors: { file: fileProblem(error) } }, refusalStatus(error));
    }
  }

  /** Imports the rows the preview showed, sent back as its CSV and checked again as any file is. */
  async confirm(id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const change = formChange(principal, fields);
    try {
      const result = await this.imports.import(id, CSV_TYPE, Buffer.from(text(fields, 'inhoud')), false, change);
      return redirect(`/edities/${id}?opgeslagen=${result.imported === 1 ? 'import-1' : 'import'}`);
    } catch (error) {
      if (error instanceof DomainException && error.code === 'DUO_IMPORT_INVALID') {
        return this.shown(id, principal, error.extensions.rows as DuoImportRowView[], { problem: errorMessage(error) }, 422);
      }
      return this.form(id, principal, { form: 'bestand', problem: fileProblem(error) }, refusalStatus(error));
    }
  }

  private shown(id: string, principal: Principal, rows: DuoImportRowView[], form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const withErrors = rows.filter((row) => row.errors.length).length;
    const content = withErrors ? undefined : importCsv(rows.map((row) => row.duo!));
    return this.form(id, principal, { rows, withErrors, content, ...form }, status);
  }
}

/** A file that is neither CSV nor XLSX is said in the words of an unreadable one: which file, and which headers. */
function fileProblem(error: unknown): string {
  if (error instanceof DomainException && error.code === 'UNSUPPORTED_MEDIA_TYPE') {
    return errorMessage(new DomainException('IMPORT_FILE_UNREADABLE', error.message, { params: { problem: error.message, expectedHeaders: [...IMPORT_HEADERS], maxRows: MAX_IMPORT_ROWS } }));
  }
  return refusal(error);
}

function isUploaded(file: FormFields[string] | undefined): file is UploadedFile {
  return typeof file === 'object' && file !== null && !Array.isArray(file) && 'data' in file;
}

/** By the file's name alone: browsers send a CSV as text/csv, text/plain or application/vnd.ms-excel, depending on the system. */
function typeOf(file: UploadedFile): string {
  if (/\.xlsx$/i.test(file.fileName)) return XLSX_TYPE;
  if (/\.(csv|txt)$/i.test(file.fileName)) return CSV_TYPE;
  return '';
}
