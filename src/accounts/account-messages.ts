import type { OutgoingMessage } from '../outbox/outbox.service.js';
import { TIME_ZONE } from '../shared/dates.js';

interface Person {
  name: string;
  email: string;
}

const ROLE_WORDS: Record<string, string> = {
  admin: 'als beheerder',
  adviser: 'als adviseur',
  participant: 'als deelnemer namens uw duo',
};

const moment = (at: Date) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }).format(at);

/** The invitation, with its single-use link; a new invitation to the same person replaces the link of the one before. */
export function invitationMessage(person: Person & { role: string }, url: string, expiresAt: Date): OutgoingMessage {
  return {
    kind: 'invitation',
    recipientName: person.name,
    recipientEmail: person.email,
    subject: 'Uitnodiging voor Trajectkompas',
    body: [
      `Beste ${person.name},`,
      `U bent uitgenodigd om Trajectkompas te gebruiken, ${ROLE_WORDS[person.role] ?? ''}. Kies met deze link een wachtwoord:`,
      url,
      `De link werkt één keer, tot ${moment(expiresAt)}. Kreeg u eerder een uitnodiging? Dan werkt alleen deze nieuwste link.`,
      'Verwachtte u deze e-mail niet? Dan kunt u hem negeren.',
    ].join('\n\n'),
  };
}

/** The "wachtwoord vergeten" link. */
export function passwordResetMessage(person: Person, url: string, expiresAt: Date): OutgoingMessage {
  return {
    kind: 'password_reset',
    recipientName: person.name,
    recipientEmail: person.email,
    subject: 'Nieuw wachtwoord voor Trajectkompas',
    body: [
      `Beste ${person.name},`,
      'Iemand heeft gevraagd om een nieuw wachtwoord voor uw account bij Trajectkompas. Kies met deze link een nieuw wachtwoord:',
      url,
      `De link werkt één keer, tot ${moment(expiresAt)}. Daarna bent u op elk apparaat uitgelogd en logt u in met het nieuwe wachtwoord.`,
      'Heeft u hier niet om gevraagd? Dan kunt u deze e-mail negeren: uw wachtwoord blijft hetzelfde.',
    ].join('\n\n'),
  };
}
