import { Injectable } from '@nestjs/common';
import type { ChangeHeaders } from '../shared/change.js';
import type { SideAttendance, TrajectoryEvent, WorkshopAttendance, WorkshopNumber } from '../trajectory/trajectory.machine.js';
import type { DuoView } from './duo.view.js';
import type {
  HoldAdvisoryMeetingDto,
  HoldIntakeDto,
  SideAttendanceDto,
  WorkshopAttendanceDto,
} from './dto/trajectory-events.dto.js';
import { PlacesService } from './places.service.js';
import { TrajectoryWriter } from './trajectory-writer.js';

type AttendanceCorrection = WorkshopAttendanceDto & { reason: string };

/** The steps one duo takes through its trajectory once admitted: intake, workshops, advisory meetings, completion. */
@Injectable()
export class TrajectoryStepsService {
  constructor(
    private readonly writer: TrajectoryWriter,
    private readonly places: PlacesService,
  ) {}

  holdIntake(id: string, dto: HoldIntakeDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.record(id, { type: 'HOLD_INTAKE', ...dto }, headers);
  }

  /** Workshop 1 starts the cohort: it takes the cohort row, to check the cohort has enough admitted duos. */
  recordAttendance(id: string, workshop: WorkshopNumber, dto: WorkshopAttendanceDto, headers: ChangeHeaders): Promise<DuoView> {
    const event: TrajectoryEvent = { type: `RECORD_WORKSHOP_${workshop}_ATTENDANCE`, attendance: workshopAttendance(dto) };
    if (workshop !== 1) return this.writer.record(id, event, headers);
    return this.writer.changeWithCohort(id, event.type, headers, event, async (em, duo, cohort) => {
      await this.places.ensureCohortCanStart(em, cohort);
      await this.writer.apply(em, duo, event, headers.actor);
    });
  }

  correctAttendance(id: string, workshop: WorkshopNumber, dto: AttendanceCorrection, headers: ChangeHeaders): Promise<DuoView> {
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
