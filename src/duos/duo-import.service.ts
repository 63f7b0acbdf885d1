import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { dayHasPassed } from '../shared/dates.js';
import { RegisterDuoDto } from './dto/register-duo.dto.js';
import { cellsOf, importRows, pairKey, type ImportRow } from './duo-import-file.js';
import { DuoRegistrationService, registrationClosed } from './duo-registration.service.js';
import { DuoRepository } from './duo.repository.js';

export class DuoImportRowView {
  @ApiProperty({ description: 'The row in the file; the header is row 1.' })
  row: number;

  @ApiPropertyOptional({ type: RegisterDuoDto, description: 'The registration the row makes, as POST /cohorts/{id}/duos takes it.' })
  duo?: RegisterDuoDto;

  @ApiPropertyOptional({ description: 'The duo registered from this row (not in a preview).' })
  duoId?: string;

  @ApiProperty({ type: [String], description: 'What is wrong with the row, in Dutch; empty when it can be imported.' })
  errors: string[];
}

export class DuoImportView {
  @ApiProperty({ type: [DuoImportRowView] })
  rows: DuoImportRowView[];

  @ApiProperty({ description: 'How many duos were registered: 0 in a preview.' })
  imported: number;
}

/**
 * Duos brought into an edition from a file (CSV or XLSX), one row a duo: each row is checked
 * (fields, e-mail addresses, the same duo twice in the file or already in the edition) before
 * anything is written, then all are registered in one transaction, as an adviser registers one,
 * in the order of the file, or none.
 */
@Injectable()
export class DuoImportService {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly cohorts: CohortsService,
    private readonly registration: DuoRegistrationService,
    private readonly repository: DuoRepository,
  ) {}

  /** The rows of the file with what is wrong with each; a preview writes nothing, an import all rows or (422) none. */
  async import(cohortId: string, contentType: string | undefined, body: unknown, preview: boolean, headers: ChangeHeaders): Promise<DuoImportView> {
    const rows = importRows(await cellsOf(contentType, Buffer.isBuffer(body) ? body : Buffer.alloc(0)));
    if (preview) {
      return this.idempotency.run({ caller: headers.actor, scope: `cohorts/${cohortId}/duo-imports`, body: null }, async (em) => {
        await this.check(em, cohortId, rows);
        return { rows, imported: 0 };
      });
    }
    const registrations = rows.map(({ duo }) => duo);
    return this.idempotency.run({ caller: headers.actor, scope: `cohorts/${cohortId}/duo-imports`, idempotencyKey: headers.idempotencyKey, body: registrations }, async (em) => {
      const cohort = await this.check(em, cohortId, rows);
      refuseWithErrors(rows);
      const imported: DuoImportRowView[] = [];
      for (const row of rows) {
        const duo = await this.registration.registerIn(em, cohort, row.duo!, headers.actor).catch((error) => {
          // Registered by someone else between the check and this row: the whole import is refused with the reason.
          if (error instanceof DomainException && error.code === 'DUO_ALREADY_REGISTERED') {
            row.errors.push('Dit duo is al aangemeld voor deze editie.');
            refuseWithErrors(rows);
          }
          throw error;
        });
        imported.push({ ...row, duoId: duo.id });
      }
      return { rows: imported, imported: imported.length };
    });
  }

  /** Adds to each row whether its duo is already in the edition; the registration deadline holds for the whole file. */
  private async check(em: EntityManager, cohortId: string, rows: ImportRow[]) {
    const cohort = await this.cohorts.find(em, cohortId, 'share');
    if (dayHasPassed(cohort.registrationDeadline) && !cohort.enteredAfterwards) throw registrationClosed(cohort);
    const registered = new Set((await this.repository.inCohort(em, cohortId)).map((duo) => pairKey(duo.municipality, duo.provider)));
    for (const row of rows) {
      if (row.duo?.municipality && row.duo.provider && registered.has(pairKey(row.duo.municipality, row.duo.provider))) {
        row.errors.push('Dit duo is al aangemeld voor deze editie.');
      }
    }
    return cohort;
  }
}

function refuseWithErrors(rows: ImportRow[]): void {
  const rowsWithErrors = rows.filter((row) => row.errors.length).map((row) => row.row);
  if (!rowsWithErrors.length) return;
  throw new DomainException('DUO_IMPORT_INVALID', `Nothing was imported: rows ${rowsWithErrors.join(', ')} have errors. Correct them and send the file again.`, {
    params: { rowsWithErrors },
    extensions: { rows, imported: 0 },
  });
}
