import type { ProgrammeDefinition } from '../programmes/programme.js';
import { DomainException } from '../problems/error-code.js';
import type { Side } from '../shared/sides.js';

/**
 * What a registration must say of the unit its programme enrols (ProgrammeDefinition.unit): a
 * duo names its provider and a contact person of each side; one municipality names a contact
 * person of its own, and the providers taking part only if it wants to. The request's shape is
 * checked by the DTOs; these rules need the edition's programme, so the registration checks them
 * in its transaction, with the same 400 and field errors as a DTO. An address given for two
 * contact persons is refused (422 CONTACT_ADDRESS_REPEATED): each gets the unit's mail and an
 * account by it.
 */
export interface UnitRegistration {
  provider: string;
  contactPersons: readonly { side: Side; email?: string }[];
  /** Only on the public form: whether the provider's contact person was given, and the obligation accepted. */
  publicForm?: { providerContact: boolean; acceptsAttendanceObligation: boolean };
}

/** The sides that must keep a contact person: both of a duo; of one municipality, its own (a provider's contact is optional there). */
export function sidesKeepingContact(programme: ProgrammeDefinition): readonly Side[] {
  return programme.unit === 'duo' ? ['municipality', 'provider'] : ['municipality'];
}

export function ensureUnitRegistered(programme: ProgrammeDefinition, registration: UnitRegistration): void {
  const errors: { field: string; message: string }[] = [];
  const { publicForm } = registration;
  if (programme.unit === 'duo') {
    if (!registration.provider.trim()) errors.push({ field: 'provider', message: `provider must name the provider: ${programme.name} enrols a municipality and its provider as a duo` });
    if (publicForm && !publicForm.providerContact) errors.push({ field: 'providerContact', message: 'providerContact is required' });
    else if (!registration.contactPersons.some((person) => person.side === 'provider')) {
      errors.push({ field: 'contactPersons', message: 'contactPersons must name at least one person of the municipality and one of the provider' });
    }
  }
  const mandatory = programme.sessions.some((session) => session.mandatory);
  if (publicForm && mandatory && !publicForm.acceptsAttendanceObligation) {
    errors.push({ field: 'acceptsAttendanceObligation', message: 'acceptsAttendanceObligation must be true: registering means attending the mandatory sessions' });
  }
  if (errors.length) {
    throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${errors.map((error) => error.message).join('; ')}.`, errors);
  }
  const repeated = repeatedAddress(registration.contactPersons);
  if (repeated !== undefined) {
    const field = contactField(repeated, publicForm);
    const email = registration.contactPersons[repeated].email as string;
    const message = `${email} is the address of another contact person of this registration: give each contact person an address of their own`;
    throw new DomainException('CONTACT_ADDRESS_REPEATED', `${field}: ${message}.`, { params: { email, field }, errors: [{ field, message }] });
  }
}

/** Where a contact person's address appears a second time in a registration (any case), if it does. */
function repeatedAddress(persons: UnitRegistration['contactPersons']): number | undefined {
  const seen = new Set<string>();
  for (const [index, person] of persons.entries()) {
    const address = person.email?.trim().toLowerCase();
    if (!address) continue;
    if (seen.has(address)) return index;
    seen.add(address);
  }
  return undefined;
}

/** The field of a registration's n-th contact person's address: in the list an adviser sends, or on the public form (the municipality's, the provider's, then the others). */
function contactField(index: number, publicForm: UnitRegistration['publicForm']): string {
  if (!publicForm) return `contactPersons.${index}.email`;
  const named = publicForm.providerContact ? ['municipalityContact', 'providerContact'] : ['municipalityContact'];
  return index < named.length ? `${named[index]}.email` : `otherContactPersons.${index - named.length}.email`;
}
