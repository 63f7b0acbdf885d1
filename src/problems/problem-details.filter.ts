import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException, type ErrorCode, type FieldError } from './error-code.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
      return 400;
    case 'ROUTE_NOT_FOUND':
    case 'COHORT_NOT_FOUND':
    case 'DUO_NOT_FOUND':
      return 404;
    case 'DUO_ALREADY_REGISTERED':
    case 'VERSION_CONFLICT':
      return 409;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'COHORT_FULL':
    case 'TRAJECTORY_ENDED':
    case 'ADVISORY_LIMIT_REACHED':
    case 'WORKSHOP_3_NOT_PLANNED':
    case 'EVENT_NOT_EXPECTED':
      return 422;
    case 'INTERNAL_ERROR':
      return 500;
    default: {
      const unmapped: never = code;
      throw new Error(`No HTTP status for error code ${String(unmapped)}`);
    }
  }
}

/**
 * Every error leaves as RFC 9457 problem details (application/problem+json) with a stable
 * code. Errors nobody explained become a logged 500 that shows only the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const known = this.explain(error);
    if (known.code === 'INTERNAL_ERROR') {
      this.logger.error({ requestId: request.id, error: error instanceof Error ? error.stack : String(error) });
    }
    const status = statusOf(known.code);
    const problem: ProblemDetails = {
      type: `urn:trajectkompas:problem:${known.code.toLowerCase().replaceAll('_', '-')}`,
      title: titleOf(known.code),
      status,
      detail: known.message,
      code: known.code,
      instance: request.url,
      requestId: String(request.id),
      ...(known.errors.length ? { errors: known.errors } : {}),
    };
    void reply.status(status).type('application/problem+json').send(problem);
  }

  private explain(error: unknown): DomainException {
    if (error instanceof DomainException) return error;
    const status = httpStatusOf(error);
    if (status === 404) return new DomainException('ROUTE_NOT_FOUND', 'There is no such route. The API is described at /api/docs.');
    if (status && status >= 400 && status < 500) {
      return new DomainException('MALFORMED_REQUEST', `The request could not be read: ${messageOf(error)}`);
    }
    return new DomainException('INTERNAL_ERROR', 'Something went wrong on our side. Quote the request id when you report it.');
  }
}

/** Nest's HttpExceptions and Fastify's own errors (bad JSON, wrong content type, too large) carry a status. */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function titleOf(code: ErrorCode): string {
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
