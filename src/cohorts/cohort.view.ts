import { ApiProperty } from '@nestjs/swagger';
import type { Cohort } from './cohort.entity.js';
import { mandatorySessionNames, UNIT_WORDS } from '../programmes/programme.js';
import { programmeOf } from './cohort-programme.js';

export class CohortView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The programme the edition runs (GET /api/programmes).', example: 'werkateliers' }) programme: string;
  @ApiProperty({ description: 'The version of the programme\'s definition the edition runs; it keeps it when the definition changes.' })
  programmeVersion: number;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() location: string;
  @ApiProperty({ format: 'date' }) registrationDeadline: string;
  @ApiProperty() capacity: number;
  @ApiProperty() workshop3Planned: boolean;
  @ApiProperty({ description: 'Entered after it ran: advisers register its duos after the deadline, and what they log is not bounded by the day a duo was entered.' })
  enteredAfterwards: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Admitted duos that take a place.' }) placesTaken: number;
  @ApiProperty({ description: 'Duos on the waiting list.' }) waitingList: number;
  @ApiProperty({ description: 'The fewest admitted duos to start the edition (record its first session).' }) minimum: number;
  @ApiProperty({ description: 'Whether enough duos are admitted to start (record the first session of the edition).' }) canStart: boolean;

  static of(cohort: Cohort, counts: { placesTaken: number; waitingList: number } = { placesTaken: 0, waitingList: 0 }): CohortView {
    const { minimumToStart } = programmeOf(cohort);
    return {
      id: cohort.id,
      programme: cohort.programmeKey,
      programmeVersion: cohort.programmeVersion,
      name: cohort.name,
      description: cohort.description,
      location: cohort.location,
      registrationDeadline: cohort.registrationDeadline,
      capacity: cohort.capacity,
      workshop3Planned: cohort.workshop3Planned,
      enteredAfterwards: cohort.enteredAfterwards,
      createdAt: cohort.createdAt.toISOString(),
      ...counts,
      minimum: minimumToStart,
      canStart: counts.placesTaken >= minimumToStart,
    };
  }
}

export class CohortAdviserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) assignedAt: string;

  static of(row: { id: string; name: string; email: string; assigned_at: Date }): CohortAdviserView {
    return { id: row.id, name: row.name, email: row.email, assignedAt: row.assigned_at.toISOString() };
  }
}

/** What anyone may read of a cohort: enough for its registration form. */
export class CohortRegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() location: string;
  @ApiProperty({ format: 'date', description: 'Registrations are accepted until the end of this day (Amsterdam).' })
  registrationDeadline: string;
  @ApiProperty({ description: 'Whether the registration is still open.' }) open: boolean;
  @ApiProperty() obligation: string;

  static of(cohort: Cohort, open: boolean): CohortRegistrationView {
    return {
      id: cohort.id,
      name: cohort.name,
      description: cohort.description,
      location: cohort.location,
      registrationDeadline: cohort.registrationDeadline,
      open,
      obligation: obligationOf(cohort),
    };
  }
}

/** "Deelname is gratis, maar niet vrijblijvend": which sessions the unit must attend, and who of it, as its programme defines them. */
function obligationOf(cohort: Cohort): string {
  const programme = programmeOf(cohort);
  const { subject, present } = UNIT_WORDS[programme.unit];
  return `Deelname is gratis, maar niet vrijblijvend: ${subject} is aanwezig bij ${mandatorySessionNames(programme)}${present ? `, ${present}` : ''}.`;
}
