import type { SideAttendance, WorkshopAttendance } from '../programmes/attendance.js';
import { sessionByNumber, sessionOfEvent, type ProgrammeDefinition } from '../programmes/programme.js';

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

/** Titles of the events that are not a session of the programme (a session's event is titled by its name). */
const TITLES: Record<string, string> = {
  REGISTERED: 'Aanmelding',
  ADMIT: 'Toegelaten',
  PLACE_ON_WAITING_LIST: 'Op de wachtlijst',
  CORRECT_ATTENDANCE: 'Correctie aanwezigheid',
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

/** The number of the edition session an attendance event is about: a correction names it, a record is its session's event. */
function workshopOf(programme: ProgrammeDefinition, event: TimelineEvent): number | undefined {
  if (event.type === 'CORRECT_ATTENDANCE') return Number(event.payload.workshop);
  return sessionOfEvent(programme, event.type)?.number;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleOf(programme: ProgrammeDefinition, event: TimelineEvent, workshop: number | undefined): string {
  const corrected = workshop !== undefined && event.type === 'CORRECT_ATTENDANCE' ? sessionByNumber(programme, workshop) : undefined;
  if (corrected) return `${TITLES.CORRECT_ATTENDANCE} ${corrected.name}`;
  const session = sessionOfEvent(programme, event.type);
  return session ? capitalised(session.name) : (TITLES[event.type] ?? event.type);
}

/**
 * `programme` is the definition the duo runs; `recordedOn` the day the event was recorded;
 * `workshopDates` the days the cohort's numbered sessions were planned on, by number, which is
 * when their attendance was taken.
 */
export function timelineEntry(
  programme: ProgrammeDefinition,
  event: TimelineEvent,
  recordedOn: string,
  workshopDates: Partial<Record<number, string>> = {},
): TimelineEntry {
  const { payload } = event;
  const workshop = workshopOf(programme, event);
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
    title: titleOf(programme, event, workshop),
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
