import { and, assign, setup, type StateValueFrom } from 'xstate';
import { meetsAttendanceObligation, type WorkshopAttendance } from '../../../src/programmes/attendance.js';

/**
 * The trajectory of one duo through the "Proeftraject", a test-only programme: admission
 * (possibly via the waiting list), a kick-off, at most one coaching conversation, a closing
 * session, an optional reunion day, completion. Unlike the werkateliers' machine it speaks the
 * engine's session-keyed events as they come (HOLD_SESSION, RECORD_ATTENDANCE and
 * CORRECT_ATTENDANCE with a `session`), so its guards tell the sessions apart.
 */
export const MAX_MEETINGS = 1;

export type AttendedSession = 'kickoff' | 'closing' | 'reunion';
/** In the order the edition holds them. */
const ATTENDED: readonly AttendedSession[] = ['kickoff', 'closing', 'reunion'];
const MANDATORY: readonly AttendedSession[] = ['kickoff', 'closing'];

/** For each session recorded so far: whether the duo met the attendance obligation there. */
export type AttendanceRecord = Partial<Record<AttendedSession, boolean>>;

/** Whether a record of attendance leaves every mandatory session met. */
export function obligationKept(record: AttendanceRecord): boolean {
  return MANDATORY.every((session) => record[session] !== false);
}

function lastRecorded(record: AttendanceRecord): AttendedSession | undefined {
  return ATTENDED.findLast((session) => record[session] !== undefined);
}

export interface TryoutContext {
  meetingsHeld: number;
  reunionPlanned: boolean;
  attendance: AttendanceRecord;
}

export type TryoutEvent =
  | { type: 'ADMIT'; movedUpFromWaitingList?: boolean; placeOf?: string }
  | { type: 'PLACE_ON_WAITING_LIST' }
  | { type: 'HOLD_SESSION'; session: 'coaching'; heldOn: string; adviser: string; notes?: string }
  | { type: 'RECORD_ATTENDANCE'; session: AttendedSession; attendance: WorkshopAttendance }
  | { type: 'CORRECT_ATTENDANCE'; session: AttendedSession; attendance: WorkshopAttendance; reason: string }
  | { type: 'COMPLETE' }
  | { type: 'WITHDRAW'; reason: string };

export type TryoutEventType = TryoutEvent['type'];

/** Whether an event is for the given session. */
function isFor(event: TryoutEvent, session: string): boolean {
  return 'session' in event && event.session === session;
}

type Corrected = { context: TryoutContext; event: TryoutEvent };

/** The attendance record as it would be after a correction; undefined when the event is not one for a recorded session. */
function correctedRecord({ context, event }: Corrected): AttendanceRecord | undefined {
  if (event.type !== 'CORRECT_ATTENDANCE' || context.attendance[event.session] === undefined) return undefined;
  return { ...context.attendance, [event.session]: meetsAttendanceObligation(event.attendance) };
}

/**
 * A correction replaces what was recorded for a session (the earlier record stays in the event
 * log) and decides anew: dropped out while a mandatory session is missed, otherwise back after
 * the last session recorded.
 */
const correction = [
  { guard: 'correctionBreaksObligation', target: 'droppedOut', actions: 'applyCorrection' },
  { guard: { type: 'correctionLeavesAfter', params: { session: 'reunion' } }, target: 'reunionHeld', actions: 'applyCorrection' },
  { guard: { type: 'correctionLeavesAfter', params: { session: 'closing' } }, target: 'closed', actions: 'applyCorrection' },
  { guard: { type: 'correctionLeavesAfter', params: { session: 'kickoff' } }, target: 'kickedOff', actions: 'applyCorrection' },
] as const;

export const tryoutMachine = setup({
  types: {
    /** As in the werkateliers: the engine and the SQL read these tags (trajectory.ts, holdsPlaceAfter). */
    tags: {} as 'holdsPlace' | 'started' | 'ended',
    context: {} as TryoutContext,
    events: {} as TryoutEvent,
    input: {} as { reunionPlanned: boolean },
  },
  guards: {
    sessionIs: ({ event }, params: { session: AttendedSession }) => isFor(event, params.session),
    attendanceMet: ({ event }) => 'attendance' in event && meetsAttendanceObligation(event.attendance),
    // The engine explains a refusal by the guard's name, so the two guards with a refusal of
    // their own check the session themselves rather than beside `sessionIs` in an `and`; their
    // refusals say nothing of an event for another session (tryout.definition.ts).
    meetingsLeft: ({ context, event }) => isFor(event, 'coaching') && context.meetingsHeld < MAX_MEETINGS,
    reunionPlanned: ({ context, event }) => isFor(event, 'reunion') && context.reunionPlanned,
    correctionBreaksObligation: ({ context, event }) => {
      const record = correctedRecord({ context, event });
      return record !== undefined && !obligationKept(record);
    },
    correctionLeavesAfter: ({ context, event }, params: { session: AttendedSession }) => {
      const record = correctedRecord({ context, event });
      return record !== undefined && obligationKept(record) && lastRecorded(record) === params.session;
    },
  },
  actions: {
    countMeeting: assign({ meetingsHeld: ({ context }) => context.meetingsHeld + 1 }),
    recordAttendance: assign(({ context, event }, params: { session: AttendedSession }) => ({
      attendance: 'attendance' in event ? { ...context.attendance, [params.session]: meetsAttendanceObligation(event.attendance) } : context.attendance,
    })),
    applyCorrection: assign(({ context, event }) => ({ attendance: correctedRecord({ context, event }) ?? context.attendance })),
  },
}).createMachine({
  id: 'tryout',
  initial: 'registered',
  context: ({ input }) => ({ meetingsHeld: 0, reunionPlanned: input.reunionPlanned, attendance: {} }),
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
        RECORD_ATTENDANCE: [
          {
            guard: and([{ type: 'sessionIs', params: { session: 'kickoff' } } as const, 'attendanceMet']),
            target: 'kickedOff',
            actions: { type: 'recordAttendance', params: { session: 'kickoff' } },
          },
          { guard: { type: 'sessionIs', params: { session: 'kickoff' } }, target: 'droppedOut', actions: { type: 'recordAttendance', params: { session: 'kickoff' } } },
        ],
        WITHDRAW: 'withdrawn',
      },
    },
    kickedOff: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_SESSION: { guard: 'meetingsLeft', actions: 'countMeeting' },
        RECORD_ATTENDANCE: [
          {
            guard: and([{ type: 'sessionIs', params: { session: 'closing' } } as const, 'attendanceMet']),
            target: 'closed',
            actions: { type: 'recordAttendance', params: { session: 'closing' } },
          },
          { guard: { type: 'sessionIs', params: { session: 'closing' } }, target: 'droppedOut', actions: { type: 'recordAttendance', params: { session: 'closing' } } },
        ],
        CORRECT_ATTENDANCE: correction,
        WITHDRAW: 'withdrawn',
      },
    },
    closed: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_SESSION: { guard: 'meetingsLeft', actions: 'countMeeting' },
        RECORD_ATTENDANCE: { guard: 'reunionPlanned', target: 'reunionHeld', actions: { type: 'recordAttendance', params: { session: 'reunion' } } },
        CORRECT_ATTENDANCE: correction,
        COMPLETE: 'completed',
        WITHDRAW: 'withdrawn',
      },
    },
    reunionHeld: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_SESSION: { guard: 'meetingsLeft', actions: 'countMeeting' },
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

export type TryoutMachine = typeof tryoutMachine;
export type TryoutState = StateValueFrom<TryoutMachine> & string;
