import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Interviewee, ParticipationForm, SurveyAudience } from './inquiry-figures.js';

export interface SurveyRow {
  id: string;
  audience: SurveyAudience;
  sent: number;
  returned: number;
  sentOn: string;
  notes: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface InterviewsRow {
  id: string;
  interviewee: Interviewee;
  count: number;
  heldOn: string;
  notes: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface FocusGroupRow {
  id: string;
  heldOn: string;
  attendance: number;
  themes: string[];
  notes: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface InitiativeRow {
  id: string;
  name: string;
  description: string;
  novelty: string;
  participationForms: ParticipationForm[];
  location: string;
  link: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface InquiryRows {
  surveys: SurveyRow[];
  interviews: InterviewsRow[];
  focusGroups: FocusGroupRow[];
  initiatives: InitiativeRow[];
}

/** The inquiry's records kept one row each, and their tables. */
export type RemovableRecord = keyof InquiryRows;
const TABLES: Record<RemovableRecord, string> = {
  surveys: 'inquiry_surveys',
  interviews: 'inquiry_interviews',
  focusGroups: 'inquiry_focus_groups',
  initiatives: 'inquiry_initiatives',
};

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** The inquiry's tables: one row per survey, interviews, focus group or initiative of a unit, oldest first. */
@Injectable()
export class InquiryRepository {
  /** One after another: inside a transaction they share its one connection, which takes one query at a time. */
  async rowsOf(em: EntityManager, duoId: string): Promise<InquiryRows> {
    const surveys = await em.query(
      `SELECT id, audience, sent, returned, ${DAY('sent_on')} AS "sentOn", notes, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
         FROM inquiry_surveys WHERE duo_id = $1 ORDER BY sent_on, recorded_at, id`,
      [duoId],
    );
    const interviews = await em.query(
      `SELECT id, interviewee, count, ${DAY('held_on')} AS "heldOn", notes, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
         FROM inquiry_interviews WHERE duo_id = $1 ORDER BY held_on, recorded_at, id`,
      [duoId],
    );
    const focusGroups = await em.query(
      `SELECT id, ${DAY('held_on')} AS "heldOn", attendance, themes, notes, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
         FROM inquiry_focus_groups WHERE duo_id = $1 ORDER BY held_on, recorded_at, id`,
      [duoId],
    );
    const initiatives = await em.query(
      `SELECT id, name, description, novelty, participation_forms AS "participationForms", location, link, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
         FROM inquiry_initiatives WHERE duo_id = $1 ORDER BY recorded_at, id`,
      [duoId],
    );
    return { surveys, interviews, focusGroups, initiatives };
  }

  async addSurvey(em: EntityManager, duoId: string, row: Omit<SurveyRow, 'id' | 'recordedAt'>): Promise<string> {
    const [{ id }] = await em.query(
      'INSERT INTO inquiry_surveys (duo_id, audience, sent, returned, sent_on, notes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [duoId, row.audience, row.sent, row.returned, row.sentOn, row.notes, row.recordedBy],
    );
    return id;
  }

  async addInterviews(em: EntityManager, duoId: string, row: Omit<InterviewsRow, 'id' | 'recordedAt'>): Promise<string> {
    const [{ id }] = await em.query(
      'INSERT INTO inquiry_interviews (duo_id, interviewee, count, held_on, notes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [duoId, row.interviewee, row.count, row.heldOn, row.notes, row.recordedBy],
    );
    return id;
  }

  async addFocusGroup(em: EntityManager, duoId: string, row: Omit<FocusGroupRow, 'id' | 'recordedAt'>): Promise<string> {
    const [{ id }] = await em.query(
      'INSERT INTO inquiry_focus_groups (duo_id, held_on, attendance, themes, notes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [duoId, row.heldOn, row.attendance, row.themes, row.notes, row.recordedBy],
    );
    return id;
  }

  async addInitiative(em: EntityManager, duoId: string, row: Omit<InitiativeRow, 'id' | 'recordedAt'>): Promise<string> {
    const [{ id }] = await em.query(
      `INSERT INTO inquiry_initiatives (duo_id, name, description, novelty, participation_forms, location, link, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [duoId, row.name, row.description, row.novelty, row.participationForms, row.location, row.link, row.recordedBy],
    );
    return id;
  }

  /** Removes the unit's record of this kind and id; whether it had one. */
  async remove(em: EntityManager, record: RemovableRecord, duoId: string, id: string): Promise<boolean> {
    const [, removed]: [unknown, number] = await em.query(`DELETE FROM ${TABLES[record]} WHERE id = $1 AND duo_id = $2`, [id, duoId]);
    return removed > 0;
  }
}
