import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import pinoPretty from 'pino-pretty';
import pino, { type Level, type Logger, type LoggerOptions } from 'pino';
import type { LogFormat, LogLevel } from '../config/environment.js';

/**
 * One logger for the whole app: pino, for the request lines (written by Fastify hooks, one per
 * request) and for every line the app writes with Nest's Logger, so that each line written while
 * a request runs carries its `requestId`, also deep in services (the id is kept in
 * AsyncLocalStorage while the request runs, and pino's mixin adds it to the line).
 *
 * No secret may reach a line: request lines carry the path with every query value replaced
 * (invitation links hold their token in the query), never headers or bodies; and what the
 * app logs passes through `redacted`, which blanks the fields that hold credentials at the top
 * of a logged object and two levels down.
 */
export interface LoggingOptions {
  level: LogLevel;
  format?: LogFormat;
  /** Where the lines go instead of standard output (the tests read them). */
  stream?: { write(line: string): void };
}

export const REDACTED = '[redacted]';

/** Field names that hold a credential, at any depth of a logged object. */
const SECRET_FIELDS = ['authorization', 'cookie', 'set-cookie', 'password', 'newPassword', 'token', 'csrfToken', '_csrf', 'x-csrf-token', 'secret', 'resetToken'];

const SECRETS = new Set(SECRET_FIELDS);

/**
 * A logged object with each secret field blanked, at the top and up to two levels down in plain
 * objects and arrays; the caller's object is left as it was (a copy is made where a field is
 * blanked). It runs on the lines that are written, not when a request's logger is made: pino's
 * own redaction ran on every child logger, so on every request, whether it wrote a line or not.
 */
export function redacted<T>(value: T, depth = 0): T {
  if (Array.isArray(value)) {
    const items = value.map((item) => redacted(item, depth + 1));
    return items.some((item, index) => item !== value[index]) ? (items as T) : value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    const replaced = SECRETS.has(key) ? REDACTED : depth < 2 ? redacted(field, depth + 1) : field;
    if (replaced !== field) (copy ??= { ...value })[key] = replaced;
  }
  return (copy ?? value) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Paths whose last segment is a secret: the agenda feed's address (`/agenda/{token}.ics`) is its only key. */
const SECRET_PATHS = /^(\/agenda\/)[^/?#]*/;

/** The path of a URL with each query value and secret segment replaced: `/uitnodiging?token=[redacted]`, `/agenda/[redacted]`. */
export function withoutQueryValues(url: string | undefined): string {
  if (!url) return '';
  url = url.replace(SECRET_PATHS, `$1${REDACTED}`);
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=${REDACTED}`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/**
 * An error as a line may carry it: what it is, where it happened and its codes, never the values
 * it was about. A query error carries the query's parameters (an e-mail address, a token's hash,
 * a CSRF token) and PostgreSQL's `detail` repeats a key's value; neither is logged.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!isError(error)) return { message: String(error) };
  const { code, routine, constraint, table, column } = ((error as { driverError?: unknown }).driverError ?? error) as Record<string, unknown>;
  const query = (error as { query?: unknown }).query;
  return Object.fromEntries(
    Object.entries({ type: error.name, message: error.message, stack: error.stack, code, routine, constraint, table, column, query }).filter(
      ([, value]) => typeof value === 'string' && value,
    ),
  );
}

/** An error, also one from another realm (a test's VM context, a worker), which is no `instanceof Error` here. */
function isError(value: unknown): value is Error {
  if (value instanceof Error) return true;
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string';
}

/** The id of the request being handled, for the lines written while it runs. */
const requestIds = new AsyncLocalStorage<string>();

function pinoOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    messageKey: 'message',
    formatters: { level: (label) => ({ level: label }), log: redacted, bindings: redacted },
    serializers: { err: loggableError },
    mixin: () => {
      const requestId = requestIds.getStore();
      return requestId === undefined ? {} : { requestId };
    },
  };
}

/** A logger writing to the stream of `options`: standard output unless given, readable lines for a person at a terminal with LOG_FORMAT=pretty. */
export function createLogger(options: LoggingOptions): Logger {
  const stream = options.stream ?? (options.format === 'pretty' ? pretty() : process.stdout);
  return pino(pinoOptions(options.level), stream);
}

function pretty(): { write(line: string): unknown } {
  return pinoPretty({ messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
}

/** A logger for what happens before the app runs (the embedded database, migrations): same shape, same redaction. */
export function createBootLogger(options: LoggingOptions): Logger {
  return createLogger(options).child({ context: 'Trajectkompas' });
}

/**
 * One line per request, when its answer is sent: `GET /api/cohorts 200` with the request id, the
 * method and path (query values and secret segments replaced), the status and the time taken; at
 * info, warn for a 503 (the database being away, which DatabaseAvailability logs once), error for
 * another 5xx. A request the client gave up on before its answer gets a warning. While a request
 * runs, the lines the app writes carry its id.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => requestIds.run(request.id, done));
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level: Level = status === 503 ? 'warn' : status >= 500 ? 'error' : 'info';
    requestLine(logger, level, request, { res: { statusCode: status }, responseTime: Math.round(reply.elapsedTime) }, String(status));
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    requestLine(logger, 'warn', request, {}, 'aborted by the client');
    done();
  });
}

function requestLine(logger: Logger, level: Level, request: FastifyRequest, fields: Record<string, unknown>, outcome: string): void {
  if (!logger.isLevelEnabled(level)) return;
  const url = withoutQueryValues(request.raw.url);
  logger[level]({ requestId: request.id, req: { method: request.method, url }, ...fields }, `${request.method} ${url} ${outcome}`);
}

/**
 * Nest's Logger, as the app's services use it, writing through pino: `log(message, context)`,
 * `log({ fields }, message, context)`, and an error's stack as Nest's own exception handlers pass it.
 */
export class AppLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the logger's context last; what comes between is the message's. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = params.length ? { context: params[params.length - 1] } : {};
    const rest = params.slice(0, -1);
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, ...(rest as [string]));
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message }, ...(rest as [string]));
    else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      // Nest's exception handlers pass an error's message and its stack.
      this.logger[level]({ ...fields, err: Object.assign(new Error(String(message)), { stack: rest[0] }) }, String(message));
    } else this.logger[level](fields, String(message), ...rest);
  }
}
