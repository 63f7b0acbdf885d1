import { ApiProperty } from '@nestjs/swagger';
import { ENROLLED_UNITS, INQUIRY_RECORDS, type InquiryRecord, type ProgrammeDefinition, type SessionDefinition } from './programme.js';

export class SessionDefinitionView {
  @ApiProperty({ example: 'workshop1', description: 'Stable key, as planned sessions carry it.' }) key: string;
  @ApiProperty({ enum: ['edition', 'unit'], description: 'edition: one session for the whole edition; unit: planned per enrolled unit.' })
  audience: 'edition' | 'unit';
  @ApiProperty({ enum: ['attendance', 'held'], description: 'attendance: an attendance list of who came; held: an adviser logs that it took place.' })
  recorded: 'attendance' | 'held';
  @ApiProperty({ description: 'Attending is mandatory: missing it without a recorded excuse ends the trajectory.' }) mandatory: boolean;
  @ApiProperty({ description: 'It happens only where the edition plans it.' }) optional: boolean;
  @ApiProperty({ description: 'How many times one unit may have it.' }) maxPerUnit: number;
  @ApiProperty({ description: 'Its length in minutes when planned without an end.' }) defaultMinutes: number;
  @ApiProperty({ example: 'werkatelier 1', description: 'Its name in Dutch.' }) name: string;
  @ApiProperty({ example: 'workshop 1' }) englishName: string;
  @ApiProperty({ required: false, description: 'What a unit prepares for it, in Dutch.' }) preparation?: string;

  static of(session: SessionDefinition): SessionDefinitionView {
    const { key, audience, recorded, mandatory, optional, maxPerUnit, defaultMinutes, name, englishName, preparation } = session;
    return { key, audience, recorded, mandatory, optional, maxPerUnit, defaultMinutes, name, englishName, ...(preparation ? { preparation } : {}) };
  }
}

/** A programme as pages and clients need it to show its editions: who enrols, its sessions in order and their rules. */
export class ProgrammeView {
  @ApiProperty({ example: 'werkateliers' }) key: string;
  @ApiProperty({ description: 'The newest version of its definition, which new editions run.' }) version: number;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ENROLLED_UNITS, description: 'Who enrols.' }) unit: string;
  @ApiProperty({ description: 'How many units an edition may admit.', example: { min: 5, max: 8 } }) capacity: { min: number; max: number };
  @ApiProperty({ description: 'How many admitted units an edition needs to start.' }) minimumToStart: number;
  @ApiProperty({ description: 'Whether units record evidence for the Kwaliteitskompas.' }) compass: boolean;
  @ApiProperty({ enum: INQUIRY_RECORDS, isArray: true, description: "What a unit's inquiry records (GET /api/duos/{id}/inquiry); none where the programme keeps no inquiry." })
  records: InquiryRecord[];
  @ApiProperty({ type: [SessionDefinitionView], description: 'The sessions, in order.' }) sessions: SessionDefinitionView[];

  static of(definition: ProgrammeDefinition): ProgrammeView {
    const { key, version, name, description, unit, capacity, minimumToStart, compass } = definition;
    const records = [...definition.records];
    return { key, version, name, description, unit, capacity: { ...capacity }, minimumToStart, compass, records, sessions: definition.sessions.map(SessionDefinitionView.of) };
  }
}
