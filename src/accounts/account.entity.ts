import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Side } from '../trajectory/trajectory.machine.js';
import type { Role } from './roles.js';

/** A person who can sign in: an admin, an adviser, or a participant of one duo (one side of it). */
@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Unique without regard to case (index on lower(email)). */
  @Column('text')
  email: string;

  @Column('text')
  role: Role;

  @Column('uuid', { name: 'duo_id', nullable: true })
  duoId: string | null;

  @Column('text', { nullable: true })
  side: Side | null;

  /** Null until the person accepted their invitation and chose a password. Never leaves the service. */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
