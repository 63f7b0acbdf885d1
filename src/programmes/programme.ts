import type { AnyStateMachine, InputFrom } from 'xstate';
import { DomainException } from '../problems/error-code.js';
import type { SessionEvent, TrajectoryDefinition } from '../trajectory/trajectory.js';

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
  /** Its name in Dutch ("werkatelier 1") and in English ("workshop 1"). */
  name: string;
  englishName: string;
  /** Its Dutch plural, where a unit may have several ("adviesgesprekken op maat"). */
  plural?: string;
  /** What a unit prepares for it, in Dutch, where there is something to prepare. */
  preparation?: string;
}

/**
 * Everything particular to one version of a programme. The engine's part (machine, words of its
 * states and events, refusals, progress) is TrajectoryDefinition: src/trajectory/ runs any machine.
 */
export interface ProgrammeDefinition<Machine extends AnyStateMachine = AnyStateMachine> extends TrajectoryDefinition<Machine> {
  key: string;
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
  /** The key of the session views and reports count per unit as its meetings. */
  meetings: string;
  /** What a unit's machine starts from, given what its edition planned (whether it holds its optional sessions). */
  inputOf(edition: { optionalSessionsPlanned: boolean }): InputFrom<Machine>;
}

/**
 * The type the programme's machine gives the event that records a session (its attendance, or
 * that it was held): how next steps, refusals and the event log name that step.
 */
export function sessionEventType(programme: ProgrammeDefinition, session: SessionDefinition): string {
  const recording: SessionEvent =
    session.recorded === 'attendance' ? { type: 'RECORD_ATTENDANCE', session: session.key, attendance: undefined } : { type: 'HOLD_SESSION', session: session.key };
  return programme.machineEvent(recording).type;
}

/** The session a machine event records, if it records one. */
export function sessionOfEvent(programme: ProgrammeDefinition, event: string): SessionDefinition | undefined {
  return programme.sessions.find((session) => sessionEventType(programme, session) === event);
}

/**
 * The session whose attendance a machine event records: the session's own event, or a
 * correction that names the session (by key, or by number where routes name it so).
 */
export function attendanceSessionOf(programme: ProgrammeDefinition, event: { type: string; session?: unknown; workshop?: unknown }): SessionDefinition | undefined {
  return programme.sessions.find(
    (session) =>
      session.recorded === 'attendance' &&
      (sessionEventType(programme, session) === event.type || session.key === event.session || (session.number !== undefined && session.number === event.workshop)),
  );
}

export function sessionByKey(programme: ProgrammeDefinition, key: string): SessionDefinition | undefined {
  return programme.sessions.find((session) => session.key === key);
}

/** The sessions of the whole edition that have a number (`/workshops/{number}`), in order. */
export function numberedSessions(programme: ProgrammeDefinition): (SessionDefinition & { number: number })[] {
  return programme.sessions.filter((session): session is SessionDefinition & { number: number } => session.number !== undefined);
}

export function sessionByNumber(programme: ProgrammeDefinition, number: number): SessionDefinition | undefined {
  return programme.sessions.find((session) => session.number === number);
}

/**
 * The session a route names by number (the werkateliers' `/workshops/{n}`), and whether it is the
 * first of them, which starts the edition. 404 where the programme has no such session.
 */
export function numberedSession(programme: ProgrammeDefinition, number: number): { session: SessionDefinition; first: boolean } {
  const sessions = numberedSessions(programme);
  const session = sessions.find((candidate) => candidate.number === number);
  if (!session) throw new DomainException('SESSION_NOT_FOUND', `${programme.name} has no session number ${number}.`);
  return { session, first: session === sessions[0] };
}

/** The session views and reports count per unit as its meetings (the API's `advisoryMeetings…` fields). */
export function meetingSession(programme: ProgrammeDefinition): SessionDefinition {
  const session = sessionByKey(programme, programme.meetings);
  if (!session) throw new RangeError(`Programme ${programme.key} counts meetings of ${programme.meetings}, which is none of its sessions`);
  return session;
}

/** How Dutch sentences name the enrolled unit, and who of it must come to a mandatory session. */
export const UNIT_WORDS: Record<EnrolledUnit, { subject: string; together: string; present: string | null }> = {
  duo: { subject: 'het duo', together: 'als duo', present: 'met ten minste één persoon van de gemeente en één van de uitvoerder' },
  municipality: { subject: 'de gemeente', together: 'als gemeente', present: null },
  person: { subject: 'de deelnemer', together: 'zelf', present: null },
};

/** The mandatory sessions as a sentence names them: "werkatelier 1 en 2", or "intake en werkatelier 1". */
export function mandatorySessionNames(programme: ProgrammeDefinition): string {
  const names = programme.sessions.filter((session) => session.mandatory).map((session) => session.name);
  const numbered = names.map((name) => /^(.*) (\d+)$/.exec(name));
  const sameKind = numbered.length > 1 && numbered.every((match) => match && match[1] === numbered[0]?.[1]);
  return sameKind ? `${numbered[0]?.[1]} ${listed(numbered.map((match) => match?.[2] ?? ''))}` : listed(names);
}

/**
 * What follows the first session, as a sentence lists it for someone who just registered:
 * "werkatelier 1, ten hoogste 2 adviesgesprekken en werkatelier 2" (optional sessions left out).
 */
export function sessionsAfterTheFirst(programme: ProgrammeDefinition): string {
  return listed(
    programme.sessions
      .filter((session) => !session.optional)
      .slice(1)
      .map((session) => (session.maxPerUnit > 1 ? `ten hoogste ${session.maxPerUnit} ${session.plural ?? session.name}` : session.name)),
  );
}

function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} en ${items.at(-1)}` : (items[0] ?? '');
}
