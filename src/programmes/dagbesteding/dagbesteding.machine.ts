import { assign, setup, type StateValueFrom } from 'xstate';

/**
 * The advisory trajectory of one municipality through "Op zoek naar vernieuwende vormen van
 * dagbesteding" (seed 001): admission, then its phases in order — an exploration of what is known
 * and what works, a needs inventory (surveys and interviews), focus groups, a few meetings toward
 * the plan of approach, the report and plan handed over — and closing, with support in monitoring
 * and implementation as an optional phase after the handing over.
 *
 * An adviser moves the municipality on by logging the step that concludes a phase as held on a
 * day (the engine's session-keyed HOLD_SESSION, `session` naming the step), so the time rules of
 * every held session apply: nothing is logged as held on a day still to come.
 *
 * Version 1 of the definition. A municipality stores the version it started on; when this
 * definition changes, keep this one restorable under its version (see ../programmes.ts).
 */

/** The steps an adviser logs as held, each by its session key, in the order of the trajectory. */
export const STEPS = ['exploration', 'needsInventory', 'focusGroups', 'planMeeting', 'planDelivery', 'followUp'] as const;
export type DagbestedingStep = (typeof STEPS)[number];

export interface DagbestedingContext {
  /** Meetings toward the plan held so far, and the most the definition allows. */
  meetingsHeld: number;
  maxMeetings: number;
}

export interface DagbestedingInput {
  maxMeetings: number;
}

export type DagbestedingEvent =
  | { type: 'ADMIT'; movedUpFromWaitingList?: boolean; placeOf?: string }
  | { type: 'PLACE_ON_WAITING_LIST' }
  | { type: 'HOLD_SESSION'; session: DagbestedingStep; heldOn: string; adviser: string; notes?: string }
  | { type: 'COMPLETE' }
  | { type: 'WITHDRAW'; reason: string };

export type DagbestedingEventType = DagbestedingEvent['type'];

function isStep(event: DagbestedingEvent, step: DagbestedingStep): boolean {
  return event.type === 'HOLD_SESSION' && event.session === step;
}

/** The step that concludes a phase and the phase it leads to. */
const concludes = (step: DagbestedingStep, target: string) => ({ guard: { type: 'stepIs', params: { step } }, target }) as const;

export const dagbestedingMachine = setup({
  types: {
    /**
     * As in the werkateliers: the engine and the SQL read these tags (trajectory.ts,
     * holdsPlaceAfter). started: the exploration is behind the municipality, so a withdrawal no
     * longer gives its place back.
     */
    tags: {} as 'holdsPlace' | 'started' | 'ended',
    context: {} as DagbestedingContext,
    events: {} as DagbestedingEvent,
    input: {} as DagbestedingInput,
  },
  guards: {
    // The engine explains a refusal by the guard's name (dagbesteding.definition.ts): each guard
    // checks the step itself, so its refusal can say which step is expected instead.
    stepIs: ({ event }, params: { step: DagbestedingStep }) => isStep(event, params.step),
    meetingsLeft: ({ context, event }) => isStep(event, 'planMeeting') && context.meetingsHeld < context.maxMeetings,
    meetingHeld: ({ context, event }) => isStep(event, 'planDelivery') && context.meetingsHeld > 0,
  },
  actions: {
    countMeeting: assign({ meetingsHeld: ({ context }) => context.meetingsHeld + 1 }),
  },
}).createMachine({
  id: 'dagbesteding',
  initial: 'registered',
  context: ({ input }) => ({ meetingsHeld: 0, maxMeetings: input.maxMeetings }),
  states: {
    registered: {
      on: {
        ADMIT: 'exploration',
        PLACE_ON_WAITING_LIST: 'waitingList',
        WITHDRAW: 'withdrawn',
      },
    },
    waitingList: {
      on: {
        ADMIT: 'exploration',
        WITHDRAW: 'withdrawn',
      },
    },
    exploration: {
      tags: ['holdsPlace'],
      on: {
        HOLD_SESSION: concludes('exploration', 'needsInventory'),
        WITHDRAW: 'withdrawn',
      },
    },
    needsInventory: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_SESSION: concludes('needsInventory', 'focusGroups'),
        WITHDRAW: 'withdrawn',
      },
    },
    focusGroups: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_SESSION: concludes('focusGroups', 'planMeetings'),
        WITHDRAW: 'withdrawn',
      },
    },
    planMeetings: {
      tags: ['holdsPlace', 'started'],
      on: {
        HOLD_SESSION: [
          { guard: 'meetingsLeft', actions: 'countMeeting' },
          { guard: 'meetingHeld', target: 'planDelivered' },
        ],
        WITHDRAW: 'withdrawn',
      },
    },
    planDelivered: {
      tags: ['holdsPlace', 'started'],
      on: {
        // Closing comes first: it is the next step; the follow-up is an option.
        COMPLETE: 'completed',
        HOLD_SESSION: concludes('followUp', 'followUp'),
        WITHDRAW: 'withdrawn',
      },
    },
    followUp: {
      tags: ['holdsPlace', 'started'],
      on: {
        COMPLETE: 'completed',
        WITHDRAW: 'withdrawn',
      },
    },
    /**
     * The engine names this ending in every programme (LIFECYCLE_STATES). No session of this
     * trajectory is mandatory, so nothing leads here: a municipality that stops withdraws.
     */
    droppedOut: { tags: ['holdsPlace', 'started', 'ended'] },
    completed: { type: 'final', tags: ['holdsPlace'] },
    withdrawn: { type: 'final' },
  },
});

export type DagbestedingMachine = typeof dagbestedingMachine;
export type DagbestedingState = StateValueFrom<DagbestedingMachine> & string;
