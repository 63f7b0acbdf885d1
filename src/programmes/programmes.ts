import type { ProgrammeDefinition, SessionDefinition } from './programme.js';
import { LIFECYCLE_STATES } from '../trajectory/trajectory.js';
import { DAGBESTEDING_V1 } from './dagbesteding/dagbesteding.definition.js';
import { WERKATELIERS_V1 } from './werkateliers/werkateliers.definition.js';

/**
 * Every version of every programme an edition may run, by key and version. An edition keeps
 * the version it was created with, so a version is never removed: a changed programme is a new
 * entry, and running editions stay on theirs.
 */
const DEFINITIONS: ProgrammeDefinition[] = [WERKATELIERS_V1, DAGBESTEDING_V1];

/**
 * Adds a definition that does not ship: the test-only programme that proves a new programme needs
 * no line outside its definition. A real programme is added to DEFINITIONS above. Register before
 * the app's modules load: DTOs and the API documentation read the registry when they load.
 */
export function registerProgramme(definition: ProgrammeDefinition): void {
  const problems = definitionProblems(definition);
  if (problems.length) throw new RangeError(`Programme ${definition.key} version ${definition.version} cannot run: ${problems.join('; ')}`);
  if (DEFINITIONS.some((candidate) => candidate.key === definition.key && candidate.version === definition.version)) {
    throw new RangeError(`Programme ${definition.key} version ${definition.version} is registered already`);
  }
  DEFINITIONS.push(definition);
}

/** The programme new editions run when none is named. */
export const DEFAULT_PROGRAMME = 'werkateliers';

export function programmeDefinition(key: string, version: number): ProgrammeDefinition {
  const definition = DEFINITIONS.find((candidate) => candidate.key === key && candidate.version === version);
  if (!definition) throw new RangeError(`No definition of programme ${key} version ${version}`);
  return definition;
}

/** The newest version of each programme: what a new edition runs. */
export function currentProgrammes(): ProgrammeDefinition[] {
  const newest = new Map<string, ProgrammeDefinition>();
  for (const definition of DEFINITIONS) {
    if ((newest.get(definition.key)?.version ?? 0) < definition.version) newest.set(definition.key, definition);
  }
  return [...newest.values()];
}

export function currentProgramme(key: string): ProgrammeDefinition | undefined {
  return currentProgrammes().find((definition) => definition.key === key);
}

/**
 * Every session key a registered programme version defines, in the order of its sessions: what
 * the API documents a planned session's kind may be; the sessions service checks it against the
 * edition's own programme.
 */
export function sessionKinds(): string[] {
  return [...new Set(DEFINITIONS.flatMap((definition) => definition.sessions.map((session) => session.key)))];
}

/** A session by its key, as the newest programme version that has it defines it (for rows that carry only their kind). */
export function sessionOfKind(kind: string): SessionDefinition | undefined {
  return [...DEFINITIONS].reverse().flatMap((definition) => definition.sessions).find((session) => session.key === kind);
}

/** The numbers edition sessions have in any registered programme (the `{n}` of `/workshops/{n}`), ascending. */
export function sessionNumbers(): number[] {
  return [...new Set(DEFINITIONS.flatMap((definition) => definition.sessions.flatMap((session) => session.number ?? [])))].sort((a, b) => a - b);
}

/** The newest version of the programme new editions run when none is named. */
export function defaultProgramme(): ProgrammeDefinition {
  const definition = currentProgramme(DEFAULT_PROGRAMME);
  if (!definition) throw new RangeError(`The default programme ${DEFAULT_PROGRAMME} has no definition`);
  return definition;
}

/** Every registered definition, oldest first: for words that pages look up by a state or event alone. */
export function registeredProgrammes(): readonly ProgrammeDefinition[] {
  return DEFINITIONS;
}

/** The session keys any registered programme plans per unit (an intake, an advisory meeting), in the order of its sessions. */
export function unitSessionKinds(): string[] {
  return [...new Set(DEFINITIONS.flatMap((definition) => definition.sessions.filter((session) => session.audience === 'unit').map((session) => session.key)))];
}

/** What a session key must look like: it is a path segment (`/sessions/{kind}`) and a CSS id. */
export const SESSION_KEY = /^[A-Za-z][A-Za-z0-9-]{0,59}$/;

/**
 * What keeps a definition from running, in words (empty when it can run): what the engine, the
 * routes and the pages rely on without naming the programme.
 */
export function definitionProblems(definition: ProgrammeDefinition): string[] {
  const states = definition.machine.root.states;
  const keys = definition.sessions.map((session) => session.key);
  const numbers = definition.sessions.flatMap((session) => session.number ?? []);
  const meeting = definition.sessions.find((session) => session.key === definition.meetings);
  return [
    ...keys.filter((key) => !SESSION_KEY.test(key)).map((key) => `session key "${key}" is not a letter followed by up to 59 letters, digits or dashes`),
    ...keys.filter((key, index) => keys.indexOf(key) !== index).map((key) => `session key "${key}" is used twice`),
    ...numbers.filter((number, index) => numbers.indexOf(number) !== index).map((number) => `session number ${number} is used twice`),
    ...(meeting?.audience === 'unit' ? [] : [`meetings names "${definition.meetings}", which is no session per unit`]),
    ...LIFECYCLE_STATES.filter((state) => !states[state]).map((state) => `the machine has no state "${state}"`),
    ...(['completed', 'withdrawn'] as const).filter((state) => states[state] && states[state].type !== 'final').map((state) => `state "${state}" is not final`),
    ...Object.keys(states).filter((state) => !definition.words.states[state]).map((state) => `state "${state}" has no words`),
    ...Object.keys(definition.exampleEvents).filter((event) => !definition.words.events[event]).map((event) => `event "${event}" has no words`),
    ...(definition.capacity.min <= definition.minimumToStart && definition.minimumToStart <= definition.capacity.max
      ? []
      : [`the minimum to start (${definition.minimumToStart}) is outside the capacity (${definition.capacity.min} to ${definition.capacity.max})`]),
  ];
}
