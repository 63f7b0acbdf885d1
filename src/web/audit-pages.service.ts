import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuditRecordView } from '../audit/audit-record.view.js';
import { AuditService, type AuditAction } from '../audit/audit.service.js';
import { AuditQueryDto } from '../audit/dto/audit-query.dto.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { DuosService } from '../duos/duos.service.js';
import type { FormFields } from '../http/form-body.js';
import { sessionName } from '../sessions/session-kinds.js';
import { type Side } from '../shared/sides.js';
import type { InquiryRecord } from '../programmes/programme.js';
import { readForm, renameFields, text, type FieldErrors } from './forms.js';
import { dutchDate, dutchDateTime, page, type PageResult } from './page.js';
import { ERROR_MESSAGES, INQUIRY_RECORD_NAMES, ROLE_NAMES, SIDE_NAMES } from './words.js';
import { unitName } from '../shared/unit-name.js';

/** How many records one page of the audit log shows. */
const PAGE_SIZE = 50;

/** Each kind of change as the audit log's page names it. */
export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  'cohort.created': 'Editie aangemaakt',
  'cohort.updated': 'Editie gewijzigd',
  'cohort.adviser_assigned': 'Adviseur aan editie gekoppeld',
  'session.planned': 'Bijeenkomst gepland',
  'session.moved': 'Bijeenkomst verplaatst',
  'account.invited': 'Uitgenodigd',
  'account.activated': 'Uitnodiging aangenomen',
  'account.password_reset': 'Wachtwoord hersteld',
  'account.disabled': 'Account geblokkeerd',
  'account.enabled': 'Account vrijgegeven',
  'duo.publication_consent': 'Toestemming voor publicatie',
  'duo.contact_person_added': 'Contactpersoon toegevoegd',
  'duo.contact_person_changed': 'Contactpersoon gewijzigd',
  'duo.contact_person_removed': 'Contactpersoon verwijderd',
  'inquiry.recorded': 'Onderzoek vastgelegd',
  'inquiry.removed': 'Uit het onderzoek verwijderd',
  'person.erased': 'Persoonsgegevens gewist',
  'series.created': 'Reeks bijeenkomsten aangemaakt',
  'series.updated': 'Reeks bijeenkomsten gewijzigd',
  'meeting.created': 'Open bijeenkomst aangemaakt',
  'meeting.updated': 'Open bijeenkomst gewijzigd',
  'meeting.download_added': 'Download toegevoegd',
  'meeting.download_removed': 'Download weggehaald',
  'meeting.called_off': 'Open bijeenkomst afgelast',
  'meeting.attendance_recorded': 'Aanwezigheid bij open bijeenkomst',
};

/** The fields of an edition that a change to it lists (cohort.updated), as the edition's page names them. */
const COHORT_FIELDS: Record<string, string> = {
  name: 'naam',
  description: 'beschrijving',
  location: 'plaats',
  registrationDeadline: 'aanmelden tot en met',
  capacity: 'plaatsen',
  workshop3Planned: 'optionele bijeenkomsten',
};

/** The filters as the page's address names them (?wie=...), and as the API's query names them. */
const FILTERS = { wie: 'actorId', soort: 'action', editie: 'cohortId', duo: 'duoId', van: 'from', tot: 'to' } as const;
type FilterName = keyof typeof FILTERS;
const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];
const CHOICES: readonly FilterName[] = ['wie', 'soort', 'editie', 'duo'];

function shown(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dutchDate(value);
  return value === null || value === undefined || value === '' ? '(leeg)' : String(value);
}

/** The address of the audit log with these filters (and `voor`: the page after that record). */
function address(values: Record<FilterName, string>, before?: string): string {
  const query = new URLSearchParams([...FILTER_NAMES.filter((name) => values[name]).map((name): [string, string] => [name, values[name]]), ...(before ? [['voor', before] as [string, string]] : [])]);
  const search = query.toString();
  return `/beheer/auditlog${search ? `?${search}` : ''}`;
}

/**
 * The admins' page of the audit log: who changed what outside the duos' trajectories, newest
 * first, filtered by who, what kind of change, an edition or one of its duos, and a period.
 */
@Injectable()
export class AuditPagesService {
  constructor(
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
    private readonly cohorts: CohortsService,
    private readonly duos: DuosService,
  ) {}

  async list(principal: Principal, query: FormFields): Promise<PageResult> {
    const values = Object.fromEntries(FILTER_NAMES.map((name) => [name, text(query, name).trim()])) as Record<FilterName, string>;
    const [accounts, cohorts] = await Promise.all([this.accounts.list(), this.cohorts.list(principal)]);
    // A duo is chosen among the edition's; one of another edition (the edition changed since) does not count.
    const cohortDuos = cohorts.some((cohort) => cohort.id === values.editie) ? await this.duos.listInCohort(values.editie) : [];
    if (!cohortDuos.some((duo) => duo.id === values.duo)) values.duo = '';
    const options = {
      accounts: accounts.map((account) => [account.id, `${account.name} (${ROLE_NAMES[account.role as Principal['role']]})`]),
      actions: Object.entries(AUDIT_ACTION_NAMES),
      cohorts: cohorts.map((cohort) => [cohort.id, cohort.name]),
      duos: cohortDuos.map((duo) => [duo.id, unitName(duo)]),
    };
    const data = { title: 'Auditlog', principal, form: 'filter', values, options };

    const before = text(query, 'voor');
    const form = renameFields(
      await readForm(AuditQueryDto, {
        ...Object.fromEntries(FILTER_NAMES.filter((name) => values[name] && !(name === 'editie' && values.duo)).map((name) => [FILTERS[name], values[name]])),
        ...(before ? { before } : {}),
        limit: PAGE_SIZE + 1,
      }),
      (field) => FILTER_NAMES.find((name) => FILTERS[name] === field) ?? field,
    );
    if (!form.ok) {
      const errors: FieldErrors = Object.fromEntries(
        Object.entries(form.errors).map(([field, message]) => [field, CHOICES.includes(field as FilterName) ? 'Kies een van de mogelijkheden.' : message]),
      );
      return page('audit-log', { ...data, errors, problem: ERROR_MESSAGES.VALIDATION_FAILED() }, 400);
    }
    const records = await this.audit.list(form.value);
    const rows = records.slice(0, PAGE_SIZE);
    const names = await this.names(rows, accounts, cohorts);
    return page('audit-log', {
      ...data,
      rows: rows.map((record) => this.row(record, names)),
      newer: before ? address(values) : undefined,
      older: records.length > PAGE_SIZE ? address(values, rows[rows.length - 1].id) : undefined,
      filtered: FILTER_NAMES.some((name) => values[name]),
    });
  }

  /** The names of what the records are about: accounts, editions and duos, by id. */
  private async names(records: AuditRecordView[], accounts: { id: string; name: string }[], cohorts: { id: string; name: string }[]): Promise<Map<string, string>> {
    const duoIds = new Set(records.flatMap((record) => [record.subjectType === 'duo' ? record.subjectId : [], duoIdIn(record) ?? []].flat()));
    const duos = await Promise.all(
      [...duoIds].map(async (id): Promise<[string, string]> => {
        const duo = await this.duos.get(id).catch(() => undefined);
        return [id, duo ? unitName(duo) : 'een duo'];
      }),
    );
    return new Map([...accounts.map((account): [string, string] => [account.id, account.name]), ...cohorts.map((cohort): [string, string] => [cohort.id, cohort.name]), ...duos]);
  }

  private row(record: AuditRecordView, names: Map<string, string>) {
    const name = (id: string | undefined) => (id && names.get(id)) || undefined;
    const subjects: Record<string, { label: string; href?: string }> = {
      cohort: { label: `Editie ${name(record.subjectId) ?? ''}`.trim(), href: `/edities/${record.subjectId}` },
      duo: { label: `Duo ${name(record.subjectId) ?? ''}`.trim(), href: `/trajecten/${record.subjectId}` },
      account: { label: `Account ${name(record.subjectId) ?? ''}`.trim() },
      series: { label: 'Reeks', href: `/reeksen/${record.subjectId}/beheer` },
      meeting: { label: 'Open bijeenkomst', href: `/bijeenkomsten/${record.subjectId}/beheer` },
    };
    const about = subjects[record.subjectType] ?? { label: record.subjectType };
    return {
      id: record.id,
      when: dutchDateTime(record.recordedAt),
      who: record.actorName ?? 'de opdrachtregel',
      what: AUDIT_ACTION_NAMES[record.action as AuditAction] ?? record.action,
      about,
      details: detailsOf(record, (id) => name(id) ?? 'een duo'),
    };
  }
}

function duoIdIn(record: AuditRecordView): string | undefined {
  const duoId = record.details.duoId;
  return typeof duoId === 'string' ? duoId : undefined;
}

const CONTACT_FIELDS = { name: 'naam', email: 'e-mailadres', phone: 'telefoon' } as const;

/** The fields of a contact person an edit changed, each from what to what. */
function contactPersonChanges(details: Record<string, unknown>): string {
  const before = (details.before ?? {}) as Record<string, unknown>;
  const after = (details.after ?? {}) as Record<string, unknown>;
  const changed = (Object.keys(CONTACT_FIELDS) as (keyof typeof CONTACT_FIELDS)[]).filter((field) => (before[field] ?? null) !== (after[field] ?? null));
  return changed.map((field) => `${CONTACT_FIELDS[field]}: ${shown(before[field])} → ${shown(after[field])}`).join('; ') || 'niets veranderd';
}

/** What a record's details say, in Dutch: what changed and from what. */
function detailsOf(record: AuditRecordView, duoName: (id: string) => string): string {
  const details = record.details;
  const duo = duoIdIn(record);
  const withDuo = duo ? `, met ${duoName(duo)}` : '';
  switch (record.action as AuditAction) {
    case 'cohort.created':
      return `“${shown(details.name)}”`;
    case 'cohort.updated': {
      const before = (details.before ?? {}) as Record<string, unknown>;
      const after = (details.after ?? {}) as Record<string, unknown>;
      return Object.keys(after)
        .map((field) => `${COHORT_FIELDS[field] ?? field}: ${shown(before[field])} → ${shown(after[field])}`)
        .join('; ');
    }
    case 'cohort.adviser_assigned':
      return shown(details.name);
    case 'session.planned':
      return `${sessionName(String(details.kind))} op ${dutchDateTime(String(details.startsAt))}${withDuo}`;
    case 'session.moved':
      return `${sessionName(String(details.kind))} naar ${dutchDateTime(String(details.startsAt))} (was ${dutchDateTime(String(details.from))})${withDuo}`;
    case 'account.invited':
      return `als ${ROLE_NAMES[details.role as Principal['role']] ?? shown(details.role)}${duo ? ` van ${duoName(duo)} (${SIDE_NAMES[details.side as Side] ?? ''})` : ''}`;
    case 'duo.publication_consent':
      return `met naam in gepubliceerde rapportages: ${shown(details.namedInPublications)} (was ${shown(details.before)})`;
    case 'duo.contact_person_added':
    case 'duo.contact_person_removed':
      return `${shown(details.name)} (${SIDE_NAMES[details.side as Side] ?? ''}), ${shown(details.email)}`;
    case 'duo.contact_person_changed':
      return contactPersonChanges(details);
    case 'inquiry.recorded':
    case 'inquiry.removed':
      return INQUIRY_RECORD_NAMES[details.record as InquiryRecord] ?? shown(details.record);
    case 'person.erased':
    case 'meeting.called_off':
      return `reden: “${shown(details.reason)}”`;
    case 'series.created':
    case 'meeting.created':
    case 'meeting.download_added':
    case 'meeting.download_removed':
      return `“${shown(details.name)}”`;
    case 'series.updated':
    case 'meeting.updated':
      return Object.keys((details.after ?? {}) as Record<string, unknown>).join(', ');
    case 'meeting.attendance_recorded':
      return `${shown(details.attended)} aanwezig`;
    case 'account.activated':
    case 'account.password_reset':
    case 'account.disabled':
    case 'account.enabled':
      return '';
  }
}
