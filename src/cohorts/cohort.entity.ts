import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An edition ("editie") of the werkateliers: 5 to 8 duos who go through the trajectory together. */
@Entity('cohorts')
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('date', { name: 'registration_deadline' })
  registrationDeadline: string;

  @Column('int')
  capacity: number;

  @Column('boolean', { name: 'workshop_3_planned' })
  workshop3Planned: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
