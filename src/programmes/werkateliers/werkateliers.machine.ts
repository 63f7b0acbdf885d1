import { assign, setup, type StateValueFrom } from 'xstate';
import { meetsAttendanceObligation, type WorkshopAttendance } from '../attendance.js';

/**
 * The trajectory of one duo through an edition of the werkateliers (DOMAIN.md, seed 003):
 * registration, admission (possibly via the waiting list), intake, workshop 1, at most two
 * advisory meetings, workshop 2, an optional workshop 3, completion.
 *
 * Version 1 of the definition. A duo stores the version it started on; when this
 * definition changes, keep this one restorable under its version (see ../programmes.ts).
 */
export const MAX_ADVISORY_MEETINGS = 2;

export type WorkshopNumber = 1 | 2 | 3;
/** Workshops 1 and 2 are mandatory; workshop 3 is not. */
const MANDATORY: readonly WorkshopNumber[] = [1, 2];

/** For each workshop recorded so far: whether the duo met the obligation there. */
export type AttendanceRecord = Partial<Record<WorkshopNumber, boolean>>;

/** Whether a record of attendance leaves every mandatory workshop met. */
export function obligationKept(record: AttendanceRecord): boolean {
  return MANDATORY.every((workshop) => record[workshop] !== false);
}

/** The record after a workshop's attendance is recorded or corrected. */
export function withWorkshop(record: AttendanceRecord, workshop: WorkshopNumber, attendance: WorkshopAttendance): AttendanceRecord {
  return { ...record, [workshop]: workshop === 3 || meetsAttendanceObligation(attendance) };
}

/** The last workshop recorded, 0 before workshop 1. */
export function lastRecordedWorkshop(record: AttendanceRecord): 0 | WorkshopNumber {
  return Math.max(0, ...Object.keys(record).map(Number)) as 0 | WorkshopNumber;
}

export interface TrajectoryContext {
  advisoryMeetingsHeld: number;
  workshop3Planned: boolean;
  attendance: AttendanceRecord;
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
  | { type: 'CORRECT_ATTENDANCE'; workshop: WorkshopNumber; attendance: WorkshopAttendance; reason: string }
  | { type: 'HOLD_ADVISORY_MEETING'; heldOn: string; adviser: string; notes?: string }
  | { type: 'COMPLETE' }
  | { type: 'WITHDRAW'; reason: string };

export type TrajectoryEventType = TrajectoryEvent['type'];

type Corrected = { context: TrajectoryContext; event: TrajectoryEvent };

/** The attendance record as it would be after a correction; undefined when the event is not one for a recorded workshop. */
function correctedRecord({ context, event }: Corrected): AttendanceRecord | undefined {
  if (event.type !== 'CORRECT_ATTENDANCE' || context.attendance[event.workshop] === undefined) return undefined;
  return withWorkshop(context.attendance, event.workshop, event.attendance);
}

function correctionLeaves(args: Corrected, lastWorkshop: WorkshopNumber): boolean {
  const record = correctedRecord(args);
  return record !== undefined && obligationKept(record) && lastRecordedWorkshop(record) === lastWorkshop;
}

/**
 * A correction replaces what was recorded for a workshop (the earlier record stays in the
 * event log) and decides anew: dropped out while a mandatory workshop is missed, otherwise
 * back after the last workshop recorded.
 */
const correction = [
  { guard: 'correctionBreaksObligation', target: 'droppedOut', actions: 'applyCorrection' },
  { guard: { type: 'correctionLeavesAfter', params: { workshop: 3 } }, target: 'workshop3Held', actions: 'applyCorrection' },
  { guard: { type: 'correctionLeavesAfter', params: { workshop: 2 } }, target: 'workshop2Attended', actions: 'applyCorrection' },
  { guard: { type: 'correctionLeavesAfter', params: { workshop: 1 } }, target: 'workshop1Attended', actions: 'applyCorrection' },
] as const;

export const trajectoryMachine = setup({
  types: {
    /**
     * holdsPlace: the duo takes one of the cohort's places. started: workshop 1 is behind it,
     * so a withdrawal no longer gives the place back (trajectory/trajectory.ts, holdsPlaceAfter).
     * ended: nothing moves the duo on but a correction of its attendance.
     */
    tags: {} as 'holdsPlace' | 'started' | 'ended',
    context: {} as TrajectoryContext,
    events: {} as TrajectoryEvent,
    input: {} as TrajectoryInput,
  },
  guards: {
    attendanceObligationMet: ({ event }) => 'attendance' in event && meetsAttendanceObligation(event.attendance),
    advisoryMeetingsLeft: ({ context }) => context.advisoryMeetingsHeld < MAX_ADVISORY_MEETINGS,
    workshop3Planned: ({ context }) => context.workshop3Planned,
    correctionBreaksObligation: ({ context, event }) => {
      const record = correctedRecord({ context, event });
      return record !== undefined && !obligationKept(record);
    },
    correctionLeavesAfter: ({ context, event }, params: { workshop: WorkshopNumber }) => correctionLeaves({ context, event }, params.workshop),
  },
  actions: {
    countAdvisoryMeeting: assign({
      advisoryMeetingsHeld: ({ context }) => context.advisoryMeetingsHeld + 1,
    }),
    recordWorkshop: assign(({ context, event }, params: { workshop: WorkshopNumber }) => ({
      attendance: 'attendance' in event ? withWorkshop(context.attendance, params.workshop, event.attendance) : context.attendance,
    })),
    applyCorrection: assign(({ context, event }) => ({ attendance: correctedRecord({ context, event }) ?? context.attendance })),
  },
}).createMachine({
  id: 'trajectory',
  initial: 'registered',
  context: ({ input }) => ({ advisoryMeetingsHeld: 0, workshop3Planned: input.workshop3Planned, attendance: {} }),
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
          { guard: 'attendanceObligationMet', target: 'workshop1Attended', actions: { type: 'recordWorkshop', params: { workshop: 1 } } },
          { target: 'droppedOut', actions: { type: 'recordWorkshop', params: { workshop: 1 } } },
        ],
        WITHDRAW: 'withdrawn',
      },
    },
    workshop1Attended: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_ADVISORY_MEETING: { guard: 'advisoryMeetingsLeft', actions: 'countAdvisoryMeeting' },
        RECORD_WORKSHOP_2_ATTENDANCE: [
          { guard: 'attendanceObligationMet', target: 'workshop2Attended', actions: { type: 'recordWorkshop', params: { workshop: 2 } } },
          { target: 'droppedOut', actions: { type: 'recordWorkshop', params: { workshop: 2 } } },
        ],
        CORRECT_ATTENDANCE: correction,
        WITHDRAW: 'withdrawn',
      },
    },
    workshop2Attended: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_ADVISORY_MEETING: { guard: 'advisoryMeetingsLeft', actions: 'countAdvisoryMeeting' },
        RECORD_WORKSHOP_3_ATTENDANCE: { guard: 'workshop3Planned', target: 'workshop3Held', actions: { type: 'recordWorkshop', params: { workshop: 3 } } },
        CORRECT_ATTENDANCE: correction,
        COMPLETE: 'completed',
        WITHDRAW: 'withdrawn',
      },
    },
    workshop3Held: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_ADVISORY_MEETING: { guard: 'advisoryMeetingsLeft', actions: 'countAdvisoryMeeting' },
        CORRECT_ATTENDANCE: correction,
        COMPLETE: 'completed',
        WITHDRAW: 'withdrawn',
      },
    },
    droppedOut: {
      tags: ['holdsPlace', 'started', 'ended'],
      on: {
        CORRECT_ATTENDANCE: correction,
      },
    },
    completed: { type: 'final', tags: ['holdsPlace'] },
    withdrawn: { type: 'final' },
  },
});

export type TrajectoryMachine = typeof trajectoryMachine;
export type TrajectoryState = StateValueFrom<TrajectoryMachine> & string;
