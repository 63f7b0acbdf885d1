import type { Role } from '../shared/roles.js';
export { INTERVIEWEE_NAMES, PARTICIPATION_FORM_NAMES, SURVEY_AUDIENCE_NAMES } from '../inquiry/inquiry-figures.js';
import { COMPASS_STEP_DEFINITIONS } from '../compass/compass-steps.js';
import type { CompassStep } from '../compass/compass.machine.js';
import type { DomainException, ErrorCode, ErrorParams } from '../problems/error-code.js';
import { firstEditionSession, type InquiryRecord, type ProgrammeDefinition } from '../programmes/programme.js';
import { registeredProgrammes } from '../programmes/programmes.js';
import type { TrajectoryEventType, TrajectoryState } from '../trajectory/trajectory.js';
import type { Side } from '../shared/sides.js';
import type { SessionWarning } from '../sessions/calendar-rules.js';
import { plural } from '../shared/counted.js';
import { capitalised } from '../shared/capitalised.js';

export { plural };

/**
 * The words of the pages (DOMAIN.md, "screen"), keyed by the code's own types, so that a new
 * state, event or error code does not compile until it has its Dutch words.
 */

/**
 * Dutch words of the states and events of every registered programme, for pages and error
 * messages that have a state or event but not its programme. Each definition types its own
 * words by its machine; where two programmes share a key, the newest definition's words win.
 */
function merged(entries: (programme: ProgrammeDefinition) => [string, string][]): Readonly<Record<string, string>> {
  return Object.fromEntries(registeredProgrammes().flatMap(entries));
}

export const STATE_NAMES = merged((programme) => Object.entries(programme.words.states).map(([state, words]) => [state, words.name]));

/** Short names of the states, for the diagram and the cohort's table. */
export const STATE_LABELS = merged((programme) => Object.entries(programme.words.states).map(([state, words]) => [state, words.label]));

export const EVENT_NAMES = merged((programme) => Object.entries(programme.words.events).map(([event, words]) => [event, words.name]));


/** The sessions that start an edition: a place given back before one of them goes to the waiting list. */
const FIRST_SESSIONS = [...new Set(registeredProgrammes().flatMap((programme) => [firstEditionSession(programme)?.name ?? []].flat()))];

/** The sessions that happen only where an edition plans them; a refusal to plan or record one names them. */
const OPTIONAL_SESSIONS = [...new Set(registeredProgrammes().flatMap((programme) => programme.sessions.filter((session) => session.optional).map((session) => session.name)))];

/** The sessions a unit holds more than one of, by key: how a refusal at their cap counts them. */
const MEETING_NAMES: Readonly<Record<string, { one: string; more: string }>> = Object.fromEntries(
  registeredProgrammes().flatMap((programme) => programme.sessions.map((session) => [session.key, { one: session.name, more: session.plural ?? session.name }])),
);

/** Why a planned session deserves a second look (sessions/calendar-rules.ts). */
export const SESSION_WARNING_NAMES: Record<SessionWarning, string> = {
  weekend: 'deze bijeenkomst valt in het weekend',
  lateOrEarly: 'deze bijeenkomst ligt (deels) buiten 07:00 tot 22:00 uur',
};

/** What an inquiry records, as a sentence names it ("Dit programma houdt geen enquêtes bij"). */
export const INQUIRY_RECORD_NAMES: Record<InquiryRecord, string> = {
  surveys: 'enquêtes',
  interviews: 'interviews',
  focusGroups: 'focusgroepen',
  initiatives: 'initiatieven',
  plan: 'plan van aanpak en rapport',
};

export { unitName } from '../shared/unit-name.js';

export const SIDE_NAMES: Record<Side, string> = { municipality: 'gemeente', provider: 'uitvoerder' };

export const ROLE_NAMES: Record<Role, string> = { admin: 'beheerder', adviser: 'adviseur', participant: 'deelnemer' };

/** "Gemeente A / Uitvoerder B en Gemeente C / Uitvoerder D": a list as a sentence says it. */
function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} en ${items.at(-1)}` : (items[0] ?? '');
}


const deadlineFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "2026-03-12" as "12 maart 2026": a calendar day, so read at noon UTC, whatever the server's zone. */
function calendarDay(day: string): string {
  return deadlineFormat.format(new Date(`${day}T12:00:00Z`));
}

const momentFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A moment as "op donderdag 3 december 2026 om 13:30" (Amsterdam). */
function dateTime(iso: string): string {
  return `op ${momentFormat.format(new Date(iso))}`;
}

/** How long to wait, rounded up to what a person reads: "30 seconden", "1 minuut", "15 minuten". */
function waitingTime(seconds: number): string {
  return seconds < 60 ? plural(seconds, 'seconde', 'seconden') : plural(Math.ceil(seconds / 60), 'minuut', 'minuten');
}

/** A size as people read it in Dutch: 10485760 bytes is "10 MB", under a megabyte "500 kB". */
export function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.floor(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}


function stepName(step: CompassStep): string {
  return `stap ${step} (${COMPASS_STEP_DEFINITIONS[step].name})`;
}

/** Where the duo stands and what can happen now, as the trajectory's refusals say it. */
function whereabouts({ state, expected }: { state: TrajectoryState; expected: TrajectoryEventType[] }): string {
  const next = expected.length ? ` Wat nu kan: ${listed(expected.map((event) => EVENT_NAMES[event]))}.` : '';
  return `Waar het duo staat: ${STATE_NAMES[state]}.${next}`;
}

export type ErrorWords = { [C in ErrorCode]: (params: ErrorParams[C]) => string };

/**
 * What a page says when the service refuses something, from the parameters the refusal carries
 * (the real capacity, limit, deadline); the field errors come with their own words (forms.ts).
 */
export const ERROR_MESSAGES: ErrorWords = {
  VALIDATION_FAILED: () => 'Niet alles is goed ingevuld. Kijk de velden met een melding na.',
  MALFORMED_REQUEST: () => 'Het formulier kon niet gelezen worden. Laad de pagina opnieuw en probeer het nog eens.',
  PAYLOAD_TOO_LARGE: () => 'Wat u verstuurde is te groot.',
  ATTACHMENT_TOO_LARGE: ({ maxBytes }) =>
    `Het bestand is te groot: een bijlage mag hoogstens ${megabytes(maxBytes)} zijn. Kies een kleiner bestand, of voeg een link toe.`,
  UNSUPPORTED_MEDIA_TYPE: () => 'Dit soort inhoud wordt hier niet aangenomen.',
  ATTACHMENT_TYPE_NOT_ALLOWED: () =>
    'Dit soort bestand kan niet als bijlage: kies een foto (JPEG, PNG, WebP), PDF, spreadsheet (XLSX, ODS) of CSV.',
  IMPORT_FILE_TOO_LARGE: ({ maxBytes }) =>
    `Het importbestand is te groot: hoogstens ${megabytes(maxBytes)}. Verdeel de duo’s over meer bestanden, of laat weg wat de import niet leest (andere bladen, afbeeldingen).`,
  IMPORT_FILE_UNREADABLE: ({ expectedHeaders, maxRows }) =>
    `Dit bestand kan niet worden ingelezen. Kies een CSV-bestand (UTF-8, gescheiden door ; of ,) of een XLSX-bestand met hoogstens ${maxRows} duo’s, één per rij, onder de kolomkoppen ${listed(expectedHeaders)}. Het sjabloon heeft ze al.`,
  DUO_IMPORT_INVALID: ({ rowsWithErrors }) =>
    `Er is niets geïmporteerd: ${rowsWithErrors.length === 1 ? `rij ${rowsWithErrors[0]} klopt` : `de rijen ${listed(rowsWithErrors.map(String))} kloppen`} niet. De fouten staan bij de rijen; verbeter het bestand en lees het opnieuw in.`,
  UNAUTHENTICATED: () => 'Log eerst in.',
  INVALID_CREDENTIALS: () => 'Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.',
  FORBIDDEN: () => 'Deze pagina is niet voor uw account.',
  CSRF_TOKEN_INVALID: () => 'Dit formulier is verlopen of kwam niet van Trajectkompas. Laad de pagina opnieuw en probeer het nog eens.',
  ROUTE_NOT_FOUND: () => 'Deze pagina bestaat niet.',
  COHORT_NOT_FOUND: () => 'Deze editie bestaat niet, of u hebt er geen toegang toe.',
  DUO_NOT_FOUND: () => 'Dit duo bestaat niet, of u hebt er geen toegang toe.',
  ACCOUNT_NOT_FOUND: () => 'Dit account bestaat niet.',
  INVITATION_NOT_FOUND: () => 'Deze uitnodiging bestaat niet (meer). Vraag om een nieuwe link.',
  PASSWORD_RESET_NOT_FOUND: () => 'Deze link om uw wachtwoord te herstellen klopt niet. Kopieer de hele link uit de e-mail, of vraag een nieuwe aan.',
  SESSION_NOT_FOUND: () => 'Deze bijeenkomst bestaat niet.',
  EVIDENCE_NOT_FOUND: () => 'Deze onderbouwing bestaat niet.',
  ATTACHMENT_NOT_FOUND: () => 'Deze bijlage bestaat niet.',
  INQUIRY_RECORD_NOT_FOUND: () => 'Dit staat (niet meer) in het onderzoek. Bekijk hieronder wat er vastgelegd is.',
  FROZEN_REPORT_NOT_FOUND: () => 'Van deze cyclus is geen vastgelegde rapportage.',
  AGENDA_FEED_NOT_FOUND: () => 'Op dit adres is geen agenda.',
  CONTACT_PERSON_NOT_FOUND: () => 'Deze contactpersoon hoort (niet meer) bij dit duo. Bekijk de contactpersonen hieronder.',
  PERSON_NOT_FOUND: () => 'Over dit e-mailadres is niets opgeslagen.',
  DUO_ALREADY_REGISTERED: ({ municipality, provider }) =>
    provider ? `${municipality} en ${provider} zijn al samen aangemeld voor deze editie.` : `${municipality} is al aangemeld voor deze editie.`,
  ACCOUNT_ALREADY_EXISTS: () => 'Er is al een account met dit e-mailadres.',
  CONTACT_ADDRESS_REPEATED: () => 'Dit e-mailadres staat al bij een andere contactpersoon van deze aanmelding. Ieder heeft een eigen adres: daarmee krijgt hij of zij de post en een account.',
  CONTACT_PERSON_ALREADY_LISTED: ({ name }) => `Dit e-mailadres is al van ${name}, contactpersoon van dit duo. Wijzig die contactpersoon in plaats van een nieuwe toe te voegen.`,
  VERSION_CONFLICT: () => 'Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe stand hieronder en probeer het opnieuw.',
  IDEMPOTENCY_KEY_REUSED: () => 'Dit formulier is al eens met andere gegevens verstuurd. Laad de pagina opnieuw.',
  COHORT_FULL: ({ capacity }) =>
    `De editie is vol: alle ${capacity} plaatsen zijn bezet. Het duo blijft op de wachtlijst en schuift door als een toegelaten duo zich vóór ${listed(FIRST_SESSIONS)} afmeldt.`,
  ADMISSIONS_REFUSED: ({ capacity, admitted, refused }) =>
    `Er is geen enkel duo toegelaten. ${refused
      .map(({ duo, reason, state }) =>
        reason === 'noPlaceLeft'
          ? `${duo}: geen plaats meer (${admitted} van ${capacity} plaatsen bezet)`
          : `${duo}: wacht niet op toelating (${STATE_NAMES[state] ?? state})`,
      )
      .join('; ')}. Kies alleen duo’s die aangemeld zijn of op de wachtlijst staan, en niet meer dan er plaatsen vrij zijn.`,
  REGISTRATION_CLOSED: ({ deadline }) => `De aanmelding voor deze editie is gesloten: dat kon tot en met ${calendarDay(deadline)}.`,
  COHORT_BELOW_MINIMUM: ({ minimum, admitted }) =>
    `Een editie start pas met ten minste ${minimum} toegelaten duo’s; deze editie heeft er ${admitted}. Laat eerst meer duo’s toe.`,
  ATTENDANCE_LIST_INCOMPLETE: ({ missingDuos }) =>
    `Op de lijst ontbreekt ${listed(missingDuos)}. Vul de aanwezigheid in voor elk duo dat aan deze bijeenkomst deelneemt (wie er niet was, als afwezig).`,
  INVITATION_EXPIRED: () => 'Deze uitnodiging is verlopen. Vraag om een nieuwe link.',
  INVITATION_USED: () => 'Deze uitnodiging is al gebruikt. Log in met uw wachtwoord.',
  PASSWORD_RESET_EXPIRED: () => 'Deze link om uw wachtwoord te herstellen is verlopen. Vraag een nieuwe aan.',
  PASSWORD_RESET_USED: () => 'Deze link is al gebruikt om een wachtwoord te kiezen. Log in, of vraag een nieuwe link aan als u het wachtwoord niet meer weet.',
  NOT_A_CONTACT_PERSON: () => 'Dit e-mailadres hoort niet bij een contactpersoon van dit duo.',
  NOT_AN_ADVISER: () => 'Dit account is geen adviseur.',
  CANNOT_DISABLE_SELF: () => 'U kunt uw eigen account niet blokkeren.',
  CANNOT_ERASE_SELF: () => 'U kunt uzelf niet verwijderen; vraag een andere beheerder.',
  LAST_ADMIN: () => 'Dit is de laatste beheerder die kan inloggen. Nodig eerst een andere beheerder uit.',
  LAST_CONTACT_PERSON: ({ side, name }) =>
    `${name} is de enige contactpersoon van de ${SIDE_NAMES[side]}; elke kant houdt er ten minste één. Voeg eerst een andere contactpersoon van die kant toe.`,
  TRAJECTORY_ENDED: ({ state }) =>
    state === 'droppedOut'
      ? 'Dit duo is uitgevallen; er kan niets meer bij, tenzij een correctie van de aanwezigheid het uitvallen ongedaan maakt.'
      : `Het traject van dit duo is beëindigd (${STATE_NAMES[state]}); er kan niets meer bij.`,
  ADVISORY_LIMIT_REACHED: ({ held, limit, session }) => {
    const meeting = MEETING_NAMES[session ?? ''] ?? { one: 'adviesgesprek', more: 'adviesgesprekken' };
    return `Dit duo heeft al ${plural(held, meeting.one, meeting.more)} gehad; meer dan ${limit} kan niet.`;
  },
  WORKSHOP_3_NOT_PLANNED: () => `Deze editie heeft geen ${listed(OPTIONAL_SESSIONS)}.`,
  EVENT_NOT_EXPECTED: (params) => `Dat kan nu niet in het traject van dit duo. ${whereabouts(params)}`,
  DUO_NOT_TAKING_PART: ({ state }) =>
    `Dit duo neemt niet deel: het is ${STATE_NAMES[state]}. Onderbouwing en cycli horen bij toegelaten duo’s, tot ze uitvallen of zich afmelden.`,
  DATE_NOT_POSSIBLE: ({ field, given, earliest, after, latest, before }) => {
    if (latest && before) return `${calendarDay(given)} ligt niet vóór ${before}. Kies uiterlijk ${calendarDay(latest)}.`;
    if (latest) return `${calendarDay(given)} moet nog komen. Vul de dag in waarop het gehouden is, uiterlijk vandaag (${calendarDay(latest)}).`;
    if (field === 'date' && !after && earliest) {
      return `${calendarDay(given)} is al voorbij. Plan het op vandaag (${calendarDay(earliest)}) of later; een gesprek dat al gehouden is, legt u vast bij Vastleggen.`;
    }
    if (field === 'registrationDeadline') {
      return `${calendarDay(given)} is al voorbij: het aanmeldformulier zou meteen dicht zijn. Kies ${calendarDay(earliest ?? given)} of later. Voert u een editie in die al gelopen is? Vink dat dan aan.`;
    }
    return `${calendarDay(given)} ligt niet na ${after ?? 'wat eraan voorafgaat'}. Kies een dag vanaf ${calendarDay(earliest ?? given)}.`;
  },
  OPTIONAL_SESSIONS_FIXED: ({ duosRegistered }) =>
    duosRegistered > 0
      ? `Er ${duosRegistered === 1 ? 'heeft zich al een duo' : `hebben zich al ${duosRegistered} duo’s`} aangemeld voor de editie zoals ze is; of ze ${listed(OPTIONAL_SESSIONS)} heeft, kan daarom niet meer veranderen.`
      : `${capitalised(listed(OPTIONAL_SESSIONS))} is al gepland. Haal die planning eerst weg.`,
  CAPACITY_BELOW_PLACES_TAKEN: ({ capacity, placesTaken }) =>
    `Er zijn al ${placesTaken} plaatsen bezet, dus ${capacity} plaatsen kan niet. Kies ten minste ${placesTaken}, of meld eerst een duo af.`,
  SESSION_NOT_STARTED: ({ session, startsAt }) =>
    `${capitalised(session)} begint pas ${dateTime(startsAt)}. De aanwezigheid kan vanaf dan worden vastgelegd; was de bijeenkomst eerder, verplaats haar dan eerst naar die dag.`,
  NOT_RECORDED_BY_PROGRAMME: ({ record }) => `Dit programma houdt geen ${INQUIRY_RECORD_NAMES[record as InquiryRecord] ?? 'onderzoek'} bij.`,
  INQUIRY_CLOSED: ({ state }) => `Het onderzoek wordt bijgehouden van toelating tot afronding van het traject; het traject is nu ${STATE_NAMES[state]}.`,
  COMPASS_NOT_USED: () => 'Dit programma werkt niet met het Kwaliteitskompas: er is geen onderbouwing of cyclus bij te houden.',
  EVIDENCE_NOT_DELETED: () => 'Deze onderbouwing is niet verwijderd.',
  EVIDENCE_DELETED: () => 'Deze onderbouwing is verwijderd.',
  CYCLE_CLOSED: ({ cycle, openCycle }) =>
    `Cyclus ${cycle} is afgesloten; wat u nu vastlegt, hoort bij cyclus ${openCycle}, de open cyclus.`,
  CYCLE_NOT_OPEN: ({ cycle, openCycle }) =>
    `Cyclus ${cycle} is nog niet open; cyclus ${openCycle} is de open cyclus van het duo.`,
  PREPARATION_CLOSED: ({ openCycle }) =>
    `${capitalised(stepName(0))} hoort alleen bij de eerste cyclus. Leg dit vast bij een van de stappen 1 tot en met 6 van cyclus ${openCycle}.`,
  CYCLE_INCOMPLETE: ({ cycle, stepsLackingEvidence, improvementActionsAgreed }) => {
    const missing = [
      ...(stepsLackingEvidence.length ? [`onderbouwing bij ${listed(stepsLackingEvidence.map(stepName))}`] : []),
      ...(improvementActionsAgreed ? [] : [`de verbeteracties van ${stepName(6)}`]),
    ];
    return `Cyclus ${cycle} is nog niet compleet: er ontbreekt nog ${listed(missing)}.`;
  },
  SIGN_IN_THROTTLED: ({ retryAfterSeconds }) =>
    `Te veel mislukte pogingen. Wacht ${waitingTime(retryAfterSeconds)} en probeer het dan opnieuw.`,
  SERIES_NOT_FOUND: () => 'Deze reeks bijeenkomsten bestaat niet.',
  MEETING_NOT_FOUND: () => 'Deze bijeenkomst bestaat niet.',
  MEETING_REGISTRATION_NOT_FOUND: () =>
    'Bij deze link hoort geen aanmelding (meer). Kopieer de hele link uit de bevestiging; is uw aanmelding gewist, dan is er niets meer over u bewaard.',
  ALREADY_REGISTERED_FOR_MEETING: ({ email }) =>
    `${email} is al aangemeld voor deze bijeenkomst. U hoeft niets meer te doen; wilt u iets wijzigen, gebruik dan de link in de bevestiging.`,
  MEETING_REGISTRATION_CLOSED: ({ deadline }) =>
    `De aanmelding voor deze bijeenkomst is gesloten: dat kon tot en met ${calendarDay(deadline)}. Neem voor vragen contact op met de contactpersoon.`,
  MEETING_REGISTRATION_CANCELLED: () => 'Deze aanmelding is al afgemeld. U kunt zich opnieuw aanmelden via de pagina van de bijeenkomst.',
  MEETING_REGISTRATION_THROTTLED: ({ retryAfterSeconds }) =>
    `Er zijn vanaf dit adres te veel aanmeldingen verstuurd. Wacht ${waitingTime(retryAfterSeconds)} en probeer het dan opnieuw.`,
  FORM_NOT_ACCEPTED: ({ reason, minimumSeconds }) =>
    reason === 'tooFast'
      ? `Het formulier is sneller verstuurd dan een mens het invult (binnen ${minimumSeconds} seconden). Controleer uw gegevens en verstuur het opnieuw.`
      : 'Dit formulier kon niet als aanmelding worden aangenomen. Laad de pagina opnieuw, vul het formulier in en verstuur het opnieuw.',
  MEETING_CALLED_OFF: ({ date }) => `De bijeenkomst van ${calendarDay(date)} is afgelast en gaat niet door. Aanmelden of wijzigen kan daarom niet meer.`,
  MEETING_BEGUN: ({ date, startTime }) => `De bijeenkomst van ${calendarDay(date)} is om ${startTime} uur begonnen. Afgelasten kan alleen voordat hij begint.`,
  SERIES_HAS_NO_MEETINGS: () => 'Deze reeks heeft nog geen bijeenkomst om van te kopiëren. Maak eerst een bijeenkomst aan.',
  INTERNAL_ERROR: () => 'Er ging bij ons iets mis. Probeer het opnieuw; lukt het niet, noem dan de code hieronder.',
  SERVICE_UNAVAILABLE: () => 'Trajectkompas is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
};

/** An error in Dutch, said with the parameters it carries. */
export function errorMessage<C extends ErrorCode>(error: DomainException<C>): string {
  const words: (params: ErrorParams[C]) => string = ERROR_MESSAGES[error.code];
  return words(error.params);
}
