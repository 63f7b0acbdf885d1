import { ApiProperty } from '@nestjs/swagger';
import { SIDES } from '../shared/sides.js';
import { expectedSessions, sessionEventType, type ProgrammeDefinition } from '../programmes/programme.js';
import { describeNextStep, type NextStep, type TrajectorySnapshot } from '../trajectory/trajectory.js';
import { PlannedSessionView } from '../sessions/planned-session.view.js';
import type { DuoEvent } from './duo-event.entity.js';
import type { ContactPerson, Duo } from './duo.entity.js';

export class ContactPersonView {
  @ApiProperty({ format: 'uuid', description: 'Names the person in /api/duos/{id}/contact-persons/{personId}.' }) id: string;
  @ApiProperty({ description: 'Raised by one on every edit of this person; send it as If-Match to change only this version.' }) version: number;
  @ApiProperty({ type: String, enum: SIDES }) side: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ required: false }) phone?: string;

  static of(person: ContactPerson): ContactPersonView {
    return { id: person.id, version: person.version, side: person.side, name: person.name, email: person.email, ...(person.phone ? { phone: person.phone } : {}) };
  }
}

export class ContactPersonInvitationView {
  @ApiProperty({ format: 'date-time', description: 'Until when the link mailed to the person works.' }) expiresAt: string;
}

export class ContactPersonAddedView {
  @ApiProperty({ type: ContactPersonView }) contactPerson: ContactPersonView;
  @ApiProperty({
    type: ContactPersonInvitationView,
    nullable: true,
    description:
      'The invitation mailed to the person; null when the address has an account already. The link goes by e-mail only (an answer to a request with an Idempotency-Key is stored); POST /api/duos/{id}/invitations gives a new one to pass on.',
  })
  invitation: ContactPersonInvitationView | null;
}

export class NextStepEventView {
  @ApiProperty() event: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true, description: 'The session of the programme the event records (GET /api/programmes), or null for a step of no session.' })
  session: string | null;
}

type StepEvent = NextStepEventView;

export class NextStepView implements Omit<NextStep, 'next' | 'expects'> {
  @ApiProperty({ type: String, description: 'The state of the trajectory the duo is in.' }) state: NextStep['state'];
  @ApiProperty() description: string;
  @ApiProperty({ type: NextStepEventView, nullable: true, description: 'What moves the duo forward; null once it has ended.' })
  next: StepEvent | null;
  @ApiProperty({ type: [NextStepEventView], description: 'Every event the current state accepts, one per session where several sessions share an event.' })
  expects: StepEvent[];
  @ApiProperty() advisoryMeetingsHeld: number;
  @ApiProperty() advisoryMeetingsRemaining: number;
  @ApiProperty({ description: 'False while a mandatory session recorded so far was missed without excuse.' })
  meetsAttendanceObligation: boolean;
  @ApiProperty({ description: 'False once the duo has dropped out or withdrawn.' }) canStillComplete: boolean;
  @ApiProperty({ type: String, enum: ['completed', 'droppedOut', 'withdrawn'], nullable: true }) outcome: NextStep['outcome'];
  @ApiProperty({
    type: PlannedSessionView,
    nullable: true,
    description:
      'The planned session of the step `next` names (what, when, where), the earliest that has not ended; null when that step records no session or its session is not planned.',
  })
  session: PlannedSessionView | null;
  @ApiProperty({
    type: [PlannedSessionView],
    description:
      'The other planned sessions that have not ended at which the duo can take a step it now expects (an advisory meeting beside the next workshop), by start. Sessions the duo can no longer have are left out.',
  })
  alsoPlanned: PlannedSessionView[];
}

export class DuoEventView {
  @ApiProperty() sequence: number;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ description: 'The name of who made the change.' }) actor: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty() trajectoryVersion: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static of(event: DuoEvent): DuoEventView {
    return {
      sequence: event.sequence,
      type: event.type,
      payload: event.payload,
      actor: event.actor,
      actorId: event.actorId,
      trajectoryVersion: event.trajectoryVersion,
      recordedAt: event.recordedAt.toISOString(),
    };
  }
}

export class DuoSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() provider: string;
  @ApiProperty() state: string;
  @ApiProperty() advisoryMeetingsHeld: number;
  @ApiProperty({ description: 'Raised by one on every accepted event; send it as If-Match to change only this version.' })
  version: number;

  static of(duo: Duo): DuoSummaryView {
    return {
      id: duo.id,
      cohortId: duo.cohortId,
      municipality: duo.municipality,
      provider: duo.provider,
      state: duo.state,
      advisoryMeetingsHeld: duo.advisoryMeetingsHeld,
      version: duo.version,
    };
  }
}

export class DuoView extends DuoSummaryView {
  @ApiProperty({ type: [ContactPersonView], description: 'Each side has at least one; a side may have several.' }) contactPersons: ContactPersonView[];
  @ApiProperty({ type: [String] }) collectiveServices: string[];
  @ApiProperty() questions: string;
  @ApiProperty() expectations: string;
  @ApiProperty({ description: 'The version of the trajectory definition the duo runs on.' }) trajectoryVersion: number;
  @ApiProperty({ description: 'Whether the duo agreed to be named in published reports; otherwise it is "Duo A", "Duo B", ...' })
  namedInPublications: boolean;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ type: NextStepView }) nextStep: NextStepView;
  @ApiProperty({ type: [DuoEventView], description: 'The event log, oldest first.' }) history: DuoEventView[];

  static withHistory(duo: Duo, history: DuoEvent[], nextStep: NextStepView): DuoView {
    return {
      ...DuoSummaryView.of(duo),
      contactPersons: duo.contactPersons.map(ContactPersonView.of),
      collectiveServices: duo.collectiveServices,
      questions: duo.questions,
      expectations: duo.expectations,
      trajectoryVersion: duo.trajectoryVersion,
      namedInPublications: duo.namedInPublications,
      registeredAt: duo.registeredAt.toISOString(),
      nextStep,
      history: history.map(DuoEventView.of),
    };
  }
}

/**
 * `programme`: the definition the duo runs (cohort-programme.ts, programmeOfUnit). Each expected
 * event names the session it records; where sessions share an event type (a programme whose
 * machine takes session-keyed events), each expected session is a step of its own. `snapshot`:
 * the duo's restored trajectory; `sessions`: the sessions it expects, when the caller has them.
 */
export function nextStepOf(
  programme: ProgrammeDefinition,
  snapshot: TrajectorySnapshot,
  sessions = expectedSessions(programme, snapshot),
): Omit<NextStepView, 'session' | 'alsoPlanned'> {
  const step = describeNextStep(programme, snapshot);
  const expects = step.expects.flatMap(({ event, description }): StepEvent[] => {
    const recorded = sessions.filter((session) => sessionEventType(programme, session) === event);
    if (!recorded.length) return [{ event, description, session: null }];
    const shared = programme.sessions.filter((session) => sessionEventType(programme, session) === event).length > 1;
    return recorded.map((session) => ({ event, description: shared ? `${description}: ${session.englishName}` : description, session: session.key }));
  });
  const next = step.next ? (expects.find((entry) => entry.event === step.next?.event) ?? null) : null;
  return { ...step, expects, next };
}

/** What the public registration form answers: no more than the registrant sent, and what happens next. */
export class RegistrationReceiptView {
  @ApiProperty({ format: 'uuid' }) duoId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() provider: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty() nextStep: string;

  static of(duo: DuoView): RegistrationReceiptView {
    return {
      duoId: duo.id,
      municipality: duo.municipality,
      provider: duo.provider,
      registeredAt: duo.registeredAt,
      nextStep: 'An adviser admits the duo, or places it on the waiting list when the cohort is full; both contact persons hear which.',
    };
  }
}
