import type { CompassRefusalCode, CompassRefusalParams } from '../compass/compass.js';
import type { Side } from '../shared/sides.js';
import type { TrajectoryRefusalCode, TrajectoryRefusalParams, TrajectoryState } from '../trajectory/trajectory.js';

/** Every error code the API can answer with; problem-details.filter.ts maps each to a status. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'CSRF_TOKEN_INVALID'
  | 'ROUTE_NOT_FOUND'
  | 'COHORT_NOT_FOUND'
  | 'DUO_NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'INVITATION_NOT_FOUND'
  | 'PASSWORD_RESET_NOT_FOUND'
  | 'SESSION_NOT_FOUND'
  | 'EVIDENCE_NOT_FOUND'
  | 'ATTACHMENT_NOT_FOUND'
  | 'INQUIRY_RECORD_NOT_FOUND'
  | 'FROZEN_REPORT_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'AGENDA_FEED_NOT_FOUND'
  | 'CONTACT_PERSON_NOT_FOUND'
  | 'DUO_ALREADY_REGISTERED'
  | 'ACCOUNT_ALREADY_EXISTS'
  | 'VERSION_CONFLICT'
  | 'CONTACT_PERSON_ALREADY_LISTED'
  | 'CONTACT_ADDRESS_REPEATED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'COHORT_FULL'
  | 'ADMISSIONS_REFUSED'
  | 'REGISTRATION_CLOSED'
  | 'COHORT_BELOW_MINIMUM'
  | 'ATTENDANCE_LIST_INCOMPLETE'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_USED'
  | 'PASSWORD_RESET_EXPIRED'
  | 'PASSWORD_RESET_USED'
  | 'NOT_A_CONTACT_PERSON'
  | 'NOT_AN_ADVISER'
  | 'CANNOT_DISABLE_SELF'
  | 'CANNOT_ERASE_SELF'
  | 'LAST_ADMIN'
  | 'LAST_CONTACT_PERSON'
  | 'SIGN_IN_THROTTLED'
  | 'DUO_NOT_TAKING_PART'
  | 'COMPASS_NOT_USED'
  | 'NOT_RECORDED_BY_PROGRAMME'
  | 'INQUIRY_CLOSED'
  | 'DATE_NOT_POSSIBLE'
  | 'OPTIONAL_SESSIONS_FIXED'
  | 'CAPACITY_BELOW_PLACES_TAKEN'
  | 'SESSION_NOT_STARTED'
  | 'EVIDENCE_NOT_DELETED'
  | 'EVIDENCE_DELETED'
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  | 'IMPORT_FILE_UNREADABLE'
  | 'IMPORT_FILE_TOO_LARGE'
  | 'DUO_IMPORT_INVALID'
  | 'SERIES_NOT_FOUND'
  | 'MEETING_NOT_FOUND'
  | 'MEETING_REGISTRATION_NOT_FOUND'
  | 'ALREADY_REGISTERED_FOR_MEETING'
  | 'MEETING_REGISTRATION_CLOSED'
  | 'MEETING_REGISTRATION_CANCELLED'
  | 'MEETING_REGISTRATION_THROTTLED'
  | 'FORM_NOT_ACCEPTED'
  | 'SERIES_HAS_NO_MEETINGS'
  | 'MEETING_CALLED_OFF'
  | 'MEETING_BEGUN'
  | TrajectoryRefusalCode
  | CompassRefusalCode
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

/** One duo of several admitted together that could not be: no place was left for it, or it was not waiting for admission (its state). */
export interface AdmissionRefusal {
  duoId: string;
  /** "municipality / provider". */
  duo: string;
  reason: 'noPlaceLeft' | 'notWaitingForAdmission';
  state: TrajectoryState;
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * What the errors that have parameters carry besides their English message: the numbers and
 * names that the words of every language need to say what was wrong (the cohort's capacity,
 * how long to wait).
 */
interface ParamsOfCode extends TrajectoryRefusalParams, CompassRefusalParams {
  DUO_ALREADY_REGISTERED: { municipality: string; provider: string };
  VERSION_CONFLICT: { expectedVersion: number; currentVersion: number };
  /** The address given, and the name of the contact person of the duo who has it. */
  CONTACT_PERSON_ALREADY_LISTED: { email: string; name: string };
  CONTACT_ADDRESS_REPEATED: { email: string; field: string };
  /** The side the person is the only contact person of, and their name. */
  LAST_CONTACT_PERSON: { side: Side; name: string };
  COHORT_FULL: { capacity: number; admitted: number };
  /** Several duos admitted together, and which of them could not be, and why: so none was. */
  ADMISSIONS_REFUSED: { capacity: number; admitted: number; refused: AdmissionRefusal[] };
  /** The last day of registration (YYYY-MM-DD, Amsterdam). */
  REGISTRATION_CLOSED: { deadline: string };
  COHORT_BELOW_MINIMUM: { minimum: number; admitted: number };
  /** The duos the list lacks, as "municipality / provider". */
  ATTENDANCE_LIST_INCOMPLETE: { missingDuos: string[] };
  SIGN_IN_THROTTLED: { retryAfterSeconds: number };
  DUO_NOT_TAKING_PART: { state: TrajectoryState };
  /** What was to be recorded (an inquiry record: surveys, interviews, focusGroups, initiatives, plan), which the unit's programme does not record. */
  NOT_RECORDED_BY_PROGRAMME: { record: string };
  /** Where the unit stands: not admitted yet, or its trajectory closed or withdrawn. */
  INQUIRY_CLOSED: { state: TrajectoryState };
  ATTACHMENT_TOO_LARGE: { maxBytes: number };
  IMPORT_FILE_TOO_LARGE: { maxBytes: number };
  /**
   * A day (YYYY-MM-DD) that cannot be: after `latest` (today, or the session it must come
   * before, named in Dutch by `before`), or before `earliest` (the day of what it must follow,
   * named in Dutch by `after`). `field` is the field that holds it.
   */
  DATE_NOT_POSSIBLE: { field: string; given: string; earliest?: string; after?: string; latest?: string; before?: string };
  /** How many duos registered with the edition as it was, and whether optional sessions are planned. */
  OPTIONAL_SESSIONS_FIXED: { duosRegistered: number; planned: boolean };
  CAPACITY_BELOW_PLACES_TAKEN: { capacity: number; placesTaken: number };
  /** What is wrong with the file as a whole (English), the headers it must have, and how many rows it may hold. */
  IMPORT_FILE_UNREADABLE: { problem: string; expectedHeaders: string[]; maxRows: number };
  /** The rows of the file (header is row 1) that have errors; the `rows` member lists every row with its errors. */
  DUO_IMPORT_INVALID: { rowsWithErrors: number[] };
  /** The session's Dutch name and when it starts. */
  SESSION_NOT_STARTED: { session: string; startsAt: string };
  /** The address that is registered for the meeting already. */
  ALREADY_REGISTERED_FOR_MEETING: { email: string };
  /** The meeting's last day of registration (YYYY-MM-DD). */
  MEETING_REGISTRATION_CLOSED: { deadline: string };
  MEETING_REGISTRATION_THROTTLED: { retryAfterSeconds: number };
  /** The day of the meeting that is called off (YYYY-MM-DD). */
  MEETING_CALLED_OFF: { date: string };
  /** The day (YYYY-MM-DD) and start (HH:MM) of the meeting that has begun. */
  MEETING_BEGUN: { date: string; startTime: string };
  /** Why the public form was not taken as a person's: filled in faster than `minimumSeconds`, a field only robots fill in, or a form too old. */
  FORM_NOT_ACCEPTED: { reason: 'tooFast' | 'honeypot' | 'expired' | 'unsigned'; minimumSeconds: number };
}

/** The parameters of each code; `void` where the code says it all. */
export type ErrorParams = { [C in ErrorCode]: C extends keyof ParamsOfCode ? ParamsOfCode[C] : void };

/** The codes an exception may be thrown with and no parameters. */
type CodeWithoutParams = { [C in ErrorCode]: void extends ErrorParams[C] ? C : never }[ErrorCode];

export interface ExceptionDetails<C extends ErrorCode> {
  params: ErrorParams[C];
  errors?: FieldError[];
  /** Response headers that go with the error, such as Retry-After. */
  headers?: Record<string, string>;
  /** Extension members of the problem details (RFC 9457 section 3.2). */
  extensions?: Record<string, unknown>;
}

/** An error the domain or the request explains; the filter turns it into problem details. */
export class DomainException<C extends ErrorCode = ErrorCode> extends Error {
  readonly params: ErrorParams[C];
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  /** A code that carries no parameters: the message, and what else goes with it. */
  constructor(
    code: C & CodeWithoutParams,
    message: string,
    errors?: FieldError[],
    headers?: Record<string, string>,
    extensions?: Record<string, unknown>,
  );
  /** A code with parameters: they go with it, so that the words of every language can say them. */
  constructor(code: C, message: string, details: ExceptionDetails<C>);
  constructor(
    readonly code: C,
    message: string,
    errorsOrDetails: FieldError[] | ExceptionDetails<C> = [],
    headers: Record<string, string> = {},
    extensions: Record<string, unknown> = {},
  ) {
    super(message);
    const details = Array.isArray(errorsOrDetails) ? { params: undefined, errors: errorsOrDetails, headers, extensions } : errorsOrDetails;
    this.params = details.params as ErrorParams[C];
    this.errors = details.errors ?? [];
    this.headers = details.headers ?? {};
    this.extensions = details.extensions ?? {};
  }
}

/** The HTTP status of each code, for the API's problem details and the pages alike. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
    case 'IMPORT_FILE_UNREADABLE':
      return 400;
    case 'PAYLOAD_TOO_LARGE':
    case 'ATTACHMENT_TOO_LARGE':
    case 'IMPORT_FILE_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'ATTACHMENT_TYPE_NOT_ALLOWED':
      return 415;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
    case 'CSRF_TOKEN_INVALID':
      return 403;
    case 'ROUTE_NOT_FOUND':
    case 'COHORT_NOT_FOUND':
    case 'DUO_NOT_FOUND':
    case 'ACCOUNT_NOT_FOUND':
    case 'INVITATION_NOT_FOUND':
    case 'PASSWORD_RESET_NOT_FOUND':
    case 'SESSION_NOT_FOUND':
    case 'EVIDENCE_NOT_FOUND':
    case 'ATTACHMENT_NOT_FOUND':
    case 'INQUIRY_RECORD_NOT_FOUND':
    case 'FROZEN_REPORT_NOT_FOUND':
    case 'PERSON_NOT_FOUND':
    case 'AGENDA_FEED_NOT_FOUND':
    case 'CONTACT_PERSON_NOT_FOUND':
    case 'SERIES_NOT_FOUND':
    case 'MEETING_NOT_FOUND':
    case 'MEETING_REGISTRATION_NOT_FOUND':
      return 404;
    case 'DUO_ALREADY_REGISTERED':
    case 'ACCOUNT_ALREADY_EXISTS':
    case 'VERSION_CONFLICT':
    case 'CONTACT_PERSON_ALREADY_LISTED':
    case 'ALREADY_REGISTERED_FOR_MEETING':
      return 409;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'COHORT_FULL':
    case 'ADMISSIONS_REFUSED':
    case 'REGISTRATION_CLOSED':
    case 'COHORT_BELOW_MINIMUM':
    case 'ATTENDANCE_LIST_INCOMPLETE':
    case 'INVITATION_EXPIRED':
    case 'INVITATION_USED':
    case 'PASSWORD_RESET_EXPIRED':
    case 'PASSWORD_RESET_USED':
    case 'NOT_A_CONTACT_PERSON':
    case 'NOT_AN_ADVISER':
    case 'CANNOT_DISABLE_SELF':
    case 'CANNOT_ERASE_SELF':
    case 'LAST_ADMIN':
    case 'LAST_CONTACT_PERSON':
    case 'TRAJECTORY_ENDED':
    case 'ADVISORY_LIMIT_REACHED':
    case 'WORKSHOP_3_NOT_PLANNED':
    case 'EVENT_NOT_EXPECTED':
    case 'DUO_NOT_TAKING_PART':
    case 'COMPASS_NOT_USED':
    case 'NOT_RECORDED_BY_PROGRAMME':
    case 'INQUIRY_CLOSED':
    case 'DATE_NOT_POSSIBLE':
    case 'OPTIONAL_SESSIONS_FIXED':
    case 'CAPACITY_BELOW_PLACES_TAKEN':
    case 'SESSION_NOT_STARTED':
    case 'EVIDENCE_NOT_DELETED':
    case 'EVIDENCE_DELETED':
    case 'CYCLE_CLOSED':
    case 'CYCLE_NOT_OPEN':
    case 'PREPARATION_CLOSED':
    case 'CYCLE_INCOMPLETE':
    case 'DUO_IMPORT_INVALID':
    case 'MEETING_REGISTRATION_CLOSED':
    case 'MEETING_REGISTRATION_CANCELLED':
    case 'FORM_NOT_ACCEPTED':
    case 'SERIES_HAS_NO_MEETINGS':
    case 'MEETING_CALLED_OFF':
    case 'MEETING_BEGUN':
    case 'CONTACT_ADDRESS_REPEATED':
      return 422;
    case 'SIGN_IN_THROTTLED':
    case 'MEETING_REGISTRATION_THROTTLED':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`No HTTP status for error code ${String(unmapped)}`);
    }
  }
}
