import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorCode } from './error-code.js';
import type { ProblemDetails } from './problem-details.filter.js';

export class FieldErrorView {
  @ApiProperty({ example: 'capacity' }) field: string;
  @ApiProperty({ example: 'capacity must be at most 8 duos' }) message: string;
}

/** RFC 9457 problem details, as every error response carries them (application/problem+json). */
export class ProblemDetailsView implements ProblemDetails {
  @ApiProperty({ example: 'urn:trajectkompas:problem:advisory-limit-reached' }) type: string;
  @ApiProperty({ example: 'Advisory limit reached' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  @ApiProperty({ example: 'This duo has had 2 advisory meetings, the most a duo can have (2).' }) detail: string;
  @ApiProperty({ type: String, example: 'ADVISORY_LIMIT_REACHED', description: 'Stable: clients may branch on it.' }) code: ErrorCode;
  @ApiProperty({ example: '/api/duos/4f1c.../advisory-meetings' }) instance: string;
  @ApiProperty({ description: 'Quote it when reporting a problem; it is in the log lines of the request.' }) requestId: string;
  @ApiProperty({ type: [FieldErrorView], required: false, description: 'For 400: what is wrong with which field.' })
  errors?: FieldErrorView[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What the code carries: the numbers and names behind the detail (a cohort\'s capacity, how long to wait), the same members for every error of that code.',
    example: { held: 2, limit: 2, state: 'workshop1Attended', expected: ['RECORD_WORKSHOP_2_ATTENDANCE', 'CORRECT_ATTENDANCE', 'WITHDRAW'] },
  })
  params?: Record<string, unknown>;
}
