import { Injectable } from '@nestjs/common';
import type { ChangeHeaders } from '../shared/change.js';
import type { SideAttendance, WorkshopAttendance } from '../programmes/attendance.js';
import { numberedSessions } from '../programmes/programme.js';
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

  holdIntake(id: string, dto: HoldIntakeDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'HOLD_INTAKE', ...dto }, headers);
  }

  /**
   * Attendance at the edition session with this number (`/workshops/{n}`). The first one starts
   * the cohort: the cohort row is taken first, to check the cohort has enough admitted duos (for
   * the others too, which serialises single records within a cohort, in the documented lock order).
   * The Idempotency-Key is scoped by the session's event and the event is its body, as when the
   * route was written per event: a retry across versions still finds its first answer.
   */
  async recordAttendance(id: string, workshop: number, dto: WorkshopAttendanceDto, headers: ChangeHeaders): Promise<DuoView> {
    const sessions = numberedSessions(await this.duos.programme(id));
    const session = sessions.find((candidate) => candidate.number === workshop);
    if (!session) throw new DomainException('SESSION_NOT_FOUND', `The programme of this duo has no session number ${workshop}.`);
    const event = { type: session.event, attendance: workshopAttendance(dto) };
    return this.writer.changeWithCohort(id, session.event, headers, event, async (em, duo, cohort) => {
      if (session === sessions[0]) await this.places.ensureCohortCanStart(em, cohort);
      await this.writer.apply(em, duo, event, headers.actor);
    });
  }

  correctAttendance(id: string, workshop: number, dto: AttendanceCorrection, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'CORRECT_ATTENDANCE', workshop, attendance: workshopAttendance(dto), reason: dto.reason }, headers);
  }

  holdAdvisoryMeeting(id: string, dto: HoldAdvisoryMeetingDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'HOLD_ADVISORY_MEETING', ...dto }, headers);
  }

  complete(id: string, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'COMPLETE' }, headers);
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
