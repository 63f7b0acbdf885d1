import { assign, setup } from 'xstate';

/**
 * The trajectory of one duo through an edition of the werkateliers (DOMAIN.md, seed 003):
 * registration, admission (possibly via the waiting list), intake, workshop 1, at most two
 * advisory meetings, workshop 2, an optional workshop 3, completion.
 *
 * Version 1 of the definition. A duo stores the version it started on; when this
 * definition changes, keep this one restorable under its version (see trajectory-definitions.ts).
 */
export const MAX_ADVISORY_MEETINGS = 2;

/*
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

export interface TrajectoryContext {
  advisoryMeetingsHeld: number;
  workshop3Planned: boolean;
}

export interface TrajectoryInput {
  workshop3Planned: boolean;
}

export type TrajectoryEvent =
  | { type: 'ADMIT'; movedUpFromWaitingList?: boolean; placeOf?: string }
  | { type: 'PLACE_ON_WAITING_LIST' }
  | { type: 'HOLD_INTAKE'; heldOn: string; location: string; adviser: string; notes?: string }
  | { type: 'RECORD_WORKSHOP_1_ATTENDANCE'; attendance: WorkshopAttendance }
  | { type: 'RECORD_WORKSHOP_2_ATTENDANCE'; attendance: WorkshopAttendance }
  | { type: 'RECORD_WORKSHOP_3_ATTENDANCE'; attendance: WorkshopAttendance }
  | { type: 'HOLD_ADVISORY_MEETING'; heldOn: string; adviser: string; notes?: string }
  | { type: 'COMPLETE' }
  | { type: 'WITHDRAW'; reason: string };

export type TrajectoryEventType = TrajectoryEvent['type'];

export const trajectoryMachine = setup({
  types: {
    /**
     * holdsPlace: the duo takes one of the cohort's places. started: workshop 1 is behind it,
     * so a withdrawal no longer gives the place back (trajectory.ts, holdsPlaceAfter).
     */
    tags: {} as 'holdsPlace' | 'started',
    context: {} as TrajectoryContext,
    events: {} as TrajectoryEvent,
    input: {} as TrajectoryInput,
  },
  guards: {
    attendanceObligationMet: ({ event }) =>
      'attendance' in event && meetsAttendanceObligation(event.attendance),
    advisoryMeetingsLeft: ({ context }) => context.advisoryMeetingsHeld < MAX_ADVISORY_MEETINGS,
    workshop3Planned: ({ context }) => context.workshop3Planned,
  },
  actions: {
    countAdvisoryMeeting: assign({
      advisoryMeetingsHeld: ({ context }) => context.advisoryMeetingsHeld + 1,
    }),
  },
}).createMachine({
  id: 'trajectory',
  initial: 'registered',
  context: ({ input }) => ({ advisoryMeetingsHeld: 0, workshop3Planned: input.workshop3Planned }),
  states: {
    registered: {
      on: {
        ADMIT: 'admitted',
        PLACE_ON_WAITING_LIST: 'waitingList',
        WITHDRAW: 'withdrawn',
      },
    },
    waitingList: {
      on: {
        ADMIT: 'admitted',
        WITHDRAW: 'withdrawn',
      },
    },
    admitted: {
      tags: ['holdsPlace'],
      on: {
        HOLD_INTAKE: 'intakeHeld',
        WITHDRAW: 'withdrawn',
      },
    },
    intakeHeld: {
      tags: ['holdsPlace'],
      on: {
        RECORD_WORKSHOP_1_ATTENDANCE: [
          { guard: 'attendanceObligationMet', target: 'workshop1Attended' },
          { target: 'droppedOut' },
        ],
        WITHDRAW: 'withdrawn',
      },
    },
    workshop1Attended: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_ADVISORY_MEETING: { guard: 'advisoryMeetingsLeft', actions: 'countAdvisoryMeeting' },
        RECORD_WORKSHOP_2_ATTENDANCE: [
          { guard: 'attendanceObligationMet', target: 'workshop2Attended' },
          { target: 'droppedOut' },
        ],
        WITHDRAW: 'withdrawn',
      },
    },
    workshop2Attended: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_ADVISORY_MEETING: { guard: 'advisoryMeetingsLeft', actions: 'countAdvisoryMeeting' },
        RECORD_WORKSHOP_3_ATTENDANCE: { guard: 'workshop3Planned', target: 'workshop3Held' },
        COMPLETE: 'completed',
        WITHDRAW: 'withdrawn',
      },
    },
    workshop3Held: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_ADVISORY_MEETING: { guard: 'advisoryMeetingsLeft', actions: 'countAdvisoryMeeting' },
        COMPLETE: 'completed',
        WITHDRAW: 'withdrawn',
      },
    },
    completed: { type: 'final', tags: ['holdsPlace'] },
    droppedOut: { type: 'final', tags: ['holdsPlace'] },
    withdrawn: { type: 'final' },
  },
});

export type TrajectoryMachine = typeof trajectoryMachine;
