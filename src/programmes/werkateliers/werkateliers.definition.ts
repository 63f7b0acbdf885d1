import type { ProgrammeDefinition, SessionDefinition } from '../programme.js';
import { MAX_ADVISORY_MEETINGS, trajectoryMachine, type TrajectoryEventType, type TrajectoryMachine } from '../../trajectory/trajectory.machine.js';

/**
 * "Werkateliers outcome collectieve voorzieningen" (seed 003): an edition of 5 to 8 duos of
 * municipality and provider goes through an intake, workshop 1, at most two advisory meetings,
 * workshop 2 and an optional workshop 3, and records evidence for the Kwaliteitskompas.
 * Attending workshops 1 and 2 as a duo is mandatory.
 */

const THREE_HOURS = 180;

interface WerkateliersSession extends SessionDefinition {
  event: TrajectoryEventType;
}

const SESSIONS: readonly WerkateliersSession[] = [
  {
    key: 'intake',
    audience: 'unit',
    recorded: 'held',
    mandatory: false,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'HOLD_INTAKE',
    name: 'kennismakingsgesprek',
    englishName: 'intake conversation',
    preparation: 'Denk na over waar u als duo staat, op welke collectieve voorzieningen u zich richt, en welke vragen en verwachtingen u hebt.',
  },
  {
    key: 'workshop1',
    number: 1,
    audience: 'edition',
    recorded: 'attendance',
    mandatory: true,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'RECORD_WORKSHOP_1_ATTENDANCE',
    name: 'werkatelier 1',
    englishName: 'workshop 1',
    preparation: 'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. Dit werkatelier is verplicht.',
  },
  {
    key: 'advisoryMeeting',
    audience: 'unit',
    recorded: 'held',
    mandatory: false,
    optional: false,
    maxPerUnit: MAX_ADVISORY_MEETINGS,
    defaultMinutes: THREE_HOURS,
    event: 'HOLD_ADVISORY_MEETING',
    name: 'adviesgesprek',
    englishName: 'advisory meeting',
    preparation: 'Neem uw vragen over de onderbouwing en de verbeteracties mee.',
  },
  {
    key: 'workshop2',
    number: 2,
    audience: 'edition',
    recorded: 'attendance',
    mandatory: true,
    optional: false,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'RECORD_WORKSHOP_2_ATTENDANCE',
    name: 'werkatelier 2',
    englishName: 'workshop 2',
    preparation:
      'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. Dit werkatelier is verplicht. Neem de onderbouwing van uw cyclus mee.',
  },
  {
    key: 'workshop3',
    number: 3,
    audience: 'edition',
    recorded: 'attendance',
    mandatory: false,
    optional: true,
    maxPerUnit: 1,
    defaultMinutes: THREE_HOURS,
    event: 'RECORD_WORKSHOP_3_ATTENDANCE',
    name: 'werkatelier 3',
    englishName: 'workshop 3',
    preparation: 'Neem mee wat uw cycli hebben opgeleverd.',
  },
];

export const WERKATELIERS_V1: ProgrammeDefinition<TrajectoryMachine> & { sessions: readonly WerkateliersSession[] } = {
  key: 'werkateliers',
  version: 1,
  name: 'Werkateliers outcome collectieve voorzieningen',
  description:
    'Een editie van 5 tot 8 duo’s van gemeente en uitvoerder: kennismakingsgesprek, werkatelier 1, ten hoogste twee adviesgesprekken, werkatelier 2 en zo nodig werkatelier 3, met onderbouwing voor het Kwaliteitskompas.',
  unit: 'duo',
  capacity: { min: 5, max: 8 },
  minimumToStart: 5,
  sessions: SESSIONS,
  compass: true,
  machine: trajectoryMachine,
};
