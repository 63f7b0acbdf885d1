import type { StateValueFrom } from 'xstate';
import type { TrajectoryEventType, TrajectoryMachine } from './trajectory.machine.js';

/**
 * How each state and event of the trajectory is named to people, in the words of DOMAIN.md.
 * Records keyed by the machine's own types: a new state or event does not compile without a name.
 */

export const STATE_DESCRIPTIONS: Record<StateValueFrom<TrajectoryMachine> & string, string> = {
  registered: 'registered, awaiting admission',
  waitingList: 'on the waiting list',
  admitted: 'admitted, awaiting the intake conversation',
  intakeHeld: 'intake held, awaiting workshop 1',
  workshop1Attended: 'attended workshop 1, awaiting workshop 2',
  workshop2Attended: 'attended workshop 2',
  workshop3Held: 'workshop 3 held',
  completed: 'completed',
  droppedOut: 'dropped out (missed a mandatory workshop without excuse; a correction of the attendance can undo it)',
  withdrawn: 'withdrawn',
};

export const EVENT_DESCRIPTIONS: Record<TrajectoryEventType, string> = {
  ADMIT: 'admission to the cohort',
  PLACE_ON_WAITING_LIST: 'placement on the waiting list',
  HOLD_INTAKE: 'the intake conversation',
  RECORD_WORKSHOP_1_ATTENDANCE: 'attendance at workshop 1',
  RECORD_WORKSHOP_2_ATTENDANCE: 'attendance at workshop 2',
  RECORD_WORKSHOP_3_ATTENDANCE: 'attendance at workshop 3',
  CORRECT_ATTENDANCE: 'a correction of recorded attendance',
  HOLD_ADVISORY_MEETING: 'an advisory meeting',
  COMPLETE: 'completion of the trajectory',
  WITHDRAW: 'withdrawal',
};
