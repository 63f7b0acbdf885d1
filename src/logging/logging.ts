import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger, type Params } from 'nestjs-pino';
import pinoPretty from 'pino-pretty';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogFormat, LogLevel } from '../config/environment.js';

/**
 * One logger for the whole app: pino, through nestjs-pino for the request lines (pino-http)
 * and for every line the app writes with Nest's Logger, so that each line written while a
 * request runs carries its `requestId`, also deep in services (nestjs-pino keeps the request's
 * logger in AsyncLocalStorage).
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

function pinoOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    messageKey: 'message',
    formatters: { level: (label) => ({ level: label }), log: redacted, bindings: redacted },
    serializers: { err: loggableError },
  };
}

/**
 * Where the lines go. nestjs-pino keeps one pino-http instance per process, made by the first
 * app; a process that starts another app (the tests, the benchmarks) points this at the new
 * app's target instead of getting a second logger.
 */
class Destination implements DestinationStream {
  private target: { write(line: string): unknown } = process.stdout;

  use(options: LoggingOptions): void {
    this.target = options.stream ?? (options.format === 'pretty' ? pretty() : process.stdout);
  }

  write(line: string): void {
    this.target.write(line);
  }
}

const destination = new Destination();

/** Readable lines for a person at a terminal (LOG_FORMAT=pretty). */
function pretty(): { write(line: string): unknown } {
  return pinoPretty({ messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
}

/** A logger for what happens before the app runs (the embedded database, migrations): same shape, same redaction. */
export function createBootLogger(options: LoggingOptions): Logger {
  destination.use(options);
  return pino(pinoOptions(options.level), destination).child({ context: 'Trajectkompas' });
}

/** nestjs-pino's settings: one request line per request, at info, error for a 5xx. */
export function loggerParams(options: LoggingOptions): Params {
  destination.use(options);
  // The process's one root logger (made by the first app) takes this app's level.
  if (PinoLogger.root) PinoLogger.root.level = options.level;
  const pinoHttp = {
    ...pinoOptions(options.level),
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    // 503 is the database being away, which DatabaseAvailability logs once: its requests are warnings.
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      response.statusCode === 503 ? 'warn' : error || response.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: requestLine,
    customErrorMessage: requestLine,
    serializers: {
      err: loggableError,
      req: (request: IncomingMessage) => ({ method: request.method, url: withoutQueryValues(request.url) }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
    },
  };
  // '*' mounts the middleware once for every path, pages and /health outside the /api prefix included.
  return { pinoHttp: [pinoHttp, destination], forRoutes: [{ path: '*', method: RequestMethod.ALL }] };
}

function requestLine(request: IncomingMessage, response: ServerResponse): string {
  return `${request.method} ${withoutQueryValues(request.url)} ${response.statusCode}`;
}
