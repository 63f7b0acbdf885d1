import type { SideAttendance, WorkshopAttendance } from '../programmes/attendance.js';
import { attendanceSessionOf, sessionOfEvent, type ProgrammeDefinition, type SessionDefinition } from '../programmes/programme.js';
import { capitalised } from '../shared/capitalised.js';

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
  /** Dutch, as on the screens: the session's name ("Werkatelier 1"), or what happened ("Toegelaten"). */
  title: string;
  /** The day it happened (YYYY-MM-DD): the meeting's date, the edition session's planned date (not for a correction), or else the day it was recorded (Amsterdam). */
  date: string;
  recordedAt: string;
  recordedBy: string | null;
  /** Dutch lines of what else was recorded: place, adviser, notes, reason. */
  details: string[];
  /** The session by its key, and by number where the programme numbers it (the werkateliers' workshops). */
  attendance: { session: string; workshop: number | null; municipality: SideReport; provider: SideReport; correction: boolean } | null;
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

/** The session whose attendance an event records or corrects: a correction names it, a record names it or is its session's event. */
function attendedSessionOf(programme: ProgrammeDefinition, event: TimelineEvent): SessionDefinition | undefined {
  return attendanceSessionOf(programme, { ...event.payload, type: event.type });
}


function titleOf(programme: ProgrammeDefinition, event: TimelineEvent, attended: SessionDefinition | undefined): string {
  if (attended && event.type === 'CORRECT_ATTENDANCE') return `${TITLES.CORRECT_ATTENDANCE} ${attended.name}`;
  const session = sessionOfEvent(programme, { ...event.payload, type: event.type });
  return session ? capitalised(session.name) : (TITLES[event.type] ?? event.type);
}

/**
 * `programme` is the definition the duo runs; `recordedOn` the day the event was recorded;
 * `sessionDates` the days the cohort's edition sessions were planned on, by session key, which
 * is when their attendance was taken.
 */
export function timelineEntry(
  programme: ProgrammeDefinition,
  event: TimelineEvent,
  recordedOn: string,
  sessionDates: Partial<Record<string, string>> = {},
): TimelineEntry {
  const { payload } = event;
  const attended = attendedSessionOf(programme, event);
  const attendance = payload.attendance as WorkshopAttendance | undefined;
  const correction = event.type === 'CORRECT_ATTENDANCE';
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
    title: titleOf(programme, event, attended),
    date: text(payload.heldOn) ?? (attended && !correction ? sessionDates[attended.key] : undefined) ?? recordedOn,
    recordedAt: event.recordedAt.toISOString(),
    recordedBy: event.actor,
    details,
    attendance:
      attended && attendance
        ? { session: attended.key, workshop: attended.number ?? null, municipality: side(attendance.municipality), provider: side(attendance.provider), correction }
        : null,
  };
}
