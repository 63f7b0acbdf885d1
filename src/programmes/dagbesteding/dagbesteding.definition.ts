import { INQUIRY_RECORDS, type ProgrammeDefinition, type SessionDefinition } from '../programme.js';
import type { GuardRefusal, TrajectoryEvent as AnyEvent, TrajectorySnapshot, Whereabouts } from '../../trajectory/trajectory.js';
import {
  dagbestedingMachine,
  STEPS,
  type DagbestedingContext,
  type DagbestedingEvent,
  type DagbestedingEventType,
  type DagbestedingMachine,
  type DagbestedingStep,
} from './dagbesteding.machine.js';
import { EVENT_WORDS, STATE_WORDS } from './dagbesteding.words.js';

/**
 * "Op zoek naar vernieuwende vormen van dagbesteding" (seed 001): Movisie's advisers take one
 * municipality through an exploration, a needs inventory (surveys and interviews with (potential)
 * users and providers of day activities), focus groups, a few meetings toward a plan of approach
 * and the handing over of the report and plan; support with monitoring and implementation may
 * follow. An edition is one municipality's trajectory. No Kwaliteitskompas.
 *
 * Each phase ends with a step an adviser logs as held on a day: these are the programme's
 * sessions per unit, so the engine's routes, next steps, calendar rules and reports run them.
 */

/** How many meetings toward the plan a municipality may hold, unless a version says otherwise. */
export const DEFAULT_MAX_MEETINGS = 3;

const TWO_HOURS = 120;

function steps(maxMeetings: number): readonly SessionDefinition[] {
  const step = (key: DagbestedingStep, words: Pick<SessionDefinition, 'name' | 'englishName' | 'preparation'>, maxPerUnit = 1): SessionDefinition => ({
    key,
    audience: 'unit',
    recorded: 'held',
    mandatory: false,
    optional: false,
    maxPerUnit,
    defaultMinutes: TWO_HOURS,
    article: 'de',
    ...words,
  });
  return [
    step('exploration', {
      name: 'verkenning',
      englishName: 'exploration',
      preparation: 'Verzamel wat de gemeente al weet over dagbesteding: bestaande kennis, ervaringen en wat al werkt.',
    }),
    step('needsInventory', {
      name: 'behoeftepeiling',
      englishName: 'needs inventory',
      preparation: 'Zet de enquêtes uit en houd de interviews met (potentiële) gebruikers en aanbieders over hun wensen en behoeften.',
    }),
    step('focusGroups', {
      name: 'ronde met focusgroepen',
      englishName: 'round of focus groups',
      preparation: 'Nodig gebruikers, aanbieders en betrokkenen uit om achtergronden en vormen van dagbesteding verder te bespreken.',
    }),
    {
      ...step(
        'planMeeting',
        {
          name: 'bijeenkomst over het plan van aanpak',
          englishName: 'meeting toward the plan of approach',
          preparation: 'Neem de vernieuwende initiatieven mee die voor de gemeente in beeld zijn.',
        },
        maxMeetings,
      ),
      plural: 'bijeenkomsten over het plan van aanpak',
    },
    step('planDelivery', {
      name: 'oplevering van rapport en plan van aanpak',
      englishName: 'handing over of the report and plan of approach',
    }),
    step('followUp', {
      name: 'ondersteuning bij monitoring en implementatie',
      englishName: 'support in monitoring and implementation',
    }),
  ];
}

const stepEvent = (session: DagbestedingStep): DagbestedingEvent => ({ type: 'HOLD_SESSION', session, heldOn: '', adviser: '' });

/** One event of each type, as favourable as it can be; a step once per step, as the steps share its type. */
const EXAMPLE_EVENTS: Record<DagbestedingEventType, DagbestedingEvent | DagbestedingEvent[]> = {
  ADMIT: { type: 'ADMIT' },
  PLACE_ON_WAITING_LIST: { type: 'PLACE_ON_WAITING_LIST' },
  HOLD_SESSION: STEPS.map(stepEvent),
  COMPLETE: { type: 'COMPLETE' },
  WITHDRAW: { type: 'WITHDRAW', reason: '' },
};

/** The steps the municipality can log now, in order. */
export function stepsExpected(snapshot: TrajectorySnapshot): DagbestedingStep[] {
  return snapshot.status === 'active' ? STEPS.filter((step) => snapshot.can(stepEvent(step))) : [];
}

function refusalsFor(sessions: readonly SessionDefinition[]): ProgrammeDefinition<DagbestedingMachine>['refusals'] {
  const named = (key: unknown) => sessions.find((session) => session.key === key)?.englishName ?? String(key);
  const stepsSaid = (snapshot: TrajectorySnapshot) => {
    const expected = stepsExpected(snapshot).map((step) => `the ${named(step)} (${step})`);
    return expected.length ? `Log ${expected.join(' or ')} next.` : 'It logs no step now.';
  };
  /** A step that is not the one the phase ends with: says which phase the municipality is in and which step it expects. */
  const wrongStep = (snapshot: TrajectorySnapshot, where: Whereabouts, event: AnyEvent) => ({
    code: 'EVENT_NOT_EXPECTED' as const,
    message: `Cannot log the ${named(event.session)} now: the municipality is ${STATE_WORDS[where.state as keyof typeof STATE_WORDS].description}. ${stepsSaid(snapshot)}`,
    params: { event: event.type, ...where },
  });
  const stepIs: GuardRefusal = (snapshot, where, _said, event) => wrongStep(snapshot, where, event);
  const meetingsLeft: GuardRefusal = (snapshot, where, _said, event) => {
    if (event.session === 'planDelivery') return undefined;
    if (event.session !== 'planMeeting') return wrongStep(snapshot, where, event);
    const { meetingsHeld: held, maxMeetings: limit } = snapshot.context as DagbestedingContext;
    return {
      code: 'ADVISORY_LIMIT_REACHED',
      message: `This municipality has held ${held} meetings toward the plan of approach, the most this programme allows (${limit}). ${stepsSaid(snapshot)}`,
      params: { held, limit, session: 'planMeeting', ...where },
    };
  };
  const meetingHeld: GuardRefusal = (snapshot, where, _said, event) => {
    if (event.session !== 'planDelivery') return wrongStep(snapshot, where, event);
    return {
      code: 'EVENT_NOT_EXPECTED',
      message: `Cannot log the ${named('planDelivery')} yet: the plan of approach is made in meetings with the municipality, and none is logged. Log a ${named('planMeeting')} (planMeeting) first.`,
      params: { event: event.type, ...where },
    };
  };
  return { stepIs, meetingsLeft, meetingHeld };
}

/** The definition, with the most meetings toward the plan a municipality may hold (3 unless said). */
export function dagbestedingProgramme({ maxMeetings = DEFAULT_MAX_MEETINGS }: { maxMeetings?: number } = {}): ProgrammeDefinition<DagbestedingMachine> {
  const sessions = steps(maxMeetings);
  return {
    key: 'dagbesteding',
    version: 1,
    name: 'Op zoek naar vernieuwende vormen van dagbesteding',
    description: `Een adviestraject voor één gemeente: verkenning, behoeftepeiling met enquêtes en interviews, focusgroepen, ten hoogste ${maxMeetings} bijeenkomsten naar een plan van aanpak en de oplevering van rapport en plan, zo nodig gevolgd door ondersteuning bij monitoring en implementatie.`,
    unit: 'municipality',
    capacity: { min: 1, max: 1 },
    minimumToStart: 1,
    sessions,
    sessionsTitle: 'Bijeenkomsten',
    compass: false,
    records: INQUIRY_RECORDS,
    meetings: 'planMeeting',
    inputOf: () => ({ maxMeetings }),
    machine: dagbestedingMachine,
    words: { states: STATE_WORDS, events: EVENT_WORDS },
    exampleEvents: EXAMPLE_EVENTS,
    sideEvents: ['PLACE_ON_WAITING_LIST', 'WITHDRAW'] satisfies DagbestedingEventType[],
    refusals: refusalsFor(sessions),
    // The machine takes the engine's session-keyed events as they come.
    machineEvent: (event) => event,
    progress: (snapshot: TrajectorySnapshot) => {
      const context = snapshot.context as DagbestedingContext;
      return { meetingsHeld: context.meetingsHeld, meetingsCap: context.maxMeetings, obligationKept: true };
    },
  };
}

export const DAGBESTEDING_V1 = dagbestedingProgramme();
