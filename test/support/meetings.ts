import type { CreateMeetingDto } from '../../src/meetings/dto/meeting.dto.js';
import type { CreateSeriesDto } from '../../src/meetings/dto/series.dto.js';

/**
 * The 2016 Transitiearena (seeds 000 and 004) with fictional people and places (DOMAIN.md): its
 * description, themes, questions and programme as the seeds have them.
 */
export function transitiearena2016(overrides: Partial<CreateSeriesDto> = {}): CreateSeriesDto {
  return {
    kind: 'transitiearena',
    name: 'Transitiearena Vernieuwing in arbeidsmatige dagbesteding en beschut werk',
    description:
      'Een open transitiearena: kennisuitwisseling en het gezamenlijk zoeken naar nieuwe “rules of the game”. Elke twee maanden op woensdagochtend een meet-up, met aanbieders, sociale firma’s, gemeenten en deelnemers.',
    organiser: 'Movisie',
    coOrganisers: [],
    contact: { name: 'Noor Verbeek', email: 'n.verbeek@kennisinstituut.example', phone: '06-12345678' },
    ...overrides,
  };
}

export const TRANSITIEARENA_PROGRAMME = [
  { start: '09:30', end: '10:00', title: 'Inloop met koffie en thee' },
  { start: '10:00', end: '10:15', title: 'Aftrap en korte terugblik' },
  { start: '10:15', end: '11:00', title: 'Delen van inspirerende verhalen uit de praktijk' },
  { start: '11:00', end: '12:30', title: 'Thematafels: 3 praktijkvoorbeelden, 2 rondes' },
  { start: '12:30', end: '12:45', title: 'Terugkoppeling en vooruitblik' },
  { start: '12:45', end: '13:30', title: 'Afsluitende lunch' },
];

/** The meeting of 21 September 2016, on `date` with registration until `registrationDeadline`. */
export function dagbestedingMeeting(date: string, registrationDeadline: string, overrides: Partial<CreateMeetingDto> = {}): CreateMeetingDto {
  return {
    date,
    startTime: '09:30',
    endTime: '13:30',
    locationName: 'Zalencentrum De Brug',
    address: 'Voorbeeldlaan 15, Utrecht',
    routeDescription: 'Vanaf Utrecht Centraal bus 8 richting Voorbeeldwijk, halte De Brug; daarna twee minuten lopen. Parkeren kan achter het gebouw.',
    theme: 'Dagbesteding vanuit het gemeentelijk perspectief',
    questions: [
      'Hoe wordt dagbesteding ingevuld?',
      'Hoe is de verdeling tussen algemene en maatwerkvoorzieningen?',
      'Hoe regelen gemeenten de inkoop?',
    ],
    programme: TRANSITIEARENA_PROGRAMME,
    capacity: 50,
    registrationDeadline,
    ...overrides,
  };
}
