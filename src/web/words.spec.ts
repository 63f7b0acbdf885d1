import { applyCompassEvent, startCompass } from '../compass/compass.js';
import { DomainException } from '../problems/error-code.js';
import { applyTrajectoryEvent, startTrajectory } from '../trajectory/trajectory.js';
import { WERKATELIERS_V1 } from '../programmes/werkateliers/werkateliers.definition.js';
import { ERROR_MESSAGES, errorMessage, plural } from './words.js';

/** The Dutch words of a refusal say the numbers the refusal carries, not numbers of their own. */
describe('the Dutch words of the errors', () => {
  it.each([5, 6, 8])('says that all places of a full cohort of capacity %i are taken', (capacity) => {
    const message = ERROR_MESSAGES.COHORT_FULL({ capacity, admitted: capacity });
    expect(message).toContain(`alle ${capacity} plaatsen zijn bezet`);
  });

  it('names the minimum a cohort needs to start, and how many it has', () => {
    expect(ERROR_MESSAGES.COHORT_BELOW_MINIMUM({ minimum: 5, admitted: 3 })).toBe(
      'Een editie start pas met ten minste 5 toegelaten duo’s; deze editie heeft er 3. Laat eerst meer duo’s toe.',
    );
  });

  it('names each duo of a refused admission of several, and why, with the real places', () => {
    const refused = [
      { duoId: 'a', duo: 'Gemeente A / Stichting B', reason: 'notWaitingForAdmission', state: 'withdrawn' },
      { duoId: 'c', duo: 'Gemeente C / Stichting D', reason: 'noPlaceLeft', state: 'registered' },
    ] as const;
    expect(ERROR_MESSAGES.ADMISSIONS_REFUSED({ capacity: 6, admitted: 5, refused: [...refused] })).toBe(
      'Er is geen enkel duo toegelaten. Gemeente A / Stichting B: wacht niet op toelating (afgemeld); ' +
        'Gemeente C / Stichting D: geen plaats meer (5 van 6 plaatsen bezet). ' +
        'Kies alleen duo’s die aangemeld zijn of op de wachtlijst staan, en niet meer dan er plaatsen vrij zijn.',
    );
  });

  it('says how long to wait after too many failed sign-ins, rounded up to whole minutes', () => {
    expect(ERROR_MESSAGES.SIGN_IN_THROTTLED({ retryAfterSeconds: 900 })).toContain('Wacht 15 minuten');
    expect(ERROR_MESSAGES.SIGN_IN_THROTTLED({ retryAfterSeconds: 61 })).toContain('Wacht 2 minuten');
    expect(ERROR_MESSAGES.SIGN_IN_THROTTLED({ retryAfterSeconds: 60 })).toContain('Wacht 1 minuut');
    expect(ERROR_MESSAGES.SIGN_IN_THROTTLED({ retryAfterSeconds: 30 })).toContain('Wacht 30 seconden');
  });

  it('gives the size limit of an attachment in MB', () => {
    expect(ERROR_MESSAGES.ATTACHMENT_TOO_LARGE({ maxBytes: 10 * 1024 * 1024 })).toContain('hoogstens 10 MB');
    expect(ERROR_MESSAGES.ATTACHMENT_TOO_LARGE({ maxBytes: 2.5 * 1024 * 1024 })).toContain('hoogstens 2,5 MB');
    expect(ERROR_MESSAGES.IMPORT_FILE_TOO_LARGE({ maxBytes: 1024 * 1024 })).toContain('Het importbestand is te groot: hoogstens 1 MB.');
    expect(ERROR_MESSAGES.LAST_CONTACT_PERSON({ side: 'provider', name: 'Joris Bakker' })).toContain('Joris Bakker is de enige contactpersoon van de uitvoerder');
  });

  it('names the last day one could register', () => {
    expect(ERROR_MESSAGES.REGISTRATION_CLOSED({ deadline: '2026-03-12' })).toContain('tot en met 12 maart 2026');
  });

  it('names every duo an attendance list lacks', () => {
    const message = ERROR_MESSAGES.ATTENDANCE_LIST_INCOMPLETE({ missingDuos: ['Gemeente A / Stichting B', 'Gemeente C / Stichting D'] });
    expect(message).toContain('Op de lijst ontbreekt Gemeente A / Stichting B en Gemeente C / Stichting D.');
  });

  it('names the duo and its partner when they are registered already', () => {
    expect(ERROR_MESSAGES.DUO_ALREADY_REGISTERED({ municipality: 'Gemeente A', provider: 'Stichting B' })).toBe(
      'Gemeente A en Stichting B zijn al samen aangemeld voor deze editie.',
    );
  });

  it('names the municipality alone when a unit of one municipality is registered already', () => {
    expect(ERROR_MESSAGES.DUO_ALREADY_REGISTERED({ municipality: 'Gemeente A', provider: '' })).toBe('Gemeente A is al aangemeld voor deze editie.');
  });

  it('says the limit of advisory meetings a refused third meeting ran into', () => {
    expect(ERROR_MESSAGES.ADVISORY_LIMIT_REACHED({ held: 2, limit: 2, state: 'workshop1Attended', expected: ['WITHDRAW'] })).toBe(
      'Dit duo heeft al 2 adviesgesprekken gehad; meer dan 2 kan niet.',
    );
  });

  it('says where the duo stands and what can happen now when an event comes out of order', () => {
    const refused = applyTrajectoryEvent(WERKATELIERS_V1, startTrajectory(WERKATELIERS_V1, { workshop3Planned: true }), { type: 'HOLD_INTAKE', heldOn: '2026-01-05', location: 'Stadskantoor', adviser: 'A' });
    if (refused.accepted) throw new Error('an intake before admission was accepted');
    const message = errorMessage(new DomainException(refused.refusal.code, refused.refusal.message, refused.refusal));
    expect(message).toBe(
      'Dat kan nu niet in het traject van dit duo. Waar het duo staat: aangemeld, wacht op toelating. ' +
        'Wat nu kan: toelating tot de editie, plaatsing op de wachtlijst en afmelding.',
    );
  });

  it('names the steps a cycle still lacks, and the improvement actions', () => {
    const refused = applyCompassEvent(startCompass(), { type: 'CLOSE_CYCLE', cycle: 1 });
    if (refused.accepted) throw new Error('an empty cycle was closed');
    const message = errorMessage(new DomainException(refused.refusal.code, refused.refusal.message, refused.refusal));
    expect(message).toMatch(/^Cyclus 1 is nog niet compleet: er ontbreekt nog onderbouwing bij stap 1 \(Monitoring & ambities\), stap 2 /);
    expect(message).toContain('stap 6');
    expect(message).toMatch(/en de verbeteracties van stap 6 \([^)]+\)\.$/);
  });

  it('says the words of a code without parameters, thrown as before', () => {
    expect(errorMessage(new DomainException('INVALID_CREDENTIALS', 'The e-mail address or the password is not right.'))).toBe(
      'Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.',
    );
  });
});

describe('counting in Dutch', () => {
  it.each([
    [0, '0 stukken'],
    [1, '1 stuk'],
    [2, '2 stukken'],
  ])('says %i pieces of evidence as "%s"', (count, said) => {
    expect(plural(count, 'stuk', 'stukken')).toBe(said);
  });
});
