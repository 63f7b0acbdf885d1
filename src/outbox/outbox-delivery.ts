import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { mailConfig } from '../config/environment.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';

const BATCH = 20;

/** Seconds before the next attempt after `attempts` failures: 30 s, doubling, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers what is due in the outbox. A round takes due messages with FOR UPDATE SKIP LOCKED,
 * so two app processes never send the same message, and keeps them locked while sending: a
 * crash before the commit leaves them unsent, to be sent again with the same Message-ID.
 * A failed delivery stays in the outbox and is retried later; nothing is dropped.
 */
@Injectable()
export class OutboxDelivery implements OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly transport: MailTransport;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {
    this.transport = createMailTransport(config.SMTP_URL);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  /** Delivers due messages in batches, each batch in a transaction of its own, until none is left. */
  async deliverDue(): Promise<{ sent: number; failed: number }> {
    const total = { sent: 0, failed: 0 };
    for (;;) {
      const batch = await this.deliverBatch();
      total.sent += batch.sent;
      total.failed += batch.failed;
      if (batch.sent + batch.failed < BATCH) return total;
    }
  }

  private deliverBatch(): Promise<{ sent: number; failed: number }> {
    return this.dataSource.transaction(async (em) => {
      const due = await em.query(
        `SELECT id, recipient_name, recipient_email, subject, body, calendar, attempts FROM outbox
         WHERE sent_at IS NULL AND next_attempt_at <= now() AND deliver_after <= now()
         ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      let sent = 0;
      for (const message of due) {
        try {
          await this.transport.send({
            messageId: `<${message.id}@trajectkompas>`,
            from: this.config.MAIL_FROM,
            to: { name: message.recipient_name, address: message.recipient_email },
            subject: message.subject,
            text: message.body,
            calendar: message.calendar ?? undefined,
          });
          await em.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [message.id]);
          sent += 1;
        } catch (error) {
          const attempts = message.attempts + 1;
          const reason = String(error instanceof Error ? error.message : error).slice(0, 1000);
          await em.query('UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1', [
            message.id,
            attempts,
            reason,
            retryDelaySeconds(attempts),
          ]);
          this.logger.warn(`delivery to ${message.recipient_email} failed (attempt ${attempts}): ${reason}; next try in ${retryDelaySeconds(attempts)} s`);
        }
      }
      return { sent, failed: due.length - sent };
    });
  }
}
