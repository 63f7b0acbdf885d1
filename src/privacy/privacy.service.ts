import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../shared/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ErasePersonDto, PersonQueryDto } from './dto/person.dto.js';
import { ERASED_NAME, erasedEmail, isErasedEmail } from '../shared/erased-person.js';
import { PersonalDataRepository, type AccountRecord, type ContactPersonRecord } from './personal-data.repository.js';
import { ContactPersonEntryView, ErasureView, PersonAccountView, PersonExportView, PersonView } from './person.view.js';
import { replacementsFor, type ReplacementSet } from './replacements.js';

interface Person {
  /** The address the person is known by (their account's, or the one asked for). */
  email: string;
  account: AccountRecord | undefined;
  contactPersons: ContactPersonRecord[];
}

/**
 * The AVG (GDPR) rights of the people in the app: an admin finds a person across roles, exports
 * everything stored about them, and erases them. Erasing pseudonymises: the rows stay, so counts,
 * reports and event logs stay whole, but the name becomes "verwijderde persoon" and the address a
 * pseudonym, the same replacement in every table, event payload and stored document.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async find(query: PersonQueryDto): Promise<PersonView> {
    return viewOf(await this.person(this.dataSource.manager, query));
  }

  /** One consistent picture: every query of the export reads the same snapshot of the database. */
  export(query: PersonQueryDto): Promise<PersonExportView> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const person = await this.person(em, query);
      // Only the patterns are used here, to find what mentions the person; nothing is replaced.
      const records = await this.personalData.exportOf(em, person.account?.id ?? null, person.email, replacementsOf(person, person.email));
      return { exportedAt: new Date().toISOString(), ...viewOf(person), records };
    });
  }

  /**
   * One transaction. Erasing an erased account again changes nothing and says so. Nobody erases
   * themselves, and the last admin who can sign in is never erased, so that someone can still
   * manage the app.
   */
  erase(dto: ErasePersonDto, principal: Principal): Promise<ErasureView> {
    return this.dataSource.transaction(async (em) => {
      await this.personalData.lockAccounts(em);
      const person = await this.person(em, dto);
      const { account, contactPersons } = person;
      const duoIds = contactPersons.map((entry) => entry.duo_id);
      if (account && isErasedEmail(account.email)) {
        return { erased: false, accountId: account.id, pseudonymousEmail: account.email, contactPersonOf: duoIds };
      }
      // The lock inviting takes on an address: no invitation slips in between. Signing in needs no lock: a disabled account is refused.
      await em.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [person.email]);
      if (account) await this.refuseProtectedAccount(em, account, principal);

      const pseudonymousEmail = erasedEmail(account?.id ?? randomUUID());
      await this.personalData.dropMailAndSignInFailures(em, person.email);
      if (account) {
        await this.personalData.eraseAccount(em, account.id, pseudonymousEmail);
        await this.auth.revokeAllSessions(em, account.id);
      }
      await this.audit.record(em, actorOf(principal), {
        action: 'person.erased',
        subjectType: account ? 'account' : 'duo',
        subjectId: account?.id ?? duoIds[0],
        details: { role: account?.role ?? null, contactPersonOf: duoIds, reason: dto.reason.trim() },
      });
      // Last, so that the reason just recorded loses any name or address it mentions too.
      await this.personalData.rewriteMentions(em, replacementsOf(person, pseudonymousEmail));
      return { erased: true, accountId: account?.id ?? null, pseudonymousEmail, contactPersonOf: duoIds };
    });
  }

  private async refuseProtectedAccount(em: EntityManager, account: AccountRecord, principal: Principal): Promise<void> {
    if (account.id === principal.accountId) {
      throw new DomainException('CANNOT_ERASE_SELF', 'You cannot erase yourself; ask another admin to do it.');
    }
    if (account.role === 'admin' && !account.disabled_at && !(await this.personalData.anotherActiveAdmin(em, account.id))) {
      throw new DomainException('LAST_ADMIN', 'This is the last admin who can sign in. Invite another admin first, then erase this one.');
    }
  }

  private async person(em: EntityManager, query: PersonQueryDto): Promise<Person> {
    if (Boolean(query.email) === Boolean(query.accountId)) {
      const message = 'Give either email or accountId (one of them), to say whom you mean.';
      throw new DomainException('VALIDATION_FAILED', message, [{ field: query.email ? 'accountId' : 'email', message }]);
    }
    const account = await this.personalData.account(em, query);
    if (query.accountId && !account) throw new DomainException('ACCOUNT_NOT_FOUND', `There is no account with id ${query.accountId}.`);
    const email = account?.email ?? query.email!.trim();
    const contactPersons = await this.personalData.contactPersons(em, email);
    if (!account && !contactPersons.length) {
      throw new DomainException(
        'PERSON_NOT_FOUND',
        `Nothing is stored about ${email}: no account and no duo's contact person has this address. An erased person is found by their account id only.`,
      );
    }
    return { email, account, contactPersons };
  }
}

function viewOf({ account, contactPersons }: Person): PersonView {
  return {
    account: account ? PersonAccountView.of(account, isErasedEmail(account.email)) : null,
    contactPersonOf: contactPersons.map(ContactPersonEntryView.of),
  };
}

/**
 * Everything the person is called and reached by: the account's name, and the name each duo lists
 * them under. An erased person is found by their pseudonymous address only: "verwijderde persoon"
 * stands for everyone erased.
 */
function replacementsOf({ email, account, contactPersons }: Person, pseudonymousEmail: string): ReplacementSet {
  const names = [...(account ? [account.name] : []), ...contactPersons.map((entry) => entry.person.name)].filter((name) => name !== ERASED_NAME);
  return replacementsFor({ names, emails: [email] }, pseudonymousEmail);
}
