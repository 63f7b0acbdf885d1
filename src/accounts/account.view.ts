import { ApiProperty } from '@nestjs/swagger';
import { SIDES } from '../shared/sides.js';
import { ROLES } from '../shared/roles.js';

/** What is read of an account: everything but the password hash, which never leaves the database. */
export const ACCOUNT_COLUMNS =
  'id, name, email, role, duo_id, side, disabled_at, created_at, password_hash IS NOT NULL AS has_password';

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  role: string;
  duo_id: string | null;
  side: string | null;
  disabled_at: Date | null;
  created_at: Date;
  has_password: boolean;
}

/** An account as the API shows it. */
export class AccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, enum: ROLES }) role: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) duoId: string | null;
  @ApiProperty({ type: String, enum: SIDES, nullable: true }) side: string | null;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'], description: 'invited: has not set a password yet.' })
  status: 'invited' | 'active' | 'disabled';
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  /** From a row of ACCOUNT_COLUMNS. */
  static of(row: AccountRow): AccountView {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      duoId: row.duo_id,
      side: row.side,
      status: row.disabled_at ? 'disabled' : row.has_password ? 'active' : 'invited',
      createdAt: row.created_at.toISOString(),
    };
  }
}

export class InvitationView {
  @ApiProperty({ description: 'The single-use link with which the person sets a password. Pass it on privately.' })
  url: string;
  @ApiProperty({ description: 'The token in the link, for POST /api/invitations/accept.' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class InvitedAccountView {
  @ApiProperty({ type: AccountView }) account: AccountView;
  @ApiProperty({ type: InvitationView }) invitation: InvitationView;
}
