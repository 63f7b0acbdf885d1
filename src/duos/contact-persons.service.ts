import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import type { Actor, Principal } from '../shared/roles.js';
import type { Side } from '../shared/sides.js';
import { DuoRepository } from './duo.repository.js';
import { sidesKeepingContact } from './enrolled-unit.js';
import type { ContactPerson, Duo } from './duo.entity.js';
import { ContactPersonAddedView, ContactPersonView } from './duo.view.js';
import { DuosService } from './duos.service.js';
import { TrajectoryWriter } from './trajectory-writer.js';
import type { ContactPersonDetailsDto } from './dto/contact-person.dto.js';
import type { ContactPersonDto } from './dto/register-duo.dto.js';

/** What the answer says of the invitation mailed to a contact person added to a duo: not its link, which only the mail carries. */
export interface ContactPersonInvitation {
  expiresAt: string;
}

/**
 * Invites a contact person just added to a duo, in that change's transaction (the accounts module
 * registers it: it sits above this one). Null when the address has an account already.
 */
export type InviteAddedContactPerson = (em: EntityManager, duoId: string, person: ContactPerson, actor: Actor) => Promise<ContactPersonInvitation | null>;

/** A contact person as a registration or an adviser gives them: a new entry, at its first version. */
export function newContactPerson({ side, name, email, phone }: ContactPersonDto): ContactPerson {
  return { id: randomUUID(), version: 1, side, name, email, ...(phone ? { phone } : {}) };
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The contact persons of a duo, one by one: an adviser of its cohort or an admin adds, edits and
 * removes them; a participant edits their own name and phone number (the entry with the address
 * they sign in with). Each side keeps at least one person. Every change locks the duo row (so two
 * removals cannot leave a side empty between them), checks the person's version against If-Match,
 * and is audited in its transaction. An added person is invited by e-mail through the outbox.
 */
@Injectable()
export class ContactPersonsService {
  constructor(
    private readonly writer: TrajectoryWriter,
    private readonly repository: DuoRepository,
    private readonly duos: DuosService,
    private readonly audit: AuditService,
  ) {}

  private inviteAdded: InviteAddedContactPerson = async () => null;

  whenAdded(invite: InviteAddedContactPerson): void {
    this.inviteAdded = invite;
  }

  async list(duoId: string): Promise<ContactPersonView[]> {
    return (await this.duos.contactPersons(duoId)).map(ContactPersonView.of);
  }

  add(duoId: string, dto: ContactPersonDto, headers: ChangeHeaders): Promise<ContactPersonAddedView> {
    return this.writer.changeAnswering(duoId, 'contact-persons', unversioned(headers), dto, async (em, duo) => {
      refuseListedAddress(duo, dto.email);
      const person = newContactPerson(dto);
      await this.repository.setContactPersons(em, duoId, [...duo.contactPersons, person]);
      await this.record(em, headers.actor, 'duo.contact_person_added', duo, { personId: person.id, side: person.side, name: person.name, email: person.email });
      const invitation = await this.inviteAdded(em, duoId, person, headers.actor);
      return { contactPerson: ContactPersonView.of(person), invitation };
    });
  }

  edit(duoId: string, personId: string, dto: ContactPersonDetailsDto, principal: Principal, headers: ChangeHeaders): Promise<ContactPersonView> {
    return this.writer.changeAnswering(duoId, `contact-persons/${personId}`, unversioned(headers), dto, async (em, duo) => {
      const before = personOf(duo, personId, headers);
      if (principal.role === 'participant') refuseOthersDetails(before, dto, principal);
      if (!sameAddress(before.email, dto.email)) refuseListedAddress(duo, dto.email);
      const after: ContactPerson = { id: before.id, version: before.version + 1, side: before.side, name: dto.name, email: dto.email, ...(dto.phone ? { phone: dto.phone } : {}) };
      await this.repository.setContactPersons(em, duoId, duo.contactPersons.map((person) => (person.id === personId ? after : person)));
      await this.record(em, headers.actor, 'duo.contact_person_changed', duo, {
        personId,
        side: before.side,
        before: { name: before.name, email: before.email, phone: before.phone ?? null },
        after: { name: after.name, email: after.email, phone: after.phone ?? null },
      });
      return ContactPersonView.of(after);
    });
  }

  remove(duoId: string, personId: string, headers: ChangeHeaders): Promise<ContactPersonView[]> {
    return this.writer.changeAnswering(duoId, `contact-persons/${personId}`, unversioned(headers), { remove: personId }, async (em, duo) => {
      const person = personOf(duo, personId, headers);
      const kept = sidesKeepingContact(await this.duos.programmeOf(em, duo)).includes(person.side);
      if (kept && !duo.contactPersons.some((other) => other.side === person.side && other.id !== personId)) throw lastOfSide(person);
      const remaining = duo.contactPersons.filter((other) => other.id !== personId);
      await this.repository.setContactPersons(em, duoId, remaining);
      await this.record(em, headers.actor, 'duo.contact_person_removed', duo, { personId, side: person.side, name: person.name, email: person.email });
      return remaining.map(ContactPersonView.of);
    });
  }

  private record(em: EntityManager, actor: Actor, action: 'duo.contact_person_added' | 'duo.contact_person_changed' | 'duo.contact_person_removed', duo: Duo, details: Record<string, unknown>) {
    return this.audit.record(em, actor, { action, subjectType: 'duo', subjectId: duo.id, details });
  }
}

/** If-Match names the contact person's version on these routes, not the duo's: the writer must not compare it with the duo. */
function unversioned(headers: ChangeHeaders): ChangeHeaders {
  return { ...headers, expectedVersion: undefined };
}

function personOf(duo: Duo, personId: string, headers: ChangeHeaders): ContactPerson {
  const person = duo.contactPersons.find((candidate) => candidate.id === personId);
  if (!person) {
    throw new DomainException('CONTACT_PERSON_NOT_FOUND', `The duo has no contact person with id ${personId}. Read the duo's contact persons again (GET /api/duos/${duo.id}/contact-persons).`);
  }
  if (headers.expectedVersion !== undefined && headers.expectedVersion !== person.version) {
    throw new DomainException(
      'VERSION_CONFLICT',
      `${person.name} has changed since version ${headers.expectedVersion}; the contact person is at version ${person.version} now. Read it again and decide anew.`,
      { params: { expectedVersion: headers.expectedVersion, currentVersion: person.version } },
    );
  }
  return person;
}

function refuseListedAddress(duo: Duo, email: string): void {
  const listed = duo.contactPersons.find((person) => sameAddress(person.email, email));
  if (listed) {
    throw new DomainException('CONTACT_PERSON_ALREADY_LISTED', `${email} is already a contact person of this duo (${listed.name}). Edit that person instead.`, {
      params: { email, name: listed.name },
      errors: [{ field: 'email', message: `is already the address of ${listed.name}, a contact person of this duo` }],
    });
  }
}

/** A participant edits their own entry (the one with the address they sign in with), and not its address: the duo's mail goes there. */
function refuseOthersDetails(person: ContactPerson, dto: ContactPersonDetailsDto, principal: Principal): void {
  if (!sameAddress(person.email, principal.email)) {
    throw new DomainException('FORBIDDEN', 'You can change your own details only; ask the adviser of your duo to change those of another contact person.');
  }
  if (!sameAddress(person.email, dto.email)) {
    throw new DomainException('FORBIDDEN', 'You cannot change your own e-mail address: you sign in with it. Ask the adviser of your duo to change it.', [
      { field: 'email', message: 'cannot be changed by yourself; ask the adviser of your duo' },
    ]);
  }
}

function lastOfSide(person: ContactPerson): DomainException {
  return new DomainException(
    'LAST_CONTACT_PERSON',
    `${person.name} is the only contact person of the ${person.side} side, which keeps at least one. Add another contact person of that side first, then remove this one.`,
    { params: { side: person.side as Side, name: person.name } },
  );
}
