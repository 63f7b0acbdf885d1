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

  @Column('text')
  actor: string;

  @Column('int', { name: 'trajectory_version' })
  trajectoryVersion: number;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;
}
