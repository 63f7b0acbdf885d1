import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One accepted event in a duo's trajectory, appended in the transaction that applied it. */
@Entity('duo_events')
export class DuoEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'duo_id' })
  duoId: string;

  /** 1 for the registration, then one more for each event. */
  @Column('int')
  sequence: number;

  @Column('text')
  type: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  /** The name of who made the change, as it was then. */
  @Column('text')
  actor: string;

  /** Their account; null for events recorded before accounts existed. */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('int', { name: 'trajectory_version' })
  trajectoryVersion: number;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;
}
