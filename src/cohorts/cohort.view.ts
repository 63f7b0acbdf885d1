import { ApiProperty } from '@nestjs/swagger';
import type { Cohort } from './cohort.entity.js';

export class CohortView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) registrationDeadline: string;
  @ApiProperty() capacity: number;
  @ApiProperty() workshop3Planned: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(cohort: Cohort): CohortView {
    return {
      id: cohort.id,
      name: cohort.name,
      registrationDeadline: cohort.registrationDeadline,
      capacity: cohort.capacity,
      workshop3Planned: cohort.workshop3Planned,
      createdAt: cohort.createdAt.toISOString(),
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
