import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../shared/roles.js';
import { SIDES } from '../shared/sides.js';
import type { AccountRecord, ContactPersonRecord } from './personal-data.repository.js';

export class PersonAccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, enum: ROLES }) role: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) duoId: string | null;
  @ApiProperty({ type: String, enum: SIDES, nullable: true }) side: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({ description: 'Whether the person set a password (accepted the invitation).' }) activated: boolean;
  @ApiProperty({ description: 'Whether the account was erased: its name and address are pseudonyms.' }) erased: boolean;

  static of(row: AccountRecord, erased: boolean): PersonAccountView {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      duoId: row.duo_id,
      side: row.side,
      createdAt: row.created_at.toISOString(),
      disabledAt: row.disabled_at?.toISOString() ?? null,
      activated: row.activated,
      erased,
    };
  }
}

export class ContactPersonEntryView {
  @ApiProperty({ format: 'uuid' }) duoId: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() provider: string;
  @ApiProperty({ type: String, enum: SIDES }) side: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;

  static of(row: ContactPersonRecord): ContactPersonEntryView {
    const { side, name, email, phone } = row.person;
    return { duoId: row.duo_id, cohortId: row.cohort_id, municipality: row.municipality, provider: row.provider, side, name, email, phone: phone ?? null };
  }
}

/** A person across roles: their account (if any) and the duos that list them as a contact person. */
export class PersonView {
  @ApiProperty({ type: PersonAccountView, nullable: true }) account: PersonAccountView | null;
  @ApiProperty({ type: [ContactPersonEntryView] }) contactPersonOf: ContactPersonEntryView[];
}

export class PersonExportView extends PersonView {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object' } },
    description:
      'Every stored row about the person or naming them, by kind: sessions, invitations, cohortsAdvised, signInFailures, passwordResets (requested_at, expires_at, used_at; never a token), passwordResetRequests, knownDevices, duoEvents and compassEvents (their own, whole), duoEventsMentioning and compassEventsMentioning (by reference), cyclesClosed, evidence, evidenceRevisions, attachments (the files they added, each with content_base64), plannedSessions, auditLog, mail.',
  })
  records: Record<string, Record<string, unknown>[]>;
}

export class ErasureView {
  @ApiProperty({ description: 'False when the person had been erased already: nothing changed.' }) erased: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) accountId: string | null;
  @ApiProperty({ description: 'The address that now stands for the person wherever theirs was stored.' }) pseudonymousEmail: string;
  @ApiProperty({ type: [String], description: 'The duos that listed the person as a contact person.' }) contactPersonOf: string[];
}
