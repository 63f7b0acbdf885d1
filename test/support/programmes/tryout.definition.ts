import type { ProgrammeDefinition, SessionDefinition } from '../../../src/programmes/programme.js';
import type { TrajectorySnapshot } from '../../../src/trajectory/trajectory.js';
import { MAX_MEETINGS, obligationKept, tryoutMachine, type TryoutContext, type TryoutEvent, type TryoutEventType, type TryoutMachine } from './tryout.machine.js';
import { EVENT_WORDS, STATE_WORDS } from './tryout.words.js';

/**
 * "Proeftraject", a test-only programme that ships nowhere: an edition of 2 to 4 duos goes
 * through a kick-off, at most one coaching conversation, a closing session and an optional
 * reunion day, without the Kwaliteitskompas. It exists to prove that a second programme needs
 * no line outside its definition to change: the engine runs it as it runs the werkateliers.
 */

const SESSIONS: readonly SessionDefinition[] = [
  {
    key: 'kickoff',
    audience: 'edition',
    recorded: 'attendance',
    mandatory: true,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: 120,
    name: 'startbijeenkomst',
    englishName: 'kick-off',
    preparation: 'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. De startbijeenkomst is verplicht.',
  },
  {
    key: 'coaching',
    audience: 'unit',
    recorded: 'held',
    mandatory: false,
    optional: false,
    maxPerUnit: MAX_MEETINGS,
    defaultMinutes: 60,
    name: 'coachgesprek',
    article: 'het',
    plural: 'coachgesprekken',
    englishName: 'coaching conversation',
  },
  {
    key: 'closing',
    audience: 'edition',
    recorded: 'attendance',
    mandatory: true,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: 120,
    name: 'slotbijeenkomst',
    englishName: 'closing session',
  },
  {
    key: 'reunion',
    audience: 'edition',
    recorded: 'attendance',
    mandatory: false,
    optional: true,
    maxPerUnit: 1,
    defaultMinutes: 180,
    name: 'terugkomdag',
    englishName: 'reunion day',
  },
];

const fullAttendance = { municipality: { status: 'present' as const }, provider: { status: 'present' as const } };

/** One event of each type, as favourable as it can be; the attendance once per session, as the sessions share its type. */
const EXAMPLE_EVENTS: Record<TryoutEventType, TryoutEvent | TryoutEvent[]> = {
  ADMIT: { type: 'ADMIT' },
  PLACE_ON_WAITING_LIST: { type: 'PLACE_ON_WAITING_LIST' },
  HOLD_SESSION: { type: 'HOLD_SESSION', session: 'coaching', heldOn: '', adviser: '' },
  RECORD_ATTENDANCE: (['kickoff', 'closing', 'reunion'] as const).map((session) => ({ type: 'RECORD_ATTENDANCE', session, attendance: fullAttendance })),
  CORRECT_ATTENDANCE: { type: 'CORRECT_ATTENDANCE', session: 'kickoff', attendance: fullAttendance, reason: '' },
  COMPLETE: { type: 'COMPLETE' },
  WITHDRAW: { type: 'WITHDRAW', reason: '' },
};

/**
 * Why each guard of the machine refuses, in English, with what the pages need to say it in Dutch.
 * An event for another session is not theirs to explain: the engine refuses it as unexpected.
 */
const REFUSALS: ProgrammeDefinition<TryoutMachine>['refusals'] = {
  meetingsLeft: (snapshot, where, said, event) => {
    const held = (snapshot.context as TryoutContext).meetingsHeld;
    if (event.session !== 'coaching') return undefined;
    return {
      code: 'ADVISORY_LIMIT_REACHED',
      message: `This duo has had its coaching conversation, the most a duo can have (${MAX_MEETINGS}). ${said}`,
      params: { held, limit: MAX_MEETINGS, session: 'coaching', ...where },
    };
  },
  reunionPlanned: (_snapshot, _where, said, event) => {
    if (event.session !== 'reunion') return undefined;
    return {
      code: 'WORKSHOP_3_NOT_PLANNED',
      message: `The cohort of this duo has no reunion day planned, so there is no attendance to record for it. ${said}`,
      params: undefined,
    };
  },
};

export const TRYOUT_V1: ProgrammeDefinition<TryoutMachine> = {
  key: 'tryout',
  version: 1,
  name: 'Proeftraject',
  description: 'Een editie van 2 tot 4 duo’s van gemeente en uitvoerder: startbijeenkomst, ten hoogste één coachgesprek, slotbijeenkomst en zo nodig een terugkomdag.',
  unit: 'duo',
  capacity: { min: 2, max: 4 },
  minimumToStart: 2,
  sessions: SESSIONS,
  sessionsTitle: 'Bijeenkomsten',
  compass: false,
  records: [],
  meetings: 'coaching',
  inputOf: ({ optionalSessionsPlanned }) => ({ reunionPlanned: optionalSessionsPlanned }),
  machine: tryoutMachine,
  words: { states: STATE_WORDS, events: EVENT_WORDS },
  exampleEvents: EXAMPLE_EVENTS,
  sideEvents: ['PLACE_ON_WAITING_LIST', 'HOLD_SESSION', 'CORRECT_ATTENDANCE', 'WITHDRAW'] satisfies TryoutEventType[],
  refusals: REFUSALS,
  // The machine takes the session-keyed events as they come.
  machineEvent: (event) => event,
  progress: (snapshot: TrajectorySnapshot) => {
    const context = snapshot.context as TryoutContext;
    return { meetingsHeld: context.meetingsHeld, meetingsCap: MAX_MEETINGS, obligationKept: obligationKept(context.attendance) };
  },
};
