import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import type { Duo } from '../duos/duo.entity.js';
import type { DuoSummaryView } from '../duos/duo.view.js';
import { DuosService, expects } from '../duos/duos.service.js';
import { PlacesService } from '../duos/places.service.js';
import { workshopAttendance } from '../duos/trajectory-steps.service.js';
import { TrajectoryWriter } from '../duos/trajectory-writer.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { programmeOf, programmeOfUnit } from '../cohorts/cohort-programme.js';
import { numberedSession, sessionByKey, sessionEventType } from '../programmes/programme.js';
import { AttendanceOverviewView, type DuoAttendanceView } from './attendance-overview.view.js';
import type { AttendanceListDto } from './dto/attendance-list.dto.js';

/**
 * The presentielijst: attendance recorded for a whole cohort at once (through the duos'
 * machines, all or nothing), and the overview per duo and workshop.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly duos: DuosService,
    private readonly writer: TrajectoryWriter,
    private readonly places: PlacesService,
    private readonly cohorts: CohortsService,
  ) {}

  /**
   * The attendance list of a workshop for several duos of a cohort, in one transaction. The
   * cohort row and every duo row of the cohort are locked before the list is checked, so no
   * duo can come to expect the workshop (an intake logged meanwhile) between the check and
   * the recording. When one duo refuses, nothing is recorded.
   */
  async recordList(cohortId: string, workshop: number, dto: AttendanceListDto, headers: ChangeHeaders): Promise<AttendanceOverviewView> {
    const scope = `cohorts/${cohortId}/workshops/${workshop}/attendance`;
    const entries = dto.duos;
    await this.idempotency.run({ caller: headers.actor, scope, idempotencyKey: headers.idempotencyKey, body: entries }, async (em) => {
      const { cohort, duos } = await this.writer.lockCohort(em, cohortId);
      const { session, first } = numberedSession(programmeOf(cohort), workshop);
      if (first) await this.places.ensureCohortCanStart(em, cohort);
      ensureListComplete(cohort, duos, sessionEventType(programmeOf(cohort), session), entries.map((entry) => entry.duoId));
      const missing = entries.filter((entry) => !duos.some((duo) => duo.id === entry.duoId)).map((entry) => entry.duoId);
      if (missing.length) {
        throw new DomainException('DUO_NOT_FOUND', `Cohort "${cohort.name}" has no duo with id ${missing.sort().join(', ')}; nothing was recorded.`);
      }
      for (const duo of duos) {
        const entry = entries.find((candidate) => candidate.duoId === duo.id);
        if (!entry) continue;
        const event = { type: 'RECORD_ATTENDANCE', session: session.key, attendance: workshopAttendance(entry) } as const;
        await this.writer.apply(em, duo, event, headers.actor).catch((error: unknown) => {
          if (!(error instanceof DomainException)) throw error;
          throw new DomainException(error.code, `${duo.municipality} / ${duo.provider}: ${error.message} Nothing on the list was recorded.`, error);
        });
      }
    });
    return this.overview(cohortId);
  }

  /** The duos of a cohort that the attendance list of a workshop must name: those whose trajectory now expects it. */
  async expectedAt(cohortId: string, workshop: number): Promise<DuoSummaryView[]> {
    const cohort = await this.cohorts.find(this.dataSource.manager, cohortId);
    const { session } = numberedSession(programmeOf(cohort), workshop);
    return this.duos.expecting(cohortId, sessionEventType(programmeOf(cohort), session));
  }

  /** Pass `em` to read inside a transaction (a report's snapshot). */
  async overview(cohortId: string, em: EntityManager = this.dataSource.manager): Promise<AttendanceOverviewView> {
    const programme = programmeOf(await this.cohorts.find(em, cohortId));
    const { duos, records } = await this.duos.attendanceInCohort(cohortId, em);
    const views: DuoAttendanceView[] = duos.map((duo) => {
      const own = records.filter((record) => record.duoId === duo.id);
      const workshops = Object.fromEntries(
        own.flatMap((record) => {
          const number = sessionByKey(programme, record.session)?.number;
          if (number === undefined) return [];
          const { municipality, provider } = record.attendance;
          return [[number, { municipality: municipality.status, provider: provider.status, met: record.met, corrected: record.corrected, recordedAt: record.recordedAt.toISOString() }]];
        }),
      );
      return {
        duoId: duo.id,
        municipality: duo.municipality,
        provider: duo.provider,
        state: duo.state,
        meetsObligation: own.every((record) => record.met),
        workshops,
      };
    });
    return { cohortId, duos: views, notMeetingObligation: views.filter((duo) => !duo.meetsObligation).map((duo) => duo.duoId) };
  }
}

/** A list is for the whole cohort: every duo whose trajectory expects this session's attendance must be on it. */
function ensureListComplete(cohort: Cohort, duos: Duo[], type: string, listed: string[]): void {
  const missing = duos
    .filter((duo) => expects(programmeOfUnit(cohort, duo), duo, type) && !listed.includes(duo.id))
    .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
  if (missing.length) {
    const missingDuos = missing.map((duo) => `${duo.municipality} / ${duo.provider}`);
    throw new DomainException(
      'ATTENDANCE_LIST_INCOMPLETE',
      `The list lacks ${missingDuos.join(', ')}, expected at this workshop; put every duo on it (absent sides as absent). Nothing was recorded.`,
      { params: { missingDuos } },
    );
  }
}
