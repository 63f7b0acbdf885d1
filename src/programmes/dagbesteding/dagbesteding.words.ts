import type { EventWords, StateWords } from '../../trajectory/trajectory.js';
import { EVENT_WORDS as SHARED_EVENTS, STATE_WORDS as SHARED_STATES } from '../werkateliers/werkateliers.words.js';
import type { DagbestedingEventType, DagbestedingState } from './dagbesteding.machine.js';

/**
 * How each phase and event of the advisory trajectory is named: English for the API's messages,
 * Dutch for the pages (DOMAIN.md, "Programmes"). Keyed by the machine's own types, so a new
 * phase or event does not compile without its words. One event type logs every step, so its
 * words cannot name the step; the phase's words say which one the municipality is in.
 *
 * The states and events every programme shares (registration, waiting list, admission, the
 * endings) take the werkateliers' words: pages that have a state or event but not its programme
 * look them up across the programmes (web/words.ts), and must say them as before.
 */

export const STATE_WORDS: Record<DagbestedingState, StateWords> = {
  registered: SHARED_STATES.registered,
  waitingList: SHARED_STATES.waitingList,
  exploration: {
    description: 'admitted, exploring what is known and what already works',
    name: 'toegelaten, in de verkenning van wat er al bekend is en werkt',
    label: 'Verkenning',
  },
  needsInventory: {
    description: 'exploration done, inventorying wishes and needs in surveys and interviews',
    name: 'verkenning afgerond, in de behoeftepeiling met enquêtes en interviews',
    label: 'Behoeftepeiling',
  },
  focusGroups: {
    description: 'needs inventory done, holding focus groups',
    name: 'behoeftepeiling afgerond, in de focusgroepen',
    label: 'Focusgroepen',
  },
  planMeetings: {
    description: 'focus groups done, meeting toward the plan of approach',
    name: 'focusgroepen afgerond, in de bijeenkomsten naar het plan van aanpak',
    label: 'Naar het plan van aanpak',
  },
  planDelivered: {
    description: 'report and plan of approach handed over',
    name: 'rapport en plan van aanpak opgeleverd',
    label: 'Plan opgeleverd',
  },
  followUp: {
    description: 'supported in monitoring and implementation',
    name: 'in de ondersteuning bij monitoring en implementatie',
    label: 'Monitoring en implementatie',
  },
  completed: SHARED_STATES.completed,
  droppedOut: SHARED_STATES.droppedOut,
  withdrawn: SHARED_STATES.withdrawn,
};

export const EVENT_WORDS: Record<DagbestedingEventType, EventWords> = {
  ADMIT: SHARED_EVENTS.ADMIT,
  PLACE_ON_WAITING_LIST: SHARED_EVENTS.PLACE_ON_WAITING_LIST,
  HOLD_SESSION: { description: 'a step of the trajectory (a phase concluded, or a meeting held)', name: 'vastleggen' },
  COMPLETE: SHARED_EVENTS.COMPLETE,
  WITHDRAW: SHARED_EVENTS.WITHDRAW,
};
