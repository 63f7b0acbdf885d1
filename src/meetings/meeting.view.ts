import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, REGISTRATION_STATUSES, SERIES_KINDS, type OrganisationKind, type RegistrationStatus, type SeriesKind } from './meeting-kinds.js';

export class ProgrammeItemView {
  @ApiProperty({ example: '09:30' }) start: string;
  @ApiProperty({ example: '10:00' }) end: string;
  @ApiProperty() title: string;
}

export class ContactPersonView {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() phone: string;
}

export class MeetingDownloadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'Where anyone downloads it.' }) url: string;
}

/** A meeting that does not take place: when an adviser called it off, and why. */
export class CalledOffView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Why, as the people registered were told.' }) reason: string;
}

/** A meeting as anyone may read it: what, when, where, and whether one can still register. */
export class MeetingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: '09:30' }) startTime: string;
  @ApiProperty({ example: '13:30' }) endTime: string;
  @ApiProperty({ format: 'date-time', description: 'The moment it begins (its date and start time in Amsterdam).' }) startsAt: string;
  @ApiProperty() locationName: string;
  @ApiProperty() address: string;
  @ApiProperty() routeDescription: string;
  @ApiProperty() theme: string;
  @ApiProperty({ type: [String] }) questions: string[];
  @ApiProperty({ type: [ProgrammeItemView] }) programme: ProgrammeItemView[];
  @ApiProperty({ nullable: true, type: Number, description: 'How many can come; null: no limit.' }) capacity: number | null;
  @ApiProperty({ format: 'date' }) registrationDeadline: string;
  @ApiProperty({ description: 'Whether registration is open (the deadline has not passed, and the meeting is not called off).' }) open: boolean;
  @ApiProperty({ type: CalledOffView, nullable: true, description: 'Set when the meeting does not take place (POST /api/meetings/{id}/calling-off).' })
  calledOff: CalledOffView | null;
  @ApiProperty({ description: 'People registered (holding a place).' }) registered: number;
  @ApiProperty({ description: 'People on the waiting list.' }) waiting: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Places left; null: no limit.' }) placesLeft: number | null;
  @ApiProperty({ type: [MeetingDownloadView] }) downloads: MeetingDownloadView[];
  @ApiProperty() version: number;
}

export class SeriesView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SERIES_KINDS }) kind: SeriesKind;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() organiser: string;
  @ApiProperty({ type: [String] }) coOrganisers: string[];
  @ApiProperty({ type: ContactPersonView }) contact: ContactPersonView;
  @ApiProperty({ type: [MeetingView], description: 'Its meetings, earliest first.' }) meetings: MeetingView[];
}

/** What someone who registered is told back; the cancel link goes only to their e-mail address. */
export class RegistrationReceiptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES, description: 'registered: a place; waiting: on the waiting list.' }) status: RegistrationStatus;
  @ApiProperty({ nullable: true, type: Number, description: 'Place on the waiting list (1 is next), when waiting.' }) waitingPosition: number | null;
}

export class PublicRegistrationView {
  @ApiProperty({ type: [RegistrationReceiptView], description: 'One per meeting registered for: the one asked for first, then the other meetings of the series chosen.' })
  registrations: RegistrationReceiptView[];
}

/** A registration as advisers see it (name badges, a mail merge, the list at the door). */
export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Null once the personal data is erased.' }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ enum: ORGANISATION_KINDS }) organisationKind: OrganisationKind;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) lunchWishes: string | null;
  @ApiProperty({ description: 'Registered for an earlier meeting of the series before.' }) returning: boolean;
  @ApiProperty() attended: boolean;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty({ description: 'Whether the personal data is erased (only the counts remain).' }) erased: boolean;
}

/** A registration as its cancel link shows it to the person it is about. */
export class OwnRegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: Number }) waitingPosition: number | null;
}

export class OrganisationKindCountView {
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ description: 'Its Dutch name.' }) name: string;
  @ApiProperty({ description: 'With a place.' }) registered: number;
  @ApiProperty() attended: number;
}

/** The counts of a meeting; they stay when the personal data is erased. */
export class MeetingReportView {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() theme: string;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty({ description: 'The meeting was called off: it did not take place, and the series\' totals leave it out.' }) calledOff: boolean;
  @ApiProperty({ description: 'People with a place.' }) registered: number;
  @ApiProperty({ description: 'Of those, who were there (the list at the door).' }) attended: number;
  @ApiProperty() waiting: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ description: 'With a place, and not registered for an earlier meeting of the series.' }) newPeople: number;
  @ApiProperty({ description: 'With a place, and registered for an earlier meeting of the series before.' }) returningPeople: number;
  @ApiProperty({ type: [OrganisationKindCountView] }) byOrganisationKind: OrganisationKindCountView[];
}

export class SeriesReportView {
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [MeetingReportView] }) meetings: MeetingReportView[];
  @ApiProperty({ description: 'Places taken, summed over the meetings that were not called off (as are the other totals).' }) registered: number;
  @ApiProperty() attended: number;
  @ApiProperty() waiting: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ description: 'Summed over the meetings: a person is new at their first meeting of the series.' }) newPeople: number;
  @ApiProperty() returningPeople: number;
  @ApiProperty({ type: [OrganisationKindCountView] }) byOrganisationKind: OrganisationKindCountView[];
}
