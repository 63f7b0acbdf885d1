import type { EventWords, StateWords } from '../../trajectory/trajectory.js';
import type { TrajectoryEventType, TrajectoryState } from './werkateliers.machine.js';

/**
 * How each state and event of the werkateliers is named to people, in the words of DOMAIN.md:
 * English for the API's messages, Dutch for the pages. Keyed by the machine's own types: a new
 * state or event does not compile without its words.
 */

export const STATE_WORDS: Record<TrajectoryState, StateWords> = {
  registered: { description: 'registered, awaiting admission', name: 'aangemeld, wacht op toelating', label: 'Aangemeld' },
  waitingList: { description: 'on the waiting list', name: 'op de wachtlijst', label: 'Wachtlijst' },
  admitted: {
    description: 'admitted, awaiting the intake conversation',
    name: 'toegelaten, wacht op het kennismakingsgesprek',
    label: 'Toegelaten',
  },
  intakeHeld: {
    description: 'intake held, awaiting workshop 1',
    name: 'kennismakingsgesprek gehouden, wacht op werkatelier 1',
    label: 'Kennismakingsgesprek',
  },
  workshop1Attended: {
    description: 'attended workshop 1, awaiting workshop 2',
    name: 'werkatelier 1 bijgewoond, wacht op werkatelier 2',
    label: 'Werkatelier 1',
  },
  workshop2Attended: { description: 'attended workshop 2', name: 'werkatelier 2 bijgewoond', label: 'Werkatelier 2' },
  workshop3Held: { description: 'workshop 3 held', name: 'werkatelier 3 gehouden', label: 'Werkatelier 3' },
  completed: { description: 'completed', name: 'afgerond', label: 'Afgerond' },
  droppedOut: {
    description: 'dropped out (missed a mandatory workshop without excuse; a correction of the attendance can undo it)',
    name: 'uitgevallen',
    label: 'Uitgevallen',
  },
  withdrawn: { description: 'withdrawn', name: 'afgemeld', label: 'Afgemeld' },
};

export const EVENT_WORDS: Record<TrajectoryEventType, EventWords> = {
  ADMIT: { description: 'admission to the cohort', name: 'toelating tot de editie' },
  PLACE_ON_WAITING_LIST: { description: 'placement on the waiting list', name: 'plaatsing op de wachtlijst' },
  HOLD_INTAKE: { description: 'the intake conversation', name: 'het kennismakingsgesprek' },
  RECORD_WORKSHOP_1_ATTENDANCE: { description: 'attendance at workshop 1', name: 'werkatelier 1' },
  RECORD_WORKSHOP_2_ATTENDANCE: { description: 'attendance at workshop 2', name: 'werkatelier 2' },
  RECORD_WORKSHOP_3_ATTENDANCE: { description: 'attendance at workshop 3', name: 'werkatelier 3' },
  CORRECT_ATTENDANCE: { description: 'a correction of recorded attendance', name: 'een correctie van de aanwezigheid' },
  HOLD_ADVISORY_MEETING: { description: 'an advisory meeting', name: 'een adviesgesprek' },
  COMPLETE: { description: 'completion of the trajectory', name: 'de afronding van het traject' },
  WITHDRAW: { description: 'withdrawal', name: 'afmelding' },
};
