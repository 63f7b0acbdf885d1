import { ApiProperty } from '@nestjs/swagger';
import { COHORT_MINIMUM, type Cohort } from './cohort.entity.js';

export class CohortView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() location: string;
  @ApiProperty({ format: 'date' }) registrationDeadline: string;
  @ApiProperty() capacity: number;
  @ApiProperty() workshop3Planned: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Admitted duos that take a place.' }) placesTaken: number;
  @ApiProperty({ description: 'Duos on the waiting list.' }) waitingList: number;
  @ApiProperty({ description: 'The fewest admitted duos to start with workshop 1.' }) minimum: number;
  @ApiProperty({ description: 'Whether enough duos are admitted to start (record workshop 1).' }) canStart: boolean;

  static of(cohort: Cohort, counts: { placesTaken: number; waitingList: number } = { placesTaken: 0, waitingList: 0 }): CohortView {
    return {
      id: cohort.id,
      name: cohort.name,
      description: cohort.description,
      location: cohort.location,
      registrationDeadline: cohort.registrationDeadline,
      capacity: cohort.capacity,
      workshop3Planned: cohort.workshop3Planned,
      createdAt: cohort.createdAt.toISOString(),
      ...counts,
      minimum: COHORT_MINIMUM,
      canStart: counts.placesTaken >= COHORT_MINIMUM,
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
      obligation: 'Deelname is gratis, maar niet vrijblijvend: het duo is aanwezig bij werkatelier 1 en 2, met ten minste één persoon van de gemeente en één van de uitvoerder.',
    };
  }
}
