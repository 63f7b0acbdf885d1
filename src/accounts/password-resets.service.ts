import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newSecretToken } from '../auth/tokens.js';
import { authConfig } from '../config/environment.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { DomainException } from '../problems/error-code.js';
import { PrunesOldRows, type OldRowsPruner } from '../shared/retention.js';
import { passwordResetMessage } from './account-messages.js';

/**
 * "Wachtwoord vergeten". Asking for a link answers the same whether or not an account belongs
 * to the address, and takes the same work: a token is made either way, and one statement looks
 * the active account up and stores the hash of the token for it (no row for an unknown
 * address); only the message to a real account is one row more in the same transaction.
 * Requests are counted per address asked for and per client address; past either limit a
 * request is answered the same and sends nothing. The link works once, for
 * PASSWORD_RESET_TTL_HOURS, and a newer one voids it; using it ends every session of the account
 * and lifts its sign-in lockout (the failures counted against its address).
 */
@Injectable()
@PrunesOldRows()
export class PasswordResetsService implements OldRowsPruner {
  private readonly logger = new Logger('PasswordResets');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async request(email: string, address: string): Promise<void> {
    const { token, hash } = newSecretToken();
    await this.dataSource.transaction(async (em) => {
      if (!(await this.countRequest(em, email, address))) return;
      const [account]: { name: string; email: string; expires_at: Date }[] = await em.query(
        `WITH account AS (
           SELECT id, name, email FROM accounts
           WHERE lower(email) = lower($1) AND password_hash IS NOT NULL AND disabled_at IS NULL),
         voided AS (
           UPDATE password_resets SET expires_at = now()
           WHERE account_id IN (SELECT id FROM account) AND used_at IS NULL AND expires_at > now()),
         issued AS (
           INSERT INTO password_resets (account_id, token_hash, expires_at)
           SELECT id, $2, now() + $3::interval FROM account RETURNING expires_at)
         SELECT account.name, account.email, issued.expires_at FROM account, issued`,
        [email, hash, `${this.config.PASSWORD_RESET_TTL_HOURS} hours`],
      );
      if (!account) return;
      const url = `${this.config.PUBLIC_URL}/wachtwoord-herstellen?token=${token}`;
      await this.outbox.enqueue(em, [passwordResetMessage(account, url, account.expires_at)]);
    });
  }

  async confirm(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password, this.config.PASSWORD_HASH_COST);
    await this.dataSource.transaction(async (em) => {
      const [reset] = await em.query(
        `SELECT r.id, r.account_id, r.used_at, r.expires_at <= now() AS expired, a.name, a.email,
                a.disabled_at IS NOT NULL OR a.password_hash IS NULL AS inactive
         FROM password_resets r JOIN accounts a ON a.id = r.account_id WHERE r.token_hash = $1 FOR UPDATE OF r, a`,
        [hashToken(token)],
      );
      if (!reset) {
        throw new DomainException('PASSWORD_RESET_NOT_FOUND', 'There is no password reset with this link. Check that the whole link was copied, or ask for a new one.');
      }
      if (reset.used_at) {
        throw new DomainException('PASSWORD_RESET_USED', 'This link was used already. Sign in with your password, or ask for a new link.');
      }
      if (reset.expired || reset.inactive) {
        throw new DomainException('PASSWORD_RESET_EXPIRED', 'This link has expired. Ask for a new one with POST /api/auth/password-reset.');
      }
      await em.query('UPDATE password_resets SET used_at = now() WHERE id = $1', [reset.id]);
      await em.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [reset.account_id, passwordHash]);
      await this.auth.revokeAllSessions(em, reset.account_id);
      await this.auth.forgetSignInFailures(em, reset.email);
      await this.audit.record(em, { id: reset.account_id, name: reset.name }, {
        action: 'account.password_reset',
        subjectType: 'account',
        subjectId: reset.account_id,
      });
      this.logger.log({ accountId: reset.account_id }, 'Password reset');
    });
  }

  async pruneOldRows(): Promise<Record<string, number>> {
    // A day after expiry, so that a link used or replaced a moment ago is still told apart from one that never was.
    const [, passwordResets] = await this.dataSource.query("DELETE FROM password_resets WHERE expires_at < now() - interval '1 day'");
    const [, passwordResetRequests] = await this.dataSource.query('DELETE FROM password_reset_requests WHERE requested_at < now() - $1::interval', [
      `${this.config.PASSWORD_RESET_THROTTLE_MINUTES} minutes`,
    ]);
    return { passwordResets, passwordResetRequests };
  }

  /**
   * Counts the request unless the address asked for or the client address has used up its
   * requests in the window; answers whether it was counted. Requests for the same address, then
   * from the same client address, take turns (the sign-in throttle's lock order).
   */
  private async countRequest(em: EntityManager, email: string, address: string): Promise<boolean> {
    for (const subject of [`account ${email.toLowerCase()}`, `address ${address}`]) {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('password-reset'), hashtext($1))", [subject]);
    }
    const [counts] = await em.query(
      `SELECT count(*) FILTER (WHERE lower(email) = lower($1))::int AS by_account, count(*) FILTER (WHERE address = $2)::int AS by_address
       FROM password_reset_requests WHERE requested_at > now() - $3::interval AND (lower(email) = lower($1) OR address = $2)`,
      [email, address, `${this.config.PASSWORD_RESET_THROTTLE_MINUTES} minutes`],
    );
    if (counts.by_account >= this.config.PASSWORD_RESET_MAX_PER_ACCOUNT || counts.by_address >= this.config.PASSWORD_RESET_MAX_PER_ADDRESS) {
      this.logger.warn('Password reset requests throttled');
      return false;
    }
    await em.query('INSERT INTO password_reset_requests (email, address) VALUES ($1, $2)', [email, address]);
    return true;
  }
}
