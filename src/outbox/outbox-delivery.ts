import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { mailConfig, retentionConfig } from '../config/environment.js';
import { PrunesOldRows, type OldRowsPruner } from '../shared/retention.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';
import { SINGLE_USE_LINK_KINDS } from './outbox.service.js';

const BATCH = 20;

/** Seconds before the next attempt after `attempts` failures: 30 s, doubling, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** How long a claimed message is left alone before another round may try it again (a crash while sending). */
const LEASE = '5 minutes';

/**
 * Delivers what is due in the outbox, at least once. A round claims due messages in a short
 * transaction (FOR UPDATE SKIP LOCKED, then a lease), so two app processes never take the same
 * message, and sends them outside any transaction, marking each one sent as soon as the SMTP
 * server has taken it. A crash while sending repeats at most the message in flight, with the
 * same Message-ID. A failed delivery stays in the outbox and is retried later; nothing is dropped.
 * DELIVERED_MESSAGE_RETENTION_DAYS after delivery a message's text and calendar are emptied; the
 * row stays, as the record of what was sent to whom and when, and so that its dedupe_key keeps a
 * reminder from going out twice.
 */
@Injectable()
@PrunesOldRows()
export class OutboxDelivery implements OnApplicationShutdown, OldRowsPruner {
  private readonly logger = new Logger('Outbox');
  private readonly transport: MailTransport;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
    @Inject(retentionConfig.KEY) private readonly retention: ConfigType<typeof retentionConfig>,
  ) {
    this.transport = createMailTransport(config.SMTP_URL);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  /** Delivers due messages, batch after batch, until none is left. */
  async deliverDue(): Promise<{ sent: number; failed: number }> {
    const total = { sent: 0, failed: 0 };
    for (;;) {
      const claimed = await this.claimBatch();
      for (const message of claimed) {
        if (await this.deliver(message)) total.sent += 1;
        else total.failed += 1;
      }
      if (claimed.length < BATCH) return total;
    }
  }

  async pruneOldRows(): Promise<Record<string, number>> {
    const [, deliveredMessageBodies] = await this.dataSource.query(
      `UPDATE outbox SET body = '', calendar = NULL
       WHERE sent_at < now() - $1::interval AND (body <> '' OR calendar IS NOT NULL)`,
      [`${this.retention.DELIVERED_MESSAGE_RETENTION_DAYS} days`],
    );
    return { deliveredMessageBodies };
  }

  private async claimBatch(): Promise<ClaimedMessage[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE outbox SET next_attempt_at = now() + interval '${LEASE}'
       WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now() AND deliver_after <= now()
                    ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient_name, recipient_email, subject, body, calendar, attempts`,
    );
    return rows;
  }

  private async deliver(message: ClaimedMessage): Promise<boolean> {
    try {
      await this.transport.send({
        messageId: `<${message.id}@trajectkompas>`,
        from: this.config.MAIL_FROM,
        to: { name: message.recipient_name, address: message.recipient_email },
        subject: message.subject,
        text: message.body,
        calendar: message.calendar ?? undefined,
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      const reason = String(error instanceof Error ? error.message : error).slice(0, 1000);
      await this.dataSource.query(
        'UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1',
        [message.id, attempts, reason, retryDelaySeconds(attempts)],
      );
      this.logger.warn(`delivery to ${message.recipient_email} failed (attempt ${attempts}): ${reason}; next try in ${retryDelaySeconds(attempts)} s`);
      return false;
    }
    await this.dataSource.query(
      `UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL,
         body = CASE WHEN kind = ANY($2) THEN '' ELSE body END
       WHERE id = $1`,
      [message.id, SINGLE_USE_LINK_KINDS],
    );
    return true;
  }
}

interface ClaimedMessage {
  id: string;
  recipient_name: string;
  recipient_email: string;
  subject: string;
  body: string;
  calendar: string | null;
  attempts: number;
}
