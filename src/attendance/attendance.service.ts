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
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { programmeOf, programmeOfUnit } from '../cohorts/cohort-programme.js';
import type { SideAttendance, WorkshopAttendance } from '../programmes/attendance.js';
import { sessionByKey, sessionOf, startsEdition, type SessionRef } from '../programmes/programme.js';
import { SIDES } from '../shared/sides.js';
import { ensureSessionStarted } from '../sessions/calendar-rules.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { AttendanceOverviewView, type DuoAttendanceView, type SideAttendanceView, type SideExcuseView, type WorkshopAttendanceView } from './attendance-overview.view.js';
import type { AttendanceListDto } from './dto/attendance-list.dto.js';
import { unitName } from '../shared/unit-name.js';

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
    private readonly sessions: SessionsService,
  ) {}

  /**
   * The attendance list of an edition session for several duos of a cohort, in one transaction. The
   * cohort row and every duo row of the cohort are locked before the list is checked, so no
   * duo can come to expect the workshop (an intake logged meanwhile) between the check and
   * the recording. When one duo refuses, nothing is recorded.
   */
  async recordList(cohortId: string, ref: SessionRef, dto: AttendanceListDto, headers: ChangeHeaders): Promise<AttendanceOverviewView> {
    const entries = dto.duos;
    const cohortSession = await this.editionSession(cohortId, ref);
    // Scoped by number where the session has one, as when the route was `/workshops/{n}` only: a retry across the change finds its first answer.
    const scope = `cohorts/${cohortId}/${cohortSession.number !== undefined ? `workshops/${cohortSession.number}` : `sessions/${cohortSession.key}`}/attendance`;
    await this.idempotency.run(changeRequest(headers, scope, entries), async (em) => {
      const { cohort, duos } = await this.writer.lockCohort(em, cohortId);
      const session = sessionOf(programmeOf(cohort), ref, 'edition');
      if (startsEdition(programmeOf(cohort), session)) await this.places.ensureCohortCanStart(em, cohort);
      ensureSessionStarted(session, await this.sessions.plannedStart(em, cohortId, session.key), new Date());
      ensureListComplete(cohort, duos, session.key, entries.map((entry) => entry.duoId));
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
          throw new DomainException(error.code, `${unitName(duo, ' / ')}: ${error.message} Nothing on the list was recorded.`, error);
        });
      }
    });
    return this.overview(cohortId);
  }

  /** The duos of a cohort that the attendance list of a session must name: those whose trajectory now expects it. */
  async expectedAt(given: Cohort | string, ref: SessionRef): Promise<DuoSummaryView[]> {
    const cohort = await this.cohorts.given(this.dataSource.manager, given);
    const session = sessionOf(programmeOf(cohort), ref, 'edition');
    return this.duos.expecting(cohort, session.key);
  }

  /** The session of the cohort's programme a route names (404 for an unknown cohort or session). */
  async editionSession(cohortId: string, ref: SessionRef) {
    return sessionOf(programmeOf(await this.cohorts.find(this.dataSource.manager, cohortId)), ref, 'edition');
  }

  /** Pass `em` to read inside a transaction (a report's snapshot). */
  async overview(given: Cohort | string, em: EntityManager = this.dataSource.manager): Promise<AttendanceOverviewView> {
    const cohort = await this.cohorts.given(em, given);
    const cohortId = cohort.id;
    const programme = programmeOf(cohort);
    const { duos, records } = await this.duos.attendanceInCohort(cohortId, em);
    const views: DuoAttendanceView[] = duos.map((duo) => {
      const own = records.filter((record) => record.duoId === duo.id);
      const sessions = own.map((record) => ({ number: sessionByKey(programme, record.session)?.number, key: record.session, view: recordView(record) }));
      return {
        duoId: duo.id,
        municipality: duo.municipality,
        provider: duo.provider,
        state: duo.state,
        meetsObligation: own.every((record) => record.met),
        sessions: Object.fromEntries(sessions.map(({ key, view }) => [key, view])),
        workshops: Object.fromEntries(sessions.flatMap(({ number, view }) => (number === undefined ? [] : [[number, view]]))),
      };
    });
    return { cohortId, duos: views, notMeetingObligation: views.filter((duo) => !duo.meetsObligation).map((duo) => duo.duoId) };
  }

  /** What is on record for one duo, by session key, as the overview gives it: what a correction of each session starts from. */
  async recordedFor(duoId: string): Promise<Record<string, WorkshopAttendanceView>> {
    const records = await this.duos.attendanceOfDuo(duoId);
    return Object.fromEntries(records.map((record) => [record.session, recordView(record)]));
  }
}

/** A duo's last record of a session as the overview shows it; the sides copied field by field, as a correction takes them back. */
function recordView(record: { attendance: WorkshopAttendance; met: boolean; corrected: boolean; recordedAt: Date; recordedBy: string }): WorkshopAttendanceView {
  const { municipality, provider } = record.attendance;
  return {
    municipality: municipality.status,
    provider: provider.status,
    met: record.met,
    corrected: record.corrected,
    recordedAt: record.recordedAt.toISOString(),
    recordedBy: record.recordedBy,
    attendance: { municipality: sideView(municipality), provider: sideView(provider) },
    excuses: excusedSides(record.attendance),
  };
}

function sideView({ status, attendees, excuse }: SideAttendance): SideAttendanceView {
  return {
    status,
    ...(attendees ? { attendees: [...attendees] } : {}),
    ...(excuse ? { excuse: { reason: excuse.reason, excusedBy: excuse.excusedBy } } : {}),
  };
}

/** The sides excused, with their reason and who accepted it, as recorded. */
function excusedSides(attendance: WorkshopAttendance): SideExcuseView[] {
  return SIDES.flatMap((side) => {
    const { status, excuse } = attendance[side];
    return status === 'excused' && excuse ? [{ side, reason: excuse.reason, excusedBy: excuse.excusedBy }] : [];
  });
}

/** A list is for the whole cohort: every duo whose trajectory expects this session's attendance must be on it. */
function ensureListComplete(cohort: Cohort, duos: Duo[], session: string, listed: string[]): void {
  const missing = duos
    .filter((duo) => expects(programmeOfUnit(cohort, duo), duo, session) && !listed.includes(duo.id))
    .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
  if (missing.length) {
    const missingDuos = missing.map((duo) => unitName(duo, ' / '));
    throw new DomainException(
      'ATTENDANCE_LIST_INCOMPLETE',
      `The list lacks ${missingDuos.join(', ')}, expected at this session; put every duo on it (absent sides as absent). Nothing was recorded.`,
      { params: { missingDuos } },
    );
  }
}
