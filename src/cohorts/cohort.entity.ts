import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The fewest admitted duos with which a cohort can start (DOMAIN.md). */
export const COHORT_MINIMUM = 5;

/** An edition ("editie") of the werkateliers: 5 to 8 duos who go through the trajectory together. */
@Entity('cohorts')
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  description: string;

  @Column('text')
  location: string;

  @Column('date', { name: 'registration_deadline' })
  registrationDeadline: string;

  @Column('int')
  capacity: number;

  @Column('boolean', { name: 'workshop_3_planned' })
  workshop3Planned: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
