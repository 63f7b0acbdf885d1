import { Injectable } from '@nestjs/common';
import type { ChangeHeaders } from '../shared/change.js';
import type { SideAttendance, WorkshopAttendance } from '../programmes/attendance.js';
import { meetingSession, sessionOf, startsEdition, type SessionDefinition, type SessionRef } from '../programmes/programme.js';
import { DomainException } from '../problems/error-code.js';
import { ensureHeldOnPossible, ensureSessionStarted } from '../sessions/calendar-rules.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { todayInAmsterdam } from '../shared/dates.js';
import type { ProgrammeDefinition } from '../programmes/programme.js';
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { DuoSummaryView, type DuoView } from './duo.view.js';
import type { HoldSessionDto, HoldSessionForDuosDto, SideAttendanceDto, WorkshopAttendanceDto } from './dto/trajectory-events.dto.js';
import { DuosService } from './duos.service.js';
import { PlacesService } from './places.service.js';
import { TrajectoryWriter } from './trajectory-writer.js';
import { unitName } from '../shared/unit-name.js';

type AttendanceCorrection = WorkshopAttendanceDto & { reason: string };

/** The steps one duo takes through its trajectory once admitted: intake, workshops, advisory meetings, completion. */
@Injectable()
export class TrajectoryStepsService {
  constructor(
    private readonly writer: TrajectoryWriter,
    private readonly places: PlacesService,
    private readonly duos: DuosService,
    private readonly sessions: SessionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * A session per duo that an adviser logs as held (`/sessions/{kind}/held`; the werkateliers'
   * `/intake` and `/advisory-meetings`). Where the session records its location, the log needs one.
   */
  async holdSession(id: string, ref: SessionRef, dto: HoldSessionDto, headers: ChangeHeaders): Promise<DuoView> {
    const programme = await this.duos.programme(id);
    const session = heldSession(programme, ref);
    const event = { type: 'HOLD_SESSION', session: session.key, ...heldFields(session, dto) } as const;
    const stored = programme.machineEvent(event);
    return this.writer.change(id, stored.type, headers, stored, async (em, duo) => {
      // The machine's refusal (not expected now, the cap) comes first; a date that cannot be undoes the change.
      await this.writer.apply(em, duo, event, headers.actor);
      const { registered, recorded } = await this.duos.calendarOf(em, duo);
      ensureHeldOnPossible(programme, session, dto.heldOn, todayInAmsterdam(), registered, recorded);
    });
  }

  /**
   * One session of their own logged as held for several duos of a cohort (the intakes of a day),
   * in one transaction, all or none: each duo goes through the same machine and calendar rules as
   * when logged alone, and when any refuses nothing is logged and the answer names every duo that
   * refused, and why. Locks as every multi-duo change: the cohort row, then its duo rows in id order.
   */
  async holdSessionForDuos(cohortId: string, kind: string, dto: HoldSessionForDuosDto, headers: ChangeHeaders): Promise<DuoSummaryView[]> {
    const { duoIds, ...held } = dto;
    const chosen = [...duoIds].sort();
    const scope = `cohorts/${cohortId}/sessions/${kind}/held`;
    return this.idempotency.run(changeRequest(headers, scope, { ...held, duoIds: chosen }), async (em) => {
      const { cohort, duos } = await this.writer.lockCohort(em, cohortId);
      const missing = chosen.filter((id) => !duos.some((duo) => duo.id === id));
      if (missing.length) {
        throw new DomainException('DUO_NOT_FOUND', `Cohort "${cohort.name}" has no duo with id ${missing.join(', ')}; nothing was logged.`);
      }
      const holding = duos.filter((duo) => chosen.includes(duo.id)).sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || a.id.localeCompare(b.id));
      const refusals: { duo: string; error: DomainException }[] = [];
      for (const duo of holding) {
        const programme = await this.duos.programmeOf(em, duo);
        const session = heldSession(programme, { kind });
        const fields = heldFields(session, held);
        try {
          await this.writer.apply(em, duo, { type: 'HOLD_SESSION', session: session.key, ...fields }, headers.actor);
          const { registered, recorded } = await this.duos.calendarOf(em, duo);
          ensureHeldOnPossible(programme, session, held.heldOn, todayInAmsterdam(), registered, recorded);
        } catch (error) {
          if (!(error instanceof DomainException)) throw error;
          refusals.push({ duo: unitName(duo, ' / '), error });
        }
      }
      if (refusals.length) {
        const [first] = refusals;
        const why = refusals.map(({ duo, error }) => `${duo}: ${error.message}`).join(' ');
        throw new DomainException(first.error.code, `Nothing was logged. ${why}`, first.error);
      }
      return holding.map(DuoSummaryView.of);
    });
  }

  /** The werkateliers' `/advisory-meetings`: the session the programme counts as the duo's meetings. */
  async holdMeeting(id: string, dto: HoldSessionDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.holdSession(id, { kind: meetingSession(await this.duos.programme(id)).key }, dto, headers);
  }

  /**
   * Attendance at a session of the whole edition. The first one starts the cohort: the cohort
   * row is taken first, to check the cohort has enough admitted duos (for the others too, which
   * serialises single records within a cohort, in the documented lock order).
   * The Idempotency-Key is scoped by the session's event and the event is its body, as when the
   * route was written per event: a retry across versions still finds its first answer.
   */
  async recordAttendance(id: string, ref: SessionRef, dto: WorkshopAttendanceDto, headers: ChangeHeaders): Promise<DuoView> {
    const programme = await this.duos.programme(id);
    const session = attendedSession(programme, ref);
    const event = { type: 'RECORD_ATTENDANCE', session: session.key, attendance: workshopAttendance(dto) } as const;
    const stored = programme.machineEvent(event);
    return this.writer.changeWithCohort(id, stored.type, headers, stored, async (em, duo, cohort) => {
      if (startsEdition(programme, session)) await this.places.ensureCohortCanStart(em, cohort);
      await this.writer.apply(em, duo, event, headers.actor);
      ensureSessionStarted(session, await this.sessions.plannedStart(em, cohort.id, session.key), new Date());
    });
  }

  async correctAttendance(id: string, ref: SessionRef, dto: AttendanceCorrection, headers: ChangeHeaders): Promise<DuoView> {
    const session = attendedSession(await this.duos.programme(id), ref);
    return this.writer.record(id, { type: 'CORRECT_ATTENDANCE', session: session.key, attendance: workshopAttendance(dto), reason: dto.reason }, headers);
  }

  complete(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'COMPLETE' }, headers);
  }
}

/** A session per duo that an adviser logs as held; 404 where the duo's programme has none of that name. */
function heldSession(programme: ProgrammeDefinition, ref: SessionRef): SessionDefinition {
  const session = sessionOf(programme, ref, 'unit');
  if (session.recorded !== 'held') {
    throw new DomainException('SESSION_NOT_FOUND', `In ${programme.name}, ${session.englishName} is not logged as held but by its attendance.`);
  }
  return session;
}

/** A session of the whole edition whose attendance is listed. */
function attendedSession(programme: ProgrammeDefinition, ref: SessionRef): SessionDefinition {
  const session = sessionOf(programme, ref, 'edition');
  if (session.recorded !== 'attendance') {
    throw new DomainException('SESSION_NOT_FOUND', `In ${programme.name}, ${session.englishName} has no attendance to record: it is logged as held.`);
  }
  return session;
}

/**
 * What the log of a held session stores, field by field: the location only where the session
 * records one, and then it must be given.
 */
function heldFields(session: SessionDefinition, dto: HoldSessionDto): { heldOn: string; adviser: string; location?: string; notes?: string } {
  const notes = dto.notes !== undefined ? { notes: dto.notes } : {};
  if (!session.location) {
    if (dto.location !== undefined) {
      const message = `the ${session.englishName} records no location; leave it out`;
      throw new DomainException('VALIDATION_FAILED', `location: ${message}.`, [{ field: 'location', message }]);
    }
    return { heldOn: dto.heldOn, adviser: dto.adviser, ...notes };
  }
  if (!dto.location) {
    const message = `the ${session.englishName} records where it was held; give the location`;
    throw new DomainException('VALIDATION_FAILED', `location: ${message}.`, [{ field: 'location', message }]);
  }
  return { heldOn: dto.heldOn, adviser: dto.adviser, location: dto.location, ...notes };
}

/** Field by field: only what the DTO declares reaches the machine and the event log. */
export function workshopAttendance(dto: WorkshopAttendanceDto): WorkshopAttendance {
  return { municipality: sideAttendance(dto.municipality), provider: sideAttendance(dto.provider) };
}

function sideAttendance(side: SideAttendanceDto): SideAttendance {
  return {
    status: side.status,
    ...(side.attendees ? { attendees: [...side.attendees] } : {}),
    ...(side.excuse ? { excuse: { reason: side.excuse.reason, excusedBy: side.excuse.excusedBy } } : {}),
  };
}
