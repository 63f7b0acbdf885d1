import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newSecretToken } from '../auth/tokens.js';
import { authConfig } from '../config/environment.js';
import { preparedQuery } from '../database/prepared.js';
import { ContactPersonsService } from '../duos/contact-persons.service.js';
import type { ContactPerson } from '../duos/duo.entity.js';
import { DuosService } from '../duos/duos.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { DomainException } from '../problems/error-code.js';
import { invitationMessage } from './account-messages.js';
import { ACCOUNT_COLUMNS, AccountView, type AccountRow, type InvitationView, type InvitedAccountView } from './account.view.js';
import type { InviteStaffDto } from './dto/accounts.dto.js';
import { actorOf, type Actor, type Principal, type Role, type StaffRole } from '../shared/roles.js';

const COMMAND_LINE: Actor = { id: null, name: 'command line' };
/** The accounts with these addresses (lower case). */
const ACCOUNTS_BY_EMAIL = `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE lower(email) = ANY($1)`;

interface NewAccount {
  name: string;
  email: string;
  role: Role;
  duoId?: string;
  side?: string;
}

/**
 * Accounts come into being by invitation: an admin invites advisers and admins, an adviser
 * invites a duo's contact persons. The invitation is a single-use link that expires; with it
 * the person chooses a password. The link goes by e-mail, through the outbox in the invitation's
 * transaction, and the inviter sees it once too. Inviting a person again (link lost, expired)
 * replaces the earlier link and mails the new one. Every change is audited in its own transaction.
 */
@Injectable()
export class AccountsService implements OnModuleInit {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly duos: DuosService,
    private readonly outbox: OutboxService,
    private readonly contactPersons: ContactPersonsService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** A contact person added to a duo is invited at once, in that change's transaction. */
  onModuleInit(): void {
    this.contactPersons.whenAdded((em, duoId, person, actor) => this.inviteAddedContactPerson(em, duoId, person, actor));
  }

  inviteStaff(dto: InviteStaffDto, principal: Principal): Promise<InvitedAccountView> {
    return this.dataSource.transaction((em) => this.invite(em, { ...dto, email: dto.email.trim() }, actorOf(principal)));
  }

  inviteContactPerson(duoId: string, email: string, principal: Principal): Promise<InvitedAccountView> {
    return this.dataSource.transaction(async (em) => {
      const person = await this.duos.contactPerson(em, duoId, email);
      if (!person) {
        throw new DomainException(
          'NOT_A_CONTACT_PERSON',
          `${email} is not a contact person of this duo. Invite one of the duo's contact persons, or add the person to the duo first.`,
        );
      }
      return this.invite(em, { name: person.name, email: person.email, role: 'participant', duoId, side: person.side }, actorOf(principal));
    });
  }

  /** Invites a contact person just added to a duo; an address with an account already (theirs, perhaps for another duo) is not invited again. */
  private async inviteAddedContactPerson(em: EntityManager, duoId: string, person: ContactPerson, actor: Actor): Promise<{ expiresAt: string } | null> {
    const [existing] = await em.query('SELECT 1 FROM accounts WHERE lower(email) = lower($1)', [person.email]);
    if (existing) return null;
    const invited = await this.invite(em, { name: person.name, email: person.email, role: 'participant', duoId, side: person.side }, actor);
    return { expiresAt: invited.invitation.expiresAt };
  }

  /** The first admin, from the command line (npm run create-admin); refused once an admin exists. */
  createFirstAdmin(name: string, email: string): Promise<InvitedAccountView> {
    return this.dataSource.transaction(async (em) => {
      await em.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
      const [admin] = await em.query("SELECT email FROM accounts WHERE role = 'admin' AND disabled_at IS NULL LIMIT 1");
      if (admin) {
        throw new DomainException(
          'ACCOUNT_ALREADY_EXISTS',
          `There is an admin already (${admin.email}): sign in as them and invite people through the API.`,
        );
      }
      return this.invite(em, { name, email, role: 'admin' }, COMMAND_LINE);
    });
  }

  acceptInvitation(token: string, password: string): Promise<AccountView> {
    return this.dataSource.transaction(async (em) => {
      const [invitation] = await em.query(
        `SELECT i.id, i.account_id, i.used_at, i.expires_at <= now() AS expired, a.disabled_at
         FROM invitations i JOIN accounts a ON a.id = i.account_id WHERE i.token_hash = $1 FOR UPDATE OF i`,
        [hashToken(token)],
      );
      if (!invitation) throw new DomainException('INVITATION_NOT_FOUND', 'There is no invitation with this link. Check that the whole link was copied.');
      if (invitation.used_at) throw new DomainException('INVITATION_USED', 'This invitation link was used already. Sign in with your password, or ask for a new invitation.');
      if (invitation.expired || invitation.disabled_at) {
        throw new DomainException('INVITATION_EXPIRED', 'This invitation link has expired. Ask whoever invited you for a new one.');
      }
      await em.query('UPDATE invitations SET used_at = now() WHERE id = $1', [invitation.id]);
      await em.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [invitation.account_id, await hashPassword(password, this.config.PASSWORD_HASH_COST)]);
      const account = await this.row(em, invitation.account_id);
      await this.audit.record(em, { id: account.id, name: account.name }, { action: 'account.activated', subjectType: 'account', subjectId: account.id });
      return AccountView.of(account);
    });
  }

  /** Invites the person of a pending account again (the pages' "Opnieuw versturen"): a new link, mailed, the old one void. */
  async resendInvitation(id: string, principal: Principal): Promise<InvitedAccountView> {
    const account = await this.get(id);
    if (account.duoId) return this.inviteContactPerson(account.duoId, account.email, principal);
    return this.inviteStaff({ name: account.name, email: account.email, role: account.role as StaffRole }, principal);
  }

  /** Per e-mail address (lower case), the status of its account, for the addresses that have one. */
  async statusesByEmail(emails: string[]): Promise<Record<string, AccountView['status']>> {
    const rows = await preparedQuery<AccountRow>(this.dataSource.manager, ACCOUNTS_BY_EMAIL, [
      emails.map((email) => email.toLowerCase()),
    ]);
    return Object.fromEntries(rows.map((row) => [row.email.toLowerCase(), AccountView.of(row).status]));
  }

  async list(): Promise<AccountView[]> {
    const rows: AccountRow[] = await this.dataSource.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY role, lower(name)`);
    return rows.map(AccountView.of);
  }

  async get(id: string): Promise<AccountView> {
    return AccountView.of(await this.row(this.dataSource.manager, id));
  }

  /** Disabling ends every session of the account at once; nobody can disable their own account. */
  setDisabled(id: string, disabled: boolean, principal: Principal): Promise<AccountView> {
    return this.dataSource.transaction(async (em) => {
      if (disabled && id === principal.accountId) {
        throw new DomainException('CANNOT_DISABLE_SELF', 'You cannot disable your own account; ask another admin.');
      }
      const before = await this.row(em, id, true);
      if (Boolean(before.disabled_at) === disabled) return AccountView.of(before);
      await em.query(`UPDATE accounts SET disabled_at = ${disabled ? 'now()' : 'NULL'} WHERE id = $1`, [id]);
      if (disabled) await this.auth.revokeAllSessions(em, id);
      await this.audit.record(em, actorOf(principal), {
        action: disabled ? 'account.disabled' : 'account.enabled',
        subjectType: 'account',
        subjectId: id,
      });
      return AccountView.of(await this.row(em, id));
    });
  }

  private async invite(em: EntityManager, person: NewAccount, actor: Actor): Promise<InvitedAccountView> {
    const accountId = await this.pendingAccount(em, person);
    const invitation = await this.issueInvitation(em, accountId, actor);
    await this.outbox.enqueue(em, [invitationMessage(person, invitation.url, new Date(invitation.expiresAt))]);
    await this.audit.record(em, actor, {
      action: 'account.invited',
      subjectType: 'account',
      subjectId: accountId,
      details: { role: person.role, ...(person.duoId ? { duoId: person.duoId, side: person.side } : {}) },
    });
    return { account: AccountView.of(await this.row(em, accountId)), invitation };
  }

  /** The account to invite: a new one, or the same person's account that has not been activated yet. */
  private async pendingAccount(em: EntityManager, person: NewAccount): Promise<string> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [person.email]);
    const [existing] = await em.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE lower(email) = lower($1)`, [person.email]);
    if (!existing) {
      const [created] = await em.query(
        'INSERT INTO accounts (name, email, role, duo_id, side) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [person.name, person.email, person.role, person.duoId ?? null, person.side ?? null],
      );
      return created.id;
    }
    const samePerson = existing.role === person.role && existing.duo_id === (person.duoId ?? null);
    if (existing.has_password || existing.disabled_at || !samePerson) {
      throw new DomainException(
        'ACCOUNT_ALREADY_EXISTS',
        `There is an account for ${person.email} already${existing.has_password ? ', in use' : ''}. One e-mail address, one account.`,
      );
    }
    return existing.id;
  }

  private async issueInvitation(em: EntityManager, accountId: string, actor: Actor): Promise<InvitationView> {
    await em.query('UPDATE invitations SET expires_at = now() WHERE account_id = $1 AND used_at IS NULL AND expires_at > now()', [accountId]);
    const { token, hash } = newSecretToken();
    const [invitation] = await em.query(
      `INSERT INTO invitations (account_id, token_hash, expires_at, invited_by)
       VALUES ($1, $2, now() + $3::interval, $4) RETURNING expires_at`,
      [accountId, hash, `${this.config.INVITATION_TTL_HOURS} hours`, actor.id],
    );
    this.logger.log({ accountId, invitedBy: actor.id }, 'Invitation issued');
    return {
      url: `${this.config.PUBLIC_URL}/uitnodiging?token=${token}`,
      token,
      expiresAt: (invitation.expires_at as Date).toISOString(),
    };
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<AccountRow> {
    const [row] = await em.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) throw new DomainException('ACCOUNT_NOT_FOUND', `There is no account with id ${id}.`);
    return row;
  }
}
