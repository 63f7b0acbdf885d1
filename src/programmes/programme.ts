import type { AnyStateMachine } from 'xstate';

/**
 * What a programme Movisie runs is (DOMAIN.md, "Programmes"): who enrols, its sessions in order
 * and their rules, its words, whether the Kwaliteitskompas applies, and its state machine. An
 * edition runs one version of one programme; the code outside src/programmes/ asks the
 * definition instead of naming a session, a number or a cap.
 */

/** Who enrols: a duo of municipality and provider, one municipality, or one person. */
export const ENROLLED_UNITS = ['duo', 'municipality', 'person'] as const;
export type EnrolledUnit = (typeof ENROLLED_UNITS)[number];

export interface SessionDefinition {
  /** Stable key, stored with every planned session of this kind. */
  key: string;
  /** `edition`: one session for the whole edition (a workshop); `unit`: planned per enrolled unit (an intake). */
  audience: 'edition' | 'unit';
  /** `attendance`: an attendance list of who came; `held`: an adviser logs that it took place. */
  recorded: 'attendance' | 'held';
  /** Whether attending is mandatory: missing it without a recorded excuse ends the trajectory. */
  mandatory: boolean;
  /** Whether it happens only where the edition plans it. */
  optional: boolean;
  /** How many times one unit may have it. */
  maxPerUnit: number;
  /** Its length when planned without an end. */
  defaultMinutes: number;
  /**
   * For an edition session that routes and reports name by number (the werkateliers'
   * `/workshops/{n}`): that number.
   */
  number?: number;
  /** The event of the machine that records it. */
  event: string;
  /** Its name in Dutch ("werkatelier 1") and in English ("workshop 1"). */
  name: string;
  englishName: string;
  /** What a unit prepares for it, in Dutch, where there is something to prepare. */
  preparation?: string;
}

export interface ProgrammeDefinition<Machine extends AnyStateMachine = AnyStateMachine> {
  key: string;
  version: number;
  /** Its name in Dutch, as Movisie calls it. */
  name: string;
  description: string;
  unit: EnrolledUnit;
  /** How many units an edition may admit, and how many it needs to start. */
  capacity: { min: number; max: number };
  minimumToStart: number;
  sessions: readonly SessionDefinition[];
  /** Whether units record evidence for the steps of the Kwaliteitskompas. */
  compass: boolean;
  machine: Machine;
}

/** The session a machine event records, if it records one. */
export function sessionOfEvent(programme: ProgrammeDefinition, event: string): SessionDefinition | undefined {
  return programme.sessions.find((session) => session.event === event);
}

/**
 * The session whose attendance an event records: the session's own event, or a correction that
 * names the session (by key, or by number where routes name it so).
 */
export function attendanceSessionOf(programme: ProgrammeDefinition, event: { type: string; session?: unknown; workshop?: unknown }): SessionDefinition | undefined {
  return programme.sessions.find(
    (session) =>
      session.recorded === 'attendance' &&
      (session.event === event.type || session.key === event.session || (session.number !== undefined && session.number === event.workshop)),
  );
}

export function sessionByKey(programme: ProgrammeDefinition, key: string): SessionDefinition | undefined {
  return programme.sessions.find((session) => session.key === key);
}
