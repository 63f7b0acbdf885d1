import type { EventWords, StateWords } from '../../../src/trajectory/trajectory.js';
import type { TryoutEventType, TryoutState } from './tryout.machine.js';

/**
 * How each state and event of the Proeftraject is named: English for the API's messages, Dutch
 * for the pages. Keyed by the machine's own types, so a new state or event does not compile
 * without its words. One event type records the attendance at every edition session, so its
 * words cannot name the session; the state's words say which one the duo awaits.
 */

export const STATE_WORDS: Record<TryoutState, StateWords> = {
  registered: { description: 'registered, awaiting admission', name: 'aangemeld, wacht op toelating', label: 'Aangemeld' },
  waitingList: { description: 'on the waiting list', name: 'op de wachtlijst', label: 'Wachtlijst' },
  admitted: { description: 'admitted, awaiting the kick-off', name: 'toegelaten, wacht op de startbijeenkomst', label: 'Toegelaten' },
  kickedOff: {
    description: 'attended the kick-off, awaiting the closing session',
    name: 'startbijeenkomst bijgewoond, wacht op de slotbijeenkomst',
    label: 'Startbijeenkomst',
  },
  closed: { description: 'attended the closing session', name: 'slotbijeenkomst bijgewoond', label: 'Slotbijeenkomst' },
  reunionHeld: { description: 'reunion day held', name: 'terugkomdag gehouden', label: 'Terugkomdag' },
  completed: { description: 'completed', name: 'afgerond', label: 'Afgerond' },
  droppedOut: {
    description: 'dropped out (missed a mandatory session without excuse; a correction of the attendance can undo it)',
    name: 'uitgevallen',
    label: 'Uitgevallen',
  },
  withdrawn: { description: 'withdrawn', name: 'afgemeld', label: 'Afgemeld' },
};

export const EVENT_WORDS: Record<TryoutEventType, EventWords> = {
  ADMIT: { description: 'admission to the cohort', name: 'toelating tot de editie' },
  PLACE_ON_WAITING_LIST: { description: 'placement on the waiting list', name: 'plaatsing op de wachtlijst' },
  HOLD_SESSION: { description: 'a coaching conversation', name: 'een coachgesprek' },
  RECORD_ATTENDANCE: { description: 'attendance', name: 'de presentielijst' },
  CORRECT_ATTENDANCE: { description: 'a correction of recorded attendance', name: 'een correctie van de aanwezigheid' },
  COMPLETE: { description: 'completion of the trajectory', name: 'de afronding van het traject' },
  WITHDRAW: { description: 'withdrawal', name: 'afmelding' },
};
