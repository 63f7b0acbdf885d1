import type { AnyStateMachine, EventObject, InputFrom } from 'xstate';
import { DomainException } from '../problems/error-code.js';
import type { SessionEvent, TrajectoryDefinition, TrajectorySnapshot } from '../trajectory/trajectory.js';

/**
 * What a programme Movisie runs is (DOMAIN.md, "Programmes"): who enrols, its sessions in order
 * and their rules, its words, whether the Kwaliteitskompas applies, and its state machine. An
 * edition runs one version of one programme; the code outside src/programmes/ asks the
 * definition instead of naming a session, a number or a cap.
 */

/** Who enrols: a duo of municipality and provider, one municipality, or one person. */
export const ENROLLED_UNITS = ['duo', 'municipality', 'person'] as const;
export type EnrolledUnit = (typeof ENROLLED_UNITS)[number];

/**
 * What an advisory trajectory records of its unit beside the steps of its machine (seed 001): the
 * surveys and interviews of the needs inventory, its focus groups, the innovative initiatives in
 * view, and the plan of approach and report handed over. The inquiry module keeps each kind a
 * definition lists, and refuses the others.
 */
export const INQUIRY_RECORDS = ['surveys', 'interviews', 'focusGroups', 'initiatives', 'plan'] as const;
export type InquiryRecord = (typeof INQUIRY_RECORDS)[number];

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
  /** For a session an adviser logs as held: whether the log says where (then it must). */
  location?: boolean;
  /**
   * For an edition session that routes and reports name by number (the werkateliers'
   * `/workshops/{n}`): that number.
   */
  number?: number;
  /** Its name in Dutch ("werkatelier 1") and in English ("workshop 1"). */
  name: string;
  englishName: string;
  /** Its Dutch article, where a sentence names it with one ("het kennismakingsgesprek is vastgelegd"). */
  article?: 'de' | 'het';
  /** Its Dutch plural, where a unit may have several ("adviesgesprekken"). */
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
  /** What the pages call its sessions for the whole edition, as a heading ("Werkateliers"). */
  sessionsTitle: string;
  /** Whether units record evidence for the steps of the Kwaliteitskompas. */
  compass: boolean;
  /** What the unit's inquiry records (surveys, interviews, focus groups, initiatives, the plan): none where the programme keeps no inquiry. */
  records: readonly InquiryRecord[];
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

/**
 * The event that records the session, as favourable as it can be (every side present): what a
 * unit's state is asked whether it takes, to know whether the unit now expects the session.
 */
function favourableEvent(programme: ProgrammeDefinition, session: SessionDefinition): EventObject {
  const recording: SessionEvent =
    session.recorded === 'attendance'
      ? { type: 'RECORD_ATTENDANCE', session: session.key, attendance: FULL_ATTENDANCE }
      : { type: 'HOLD_SESSION', session: session.key, heldOn: '', adviser: '', ...(session.location ? { location: '' } : {}) };
  return programme.machineEvent(recording);
}

const FULL_ATTENDANCE = { municipality: { status: 'present' }, provider: { status: 'present' } };

/** The sessions the unit's trajectory now takes, in the order of the programme (a capped session no longer once its cap is reached). */
export function expectedSessions(programme: ProgrammeDefinition, snapshot: TrajectorySnapshot): SessionDefinition[] {
  if (snapshot.status !== 'active') return [];
  return programme.sessions.filter((session) => snapshot.can(favourableEvent(programme, session)));
}

/**
 * The sessions still ahead of the unit: those it takes now, and those after the last of them in
 * the programme's order whose attendance is not on record (`recorded`: the keys that are). Nothing
 * once the trajectory has ended, or before admission (no session is expected yet).
 */
export function sessionsAhead(
  programme: ProgrammeDefinition,
  snapshot: TrajectorySnapshot,
  recorded: readonly string[],
  expected = expectedSessions(programme, snapshot),
): SessionDefinition[] {
  if (!expected.length) return [];
  const last = Math.max(...expected.map((session) => programme.sessions.indexOf(session)));
  return programme.sessions.filter((session, index) => expected.includes(session) || (index > last && !recorded.includes(session.key)));
}

export function expectsSession(programme: ProgrammeDefinition, snapshot: TrajectorySnapshot, session: SessionDefinition): boolean {
  return snapshot.status === 'active' && snapshot.can(favourableEvent(programme, session));
}

/** The session a machine event records, if it records one: the session it names, or the one whose own event it is. */
export function sessionOfEvent(programme: ProgrammeDefinition, event: { type: string; session?: unknown }): SessionDefinition | undefined {
  const named = programme.sessions.find((session) => session.key === event.session);
  if (named) return named;
  const own = programme.sessions.filter((session) => sessionEventType(programme, session) === event.type);
  return own.length === 1 ? own[0] : undefined;
}

/**
 * The session whose attendance a machine event records or corrects: the session it names (by
 * key, or by number where the werkateliers' v1 corrections name it so), or the one whose own event it is.
 */
export function attendanceSessionOf(programme: ProgrammeDefinition, event: { type: string; session?: unknown; workshop?: unknown }): SessionDefinition | undefined {
  const numbered = event.workshop !== undefined ? programme.sessions.find((session) => session.number !== undefined && session.number === event.workshop) : undefined;
  const session = numbered ?? sessionOfEvent(programme, event);
  return session?.recorded === 'attendance' ? session : undefined;
}

export function sessionByKey(programme: ProgrammeDefinition, key: string): SessionDefinition | undefined {
  return programme.sessions.find((session) => session.key === key);
}

/** How a route names a session: by its key (`/sessions/{kind}`), or by number (the werkateliers' `/workshops/{n}`). */
export type SessionRef = { kind: string } | { number: number };

/**
 * The session a route names, of the audience the route is for (an edition session's attendance
 * list, a unit's session logged as held). 404 where the programme has no such session.
 */
export function sessionOf(programme: ProgrammeDefinition, ref: SessionRef, audience?: SessionDefinition['audience']): SessionDefinition {
  const session = programme.sessions.find((candidate) => ('kind' in ref ? candidate.key === ref.kind : candidate.number === ref.number));
  if (!session || (audience && session.audience !== audience)) {
    const named = 'kind' in ref ? `session "${ref.kind}"` : `session number ${ref.number}`;
    const forWhom = audience === 'unit' ? ` held per ${programme.unit}` : audience === 'edition' ? ' for the whole edition' : '';
    throw new DomainException('SESSION_NOT_FOUND', `${programme.name} has no ${named}${forWhom}. GET /api/programmes lists its sessions.`);
  }
  return session;
}

/** The first session for the whole edition: recording it starts the edition, and a place given back before it goes to the next on the waiting list. */
export function firstEditionSession(programme: ProgrammeDefinition): SessionDefinition | undefined {
  return programme.sessions.find((candidate) => candidate.audience === 'edition');
}

export function startsEdition(programme: ProgrammeDefinition, session: SessionDefinition): boolean {
  return firstEditionSession(programme) === session;
}

/** The sessions for the whole edition whose attendance is listed, in order: what attendance lists and reports loop over. */
export function attendedSessions(programme: ProgrammeDefinition): SessionDefinition[] {
  return programme.sessions.filter((session) => session.audience === 'edition' && session.recorded === 'attendance');
}

/** The sessions per unit an adviser logs as held, in order (an intake, an advisory meeting). */
export function heldSessions(programme: ProgrammeDefinition): SessionDefinition[] {
  return programme.sessions.filter((session) => session.audience === 'unit' && session.recorded === 'held');
}

/** The session views and reports count per unit as its meetings (the API's `advisoryMeetings…` fields). */
export function meetingSession(programme: ProgrammeDefinition): SessionDefinition {
  const session = sessionByKey(programme, programme.meetings);
  if (!session) throw new RangeError(`Programme ${programme.key} counts meetings of ${programme.meetings}, which is none of its sessions`);
  return session;
}

/** How Dutch sentences name the enrolled unit, and who of it must come to a mandatory session. */
export const UNIT_WORDS: Record<EnrolledUnit, { subject: string; plural: string; together: string; present: string | null }> = {
  duo: { subject: 'het duo', plural: 'duo’s', together: 'als duo', present: 'met ten minste één persoon van de gemeente en één van de uitvoerder' },
  municipality: { subject: 'de gemeente', plural: 'gemeenten', together: 'als gemeente', present: null },
  person: { subject: 'de deelnemer', plural: 'deelnemers', together: 'zelf', present: null },
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
