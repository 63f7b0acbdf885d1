/**
 * The attendance obligation of the werkateliers: "gratis, maar niet vrijblijvend".
 * A duo meets it at a mandatory workshop when each side (municipality and provider)
 * was present, or was excused by an adviser with a recorded reason.
 */

export const SIDES = ['municipality', 'provider'] as const;
export type Side = (typeof SIDES)[number];

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

/** The sides whose absence breaks the obligation, for messages and reports. */
export function sidesFailingObligation(attendance: WorkshopAttendance): Side[] {
  return SIDES.filter((side) => !sideMeetsObligation(attendance[side]));
}

function hasRecordedExcuse(excuse: Excuse | undefined): boolean {
  return Boolean(excuse && excuse.reason.trim() && excuse.excusedBy.trim());
}
