import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a request sent with an Idempotency-Key, replayed to its retries. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** The route and resource the key was used on: the same key on another route is another request. */
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text', { name: 'request_fingerprint' })
  requestFingerprint: string;

  @Column('jsonb', { nullable: true })
  response: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
