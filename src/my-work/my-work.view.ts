import { ApiProperty } from '@nestjs/swagger';
import { PlannedSessionView } from '../sessions/planned-session.view.js';

/** An edition session that has started and whose attendance list still lacks duos it expects. */
export class AttendanceListToTakeView {
  @ApiProperty({ description: 'The session key in the programme (GET /api/programmes).', example: 'workshop1' }) kind: string;
  @ApiProperty({ description: 'In Dutch, as on the screens.' }) name: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ description: 'The duos whose trajectory still expects this list.' }) duosExpected: number;
}

/** What one edition needs from its adviser now; every number is of duos unless said otherwise. */
export class EditionWorkView {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'werkateliers' }) programme: string;
  @ApiProperty({ type: String, nullable: true, example: 'intake', description: "The key of the programme's first conversation with a duo (its first session of the duo's own), if it has one." })
  firstConversation: string | null;
  @ApiProperty({ description: 'Admitted duos whose first conversation (the intake) is not held yet.' }) duosWithoutFirstConversation: number;
  @ApiProperty({ type: [AttendanceListToTakeView], description: 'Edition sessions that have started and whose list is not yet taken for every duo that expects it.' })
  attendanceListsToTake: AttendanceListToTakeView[];
  @ApiProperty({ description: 'Duos that no longer meet the obligation to attend the mandatory sessions.' }) notMeetingObligation: number;
  @ApiProperty({ description: 'Duos whose open cycle has evidence for every step and agreed improvement actions: an adviser can close it.' })
  cyclesReadyToClose: number;
  @ApiProperty({ description: 'Duos taking part whose open cycle still has steps without evidence.' }) duosLackingEvidence: number;
}

/** A session in the agenda: where and when, for which edition and (a duo's own session) which duo. */
export class AgendaSessionView extends PlannedSessionView {
  @ApiProperty() cohortName: string;
  @ApiProperty({ type: String, nullable: true, description: 'The duo, for a session of its own: "municipality en provider".' }) duoName: string | null;
  @ApiProperty({ description: 'Raised whenever the session moves: the SEQUENCE of its entry in the agenda feed.' }) version: number;
}

export class AgendaFeedStatusView {
  @ApiProperty({ description: 'Whether the adviser has an agenda feed address that works.' }) active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current address was made.' }) createdAt: string | null;
}

export class MyWorkView {
  @ApiProperty({ type: [EditionWorkView], description: 'The editions the adviser is assigned to, newest registration deadline first.' })
  editions: EditionWorkView[];
  @ApiProperty({ type: [AgendaSessionView], description: 'The sessions of those editions that have not ended and start within the period asked for, by start.' })
  agenda: AgendaSessionView[];
  @ApiProperty({ type: AgendaFeedStatusView }) agendaFeed: AgendaFeedStatusView;
}

/** A new agenda feed address: shown once, only a hash of its token is kept. */
export class AgendaFeedView {
  @ApiProperty({ description: 'The address to subscribe to in Outlook, Google Calendar or Apple Calendar (text/calendar).' }) url: string;
  @ApiProperty({ description: 'The secret in the address.' }) token: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
