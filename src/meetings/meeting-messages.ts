import { calendarFile } from '../notifications/calendar.js';
import type { MessageKind, OutgoingMessage } from '../outbox/outbox.service.js';
import { SERIES_KIND_NAMES, type RegistrationStatus } from './meeting-kinds.js';
import type { MeetingRow, SeriesRow } from './meetings.service.js';

/*
 * What a person who registered for an open meeting is told, in Dutch: the confirmation (or the
 * waiting list) with the cancel link, moving up from the waiting list, a cancellation, and the
 * reminder. Every message about a place carries the meeting as a calendar file.
 */

export interface Registrant {
  name: string;
  email: string;
}

const dayFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "2016-09-21" as "woensdag 21 september 2016". */
export function meetingDay(date: string): string {
  return dayFormat.format(new Date(`${date}T12:00:00Z`));
}

/** The meeting as the messages describe it: when, where, the programme and the route. */
function aboutTheMeeting(meeting: MeetingRow): string[] {
  return [
    `Wanneer: ${meetingDay(meeting.date)}, ${meeting.start_time} tot ${meeting.end_time} uur.`,
    `Waar: ${meeting.location_name}, ${meeting.address}.`,
    ...(meeting.programme.length ? [`Programma:\n${meeting.programme.map((item) => `${item.start}-${item.end}  ${item.title}`).join('\n')}`] : []),
    ...(meeting.route_description ? [`Route: ${meeting.route_description}`] : []),
  ];
}

function contact(series: SeriesRow): string {
  return `Vragen? Neem contact op met ${series.contact_name}${series.contact_phone ? `, telefoon ${series.contact_phone}` : ''}, of mail naar ${series.contact_email}.`;
}

function title(series: SeriesRow, meeting: MeetingRow): string {
  return `${SERIES_KIND_NAMES[series.kind]} ${meetingDay(meeting.date)}: ${meeting.theme}`;
}

/** The meeting as a calendar file, its id as UID and its version as SEQUENCE: a calendar updates a changed meeting. */
export function meetingCalendar(series: SeriesRow, meetings: MeetingRow[], feed?: { name: string; refreshInterval: string }): string {
  return calendarFile(
    meetings.map((meeting) => ({
      uid: meeting.id,
      sequence: meeting.version,
      startsAt: meeting.starts_at,
      endsAt: meeting.ends_at,
      summary: `${SERIES_KIND_NAMES[series.kind]}: ${meeting.theme}`,
      location: `${meeting.location_name}, ${meeting.address}`,
      description: [series.name, ...meeting.programme.map((item) => `${item.start}-${item.end} ${item.title}`)].join('\n'),
      cancelled: Boolean(meeting.called_off_at),
    })),
    new Date(),
    feed,
  );
}

function message(kind: MessageKind, person: Registrant, subject: string, paragraphs: string[], calendar?: string, dedupeKey?: string): OutgoingMessage {
  return {
    kind,
    recipientName: person.name,
    recipientEmail: person.email,
    subject,
    body: [`Beste ${person.name},`, ...paragraphs, 'Met vriendelijke groet,\nTrajectkompas'].join('\n\n'),
    calendar,
    dedupeKey,
  };
}

/** On registration: a place, or the waiting list; both with the single-use link to cancel. */
export function registeredMessage(person: Registrant, series: SeriesRow, meeting: MeetingRow, status: 'registered' | 'waiting', cancelUrl: string, waitingPosition?: number): OutgoingMessage {
  if (status === 'waiting') {
    return message('meeting_waiting_list', person, `Wachtlijst: ${title(series, meeting)}`, [
      `De bijeenkomst van ${series.name} op ${meetingDay(meeting.date)} is vol. U staat op de wachtlijst, op plaats ${waitingPosition}.`,
      'Komt er een plaats vrij, dan schuift u automatisch door en krijgt u daarvan bericht, met de bijeenkomst voor uw agenda.',
      ...aboutTheMeeting(meeting),
      `Wilt u niet meer op de wachtlijst staan? Meld u af met deze link (hij werkt zonder account):\n${cancelUrl}`,
      contact(series),
    ]);
  }
  return message(
    'meeting_confirmation',
    person,
    `Bevestiging: ${title(series, meeting)}`,
    [
      `U bent aangemeld voor ${series.name}. Het thema: ${meeting.theme}.`,
      ...aboutTheMeeting(meeting),
      'De bijeenkomst zit ook als agenda-bestand in de bijlage.',
      `Kunt u toch niet komen? Meld u af met deze link, dan geeft u uw plaats aan iemand op de wachtlijst (hij werkt zonder account):\n${cancelUrl}`,
      'Met dezelfde link kunt u ook uw gegevens inzien of laten wissen.',
      contact(series),
    ],
    meetingCalendar(series, [meeting]),
  );
}

/** From the waiting list to a place. */
export function movedUpMessage(person: Registrant, series: SeriesRow, meeting: MeetingRow): OutgoingMessage {
  return message(
    'meeting_moved_up',
    person,
    `Er is een plaats voor u: ${title(series, meeting)}`,
    [
      `Er is een plaats vrijgekomen. U stond op de wachtlijst en bent nu aangemeld voor ${series.name}.`,
      ...aboutTheMeeting(meeting),
      'De bijeenkomst zit als agenda-bestand in de bijlage. Kunt u toch niet komen, meld u dan af met de link uit de eerste e-mail.',
      contact(series),
    ],
    meetingCalendar(series, [meeting]),
  );
}

export function cancelledMessage(person: Registrant, series: SeriesRow, meeting: MeetingRow): OutgoingMessage {
  return message('meeting_cancelled', person, `Afgemeld: ${title(series, meeting)}`, [
    `U bent afgemeld voor de bijeenkomst van ${series.name} op ${meetingDay(meeting.date)}. U hoeft verder niets te doen.`,
    ...(meeting.called_off_at ? [] : ['Wilt u toch komen? Meld u dan opnieuw aan op de pagina van de bijeenkomst.']),
    contact(series),
  ]);
}

/** A few days before; its key keeps it from going out twice (a moved meeting is reminded of again). */
export function reminderMessage(person: Registrant & { registrationId: string }, series: SeriesRow, meeting: MeetingRow): OutgoingMessage {
  return message(
    'meeting_reminder',
    person,
    `Herinnering: ${title(series, meeting)}`,
    [`Binnenkort is de bijeenkomst van ${series.name} waarvoor u bent aangemeld.`, ...aboutTheMeeting(meeting), 'Kunt u toch niet komen, meld u dan af met de link uit de bevestiging.', contact(series)],
    meetingCalendar(series, [meeting]),
    `${reminderKeyPrefix(person.registrationId)}${meeting.starts_at.toISOString()}`,
  );
}

export function reminderKeyPrefix(registrationId: string): string {
  return `meeting-reminder:${registrationId}:`;
}

/**
 * The meeting is called off: why; to those with a place, a calendar file that marks the
 * appointment cancelled (those on the waiting list never had it in their calendar).
 */
export function calledOffMessage(person: Registrant & { status: RegistrationStatus }, series: SeriesRow, meeting: MeetingRow): OutgoingMessage {
  const seated = person.status === 'registered';
  return message(
    'meeting_called_off',
    person,
    `Gaat niet door: ${title(series, meeting)}`,
    [
      `De bijeenkomst van ${series.name} op ${meetingDay(meeting.date)}, waarvoor u zich had aangemeld${seated ? '' : ' (u stond op de wachtlijst)'}, gaat niet door.`,
      `De reden: ${meeting.called_off_reason}`,
      seated ? 'U hoeft zich niet af te melden. Het agenda-bestand in de bijlage zet de afspraak in uw agenda op afgelast.' : 'U hoeft zich niet af te melden.',
      contact(series),
    ],
    seated ? meetingCalendar(series, [meeting]) : undefined,
  );
}

/** The meeting moved (another day, time or place): the updated calendar file replaces the one sent before. */
export function movedMessage(person: Registrant, series: SeriesRow, meeting: MeetingRow): OutgoingMessage {
  return message(
    'meeting_moved',
    person,
    `Gewijzigd: ${title(series, meeting)}`,
    [`De bijeenkomst van ${series.name} waarvoor u bent aangemeld is gewijzigd. Zo ziet hij er nu uit:`, ...aboutTheMeeting(meeting), 'Het agenda-bestand in de bijlage werkt de afspraak in uw agenda bij.', contact(series)],
    meetingCalendar(series, [meeting]),
  );
}
