import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { SerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../shared/roles.js';
import { authConfig, retentionConfig } from '../config/environment.js';
import { DomainException } from '../problems/error-code.js';
import { PrunesOldRows, type OldRowsPruner } from '../shared/retention.js';
import { verifyNothing, verifyPassword } from './passwords.js';
import { hashToken, newSecretToken } from './tokens.js';
import { AccessScopes } from './access-scopes.js';
import { UUID } from './access.js';
import { preparedQuery } from '../database/prepared.js';

/** The cookie the web pages sign in with; the API uses `Authorization: Bearer <token>`. */
export const SESSION_COOKIE = 'tk_session';
/** The cookie that marks a browser someone signed in on before: the per-account lock lets it through. */
export const KNOWN_DEVICE_COOKIE = 'tk_device';
const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface NewSession {
  token: string;
  /** For the web pages: forms and scripts send it back (x-csrf-token or _csrf), since cookies travel by themselves. */
  csrfToken: string;
  expiresAt: string;
}

/** One sign-in attempt, as the throttle counts it. */
interface SignInAttempt {
  email: string;
  address: string;
  /** The known device (of this account) the attempt comes from, if any. */
  knownDeviceId: string | null;
}

type SignInOutcome =
  | { kind: 'signedIn'; session: NewSession & { deviceToken?: string } }
  | { kind: 'failed' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Sessions: created by signing in, revoked by signing out or by disabling the account, and
 * expiring after SESSION_TTL_HOURS. Only hashes of their tokens are stored. Failed sign-ins are
 * counted in PostgreSQL per e-mail address and per client address, so a restart or a second
 * process does not reset the count. A browser someone signed in on before (a known device, which
 * carries the KNOWN_DEVICE_COOKIE) is not held by the per-account lock, so that nobody can lock
 * a person out by guessing wrong passwords for their address: it has a count of its own, and
 * the per-address limit still holds. Ended sessions, expired known devices and failures that no
 * longer count are deleted by the scheduler's retention round.
 */
@Injectable()
@PrunesOldRows()
export class AuthService implements OldRowsPruner {
  /** Each request's session, looked up once: before its body is read (sign-in-first.ts), and again by the access guard. */
  private readonly sessions = new WeakMap<FastifyRequest, Promise<{ principal: Principal; adviserInScope?: boolean } | null>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    @Inject(retentionConfig.KEY) private readonly retention: ConfigType<typeof retentionConfig>,
    private readonly http: HttpAdapterHost<FastifyAdapter>,
    private readonly scopes: AccessScopes,
  ) {}

  /**
   * `knownDevice`: the KNOWN_DEVICE_COOKIE the browser sent (knownDeviceOf), if any. With
   * `rememberDevice` (the web pages), a browser that is not yet a known device of the account
   * becomes one in the same transaction as the session: its token comes back as `deviceToken`.
   */
  async signIn(
    email: string,
    password: string,
    address: string,
    knownDevice?: string,
    options: { rememberDevice?: boolean } = {},
  ): Promise<NewSession & { deviceToken?: string }> {
    const attempt = { email: email.trim(), address, knownDeviceId: await this.knownDeviceId(email.trim(), knownDevice) };
    const outcome = await this.attemptSignIn(attempt, password, Boolean(options.rememberDevice));
    switch (outcome.kind) {
      case 'signedIn':
        return outcome.session;
      case 'throttled': {
        const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
        throw new DomainException(
          'SIGN_IN_THROTTLED',
          `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
          { params: { retryAfterSeconds: outcome.retryAfterSeconds }, headers: { 'retry-after': String(outcome.retryAfterSeconds) } },
        );
      }
      case 'failed':
        throw new DomainException('INVALID_CREDENTIALS', 'The e-mail address or the password is not right.');
    }
  }

  async signOut(principal: Principal): Promise<void> {
    await this.dataSource.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
      principal.sessionId,
    ]);
  }

  /**
   * The cookie that carries a session for the web pages: HttpOnly (no script reads it),
   * SameSite=Lax (no other site's form sends it), and Secure when people reach the app over
   * https (PUBLIC_URL), which is how it runs anywhere but on one's own machine.
   */
  sessionCookie(session: Pick<NewSession, 'token' | 'expiresAt'>): string {
    const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
    return this.cookie(session.token, maxAge);
  }

  /** The cookie that removes the session cookie from the browser (signing out). */
  expiredCookie(): string {
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAge: number): string {
    const options: SerializeOptions = { path: '/', maxAge, httpOnly: true, sameSite: 'lax', secure: this.config.PUBLIC_URL.startsWith('https://') };
    return this.http.httpAdapter.getInstance().serializeCookie(SESSION_COOKIE, value, options);
  }

  /**
   * The cookie that makes this browser a known device of its account, for KNOWN_DEVICE_DAYS:
   * set with the session cookie when someone signs in on the web pages on a browser that was
   * not one yet. Only its hash is stored. SameSite=Strict: it goes along with the sign-in forms
   * of this site only.
   */
  knownDeviceCookie(deviceToken: string): string {
    const options: SerializeOptions = {
      path: '/',
      maxAge: this.config.KNOWN_DEVICE_DAYS * 24 * 60 * 60,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_URL.startsWith('https://'),
    };
    return this.http.httpAdapter.getInstance().serializeCookie(KNOWN_DEVICE_COOKIE, deviceToken, options);
  }

  /** The known-device token a request carries, to pass to signIn. */
  knownDeviceOf(request: FastifyRequest): string | undefined {
    return request.cookies?.[KNOWN_DEVICE_COOKIE];
  }

  async pruneOldRows(): Promise<Record<string, number>> {
    const [, endedSessions] = await this.dataSource.query(
      'DELETE FROM sessions WHERE least(expires_at, coalesce(revoked_at, expires_at)) < now() - $1::interval',
      [`${this.retention.ENDED_SESSION_RETENTION_DAYS} days`],
    );
    const [, signInFailures] = await this.dataSource.query('DELETE FROM sign_in_failures WHERE failed_at < now() - $1::interval', [
      `${this.config.SIGN_IN_THROTTLE_MINUTES} minutes`,
    ]);
    const [, knownDevices] = await this.dataSource.query('DELETE FROM known_devices WHERE expires_at < now()');
    return { endedSessions, signInFailures, knownDevices };
  }

  /** Ends every session of an account, in the caller's transaction (disabling it, say). */
  async revokeAllSessions(em: EntityManager, accountId: string): Promise<void> {
    await em.query('UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
  }

  /**
   * Forgets the failed sign-ins on an address (its lockout), in the caller's transaction: once
   * its password was reset, guesses at the old one lock the person out no longer.
   */
  async forgetSignInFailures(em: EntityManager, email: string): Promise<void> {
    await em.query('DELETE FROM sign_in_failures WHERE lower(email) = lower($1)', [email]);
  }

  /**
   * The signed-in account of a request, or null when it carries no valid, unexpired, unrevoked
   * session. A change made with the session cookie must also carry the page's CSRF token.
   */
  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const principal = await this.sessionOf(request);
    if (principal?.via === 'cookie' && !SAFE_METHODS.has(request.method) && !csrfMatches(request, principal.csrfToken)) {
      throw new DomainException(
        'CSRF_TOKEN_INVALID',
        'This form is out of date or did not come from Trajectkompas: reload the page and try again.',
      );
    }
    return principal;
  }

  /**
   * Whose valid session the request carries (bearer token or session cookie), or null; without
   * the CSRF check, which needs the body: this is what is known before the body is read.
   */
  sessionOf(request: FastifyRequest): Promise<Principal | null> {
    let session = this.sessions.get(request);
    if (!session) {
      session = this.lookUpSession(request);
      this.sessions.set(request, session);
    }
    return session.then((found) => found?.principal ?? null);
  }

  /**
   * For an adviser's request to a route for one cohort or duo (the `{id}` of its path): whether
   * that cohort or duo is theirs, as the session lookup found it. Undefined when it did not ask
   * (another role, another route, an id that is no UUID): then the access guard asks the scopes.
   */
  async adviserInScope(request: FastifyRequest): Promise<boolean | undefined> {
    return (await this.sessions.get(request))?.adviserInScope;
  }

  /** The session lookup, without a scope and for a route for one cohort or one duo: made once, so that each is one prepared statement. */
  private readonly sessionQueries = Object.fromEntries(
    (['none', 'cohort', 'duo'] as const).map((scope) => [
      scope,
      `SELECT s.id AS session_id, s.csrf_token, a.id, a.name, a.email, a.role, a.duo_id, a.side,
              ${scope === 'none' ? 'NULL' : `a.role = 'adviser' AND ${this.scopes.adviserCondition(scope)}`} AS in_scope
       FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL`,
    ]),
  ) as Record<'none' | 'cohort' | 'duo', string>;

  /** The session, and for a route for one cohort or duo whether the adviser's scope holds it: one query. */
  private async lookUpSession(request: FastifyRequest): Promise<{ principal: Principal; adviserInScope?: boolean } | null> {
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? request.cookies?.[SESSION_COOKIE];
    if (!token) return null;
    const scope = request.routeOptions?.config?.access?.scope;
    const id = (request.params as { id?: string } | undefined)?.id;
    const within = (scope === 'cohort' || scope === 'duo') && id && UUID.test(id) ? { scope, id } : undefined;
    const [row] = await preparedQuery<SessionRow>(
      this.dataSource.manager,
      this.sessionQueries[within?.scope ?? 'none'],
      within ? [hashToken(token), within.id] : [hashToken(token)],
    );
    if (!row) return null;
    const principal: Principal = {
      accountId: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      duoId: row.duo_id,
      side: row.side,
      sessionId: row.session_id,
      via: bearer ? 'bearer' : 'cookie',
      csrfToken: row.csrf_token,
    };
    return { principal, ...(within && row.role === 'adviser' ? { adviserInScope: row.in_scope === true } : {}) };
  }

  /**
   * The attempt is first counted as a failure, in a short transaction of its own in which
   * attempts on the same account (or known device), and then from the same address, take turns:
   * so parallel attempts cannot all pass the count, and nobody waits for another's password
   * check. A right password then takes the count back; a wrong one leaves it.
   */
  private async attemptSignIn(attempt: SignInAttempt, password: string, rememberDevice: boolean): Promise<SignInOutcome> {
    const retryAfterSeconds = await this.dataSource.transaction((em) => this.countAttempt(em, attempt));
    if (retryAfterSeconds > 0) return { kind: 'throttled', retryAfterSeconds };

    const [account] = await this.dataSource.query(
      'SELECT id, password_hash FROM accounts WHERE lower(email) = lower($1) AND disabled_at IS NULL',
      [attempt.email],
    );
    const valid = account?.password_hash
      ? await verifyPassword(password, account.password_hash)
      : await verifyNothing(password, this.config.PASSWORD_HASH_COST);
    if (!valid) return { kind: 'failed' };
    return this.dataSource.transaction(async (em) => {
      // Only this person's own failures go: those of this device, or of this address without a
      // device. A guesser elsewhere keeps their count, however often the person signs in.
      if (attempt.knownDeviceId) await em.query('DELETE FROM sign_in_failures WHERE known_device_id = $1', [attempt.knownDeviceId]);
      else {
        await em.query('DELETE FROM sign_in_failures WHERE lower(email) = lower($1) AND address = $2 AND known_device_id IS NULL', [
          attempt.email,
          attempt.address,
        ]);
      }
      const session = await this.createSession(em, account.id);
      const deviceToken = rememberDevice && !attempt.knownDeviceId ? await this.addKnownDevice(em, account.id) : undefined;
      return { kind: 'signedIn', session: deviceToken ? { ...session, deviceToken } : session };
    });
  }

  private async addKnownDevice(em: EntityManager, accountId: string): Promise<string> {
    const { token, hash } = newSecretToken();
    await em.query('INSERT INTO known_devices (account_id, token_hash, expires_at) VALUES ($1, $2, now() + $3::interval)', [
      accountId,
      hash,
      `${this.config.KNOWN_DEVICE_DAYS} days`,
    ]);
    return token;
  }

  /**
   * Counts the attempt as a failure unless it is throttled; answers the seconds until the oldest
   * failure that blocks it leaves the window, or 0 when it was counted. A known device is
   * counted by itself instead of by its account; the address always counts. Lock order: the
   * account (or device), then the address, so that two attempts never wait for each other.
   */
  private async countAttempt(em: EntityManager, attempt: SignInAttempt): Promise<number> {
    const bySubject = attempt.knownDeviceId ? `device ${attempt.knownDeviceId}` : `account ${attempt.email.toLowerCase()}`;
    for (const subject of [bySubject, `address ${attempt.address}`]) {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('sign-in'), hashtext($1))", [subject]);
    }
    const window = `${this.config.SIGN_IN_THROTTLE_MINUTES} minutes`;
    const counts: { kind: 'subject' | 'address'; failures: number; retry_after: number }[] = await em.query(
      `SELECT 'subject' AS kind, count(*)::int AS failures, ceil(extract(epoch FROM min(failed_at) + $4::interval - now()))::int AS retry_after
       FROM sign_in_failures WHERE failed_at > now() - $4::interval AND CASE WHEN $3::uuid IS NULL THEN lower(email) = lower($1) ELSE known_device_id = $3 END
       UNION ALL
       SELECT 'address', count(*)::int, ceil(extract(epoch FROM min(failed_at) + $4::interval - now()))::int
       FROM sign_in_failures WHERE failed_at > now() - $4::interval AND address = $2`,
      [attempt.email, attempt.address, attempt.knownDeviceId, window],
    );
    const limits = { subject: this.config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT, address: this.config.SIGN_IN_MAX_FAILURES_PER_ADDRESS };
    const blocking = counts.filter((count) => count.failures >= limits[count.kind]);
    // Until the oldest failure of every count that blocks leaves the window.
    if (blocking.length) return Math.max(1, ...blocking.map((count) => count.retry_after));
    await em.query('INSERT INTO sign_in_failures (email, address, known_device_id) VALUES ($1, $2, $3)', [
      attempt.email,
      attempt.address,
      attempt.knownDeviceId,
    ]);
    return 0;
  }

  /** The known device a token stands for, when it is unexpired and belongs to this e-mail address's account. */
  private async knownDeviceId(email: string, token: string | undefined): Promise<string | null> {
    if (!token) return null;
    const [device] = await this.dataSource.query(
      `SELECT d.id FROM known_devices d JOIN accounts a ON a.id = d.account_id
       WHERE d.token_hash = $1 AND d.expires_at > now() AND lower(a.email) = lower($2)`,
      [hashToken(token), email],
    );
    return device?.id ?? null;
  }

  private async createSession(em: EntityManager, accountId: string): Promise<NewSession> {
    const { token, hash } = newSecretToken();
    const csrfToken = randomBytes(24).toString('base64url');
    const [session] = await em.query(
      `INSERT INTO sessions (account_id, token_hash, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + $4::interval) RETURNING expires_at`,
      [accountId, hash, csrfToken, `${this.config.SESSION_TTL_HOURS} hours`],
    );
    return { token, csrfToken, expiresAt: (session.expires_at as Date).toISOString() };
  }
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const header = request.headers['x-csrf-token'];
  const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  const sent = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
  const [given, wanted] = [Buffer.from(sent), Buffer.from(expected)];
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** A valid session's row, with whether an adviser's scope holds the route's cohort or duo (null when not asked). */
interface SessionRow {
  session_id: string;
  csrf_token: string;
  id: string;
  name: string;
  email: string;
  role: Principal['role'];
  duo_id: string | null;
  side: Principal['side'];
  in_scope: boolean | null;
}
