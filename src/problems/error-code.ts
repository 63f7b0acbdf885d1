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
