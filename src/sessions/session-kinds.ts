import type { TrajectoryEventType } from '../trajectory/trajectory.machine.js';

export const SESSION_KINDS = ['intake', 'workshop1', 'advisoryMeeting', 'workshop2', 'workshop3'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The session at which each step of the trajectory happens. */
export const SESSION_OF_EVENT: Partial<Record<TrajectoryEventType, SessionKind>> = {
  HOLD_INTAKE: 'intake',
  RECORD_WORKSHOP_1_ATTENDANCE: 'workshop1',
  HOLD_ADVISORY_MEETING: 'advisoryMeeting',
  RECORD_WORKSHOP_2_ATTENDANCE: 'workshop2',
  RECORD_WORKSHOP_3_ATTENDANCE: 'workshop3',
};

export const SESSION_NAMES: Record<SessionKind, string> = {
  intake: 'kennismakingsgesprek',
  workshop1: 'werkatelier 1',
  advisoryMeeting: 'adviesgesprek',
  workshop2: 'werkatelier 2',
  workshop3: 'werkatelier 3',
};
