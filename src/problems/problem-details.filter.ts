import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { type DatabaseAvailability, RETRY_AFTER_SECONDS } from '../database/database-availability.js';
import { DomainException, statusOf, type ErrorCode, type FieldError } from './error-code.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  /** What the code carries (ErrorParams in error-code.ts): the numbers and names behind the detail. */
  params?: object;
}

/**
 * How an error on a request for a web page is answered: as a page in Dutch. The web module
 * provides it (src/web/page-problems.ts), so that the error handling knows nothing of the pages.
 */
export abstract class PageProblems {
  abstract isPageRequest(request: FastifyRequest): boolean;
  abstract send(request: FastifyRequest, reply: FastifyReply, error: DomainException, status: number): unknown;
}

/**
 * Every error of the API leaves as RFC 9457 problem details (application/problem+json) with a
 * stable code; on the web pages, as a page in Dutch. Errors nobody explained become a logged
 * 500 that shows only the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  /**
   * `database` says whether an error means PostgreSQL is away (and logs that once); absent, no error does.
   * `pages` answers the requests for web pages; absent, every request gets problem details.
   */
  constructor(
    private readonly database?: Pick<DatabaseAvailability, 'noticeUnavailable'>,
    private readonly pages?: PageProblems,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const known = this.explain(error, request);
    if (known.code === 'INTERNAL_ERROR') this.logger.error({ err: error }, 'Unexpected error: answered 500');
    const status = statusOf(known.code);
    if (this.pages?.isPageRequest(request)) {
      void this.pages.send(request, reply.headers(known.headers), known, status);
      return;
    }
    const problem: ProblemDetails = {
      type: `urn:trajectkompas:problem:${known.code.toLowerCase().replaceAll('_', '-')}`,
      title: titleOf(known.code),
      status,
      detail: known.message,
      code: known.code,
      instance: request.url,
      requestId: String(request.id),
      ...(known.errors.length ? { errors: known.errors } : {}),
      ...(known.params ? { params: known.params } : {}),
      ...known.extensions,
    };
    void reply.status(status).headers(known.headers).type('application/problem+json').send(problem);
  }

  private explain(error: unknown, request: FastifyRequest): DomainException {
    if (error instanceof DomainException) return error;
    // The client broke off while sending its body: its connection reset, not the database's.
    if (request.raw.readableAborted) return new DomainException('MALFORMED_REQUEST', 'The request body stopped before its end: send it whole.');
    if (this.database?.noticeUnavailable(error)) {
      return new DomainException('SERVICE_UNAVAILABLE', `Trajectkompas cannot reach its database just now. Try again in ${RETRY_AFTER_SECONDS} seconds.`, [], {
        'retry-after': String(RETRY_AFTER_SECONDS),
      });
    }
    if (isUnstorableValue(error)) {
      return new DomainException('VALIDATION_FAILED', `The request is not valid: ${(error as Error).message}.`);
    }
    const status = httpStatusOf(error);
    switch (status) {
      case 404:
        return new DomainException('ROUTE_NOT_FOUND', 'There is no such route. The API is described at /api/docs.');
      case 413:
        return new DomainException('PAYLOAD_TOO_LARGE', `The request body is too large: ${messageOf(error)}`);
      case 415:
        return new DomainException('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json: ${messageOf(error)}`);
      case 503:
        return new DomainException('SERVICE_UNAVAILABLE', 'A service Trajectkompas depends on does not answer. Try again shortly.', [], { 'retry-after': String(RETRY_AFTER_SECONDS) }, {
          checks: statusesOf((error as HttpException).getResponse()),
        });
    }
    if (status && status >= 400 && status < 500) {
      return new DomainException('MALFORMED_REQUEST', `The request could not be read: ${messageOf(error)}`);
    }
    return new DomainException('INTERNAL_ERROR', 'Something went wrong on our side. Quote the request id when you report it.');
  }
}

/**
 * PostgreSQL refused a value the request carried (bad encoding, a number out of range, text
 * that is not a valid value of its type). Validation should catch these first; this is the net.
 */
function isUnstorableValue(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
  return code !== undefined && ['22021', '22P05', '22P02', '22003', '22007', '22008'].includes(code);
}

/** Nest's HttpExceptions and Fastify's own errors (bad JSON, wrong content type, too large) carry a status. */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Which checks are up or down, without what they said: the health check is anonymous, and a
 * failed check's message names the database's host and port.
 */
function statusesOf(response: unknown): Record<string, string> {
  const details = (response as { details?: Record<string, { status?: unknown }> } | null)?.details ?? {};
  return Object.fromEntries(Object.entries(details).map(([name, check]) => [name, String(check?.status ?? 'down')]));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function titleOf(code: ErrorCode): string {
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
