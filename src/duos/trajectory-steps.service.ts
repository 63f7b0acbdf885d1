import { Injectable } from '@nestjs/common';
import type { ChangeHeaders } from '../shared/change.js';
import type { SideAttendance, WorkshopAttendance } from '../programmes/attendance.js';
import { meetingSession, numberedSession, sessionByKey, type SessionDefinition } from '../programmes/programme.js';
import { DomainException } from '../problems/error-code.js';
import type { DuoView } from './duo.view.js';
import type {
  HoldAdvisoryMeetingDto,
  HoldIntakeDto,
  SideAttendanceDto,
  WorkshopAttendanceDto,
} from './dto/trajectory-events.dto.js';
import { DuosService } from './duos.service.js';
import { PlacesService } from './places.service.js';
import { TrajectoryWriter } from './trajectory-writer.js';

type AttendanceCorrection = WorkshopAttendanceDto & { reason: string };

/** The steps one duo takes through its trajectory once admitted: intake, workshops, advisory meetings, completion. */
@Injectable()
export class TrajectoryStepsService {
  constructor(
    private readonly writer: TrajectoryWriter,
    private readonly places: PlacesService,
    private readonly duos: DuosService,
  ) {}

  /** The werkateliers' `/intake`: the duo's session of that key, as its programme defines it. */
  async holdIntake(id: string, dto: HoldIntakeDto, headers: ChangeHeaders): Promise<DuoView> {
    const session = await this.heldSession(id, 'intake');
    return this.writer.record(id, { type: 'HOLD_SESSION', session: session.key, ...dto }, headers);
  }

  /**
   * Attendance at the edition session with this number (`/workshops/{n}`). The first one starts
   * the cohort: the cohort row is taken first, to check the cohort has enough admitted duos (for
   * the others too, which serialises single records within a cohort, in the documented lock order).
   * The Idempotency-Key is scoped by the session's event and the event is its body, as when the
   * route was written per event: a retry across versions still finds its first answer.
   */
  async recordAttendance(id: string, workshop: number, dto: WorkshopAttendanceDto, headers: ChangeHeaders): Promise<DuoView> {
    const programme = await this.duos.programme(id);
    const { session, first } = numberedSession(programme, workshop);
    const event = { type: 'RECORD_ATTENDANCE', session: session.key, attendance: workshopAttendance(dto) } as const;
    const stored = programme.machineEvent(event);
    return this.writer.changeWithCohort(id, stored.type, headers, stored, async (em, duo, cohort) => {
      if (first) await this.places.ensureCohortCanStart(em, cohort);
      await this.writer.apply(em, duo, event, headers.actor);
    });
  }

  async correctAttendance(id: string, workshop: number, dto: AttendanceCorrection, headers: ChangeHeaders): Promise<DuoView> {
    const { session } = numberedSession(await this.duos.programme(id), workshop);
    return this.writer.record(id, { type: 'CORRECT_ATTENDANCE', session: session.key, attendance: workshopAttendance(dto), reason: dto.reason }, headers);
  }

  /** The werkateliers' `/advisory-meetings`: the session the programme counts as the duo's meetings. */
  async holdAdvisoryMeeting(id: string, dto: HoldAdvisoryMeetingDto, headers: ChangeHeaders): Promise<DuoView> {
    const session = meetingSession(await this.duos.programme(id));
    return this.writer.record(id, { type: 'HOLD_SESSION', session: session.key, ...dto }, headers);
  }

  complete(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'COMPLETE' }, headers);
  }

  /** A session per duo that an adviser logs as held, by the key a route names it with; 404 where the duo's programme has none. */
  private async heldSession(id: string, key: string): Promise<SessionDefinition> {
    const session = sessionByKey(await this.duos.programme(id), key);
    if (session?.audience !== 'unit' || session.recorded !== 'held') {
      throw new DomainException('SESSION_NOT_FOUND', `The programme of this duo has no session "${key}" to log as held.`);
    }
    return session;
  }
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
