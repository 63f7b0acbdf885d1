import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/database/embedded-postgres.js';

export interface ReceivedMail {
  to: string;
  subject: string;
  messageId: string;
  raw: string;
  /** The text/calendar attachment, decoded; empty when there is none. */
  calendar: string;
}

/** The text of a received mail, quoted-printable undone. */
export function textOf(mail: ReceivedMail): string {
  const raw = mail.raw.replace(/=\r\n/g, '');
  return Buffer.from(raw.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

/** A real SMTP server on a local port that keeps what it receives, and can be told to refuse the next messages. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1;
          const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: decodeSubject(header('Subject')),
          messageId: header('Message-ID'),
          raw,
          calendar: calendarOf(raw),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count: number) => (refusals = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subjects with accents arrive MIME-encoded (=?UTF-8?Q?...?=). */
function decodeSubject(subject: string): string {
  return subject.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function calendarOf(raw: string): string {
  const part = /Content-Type: text\/calendar[^\r\n]*(?:\r\n[^\r\n]+)*\r\n\r\n([\s\S]*?)\r\n--/.exec(raw);
  if (!part) return '';
  const headers = part[0].slice(0, part[0].indexOf('\r\n\r\n'));
  return /Content-Transfer-Encoding: base64/i.test(headers) ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8') : part[1];
}
