import { Logger } from '@nestjs/common';
import nodemailer from 'nodemailer';

export interface MailToSend {
  messageId: string;
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  calendar?: string;
}

export interface MailTransport {
  send(mail: MailToSend): Promise<void>;
  close(): void;
}

/** SMTP when SMTP_URL is set; otherwise every message is written to the log, which counts as delivered. */
export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) return new LogTransport();
  // Bounded waits: a slow SMTP server must not hold a round (or a shutdown) for minutes.
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail) {
      await transporter.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.calendar
          ? { attachments: [{ filename: 'uitnodiging.ics', content: mail.calendar, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] }
          : {}),
      });
    },
    close: () => transporter.close(),
  };
}

class LogTransport implements MailTransport {
  private readonly logger = new Logger('Outbox');

  async send(mail: MailToSend): Promise<void> {
    // A link's token is a credential (an invitation, a password reset): the log never carries one.
    const text = mail.text.replace(/token=[A-Za-z0-9_-]+/g, 'token=[redacted]');
    this.logger.log({ delivery: 'log (SMTP_URL is not set)', to: mail.to.address, subject: mail.subject, messageId: mail.messageId, text });
  }

  close(): void {}
}
