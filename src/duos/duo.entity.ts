import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PersistedTrajectory } from '../trajectory/trajectory.js';
import type { Side } from '../shared/sides.js';

/** One contact person of a duo; a side may have several. `id` and `version` (raised on every edit, for If-Match) since 1766000000000. */
export interface ContactPerson {
  id: string;
  version: number;
  side: Side;
  name: string;
  email: string;
  phone?: string;
}

/** A municipality and its provider, going through the trajectory of one cohort. */
@Entity('duos')
export class Duo {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The cohort (a foreign key in the schema; the cohorts module owns that table). */
  @Column('uuid', { name: 'cohort_id' })
  cohortId: string;

  @Column('text')
  municipality: string;

  @Column('text')
  provider: string;

  @Column('jsonb', { name: 'contact_persons' })
  contactPersons: ContactPerson[];

  @Column('text', { name: 'collective_services', array: true })
  collectiveServices: string[];

  @Column('text')
  questions: string;

  @Column('text')
  expectations: string;

  /** The version of its cohort's programme this duo runs on (src/programmes/programmes.ts): its edition's version when it registered. */
  @Column('int', { name: 'trajectory_version' })
  trajectoryVersion: number;

  @Column('jsonb', { name: 'trajectory_snapshot' })
  trajectorySnapshot: PersistedTrajectory;

  /** Copies of the snapshot's state and counter, for queries and reports. */
  @Column('text')
  state: string;

  @Column('int', { name: 'advisory_meetings_held' })
  advisoryMeetingsHeld: number;

  /** Whether the duo takes one of the cohort's places (trajectory.ts, holdsPlaceAfter). */
  @Column('boolean', { name: 'holds_place' })
  holdsPlace: boolean;

  /** When the duo accepted the obligation to attend workshops 1 and 2 (the public registration form). */
  @Column('timestamptz', { name: 'obligation_accepted_at', nullable: true })
  obligationAcceptedAt: Date | null;

  /** Whether the duo agreed to be named in published (anonymised) reports. */
  @Column('boolean', { name: 'named_in_publications' })
  namedInPublications: boolean;

  /** Raised by one on every accepted event; a client may send it back in If-Match. */
  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
