/**
 * What an erased person's name, e-mail address and phone number become wherever they were
 * stored. The address keeps the account's id (or, for a contact person without an account, a
 * key of the erasure) so that it stays unique, and uses the reserved `.invalid` domain
 * (RFC 2606) so that no mail can reach anyone; the outbox refuses such addresses outright.
 * Here in shared (it imports nothing) so that the outbox can ask it without depending on the privacy module.
 */
export const ERASED_NAME = 'verwijderde persoon';
export const ERASED_PHONE = 'verwijderd';
const ERASED_EMAIL_DOMAIN = 'verwijderd.invalid';

export function erasedEmail(key: string): string {
  return `verwijderd-${key}@${ERASED_EMAIL_DOMAIN}`;
}

export function isErasedEmail(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${ERASED_EMAIL_DOMAIN}`);
}
