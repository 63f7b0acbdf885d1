import type { ProgrammeDefinition, SessionDefinition } from '../programme.js';
import type { TrajectoryEvent as AnyEvent, TrajectorySnapshot } from '../../trajectory/trajectory.js';
import {
  MAX_ADVISORY_MEETINGS,
  obligationKept,
  trajectoryMachine,
  type TrajectoryContext,
  type TrajectoryEvent,
  type TrajectoryEventType,
  type TrajectoryMachine,
} from './werkateliers.machine.js';
import { EVENT_WORDS, STATE_WORDS } from './werkateliers.words.js';

/**
 * "Werkateliers outcome collectieve voorzieningen" (seed 003): an edition of 5 to 8 duos of
 * municipality and provider goes through an intake, workshop 1, at most two advisory meetings,
 * workshop 2 and an optional workshop 3, and records evidence for the Kwaliteitskompas.
 * Attending workshops 1 and 2 as a duo is mandatory.
 */

const THREE_HOURS = 180;

interface WerkateliersSession extends SessionDefinition {
  event: TrajectoryEventType;
}

const SESSIONS: readonly WerkateliersSession[] = [
  {
    key: 'intake',
    audience: 'unit',
    recorded: 'held',
    mandatory: false,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    location: true,
    event: 'HOLD_INTAKE',
    name: 'kennismakingsgesprek',
    article: 'het',
    englishName: 'intake conversation',
    preparation: 'Denk na over waar u als duo staat, op welke collectieve voorzieningen u zich richt, en welke vragen en verwachtingen u hebt.',
  },
  {
    key: 'workshop1',
    number: 1,
    audience: 'edition',
    recorded: 'attendance',
    mandatory: true,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'RECORD_WORKSHOP_1_ATTENDANCE',
    name: 'werkatelier 1',
    englishName: 'workshop 1',
    preparation: 'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. Dit werkatelier is verplicht.',
  },
  {
    key: 'advisoryMeeting',
    audience: 'unit',
    recorded: 'held',
    mandatory: false,
    optional: false,
    maxPerUnit: MAX_ADVISORY_MEETINGS,
    defaultMinutes: THREE_HOURS,
    event: 'HOLD_ADVISORY_MEETING',
    name: 'adviesgesprek',
    article: 'het',
    plural: 'adviesgesprekken',
    englishName: 'advisory meeting',
    preparation: 'Neem uw vragen over de onderbouwing en de verbeteracties mee.',
  },
  {
    key: 'workshop2',
    number: 2,
    audience: 'edition',
    recorded: 'attendance',
    mandatory: true,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'RECORD_WORKSHOP_2_ATTENDANCE',
    name: 'werkatelier 2',
    englishName: 'workshop 2',
    preparation:
      'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. Dit werkatelier is verplicht. Neem de onderbouwing van uw cyclus mee.',
  },
  {
    key: 'workshop3',
    number: 3,
    audience: 'edition',
    recorded: 'attendance',
    mandatory: false,
    optional: true,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'RECORD_WORKSHOP_3_ATTENDANCE',
    name: 'werkatelier 3',
    englishName: 'workshop 3',
    preparation: 'Neem mee wat uw cycli hebben opgeleverd.',
  },
];

function fullAttendance() {
  return { municipality: { status: 'present' as const }, provider: { status: 'present' as const } };
}

/** One event of each type, as favourable as it can be: the engine asks with them which types a state accepts. */
const EXAMPLE_EVENTS: Record<TrajectoryEventType, TrajectoryEvent> = {
  ADMIT: { type: 'ADMIT' },
  PLACE_ON_WAITING_LIST: { type: 'PLACE_ON_WAITING_LIST' },
  HOLD_INTAKE: { type: 'HOLD_INTAKE', heldOn: '', location: '', adviser: '' },
  RECORD_WORKSHOP_1_ATTENDANCE: { type: 'RECORD_WORKSHOP_1_ATTENDANCE', attendance: fullAttendance() },
  RECORD_WORKSHOP_2_ATTENDANCE: { type: 'RECORD_WORKSHOP_2_ATTENDANCE', attendance: fullAttendance() },
  RECORD_WORKSHOP_3_ATTENDANCE: { type: 'RECORD_WORKSHOP_3_ATTENDANCE', attendance: fullAttendance() },
  CORRECT_ATTENDANCE: { type: 'CORRECT_ATTENDANCE', workshop: 1, attendance: fullAttendance(), reason: '' },
  HOLD_ADVISORY_MEETING: { type: 'HOLD_ADVISORY_MEETING', heldOn: '', adviser: '' },
  COMPLETE: { type: 'COMPLETE' },
  WITHDRAW: { type: 'WITHDRAW', reason: '' },
};

/**
 * The machine of version 1 names each session in its event types (HOLD_INTAKE,
 * RECORD_WORKSHOP_2_ATTENDANCE) and a correction by workshop number; its event logs are stored
 * so. A session-keyed event (HOLD_SESSION, RECORD_ATTENDANCE, CORRECT_ATTENDANCE with a
 * `session`) becomes that event here, so code outside this folder names no session's event.
 * A session this programme does not have is left as it is: the machine refuses it as unexpected.
 */
function machineEvent(event: AnyEvent): AnyEvent {
  const { type, session: key, ...payload } = event as AnyEvent & { session?: unknown };
  const session = SESSIONS.find((candidate) => candidate.key === key);
  if (!session) return event;
  if (type === 'HOLD_SESSION' && session.recorded === 'held') return { type: session.event, ...payload };
  if (type === 'RECORD_ATTENDANCE' && session.recorded === 'attendance') return { type: session.event, ...payload };
  if (type === 'CORRECT_ATTENDANCE' && session.number !== undefined) return { type, workshop: session.number, ...payload };
  return event;
}

/** Why each guard of the machine refuses, in English, with what the pages need to say it in Dutch. */
const REFUSALS: WerkateliersDefinition['refusals'] = {
  advisoryMeetingsLeft: (snapshot, where, said) => {
    const held = (snapshot.context as TrajectoryContext).advisoryMeetingsHeld;
    return {
      code: 'ADVISORY_LIMIT_REACHED',
      message: `This duo has had ${held} advisory meetings, the most a duo can have (${MAX_ADVISORY_MEETINGS}). ${said}`,
      params: { held, limit: MAX_ADVISORY_MEETINGS, session: 'advisoryMeeting', ...where },
    };
  },
  workshop3Planned: (_snapshot, _where, said) => ({
    code: 'WORKSHOP_3_NOT_PLANNED',
    message: `The cohort of this duo has no workshop 3 planned, so there is no attendance to record for it. ${said}`,
    params: undefined,
  }),
};

type WerkateliersDefinition = ProgrammeDefinition<TrajectoryMachine> & { sessions: readonly WerkateliersSession[] };

export const WERKATELIERS_V1: WerkateliersDefinition = {
  key: 'werkateliers',
  version: 1,
  name: 'Werkateliers outcome collectieve voorzieningen',
  description:
    'Een editie van 5 tot 8 duo’s van gemeente en uitvoerder: kennismakingsgesprek, werkatelier 1, ten hoogste twee adviesgesprekken, werkatelier 2 en zo nodig werkatelier 3, met onderbouwing voor het Kwaliteitskompas.',
  unit: 'duo',
  capacity: { min: 5, max: 8 },
  minimumToStart: 5,
  sessions: SESSIONS,
  sessionsTitle: 'Werkateliers',
  compass: true,
  records: [],
  meetings: 'advisoryMeeting',
  inputOf: ({ optionalSessionsPlanned }) => ({ workshop3Planned: optionalSessionsPlanned }),
  machine: trajectoryMachine,
  words: { states: STATE_WORDS, events: EVENT_WORDS },
  exampleEvents: EXAMPLE_EVENTS,
  sideEvents: ['PLACE_ON_WAITING_LIST', 'HOLD_ADVISORY_MEETING', 'CORRECT_ATTENDANCE', 'WITHDRAW'] satisfies TrajectoryEventType[],
  refusals: REFUSALS,
  machineEvent,
  progress: (snapshot: TrajectorySnapshot) => {
    const context = snapshot.context as TrajectoryContext;
    return { meetingsHeld: context.advisoryMeetingsHeld, meetingsCap: MAX_ADVISORY_MEETINGS, obligationKept: obligationKept(context.attendance) };
  },
};
