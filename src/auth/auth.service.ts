import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../accounts/roles.js';
import { authConfig } from '../config/environment.js';
import { DomainException } from '../problems/error-code.js';
import { verifyNothing, verifyPassword } from './passwords.js';
import { hashToken, newSecretToken } from './tokens.js';

/** The cookie the web pages sign in with; the API uses `Authorization: Bearer <token>`. */
export const SESSION_COOKIE = 'tk_session';
const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface NewSession {
  token: string;
  /** For the web pages: forms and scripts send it back (x-csrf-token or _csrf), since cookies travel by themselves. */
  csrfToken: string;
  expiresAt: string;
}

type SignInOutcome =
  | { kind: 'signedIn'; session: NewSession }
  | { kind: 'failed' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Sessions: created by signing in, revoked by signing out or by disabling the account, and
 * expiring after SESSION_TTL_HOURS. Only hashes of their tokens are stored. Failed sign-ins are
 * counted in PostgreSQL per e-mail address and per client address, so a restart or a second
 * process does not reset the count.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async signIn(email: string, password: string, address: string): Promise<NewSession> {
    const outcome = await this.dataSource.transaction((em) => this.attemptSignIn(em, email.trim(), password, address));
    switch (outcome.kind) {
      case 'signedIn':
        return outcome.session;
      case 'throttled':
        throw new DomainException(
          'SIGN_IN_THROTTLED',
          `Too many failed sign-ins. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.`,
          [],
          { 'retry-after': String(outcome.retryAfterSeconds) },
        );
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
    return `${SESSION_COOKIE}=${session.token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${this.secure()}`;
  }

  /** The cookie that removes the session cookie from the browser (signing out). */
  expiredCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${this.secure()}`;
  }

  private secure(): string {
    return this.config.PUBLIC_URL.startsWith('https://') ? '; Secure' : '';
  }

  /** Ends every session of an account, in the caller's transaction (disabling it, say). */
  async revokeAllSessions(em: EntityManager, accountId: string): Promise<void> {
    await em.query('UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
  }

  /** The signed-in account of a request, or null when it carries no valid, unexpired, unrevoked session. */
  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const cookie = bearer ? undefined : cookieValue(request.headers.cookie, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token) return null;
    const [row] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, a.id, a.name, a.email, a.role, a.duo_id, a.side
       FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL`,
      [hashToken(token)],
    );
    if (!row) return null;
    const via = bearer ? 'bearer' : 'cookie';
    if (via === 'cookie' && !SAFE_METHODS.has(request.method) && !csrfMatches(request, row.csrf_token)) {
      throw new DomainException(
        'CSRF_TOKEN_INVALID',
        'This form is out of date or did not come from Trajectkompas: reload the page and try again.',
      );
    }
    return {
      accountId: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      duoId: row.duo_id,
      side: row.side,
      sessionId: row.session_id,
      via,
      csrfToken: row.csrf_token,
    };
  }

  private async attemptSignIn(em: EntityManager, email: string, password: string, address: string): Promise<SignInOutcome> {
    // Attempts on one account take turns, so parallel guesses cannot slip past the count.
    await em.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [email]);
    const retryAfterSeconds = await this.throttled(em, email, address);
    if (retryAfterSeconds > 0) return { kind: 'throttled', retryAfterSeconds };

    const [account] = await em.query(
      'SELECT id, password_hash FROM accounts WHERE lower(email) = lower($1) AND disabled_at IS NULL',
      [email],
    );
    const valid = account?.password_hash
      ? await verifyPassword(password, account.password_hash)
      : await verifyNothing(password);
    if (!valid) {
      await em.query('INSERT INTO sign_in_failures (email, address) VALUES ($1, $2)', [email, address]);
      return { kind: 'failed' };
    }
    await em.query('DELETE FROM sign_in_failures WHERE lower(email) = lower($1)', [email]);
    return { kind: 'signedIn', session: await this.createSession(em, account.id) };
  }

  /** Seconds until the oldest failure that blocks this attempt leaves the window; 0 when not blocked. */
  private async throttled(em: EntityManager, email: string, address: string): Promise<number> {
    const window = `${this.config.SIGN_IN_THROTTLE_MINUTES} minutes`;
    const [counts] = await em.query(
      `SELECT
         (SELECT count(*)::int FROM sign_in_failures WHERE lower(email) = lower($1) AND failed_at > now() - $3::interval) AS by_account,
         (SELECT count(*)::int FROM sign_in_failures WHERE address = $2 AND failed_at > now() - $3::interval) AS by_address,
         (SELECT ceil(extract(epoch FROM min(failed_at) + $3::interval - now()))::int FROM sign_in_failures
            WHERE (lower(email) = lower($1) OR address = $2) AND failed_at > now() - $3::interval) AS retry_after`,
      [email, address, window],
    );
    const blocked =
      counts.by_account >= this.config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT ||
      counts.by_address >= this.config.SIGN_IN_MAX_FAILURES_PER_ADDRESS;
    return blocked ? Math.max(1, counts.retry_after) : 0;
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

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const header = request.headers['x-csrf-token'];
  const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  const sent = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
  const [given, wanted] = [Buffer.from(sent), Buffer.from(expected)];
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
