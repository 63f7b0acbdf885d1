import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { DuosService } from '../duos/duos.service.js';
import type { ChangeHeaders } from '../shared/change.js';
import { obligationKept, type WorkshopAttendance, type WorkshopNumber } from '../trajectory/trajectory.machine.js';
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
    private readonly duos: DuosService,
    private readonly cohorts: CohortsService,
  ) {}

  async recordList(cohortId: string, workshop: WorkshopNumber, dto: AttendanceListDto, headers: ChangeHeaders): Promise<AttendanceOverviewView> {
    await this.duos.recordWorkshopForCohort(cohortId, workshop, dto.duos, headers);
    return this.overview(cohortId);
  }

  /** Pass `em` to read inside a transaction (a report's snapshot). */
  async overview(cohortId: string, em: EntityManager = this.dataSource.manager): Promise<AttendanceOverviewView> {
    await this.cohorts.find(em, cohortId);
    const duos: { id: string; municipality: string; provider: string; state: string; trajectory_snapshot: { context: { attendance: object } } }[] =
      await em.query(
        'SELECT id, municipality, provider, state, trajectory_snapshot FROM duos WHERE cohort_id = $1 AND holds_place ORDER BY lower(municipality), id',
        [cohortId],
      );
    const records: { duo_id: string; workshop: WorkshopNumber; attendance: WorkshopAttendance; type: string; recorded_at: Date }[] =
      await em.query(
        `SELECT DISTINCT ON (e.duo_id, w.workshop) e.duo_id, w.workshop, e.payload->'attendance' AS attendance, e.type, e.recorded_at
         FROM duo_events e JOIN duos d ON d.id = e.duo_id
         CROSS JOIN LATERAL (SELECT CASE
           WHEN e.type = 'CORRECT_ATTENDANCE' THEN (e.payload->>'workshop')::int
           WHEN e.type LIKE 'RECORD\\_WORKSHOP\\__\\_ATTENDANCE' THEN substring(e.type FROM 17 FOR 1)::int
         END AS workshop) w
         WHERE d.cohort_id = $1 AND w.workshop IS NOT NULL
         ORDER BY e.duo_id, w.workshop, e.sequence DESC`,
        [cohortId],
      );
    const views: DuoAttendanceView[] = duos.map((duo) => {
      const kept = duo.trajectory_snapshot.context.attendance as Partial<Record<WorkshopNumber, boolean>>;
      const workshops = Object.fromEntries(
        records
          .filter((record) => record.duo_id === duo.id)
          .map((record) => [
            record.workshop,
            {
              municipality: record.attendance.municipality.status,
              provider: record.attendance.provider.status,
              met: kept[record.workshop] ?? true,
              corrected: record.type === 'CORRECT_ATTENDANCE',
              recordedAt: record.recorded_at.toISOString(),
            },
          ]),
      );
      return {
        duoId: duo.id,
        municipality: duo.municipality,
        provider: duo.provider,
        state: duo.state,
        meetsObligation: obligationKept(kept),
        workshops,
      };
    });
    return { cohortId, duos: views, notMeetingObligation: views.filter((duo) => !duo.meetsObligation).map((duo) => duo.duoId) };
  }
}
