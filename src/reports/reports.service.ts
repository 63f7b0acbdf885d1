import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AttendanceService } from '../attendance/attendance.service.js';
import { programmeOf, programmeOfUnit } from '../cohorts/cohort-programme.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { attendedSessions, meetingSession, type SessionDefinition } from '../programmes/programme.js';
import type { DownloadFile } from '../http/file-download.js';
import { CyclesService } from '../cycles/cycles.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { DomainException } from '../problems/error-code.js';
import { duoNotFound } from '../problems/not-found.js';
import { TIME_ZONE } from '../shared/dates.js';
import { anonymiseCohortReport, anonymiseDuoReport, anonymousLabels, untitledFigure } from './anonymise.js';
import {
  cohortDuo,
  cohortExcuses,
  cohortSummary,
  evidenceMatrix,
  workshopSummaries,
  type CohortDuoRow,
  type CohortReport,
  type MatrixCellRow,
  type WorkshopRecord,
} from './cohort-report.js';
import { cycleReport, REPORT_VERSION, type CycleRowForReport, type DuoReport, type EvidenceCellRow } from './duo-report.js';
import { differences, type FrozenReportComparison, type FrozenReport } from './frozen-report.js';
import { evidenceShown, PHOTO_BYTES_LIMIT, photosByEvidence, printCohortReport, printDuoReport } from './print.js';
import { reportTables, type ReportTable, type ReportTableName } from './report-tables.js';
import { csv, workbook, XLSX_TYPE } from './spreadsheet.js';
import { timelineEntry, type TimelineEvent } from './timeline.js';
import { unitName } from '../shared/unit-name.js';

/**
 * Reports on completed cycles, computed in PostgreSQL: counts and matrices are aggregates
 * (GROUP BY, with the ids they count), and only what a report shows item by item (figures,
 * quotes, the timeline) is read as rows. The evidence rows come from the evidence module's
 * service; the aggregates still read the tables of duos, cycles and evidence directly, as a
 * read model of them. Reports change nothing but the frozen copies.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly attendance: AttendanceService,
    private readonly evidence: EvidenceService,
    private readonly cycles: CyclesService,
  ) {}

  onModuleInit(): void {
    this.cycles.whenClosed((em, duoId, cycle, compassEventSequence) => this.freeze(em, duoId, cycle, compassEventSequence));
  }

  duoReport(duoId: string): Promise<DuoReport> {
    return this.snapshot((em) => this.buildDuoReport(em, duoId));
  }

  cohortReport(cohortId: string, anonymised: boolean): Promise<CohortReport> {
    return this.snapshot(async (em) => {
      const report = await this.buildCohortReport(em, cohortId);
      return anonymised ? anonymiseCohortReport(report) : report;
    });
  }

  /** Without the Kwaliteitskompas where the duo's programme does not use it; with the photos of the evidence it shows. */
  async printDuo(duoId: string): Promise<string> {
    const { report, photos } = await this.snapshot(async (em) => {
      const built = await this.buildDuoReport(em, duoId);
      return { report: built, photos: await this.evidence.photosOf(em, evidenceShown([built]), PHOTO_BYTES_LIMIT) };
    });
    const compass = (await this.cohorts.programme(report.duo.cohortId)).compass;
    return printDuoReport(report, compass, photosByEvidence(photos));
  }

  /**
   * The cohort report and the report of every admitted duo, read in one snapshot so that labels
   * and names agree. The anonymised one, for publication, leaves the photos out: a photo can
   * show the people the report does not name.
   */
  printCohort(cohortId: string, anonymised: boolean): Promise<string> {
    return this.snapshot(async (em) => {
      const report = await this.buildCohortReport(em, cohortId);
      const labels = anonymousLabels(report.duos);
      const duoReports: DuoReport[] = [];
      for (const duo of report.duos.filter((candidate) => candidate.outcome !== 'notAdmitted')) {
        const duoReport = await this.buildDuoReport(em, duo.id);
        duoReports.push(anonymised ? anonymiseDuoReport(duoReport, labels.get(duo.id) as string, await this.evidence.publishableIn(em, duo.id)) : duoReport);
      }
      const photos = anonymised ? [] : await this.evidence.photosOf(em, evidenceShown(duoReports), PHOTO_BYTES_LIMIT);
      return printCohortReport(anonymised ? anonymiseCohortReport(report) : report, duoReports, photosByEvidence(photos));
    });
  }

  /** The main tables of the cohort report (the spreadsheet's sheets, the CSV downloads), read in one snapshot. */
  tables(cohortId: string, anonymised: boolean): Promise<{ report: CohortReport; tables: ReportTable[] }> {
    return this.snapshot(async (em) => {
      const built = await this.buildCohortReport(em, cohortId);
      const report = anonymised ? anonymiseCohortReport(built) : built;
      const figures = await this.evidence.figuresOfClosedCycles(em, cohortId);
      return { report, tables: reportTables(report, anonymised ? figures.map(untitledFigure) : figures) };
    });
  }

  async spreadsheet(cohortId: string, anonymised: boolean): Promise<DownloadFile> {
    const { report, tables } = await this.tables(cohortId, anonymised);
    return { content: await workbook(tables, `Rapportage ${report.cohort.name}`), type: XLSX_TYPE, fileName: `${fileNameOf(report, anonymised)}.xlsx` };
  }

  async csvTable(cohortId: string, name: ReportTableName, anonymised: boolean): Promise<DownloadFile> {
    const { report, tables } = await this.tables(cohortId, anonymised);
    const table = tables.find((candidate) => candidate.name === name) as ReportTable;
    return { content: Buffer.from(csv(table), 'utf8'), type: 'text/csv; charset=utf-8', fileName: `${fileNameOf(report, anonymised)}-${name}.csv` };
  }

  /**
   * Freezes the duo's report when an adviser closes a cycle, in that transaction: a stored copy
   * that later changes do not touch, with the events it was made from.
   */
  async freeze(em: EntityManager, duoId: string, cycle: number, compassEventSequence: number): Promise<void> {
    const report = await this.buildDuoReport(em, duoId);
    const [{ sequence }] = await em.query('SELECT max(sequence)::int AS sequence FROM duo_events WHERE duo_id = $1', [duoId]);
    await em.query(
      `INSERT INTO frozen_reports (duo_id, cycle, report_version, made_at, duo_event_sequence, compass_event_sequence, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [duoId, cycle, REPORT_VERSION, report.madeAt, sequence, compassEventSequence, report],
    );
  }

  async frozenReport(duoId: string, cycle: number): Promise<FrozenReport> {
    const [row] = await this.dataSource.query(
      `SELECT cycle, report_version, made_at, duo_event_sequence, compass_event_sequence, content
       FROM frozen_reports WHERE duo_id = $1 AND cycle = $2`,
      [duoId, cycle],
    );
    if (!row) {
      const [duo] = await this.dataSource.query('SELECT 1 FROM duos WHERE id = $1', [duoId]);
      if (!duo) throw duoNotFound(duoId);
      throw new DomainException('FROZEN_REPORT_NOT_FOUND', `Cycle ${cycle} of this duo has no frozen report: a report is frozen when an adviser closes the cycle.`);
    }
    return {
      cycle: row.cycle,
      reportVersion: row.report_version,
      madeAt: row.made_at.toISOString(),
      duoEventSequence: row.duo_event_sequence,
      compassEventSequence: row.compass_event_sequence,
      report: row.content,
    };
  }

  async compareWithLive(duoId: string, cycle: number): Promise<FrozenReportComparison> {
    const frozen = await this.frozenReport(duoId, cycle);
    const live = await this.duoReport(duoId);
    // A copy made by an earlier version of the report lacks the fields added since: that is not a difference in what it says.
    return { frozen, live, differences: differences(frozen.report, live, '', frozen.reportVersion < REPORT_VERSION) };
  }

  /** The cohort report, on the snapshot's manager: aggregates in SQL, each count with the ids it counts. */
  private async buildCohortReport(em: EntityManager, cohortId: string): Promise<CohortReport> {
    const cohort = await this.cohorts.find(em, cohortId);
    const duoRows: Omit<CohortDuoRow, 'meets_obligation'>[] = await em.query(
      `SELECT d.id, d.municipality, d.provider, d.state, d.advisory_meetings_held, d.named_in_publications,
         (SELECT count(*)::int FROM cycles c WHERE c.duo_id = d.id AND c.closed_at IS NOT NULL) AS completed_cycles
       FROM duos d WHERE d.cohort_id = $1 ORDER BY d.registered_at, d.id`,
      [cohortId],
    );
    const matrix: MatrixCellRow[] = await em.query(
      `SELECT e.step, e.perspective, e.kind, count(*)::int AS count, array_agg(e.id ORDER BY e.id) AS "evidenceIds"
       FROM duos d
       JOIN cycles c ON c.duo_id = d.id AND c.closed_at IS NOT NULL
       JOIN evidence e ON e.duo_id = c.duo_id AND e.cycle = c.number AND e.deleted_at IS NULL
       WHERE d.cohort_id = $1 GROUP BY e.step, e.perspective, e.kind`,
      [cohortId],
    );
    const overview = await this.attendance.overview(cohortId, em);
    const records: WorkshopRecord[] = overview.duos.flatMap((duo) =>
      Object.entries(duo.sessions).map(([session, record]) => ({
        duoId: duo.duoId,
        session,
        municipality: record.municipality,
        provider: record.provider,
        met: record.met,
        excuses: record.excuses,
      })),
    );
    // Only duos with a place attend; a duo without one has missed nothing.
    const missed = new Set(overview.notMeetingObligation);
    const duos = duoRows.map((row) => cohortDuo({ ...row, meets_obligation: !missed.has(row.id) }));
    const sessions = attendedSessions(programmeOf(cohort));
    return {
      reportVersion: REPORT_VERSION,
      madeAt: new Date().toISOString(),
      anonymised: false,
      cohort: {
        id: cohort.id,
        name: cohort.name,
        programme: programmeOf(cohort).key,
        programmeName: programmeOf(cohort).name,
        location: cohort.location,
        registrationDeadline: cohort.registrationDeadline,
        capacity: cohort.capacity,
      },
      meetings: meetingsOf(meetingSession(programmeOf(cohort))),
      compass: programmeOf(cohort).compass,
      duos,
      ...cohortSummary(duos, meetingSession(programmeOf(cohort)).maxPerUnit),
      attendance: workshopSummaries(records, sessions),
      excuses: cohortExcuses(records, sessions, duos),
      evidenceMatrix: evidenceMatrix(matrix),
    };
  }

  /** Reads a whole report in one consistent snapshot, so that its parts agree with each other. */
  private snapshot<T>(read: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  private async buildDuoReport(em: EntityManager, duoId: string): Promise<DuoReport> {
    const [duo] = await em.query(
      `SELECT d.id, d.cohort_id, c.name AS cohort_name, c.programme_key, d.trajectory_version, d.municipality, d.provider,
              d.collective_services, d.state, d.advisory_meetings_held, d.named_in_publications
       FROM duos d JOIN cohorts c ON c.id = d.cohort_id WHERE d.id = $1`,
      [duoId],
    );
    if (!duo) throw duoNotFound(duoId);
    const events: (TimelineEvent & { recorded_on: string })[] = await em.query(
      `SELECT sequence, type, payload, actor, recorded_at AS "recordedAt",
              to_char(recorded_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS recorded_on
       FROM duo_events WHERE duo_id = $1 ORDER BY sequence`,
      [duoId],
    );
    const workshops: { kind: string; day: string }[] = await em.query(
      `SELECT kind, to_char(starts_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS day FROM planned_sessions
       WHERE cohort_id = $1 AND duo_id IS NULL`,
      [duo.cohort_id],
    );
    const programme = programmeOfUnit({ programmeKey: duo.programme_key }, { trajectoryVersion: duo.trajectory_version });
    const sessionDates = Object.fromEntries(workshops.map(({ kind, day }) => [kind, day]));
    const cycles: CycleRowForReport[] = await em.query(
      'SELECT number, closed_at, closed_by, improvement_actions FROM cycles WHERE duo_id = $1 AND closed_at IS NOT NULL ORDER BY number',
      [duoId],
    );
    const evidence = await this.evidence.ofClosedCycles(em, duoId);
    const cells: EvidenceCellRow[] = await em.query(
      `SELECT e.cycle, e.step, e.perspective, e.kind, count(*)::int AS count, array_agg(e.id ORDER BY e.id) AS "evidenceIds"
       FROM cycles c JOIN evidence e ON e.duo_id = c.duo_id AND e.cycle = c.number AND e.deleted_at IS NULL
       WHERE c.duo_id = $1 AND c.closed_at IS NOT NULL GROUP BY e.cycle, e.step, e.perspective, e.kind`,
      [duoId],
    );
    return {
      reportVersion: REPORT_VERSION,
      madeAt: new Date().toISOString(),
      duo: {
        id: duo.id,
        cohortId: duo.cohort_id,
        cohortName: duo.cohort_name,
        label: unitName(duo, ' / '),
        municipality: duo.municipality,
        provider: duo.provider,
        collectiveServices: duo.collective_services,
        state: duo.state,
        advisoryMeetingsHeld: duo.advisory_meetings_held,
        namedInPublications: duo.named_in_publications,
      },
      timeline: events.map((event) => timelineEntry(programme, event, event.recorded_on, sessionDates)),
      cycles: cycles.map((cycle) => cycleReport(cycle, evidence, cells)),
    };
  }
}

function fileNameOf(report: CohortReport, anonymised: boolean): string {
  const name = report.cohort.name.normalize('NFKD').replace(/[^\w -]/g, '').trim().replace(/\s+/g, '-').toLowerCase();
  return `rapportage-${name || 'editie'}${anonymised ? '-geanonimiseerd' : ''}`;
}

/** How the reports name the session a programme counts as its meetings, and its cap. */
function meetingsOf(session: SessionDefinition): CohortReport['meetings'] {
  return { name: session.plural ?? session.name, one: session.name, cap: session.maxPerUnit };
}
