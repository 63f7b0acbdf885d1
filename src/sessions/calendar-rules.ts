import { DomainException } from '../problems/error-code.js';
import { TIME_ZONE } from '../shared/dates.js';
import { sessionByKey, type ProgrammeDefinition, type SessionDefinition } from '../programmes/programme.js';
import { capitalised } from '../shared/capitalised.js';

/*
 * What advisers record must fit the calendar (issue 15). Each rule refuses with 422 and says
 * what is wrong and which day would be right; days are calendar days in Amsterdam (YYYY-MM-DD).
 */

/** A day something happened on, and how the messages name it in English and in Dutch. */
export interface Milestone {
  day: string;
  englishName: string;
  name: string;
}

/** When an edition session was planned, as the rules compare it: its key, start and local day. */
export interface PlannedStart {
  kind: string;
  startsAt: Date;
  day: string;
}

/**
 * The day a session of the unit was held (an intake, an advisory meeting): one that has come,
 * not before the unit registered, and not before any edition session that comes before it in the
 * programme and is on record for the unit (an advisory meeting falls after workshop 1).
 * `registered`: the day the unit registered, unless it was entered after the edition ran.
 * `recorded`: each such session on record, on its planned day or else the day it was recorded.
 */
export function ensureHeldOnPossible(
  programme: ProgrammeDefinition,
  session: SessionDefinition,
  heldOn: string,
  today: string,
  registered: string | undefined,
  recorded: { session: string; day: string }[],
): void {
  if (heldOn > today) {
    const message = `${heldOn} is still to come; log the day the ${session.englishName} was held, today (${today}) at the latest`;
    throw new DomainException('DATE_NOT_POSSIBLE', `heldOn: ${message}.`, {
      params: { field: 'heldOn', given: heldOn, latest: today },
      errors: [{ field: 'heldOn', message }],
    });
  }
  const before = programme.sessions.slice(0, programme.sessions.indexOf(session));
  const milestones: Milestone[] = [
    ...(registered ? [{ day: registered, englishName: 'the registration', name: 'de aanmelding' }] : []),
    ...recorded.flatMap(({ session: key, day }) => {
      const earlier = before.find((candidate) => candidate.key === key && candidate.recorded === 'attendance');
      return earlier ? [{ day, englishName: earlier.englishName, name: earlier.name }] : [];
    }),
  ];
  // On the same day, the session (the nearer step) is what the message names.
  const last = milestones.reduce<Milestone | undefined>((latest, milestone) => (!latest || milestone.day >= latest.day ? milestone : latest), undefined);
  if (last && heldOn < last.day) {
    const message = `${heldOn} is before ${last.englishName} (${last.day}); the ${session.englishName} comes after it, so log a day from ${last.day} on`;
    throw new DomainException('DATE_NOT_POSSIBLE', `heldOn: ${message}.`, {
      params: { field: 'heldOn', given: heldOn, earliest: last.day, after: last.name },
      errors: [{ field: 'heldOn', message }],
    });
  }
}

/** Attendance at an edition session is recorded from its planned start on; one not planned can be recorded any time. */
export function ensureSessionStarted(session: SessionDefinition, planned: PlannedStart | undefined, now: Date): void {
  if (!planned || planned.startsAt <= now) return;
  const starts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }).format(planned.startsAt);
  throw new DomainException(
    'SESSION_NOT_STARTED',
    `${capitalised(session.englishName)} starts on ${starts} (Amsterdam); its attendance can be recorded from then on, or move the session to the day it was held.`,
    { params: { session: session.name, startsAt: planned.startsAt.toISOString() } },
  );
}

/**
 * A session with one unit (an intake, an advisory meeting) is planned for today or later: one
 * that took place is logged as held. Except in an edition entered after it ran, where everything
 * is in the past.
 */
export function ensurePlannedAhead(session: SessionDefinition, day: string, today: string, enteredAfterwards: boolean): void {
  if (enteredAfterwards || day >= today) return;
  const message = `${day} has passed; plan the ${session.englishName} for today (${today}) or later, or log one that took place as held`;
  throw new DomainException('DATE_NOT_POSSIBLE', `date: ${message}.`, {
    params: { field: 'date', given: day, earliest: today },
    errors: [{ field: 'date', message }],
  });
}

/**
 * An edition session is planned after the registration deadline, and in the programme's order:
 * after the planned sessions that come before it (workshop 2 after workshop 1) and before those
 * that come after it. `planned`: the edition's sessions as they would be with this one planned.
 */
export function ensurePlannedInOrder(programme: ProgrammeDefinition, session: SessionDefinition, planned: PlannedStart[], deadline: string): void {
  const own = planned.find((candidate) => candidate.kind === session.key);
  if (!own) return;
  if (own.day <= deadline) {
    const message = `${own.day} is not after the registration deadline (${deadline}); plan the ${session.englishName} after it`;
    throw new DomainException('DATE_NOT_POSSIBLE', `date: ${message}.`, {
      params: { field: 'date', given: own.day, earliest: nextDay(deadline), after: 'het einde van de aanmeldtermijn' },
      errors: [{ field: 'date', message }],
    });
  }
  const order = (kind: string) => programme.sessions.findIndex((candidate) => candidate.key === kind);
  for (const other of planned) {
    const definition = sessionByKey(programme, other.kind);
    if (!definition || other.kind === session.key) continue;
    const comesBefore = order(other.kind) < order(session.key);
    if (comesBefore && other.startsAt >= own.startsAt) {
      const message = `the ${session.englishName} comes after the ${definition.englishName} (${other.day}); plan it later than that`;
      throw new DomainException('DATE_NOT_POSSIBLE', `date: ${message}.`, {
        params: { field: 'date', given: own.day, earliest: other.day, after: definition.name },
        errors: [{ field: 'date', message }],
      });
    }
    if (!comesBefore && other.startsAt <= own.startsAt) {
      const message = `the ${session.englishName} comes before the ${definition.englishName} (${other.day}); plan it earlier than that`;
      throw new DomainException('DATE_NOT_POSSIBLE', `date: ${message}.`, {
        params: { field: 'date', given: own.day, latest: other.day, before: definition.name },
        errors: [{ field: 'date', message }],
      });
    }
  }
}

/** "2027-03-31" → "2027-04-01". */
export function nextDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export const SESSION_WARNINGS = ['weekend', 'lateOrEarly'] as const;
export type SessionWarning = (typeof SESSION_WARNINGS)[number];

/** Whether a session falls on a weekend or outside 07:00 to 22:00 (Amsterdam): worth a warning, not a refusal. */
export function sessionWarnings(day: string, startTime: string, endTime: string): SessionWarning[] {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return [
    ...(weekday === 0 || weekday === 6 ? (['weekend'] as const) : []),
    ...(startTime < '07:00' || endTime > '22:00' || endTime < startTime ? (['lateOrEarly'] as const) : []),
  ];
}

