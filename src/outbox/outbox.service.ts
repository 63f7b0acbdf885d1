import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isErasedEmail } from '../shared/erased-person.js';

export type MessageKind =
  | 'registration_received'
  | 'admitted'
  | 'waiting_list'
  | 'session_moved'
  | 'workshop_reminder'
  | 'invitation'
  | 'password_reset'
  | 'meeting_confirmation'
  | 'meeting_waiting_list'
  | 'meeting_moved_up'
  | 'meeting_cancelled'
  | 'meeting_reminder'
  | 'meeting_called_off'
  | 'meeting_moved';

/** Messages that carry a single-use link: their text is blanked as soon as it is delivered, so the link is kept nowhere. */
export const SINGLE_USE_LINK_KINDS: readonly MessageKind[] = ['invitation', 'password_reset', 'meeting_confirmation', 'meeting_waiting_list'];

export interface OutgoingMessage {
  kind: MessageKind;
  recipientName: string;
  recipientEmail: string;
  subject: string;
  body: string;
  /** An iCalendar file (text/calendar) to attach. */
  calendar?: string;
  /** A message with a key already in the outbox is not added again. */
  dedupeKey?: string;
}

/**
 * Messages are written to the outbox in the transaction of the change they announce, so a
 * message exists exactly when its change does; the worker delivers them afterwards.
 */
@Injectable()
export class OutboxService {
  async enqueue(em: EntityManager, messages: OutgoingMessage[]): Promise<number> {
    let added = 0;
    // An erased person's pseudonymous address reaches nobody, and they are not to be written to.
    for (const message of messages.filter(({ recipientEmail }) => !isErasedEmail(recipientEmail))) {
      const inserted = await em.query(
        `INSERT INTO outbox (kind, recipient_name, recipient_email, subject, body, calendar, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [message.kind, message.recipientName, message.recipientEmail, message.subject, message.body, message.calendar ?? null, message.dedupeKey ?? null],
      );
      added += inserted.length;
    }
    return added;
  }

  /**
   * Takes messages not sent yet out of the outbox again (the reminders of a registration just
   * cancelled, or of a meeting called off), by the prefixes of their keys, in the change's transaction.
   */
  async withdraw(em: EntityManager, dedupeKeyPrefixes: readonly string[]): Promise<void> {
    if (!dedupeKeyPrefixes.length) return;
    await em.query("DELETE FROM outbox WHERE sent_at IS NULL AND dedupe_key LIKE ANY (SELECT prefix || '%' FROM unnest($1::text[]) AS prefix)", [dedupeKeyPrefixes]);
  }
}
