import type { CreateCohortDto } from '../../src/cohorts/dto/create-cohort.dto.js';
import { todayInAmsterdam } from '../../src/shared/dates.js';
import type { RegisterDuoDto } from '../../src/duos/dto/register-duo.dto.js';

/** A day `days` from today in Amsterdam (the service's today; after 23:00 UTC it is already tomorrow there), as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const today = new Date(`${todayInAmsterdam()}T12:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Fictional cohorts and duos (DOMAIN.md: never the names of the seeds), open for registration. */
export function aCohort(overrides: Partial<CreateCohortDto> = {}): CreateCohortDto {
  return { name: 'Werkateliers outcome', registrationDeadline: daysFromToday(60), capacity: 8, workshop3Planned: true, ...overrides };
}

export function aDuo(n = 1, overrides: Partial<RegisterDuoDto> = {}): RegisterDuoDto {
  return {
    municipality: `Gemeente Voorbeeld ${n}`,
    provider: `Stichting Buurtwerk ${n}`,
    contactPersons: [
      { side: 'municipality', name: `Sanne de Wit ${n}`, email: `sanne${n}@gemeente-voorbeeld.example`, phone: '030-1234567' },
      { side: 'provider', name: `Joris Bakker ${n}`, email: `joris${n}@buurtwerk.example` },
    ],
    collectiveServices: ['jongerenwerk', 'buurthuisbeheer'],
    questions: 'Hoe laten we zien wat het buurthuis oplevert?',
    expectations: 'Een set indicatoren die tellen en vertellen.',
    ...overrides,
  };
}

/** The public registration form filled in for duo n. */
export function aPublicForm(n = 1) {
  const { contactPersons, ...duo } = aDuo(n);
  const [municipality, provider] = contactPersons;
  return {
    ...duo,
    municipalityContact: { name: municipality.name, email: municipality.email, phone: '030-1234567' },
    providerContact: { name: provider.name, email: provider.email, phone: '06-12345678' },
    acceptsAttendanceObligation: true as const,
  };
}

export const bothPresent = { municipality: { status: 'present' as const }, provider: { status: 'present' as const } };
export const providerAbsent = { municipality: { status: 'present' as const }, provider: { status: 'absent' as const } };
export const municipalityExcused = {
  municipality: { status: 'excused' as const, excuse: { reason: 'Raadsvergadering', excusedBy: 'Adviseur Jansen' } },
  provider: { status: 'present' as const },
};
/** Held today: a held session is not in the future, and not before the duo registered (which the tests do today). */
export const intake = { heldOn: daysFromToday(0), location: 'Stadskantoor Voorbeeld', adviser: 'Adviseur Jansen' };
export const advisoryMeeting = { heldOn: daysFromToday(0), adviser: 'Adviseur Jansen', notes: 'Indicatoren besproken' };

/** Evidence for a step of the Kwaliteitskompas, one of each kind (fictional figures and people). */
export function figures(step: number, overrides: Record<string, unknown> = {}) {
  return {
    step,
    kind: 'figures',
    perspective: 'municipality',
    title: `Cijfers bij stap ${step}`,
    text: 'Het aantal bezoekers steeg na de opening van de tweede ruimte.',
    indicator: { name: 'Bezoekers buurthuis per week', value: 120, unit: 'bezoekers', periodStart: '2019-01-01', periodEnd: '2019-06-30' },
    ...overrides,
  };
}

export function story(step: number, overrides: Record<string, unknown> = {}) {
  return {
    step,
    kind: 'stories',
    perspective: 'residents',
    title: `Verhaal bij stap ${step}`,
    text: 'Mevrouw K. komt sinds de zomer elke week en kookt nu mee.',
    aboutAPerson: true,
    consentGiven: true,
    ...overrides,
  };
}

export function otherMeans(step: number, overrides: Record<string, unknown> = {}) {
  return {
    step,
    kind: 'other',
    perspective: 'provider',
    title: `Most Significant Change bij stap ${step}`,
    text: 'Tien verhalen verzameld en samen met bewoners gekozen.',
    links: ['https://voorbeeld.example/msc'],
    ...overrides,
  };
}

export const improvementActions = {
  actions: [
    { description: 'Bewoners tellen mee in de jaarlijkse monitor', owner: 'municipality', dueOn: '2019-12-01' },
    { description: 'Vrijwilligers trainen in het ophalen van verhalen', owner: 'provider' },
  ],
};
