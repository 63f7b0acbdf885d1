import type { TrajectoryRefusalCode } from '../trajectory/trajectory.js';

/** Every error code the API can answer with; problem-details.filter.ts maps each to a status. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'ROUTE_NOT_FOUND'
  | 'COHORT_NOT_FOUND'
  | 'DUO_NOT_FOUND'
  | 'DUO_ALREADY_REGISTERED'
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'COHORT_FULL'
  | TrajectoryRefusalCode
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
  ) {
    super(message);
  }
}
