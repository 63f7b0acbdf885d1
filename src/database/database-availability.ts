import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Node's socket errors when the server cannot be reached or drops the connection. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/** PostgreSQL's SQLSTATEs for a server that is going away, starting up or full. */
const SERVER_GONE = /^(08...|57P01|57P02|57P03|53300)$/;
/** What pg says when a connection breaks or cannot be made in time. */
const CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Seconds a client waits before trying again (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;
const PROBE_INTERVAL_MS = 1000;

/** An error that says PostgreSQL cannot be reached now, rather than that a request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 4; depth++) {
    if (typeof cause.code === 'string' && (SOCKET_ERRORS.has(cause.code) || SERVER_GONE.test(cause.code))) return true;
    if (typeof cause.message === 'string' && CONNECTION_LOST.test(cause.message)) return true;
    cause = (cause.driverError ?? cause.cause) as typeof cause;
  }
  return false;
}

/**
 * Whether PostgreSQL answers, as the requests find out. The first request that finds it gone
 * logs one line and starts a probe; the probe logs one line when it answers again. In between,
 * requests get 503 without a line each (the filter asks `noticeUnavailable`), so an outage does
 * not flood the log. Requests never wait for the probe: the pool reconnects on its own, and the
 * first request after the database is back succeeds.
 */
@Injectable()
export class DatabaseAvailability implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private probe?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  /** Called with an error a request met: true when it means the database is away (the request then gets 503). */
  noticeUnavailable(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.probe) {
      this.logger.error({ reason: reasonOf(error) }, 'The database does not answer: requests get 503 until it is back');
      this.probe = setInterval(() => void this.check(), PROBE_INTERVAL_MS);
      this.probe.unref();
    }
    return true;
  }

  private async check(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      return;
    }
    if (!this.probe) return;
    clearInterval(this.probe);
    this.probe = undefined;
    this.logger.log('The database answers again');
  }

  onApplicationShutdown(): void {
    clearInterval(this.probe);
    this.probe = undefined;
  }
}

function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return [code, message].filter((part) => typeof part === 'string' && part).join(': ');
}
