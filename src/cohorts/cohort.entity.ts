import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An edition ("editie") of a programme (src/programmes/): the units that go through it together. */
@Entity('cohorts')
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The programme the edition runs, and the version of its definition: the edition keeps it when the definition changes. */
  @Column('text', { name: 'programme_key' })
  programmeKey: string;

  @Column('int', { name: 'programme_version' })
  programmeVersion: number;

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

  /**
   * Entered after it ran: made with its deadline past. Advisers register its duos after the
   * deadline, and what they log is not bounded by the day a duo was entered.
   */
  @Column('boolean', { name: 'entered_afterwards', default: false })
  enteredAfterwards: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
