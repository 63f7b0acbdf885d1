import type { StateValueFrom } from 'xstate';
import type { Role } from '../accounts/roles.js';
import type { ErrorCode } from '../problems/error-code.js';
import type { Side, TrajectoryEventType, TrajectoryMachine } from '../trajectory/trajectory.machine.js';

/**
 * The words of the pages (DOMAIN.md, "screen"), keyed by the code's own types, so that a new
 * state, event or error code does not compile until it has its Dutch words.
 */

export const STATE_NAMES: Record<StateValueFrom<TrajectoryMachine> & string, string> = {
  registered: 'aangemeld, wacht op toelating',
  waitingList: 'op de wachtlijst',
  admitted: 'toegelaten, wacht op het kennismakingsgesprek',
  intakeHeld: 'kennismakingsgesprek gehouden, wacht op werkatelier 1',
  workshop1Attended: 'werkatelier 1 bijgewoond, wacht op werkatelier 2',
  workshop2Attended: 'werkatelier 2 bijgewoond',
  workshop3Held: 'werkatelier 3 gehouden',
  completed: 'afgerond',
  droppedOut: 'uitgevallen',
  withdrawn: 'afgemeld',
};

/** Short names of the states, for the diagram and the cohort's table. */
export const STATE_LABELS: Record<StateValueFrom<TrajectoryMachine> & string, string> = {
  registered: 'Aangemeld',
  waitingList: 'Wachtlijst',
  admitted: 'Toegelaten',
  intakeHeld: 'Kennismakingsgesprek',
  workshop1Attended: 'Werkatelier 1',
  workshop2Attended: 'Werkatelier 2',
  workshop3Held: 'Werkatelier 3',
  completed: 'Afgerond',
  droppedOut: 'Uitgevallen',
  withdrawn: 'Afgemeld',
};

export const EVENT_NAMES: Record<TrajectoryEventType, string> = {
  ADMIT: 'toelating tot de editie',
  PLACE_ON_WAITING_LIST: 'plaatsing op de wachtlijst',
  HOLD_INTAKE: 'het kennismakingsgesprek',
  RECORD_WORKSHOP_1_ATTENDANCE: 'werkatelier 1',
  RECORD_WORKSHOP_2_ATTENDANCE: 'werkatelier 2',
  RECORD_WORKSHOP_3_ATTENDANCE: 'werkatelier 3',
  CORRECT_ATTENDANCE: 'een correctie van de aanwezigheid',
  HOLD_ADVISORY_MEETING: 'een adviesgesprek',
  COMPLETE: 'de afronding van het traject',
  WITHDRAW: 'afmelding',
};

/** What a duo prepares for its next step, where there is something to prepare. */
export const PREPARATION: Partial<Record<TrajectoryEventType, string>> = {
  HOLD_INTAKE: 'Denk na over waar u als duo staat, op welke collectieve voorzieningen u zich richt, en welke vragen en verwachtingen u hebt.',
  RECORD_WORKSHOP_1_ATTENDANCE: 'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. Dit werkatelier is verplicht.',
  RECORD_WORKSHOP_2_ATTENDANCE:
    'Kom als duo: ten minste één persoon van de gemeente en één van de uitvoerder. Dit werkatelier is verplicht. Neem de onderbouwing van uw cyclus mee.',
  RECORD_WORKSHOP_3_ATTENDANCE: 'Neem mee wat uw cycli hebben opgeleverd.',
  HOLD_ADVISORY_MEETING: 'Neem uw vragen over de onderbouwing en de verbeteracties mee.',
};

export const SIDE_NAMES: Record<Side, string> = { municipality: 'gemeente', provider: 'uitvoerder' };

export const ROLE_NAMES: Record<Role, string> = { admin: 'beheerder', adviser: 'adviseur', participant: 'deelnemer' };

/** What a page says when the service refuses something; the field errors come with their own words (forms.ts). */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Niet alles is goed ingevuld. Kijk de velden met een melding na.',
  MALFORMED_REQUEST: 'Het formulier kon niet gelezen worden. Laad de pagina opnieuw en probeer het nog eens.',
  PAYLOAD_TOO_LARGE: 'Wat u verstuurde is te groot.',
  ATTACHMENT_TOO_LARGE: 'Het bestand is te groot. Kies een kleiner bestand, of voeg een link toe.',
  UNSUPPORTED_MEDIA_TYPE: 'Dit soort inhoud wordt hier niet aangenomen.',
  ATTACHMENT_TYPE_NOT_ALLOWED: 'Dit soort bestand kan niet als bijlage: kies een foto (JPEG, PNG, WebP), PDF, spreadsheet (XLSX, ODS) of CSV.',
  UNAUTHENTICATED: 'Log eerst in.',
  INVALID_CREDENTIALS: 'Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.',
  FORBIDDEN: 'Deze pagina is niet voor uw account.',
  CSRF_TOKEN_INVALID: 'Dit formulier is verlopen of kwam niet van Trajectkompas. Laad de pagina opnieuw en probeer het nog eens.',
  ROUTE_NOT_FOUND: 'Deze pagina bestaat niet.',
  COHORT_NOT_FOUND: 'Deze editie bestaat niet, of u hebt er geen toegang toe.',
  DUO_NOT_FOUND: 'Dit duo bestaat niet, of u hebt er geen toegang toe.',
  ACCOUNT_NOT_FOUND: 'Dit account bestaat niet.',
  INVITATION_NOT_FOUND: 'Deze uitnodiging bestaat niet (meer). Vraag om een nieuwe link.',
  SESSION_NOT_FOUND: 'Deze bijeenkomst bestaat niet.',
  EVIDENCE_NOT_FOUND: 'Deze onderbouwing bestaat niet.',
  ATTACHMENT_NOT_FOUND: 'Deze bijlage bestaat niet.',
  FROZEN_REPORT_NOT_FOUND: 'Van deze cyclus is geen vastgelegde rapportage.',
  DUO_ALREADY_REGISTERED: 'Deze gemeente en uitvoerder zijn al samen aangemeld voor deze editie.',
  ACCOUNT_ALREADY_EXISTS: 'Er is al een account met dit e-mailadres.',
  VERSION_CONFLICT: 'Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe stand hieronder en probeer het opnieuw.',
  IDEMPOTENCY_KEY_REUSED: 'Dit formulier is al eens met andere gegevens verstuurd. Laad de pagina opnieuw.',
  COHORT_FULL: 'De editie is vol: er zijn al 8 duo’s toegelaten. Plaats het duo op de wachtlijst.',
  REGISTRATION_CLOSED: 'De aanmelding voor deze editie is gesloten.',
  COHORT_BELOW_MINIMUM: 'Een editie start pas met ten minste 5 toegelaten duo’s.',
  ATTENDANCE_LIST_INCOMPLETE: 'Vul de aanwezigheid in voor elk duo dat aan het werkatelier deelneemt.',
  INVITATION_EXPIRED: 'Deze uitnodiging is verlopen. Vraag om een nieuwe link.',
  INVITATION_USED: 'Deze uitnodiging is al gebruikt. Log in met uw wachtwoord.',
  NOT_A_CONTACT_PERSON: 'Dit e-mailadres hoort niet bij een contactpersoon van dit duo.',
  NOT_AN_ADVISER: 'Dit account is geen adviseur.',
  CANNOT_DISABLE_SELF: 'U kunt uw eigen account niet blokkeren.',
  TRAJECTORY_ENDED: 'Het traject van dit duo is beëindigd; er kan niets meer bij.',
  ADVISORY_LIMIT_REACHED: 'Dit duo heeft al twee adviesgesprekken gehad; meer kan niet.',
  WORKSHOP_3_NOT_PLANNED: 'Deze editie heeft geen werkatelier 3.',
  EVENT_NOT_EXPECTED: 'Dat kan nu niet in het traject van dit duo. Kijk bij de volgende stap wat er nu kan.',
  DUO_NOT_TAKING_PART: 'Dit duo neemt (nog) niet deel: het is niet toegelaten, of uitgevallen of afgemeld.',
  EVIDENCE_NOT_DELETED: 'Deze onderbouwing is niet verwijderd.',
  EVIDENCE_DELETED: 'Deze onderbouwing is verwijderd.',
  CYCLE_CLOSED: 'Deze cyclus is afgesloten; wat u nu vastlegt, hoort bij de open cyclus.',
  CYCLE_NOT_OPEN: 'Deze cyclus is niet de open cyclus van het duo.',
  PREPARATION_CLOSED: 'Stap 0 (Wat er vooraf gaat) hoort alleen bij de eerste cyclus.',
  CYCLE_INCOMPLETE: 'De cyclus is nog niet compleet: elke stap van 1 tot en met 6 heeft onderbouwing nodig, en stap 6 de verbeteracties.',
  SIGN_IN_THROTTLED: 'Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.',
  INTERNAL_ERROR: 'Er ging bij ons iets mis. Probeer het opnieuw; lukt het niet, noem dan de code hieronder.',
  SERVICE_UNAVAILABLE: 'Trajectkompas is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
};
