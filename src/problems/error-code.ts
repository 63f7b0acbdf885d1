import type { CompassRefusalCode } from '../compass/compass.js';
import type { TrajectoryRefusalCode } from '../trajectory/trajectory.js';

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
  | 'SESSION_NOT_FOUND'
  | 'EVIDENCE_NOT_FOUND'
  | 'ATTACHMENT_NOT_FOUND'
  | 'FROZEN_REPORT_NOT_FOUND'
  | 'DUO_ALREADY_REGISTERED'
  | 'ACCOUNT_ALREADY_EXISTS'
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'COHORT_FULL'
  | 'REGISTRATION_CLOSED'
  | 'COHORT_BELOW_MINIMUM'
  | 'ATTENDANCE_LIST_INCOMPLETE'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_USED'
  | 'NOT_A_CONTACT_PERSON'
  | 'NOT_AN_ADVISER'
  | 'CANNOT_DISABLE_SELF'
  | 'SIGN_IN_THROTTLED'
  | 'DUO_NOT_TAKING_PART'
  | 'EVIDENCE_NOT_DELETED'
  | 'EVIDENCE_DELETED'
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  | TrajectoryRefusalCode
  | CompassRefusalCode
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export interface FieldError {
  field: string;
  message: string;
}

/** An error the domain or the request explains; the filter turns it into problem details. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Response headers that go with the error, such as Retry-After. */
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem details (RFC 9457 section 3.2). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The HTTP status of each code, for the API's problem details and the pages alike. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
      return 400;
    case 'PAYLOAD_TOO_LARGE':
    case 'ATTACHMENT_TOO_LARGE':
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
    case 'SESSION_NOT_FOUND':
    case 'EVIDENCE_NOT_FOUND':
    case 'ATTACHMENT_NOT_FOUND':
    case 'FROZEN_REPORT_NOT_FOUND':
      return 404;
    case 'DUO_ALREADY_REGISTERED':
    case 'ACCOUNT_ALREADY_EXISTS':
    case 'VERSION_CONFLICT':
      return 409;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'COHORT_FULL':
    case 'REGISTRATION_CLOSED':
    case 'COHORT_BELOW_MINIMUM':
    case 'ATTENDANCE_LIST_INCOMPLETE':
    case 'INVITATION_EXPIRED':
    case 'INVITATION_USED':
    case 'NOT_A_CONTACT_PERSON':
    case 'NOT_AN_ADVISER':
    case 'CANNOT_DISABLE_SELF':
    case 'TRAJECTORY_ENDED':
    case 'ADVISORY_LIMIT_REACHED':
    case 'WORKSHOP_3_NOT_PLANNED':
    case 'EVENT_NOT_EXPECTED':
    case 'DUO_NOT_TAKING_PART':
    case 'EVIDENCE_NOT_DELETED':
    case 'EVIDENCE_DELETED':
    case 'CYCLE_CLOSED':
    case 'CYCLE_NOT_OPEN':
    case 'PREPARATION_CLOSED':
    case 'CYCLE_INCOMPLETE':
      return 422;
    case 'SIGN_IN_THROTTLED':
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
