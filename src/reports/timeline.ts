import type { SideAttendance, WorkshopAttendance } from '../trajectory/trajectory.machine.js';

/**
 * The trajectory of a duo as a report tells it: one entry per event of its log, in the Dutch
 * words of the screens, with attendance per side and every excuse with its reason and who
 * accepted it (DOMAIN.md: an excuse stays visible in reports).
 */
export interface TimelineEvent {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  recordedAt: Date;
}

export interface SideReport {
  status: SideAttendance['status'];
  attendees: string[];
  excuse: { reason: string; excusedBy: string } | null;
}

export interface TimelineEntry {
  sequence: number;
  type: string;
  /** Dutch, as on the screens: "Werkatelier 1". */
  title: string;
  /** The day it happened (YYYY-MM-DD): the meeting's date, the workshop's planned date (not for a correction), or else the day it was recorded (Amsterdam). */
  date: string;
  recordedAt: string;
  recordedBy: string | null;
  /** Dutch lines of what else was recorded: place, adviser, notes, reason. */
  details: string[];
  attendance: { workshop: number; municipality: SideReport; provider: SideReport; correction: boolean } | null;
}

const TITLES: Record<string, string> = {
  REGISTERED: 'Aanmelding',
  ADMIT: 'Toegelaten',
  PLACE_ON_WAITING_LIST: 'Op de wachtlijst',
  HOLD_INTAKE: 'Kennismakingsgesprek',
  RECORD_WORKSHOP_1_ATTENDANCE: 'Werkatelier 1',
  RECORD_WORKSHOP_2_ATTENDANCE: 'Werkatelier 2',
  RECORD_WORKSHOP_3_ATTENDANCE: 'Werkatelier 3',
  CORRECT_ATTENDANCE: 'Correctie aanwezigheid',
  HOLD_ADVISORY_MEETING: 'Adviesgesprek',
  COMPLETE: 'Afgerond',
  WITHDRAW: 'Afgemeld',
};

export const STATUS_NAMES: Record<SideAttendance['status'], string> = {
  present: 'aanwezig',
  excused: 'afwezig met reden',
  absent: 'afwezig',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function side(attendance: SideAttendance): SideReport {
  return {
    status: attendance.status,
    attendees: attendance.attendees ?? [],
    excuse: attendance.excuse ? { reason: attendance.excuse.reason, excusedBy: attendance.excuse.excusedBy } : null,
  };
}

function workshopOf(event: TimelineEvent): number | undefined {
  if (event.type === 'CORRECT_ATTENDANCE') return Number(event.payload.workshop);
  const recorded = /^RECORD_WORKSHOP_(\d)_ATTENDANCE$/.exec(event.type);
  return recorded ? Number(recorded[1]) : undefined;
}

/**
 * `recordedOn` is the day the event was recorded; `workshopDates` the days the cohort's
 * workshops were planned on, which is when their attendance was taken.
 */
export function timelineEntry(event: TimelineEvent, recordedOn: string, workshopDates: Partial<Record<number, string>> = {}): TimelineEntry {
  const { payload } = event;
  const workshop = workshopOf(event);
  const attendance = payload.attendance as WorkshopAttendance | undefined;
  const details = [
    text(payload.location) && `Locatie: ${payload.location}`,
    text(payload.adviser) && `Adviseur: ${payload.adviser}`,
    text(payload.notes) && `Notities: ${payload.notes}`,
    text(payload.reason) && `Reden: ${payload.reason}`,
    payload.movedUpFromWaitingList === true && 'Van de wachtlijst doorgeschoven',
  ].filter((line): line is string => Boolean(line));
  return {
    sequence: event.sequence,
    type: event.type,
    title: workshop && event.type === 'CORRECT_ATTENDANCE' ? `${TITLES.CORRECT_ATTENDANCE} werkatelier ${workshop}` : (TITLES[event.type] ?? event.type),
    date: text(payload.heldOn) ?? (workshop && event.type !== 'CORRECT_ATTENDANCE' ? workshopDates[workshop] : undefined) ?? recordedOn,
    recordedAt: event.recordedAt.toISOString(),
    recordedBy: event.actor,
    details,
    attendance:
      workshop && attendance
        ? { workshop, municipality: side(attendance.municipality), provider: side(attendance.provider), correction: event.type === 'CORRECT_ATTENDANCE' }
        : null,
  };
}
