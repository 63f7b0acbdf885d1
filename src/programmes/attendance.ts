import { SIDES, type Side } from '../shared/sides.js';

/*
 * Attendance at a session recorded per side of a duo: "gratis, maar niet vrijblijvend". A duo
 * meets a mandatory session's obligation when each side (municipality and provider) was
 * present, or was excused by an adviser with a recorded reason. Which sessions are mandatory
 * is the programme's to say (SessionDefinition.mandatory).
 */

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface Excuse {
  reason: string;
  excusedBy: string;
}

export interface SideAttendance {
  status: AttendanceStatus;
  /** Names of the people of this side who were there. */
  attendees?: string[];
  /** Required when status is 'excused': who excused the absence and why. */
  excuse?: Excuse;
}

export type WorkshopAttendance = Record<Side, SideAttendance>;

export function sideMeetsObligation(side: SideAttendance): boolean {
  if (side.status === 'present') return true;
  if (side.status === 'excused') return hasRecordedExcuse(side.excuse);
  return false;
}

export function meetsAttendanceObligation(attendance: WorkshopAttendance): boolean {
  return SIDES.every((side) => sideMeetsObligation(attendance[side]));
}

function hasRecordedExcuse(excuse: Excuse | undefined): boolean {
  return Boolean(excuse && excuse.reason.trim() && excuse.excusedBy.trim());
}
