/**
 * iCalendar (RFC 5545) for the sessions a message announces: one VEVENT per session, with the
 * session's id as UID and its version as SEQUENCE, so a calendar that imports a later file
 * updates a moved session instead of adding it twice. Published (METHOD:PUBLISH), not an
 * invitation to answer: the app has no organiser mailbox to receive replies.
 */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description?: string;
  /** It does not take place: a calendar that has it marks it cancelled (STATUS:CANCELLED). */
  cancelled?: boolean;
}

/** A calendar someone subscribes to (a feed) has a name, and says how often to fetch it again. */
export interface CalendarFeed {
  name: string;
  /** An RFC 5545 duration, such as PT1H. */
  refreshInterval: string;
}

export function calendarFile(events: CalendarEvent[], now = new Date(), feed?: CalendarFeed): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Movisie//Trajectkompas//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // RFC 7986's names, and the older ones Outlook and Google Calendar read.
    ...(feed
      ? [
          `NAME:${escape(feed.name)}`,
          `X-WR-CALNAME:${escape(feed.name)}`,
          `REFRESH-INTERVAL;VALUE=DURATION:${feed.refreshInterval}`,
          `X-PUBLISHED-TTL:${feed.refreshInterval}`,
        ]
      : []),
    ...events.flatMap((event) => [
      'BEGIN:VEVENT',
      `UID:${event.uid}@trajectkompas`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utc(now)}`,
      `DTSTART:${utc(event.startsAt)}`,
      `DTEND:${utc(event.endsAt)}`,
      `SUMMARY:${escape(event.summary)}`,
      `LOCATION:${escape(event.location)}`,
      ...(event.description ? [`DESCRIPTION:${escape(event.description)}`] : []),
      ...(event.cancelled ? ['STATUS:CANCELLED'] : []),
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function utc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
