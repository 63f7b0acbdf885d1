import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Principal } from '../shared/roles.js';
import { COMPASS_STEPS, EVIDENCE_KINDS, PERSPECTIVES } from '../compass/compass.machine.js';
import { evidenceConfig } from '../config/environment.js';
import type { CompassProgressView } from '../cycles/cycle.view.js';
import { CyclesService } from '../cycles/cycles.service.js';
import type { DuoView } from '../duos/duo.view.js';
import { DuosService } from '../duos/duos.service.js';
import { AttachmentsService } from '../evidence/attachments.service.js';
import { EvidenceContentDto, RecordEvidenceDto } from '../evidence/dto/evidence.dto.js';
import { EvidenceService, viewerOf } from '../evidence/evidence.service.js';
import type { EvidenceContentView, EvidenceDetailView, EvidenceRevisionView, EvidenceView, RevisionChange } from '../evidence/evidence.view.js';
import type { FormFields } from '../http/form-body.js';
import { formFile, type FormFile } from './form-file.js';
import { DomainException } from '../problems/error-code.js';
import { KIND_NAMES, PERSPECTIVE_NAMES } from '../reports/report-tables.js';
import { confirmation, confirmed } from './confirmation.js';
import { formChange, lines, numberField, readForm, refusal, refusalStatus, text, yesNo, type FieldErrors } from './forms.js';
import { ERROR_MESSAGES, megabytes } from './words.js';
import { duoHome, dutchDate, noticeFrom, page, redirect, type PageData, type PageResult } from './page.js';

const NOTICES: Record<string, string> = {
  opgeslagen: 'De onderbouwing is opgeslagen.',
  'opgeslagen-opnieuw-lezen':
    'De onderbouwing is opgeslagen. Omdat de titel of tekst veranderde, is het verhaal niet meer vrijgegeven voor publicatie: een adviseur leest het eerst opnieuw.',
  bijlage: 'De bijlage is toegevoegd.',
  'bijlage-weg': 'De bijlage is weggehaald.',
  teruggezet: 'De onderbouwing is teruggezet en telt weer mee.',
  vrijgegeven: 'Het verhaal is vrijgegeven voor publicatie: een geanonimiseerde rapportage mag het citeren.',
  'niet-vrijgegeven': 'Het verhaal is niet meer vrijgegeven: een geanonimiseerde rapportage citeert het niet.',
};

/** What the file field asks when the rest of the form was refused: a browser never sends a file twice. */
const CHOOSE_FILE_AGAIN = 'Kies het bestand opnieuw: het is nog niet opgeslagen.';

/** Adding and editing a piece of evidence, its attachments, and deleting it. */
@Injectable()
export class EvidencePagesService {
  constructor(
    private readonly duos: DuosService,
    private readonly cycles: CyclesService,
    private readonly evidence: EvidenceService,
    private readonly attachments: AttachmentsService,
    @Inject(evidenceConfig.KEY) private readonly config: ConfigType<typeof evidenceConfig>,
  ) {}

  /** The duo and where its compass stands, the duo read once. */
  private async duoWithProgress(duoId: string): Promise<{ duo: DuoView; progress: CompassProgressView }> {
    const { view: duo, programme, trajectory } = await this.duos.getWithSources(duoId);
    return { duo, progress: await this.cycles.progressOf(duoId, programme, trajectory) };
  }

  async newForm(duoId: string, principal: Principal, step: unknown, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const { duo, progress } = await this.duoWithProgress(duoId);
    const chosen = COMPASS_STEPS.find((candidate) => String(candidate) === String(step));
    return page(
      'evidence',
      {
        title: 'Onderbouwing toevoegen',
        principal,
        duo,
        cycle: progress.cycle,
        item: null,
        editable: progress.acceptsEvidence,
        current: { step: chosen ?? '', kind: 'stories', perspective: principal.side ?? 'municipality' },
        ...this.choices(progress.cycle),
        ...form,
      },
      status,
    );
  }

  /** New evidence, and the file chosen on the same form: both are saved, or neither. */
  async record(duoId: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const [form, file] = await Promise.all([readForm(RecordEvidenceDto, contentOf(fields)), formFile(fields)]);
    if (!form.ok || !file.ok) return this.newForm(duoId, principal, undefined, refusedForm(fields, form, file), form.ok && !file.ok ? file.status : 400);
    try {
      const recorded = await this.evidence.record(duoId, form.value, formChange(principal, fields), file.file);
      return redirect(`/trajecten/${duoId}/onderbouwing/${recorded.id}?opgeslagen=opgeslagen`);
    } catch (error) {
      return this.newForm(duoId, principal, undefined, { values: typed(fields), errors: fileAgain(file), problem: refusal(error) }, refusalStatus(error));
    }
  }

  async item(duoId: string, id: string, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const [{ duo, progress }, item] = await Promise.all([this.duoWithProgress(duoId), this.evidence.get(duoId, id, viewerOf(principal))]);
    const editable = principal.role !== 'admin' && progress.acceptsEvidence && item.cycle === progress.cycle && !item.deletedAt;
    return page(
      'evidence',
      {
        title: item.title,
        principal,
        duo,
        cycle: item.cycle,
        openCycle: progress.cycle,
        item,
        editable,
        current: valuesOf(item),
        history: historyOf(item.history),
        // Only advisers mark a story fit for publication; a deleted one is in no report.
        marksPublication: principal.role === 'adviser' && item.kind === 'stories' && !item.deletedAt,
        ...this.choices(item.cycle),
        ...form,
      },
      status,
    );
  }

  /** The new content, and the file chosen on the same form: both are saved, or neither. */
  async edit(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const [form, file] = await Promise.all([readForm(EvidenceContentDto, contentOf(fields)), formFile(fields)]);
    if (!form.ok || !file.ok) return this.item(duoId, id, principal, refusedForm(fields, form, file), form.ok && !file.ok ? file.status : 400);
    let edited: EvidenceDetailView;
    try {
      edited = await this.evidence.edit(duoId, id, form.value, formChange(principal, fields), file.file);
    } catch (error) {
      const conflict = error instanceof DomainException && error.code === 'VERSION_CONFLICT';
      return this.item(duoId, id, principal, { values: typed(fields), errors: fileAgain(file), problem: refusal(error), conflict }, refusalStatus(error));
    }
    const [before, after] = edited.history.slice(-2);
    const unmarked = before?.publishable && !after.publishable;
    return redirect(`/trajecten/${duoId}/onderbouwing/${id}?opgeslagen=${unmarked ? 'opgeslagen-opnieuw-lezen' : 'opgeslagen'}`);
  }

  /** An adviser who read the story marks it fit for publication (the version the page showed), or takes the mark back. */
  async publication(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const publishable = text(fields, 'publishable') === 'ja';
    try {
      await this.evidence.setPublication(duoId, id, { publishable }, formChange(principal, fields));
    } catch (error) {
      return this.item(duoId, id, principal, { form: 'publicatie', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderbouwing/${id}?opgeslagen=${publishable ? 'vrijgegeven' : 'niet-vrijgegeven'}`);
  }

  /** Asks first, saying what deleting does; only the confirmed form deletes. */
  async delete(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    if (!confirmed(fields)) {
      const { title, cycle } = await this.evidence.get(duoId, id, viewerOf(principal));
      const consequence = `“${title}” wordt verwijderd en telt niet meer mee in cyclus ${cycle}. Een adviseur kan de onderbouwing terugzetten.`;
      const action = `/trajecten/${duoId}/onderbouwing/${id}/verwijderen`;
      return this.item(duoId, id, principal, { form: 'verwijderen', confirmation: confirmation('Onderbouwing verwijderen?', [consequence], action, fields, 'verwijderen') });
    }
    try {
      await this.evidence.delete(duoId, id, formChange(principal, fields));
    } catch (error) {
      return this.item(duoId, id, principal, { form: 'verwijderen', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`${duoHome(principal, duoId)}?opgeslagen=verwijderd`);
  }

  /** An adviser undoes a deletion. */
  async restore(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    try {
      await this.evidence.restore(duoId, id, formChange(principal, fields));
    } catch (error) {
      return this.item(duoId, id, principal, { form: 'terugzetten', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderbouwing/${id}?opgeslagen=teruggezet`);
  }

  /** Another file for the evidence, with the form for attachments alone. */
  async attach(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const file = await formFile(fields);
    if (!file.ok) return this.item(duoId, id, principal, { form: 'bijlage', errors: { file: file.error } }, file.status);
    if (!file.file) return this.item(duoId, id, principal, { form: 'bijlage', errors: { file: 'Kies een bestand.' } }, 400);
    try {
      await this.attachments.add(duoId, id, { fileName: file.file.fileName }, file.file.mediaType, file.file.content, formChange(principal, fields));
    } catch (error) {
      return this.item(duoId, id, principal, { form: 'bijlage', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderbouwing/${id}?opgeslagen=bijlage`);
  }

  async detach(duoId: string, id: string, attachmentId: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    try {
      await this.attachments.remove(duoId, id, attachmentId, formChange(principal, fields));
    } catch (error) {
      return this.item(duoId, id, principal, { form: 'bijlage', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderbouwing/${id}?opgeslagen=bijlage-weg`);
  }

  notice(saved: unknown): string | undefined {
    return noticeFrom(NOTICES, saved);
  }

  /** The steps a cycle takes evidence for (step 0 only in the first), the kinds and perspectives, and how large a file may be. */
  private choices(cycle: number) {
    return {
      steps: COMPASS_STEPS.filter((step) => step !== 0 || cycle === 1),
      kinds: EVIDENCE_KINDS,
      perspectives: PERSPECTIVES,
      maxFileSize: megabytes(this.config.ATTACHMENT_MAX_BYTES),
    };
  }
}


/** What the person typed, to show again; never the file, which no page can fill in. */
function typed(fields: FormFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'file'));
}

/** Where the rest of the form was refused, a file that was fine must be chosen again. */
function fileAgain(file: FormFile): FieldErrors {
  return file.ok && file.file ? { file: CHOOSE_FILE_AGAIN } : {};
}

/** The evidence form back with what was typed, an error beside each field that is not right, the file's among them. */
function refusedForm(fields: FormFields, form: { ok: boolean; errors?: FieldErrors }, file: FormFile): Partial<PageData> {
  const fileError = file.ok ? fileAgain(file) : { file: file.error };
  return { values: typed(fields), errors: { ...(form.ok ? {} : form.errors), ...fileError }, problem: ERROR_MESSAGES.VALIDATION_FAILED() };
}

/** A revision as the history on the page tells it: who, when, what kind of change, and what changed. */
interface HistoryEntry {
  version: number;
  changedBy: string;
  changedAt: string;
  change: string;
  changes: string[];
  /** The text of this version, where it is new. */
  text?: string;
}

const CHANGE_NAMES: Record<RevisionChange, string> = {
  recorded: 'Vastgelegd',
  edited: 'Gewijzigd',
  deleted: 'Verwijderd',
  restored: 'Teruggezet',
  attachmentAdded: 'Bijlage toegevoegd',
  attachmentRemoved: 'Bijlage weggehaald',
  publicationMarked: 'Vrijgegeven voor publicatie',
  publicationWithdrawn: 'Niet meer vrijgegeven voor publicatie',
};

/** Every revision, newest first, each with what changed since the one before. */
function historyOf(history: EvidenceRevisionView[]): HistoryEntry[] {
  return history
    .map((revision, index) => ({
      version: revision.version,
      changedBy: revision.changedBy,
      changedAt: revision.changedAt,
      change: CHANGE_NAMES[revision.change],
      ...changesIn(history[index - 1], revision),
    }))
    .reverse();
}

function changesIn(before: EvidenceRevisionView | undefined, after: EvidenceRevisionView): { changes: string[]; text?: string } {
  if (!after.content) return { changes: ['Wat er toen stond, is alleen voor het duo en zijn adviseurs.'] };
  const earlier = before?.content;
  const changes = [...contentChanges(earlier, after.content), ...attachmentChanges(before?.content ? before.attachments : [], after.attachments)];
  if (before?.publishable && !after.publishable && after.change !== 'publicationWithdrawn') {
    changes.push('Niet meer vrijgegeven voor publicatie: de woorden zijn veranderd.');
  }
  return { changes, ...(earlier?.text !== after.content.text ? { text: after.content.text } : {}) };
}

const yesOrNo = (value: boolean | null) => (value === null ? '(niet van toepassing)' : value ? 'ja' : 'nee');

function indicatorWords(indicator: EvidenceContentView['indicator']): string {
  if (!indicator) return '(geen)';
  const value = indicator.value.toLocaleString('nl-NL');
  return `${indicator.name}: ${value} ${indicator.unit} (${dutchDate(indicator.periodStart)} tot en met ${dutchDate(indicator.periodEnd)})`;
}

/** The content as the revision before had it and as this one has it, field by field; the first version says what it was. */
function contentChanges(before: EvidenceContentView | null | undefined, after: EvidenceContentView): string[] {
  if (!before) {
    return [
      `Stap ${after.step}, ${KIND_NAMES[after.kind]} vanuit ${PERSPECTIVE_NAMES[after.perspective]}: “${after.title}”`,
      ...(after.indicator ? [`Cijfers: ${indicatorWords(after.indicator)}`] : []),
      ...(after.links.length ? [`Links: ${after.links.join(', ')}`] : []),
    ];
  }
  const fields: [string, string, string][] = [
    ['Stap', String(before.step), String(after.step)],
    ['Soort', KIND_NAMES[before.kind], KIND_NAMES[after.kind]],
    ['Perspectief', PERSPECTIVE_NAMES[before.perspective], PERSPECTIVE_NAMES[after.perspective]],
    ['Titel', `“${before.title}”`, `“${after.title}”`],
    ['Cijfers', indicatorWords(before.indicator), indicatorWords(after.indicator)],
    ['Over een persoon', yesOrNo(before.aboutAPerson), yesOrNo(after.aboutAPerson)],
    ['Toestemming', yesOrNo(before.consentGiven), yesOrNo(after.consentGiven)],
    ['Links', before.links.join(', ') || '(geen)', after.links.join(', ') || '(geen)'],
  ];
  return [
    ...fields.filter(([, was, is]) => was !== is).map(([name, was, is]) => `${name}: ${was} → ${is}`),
    ...(before.text !== after.text ? ['De tekst is gewijzigd.'] : []),
  ];
}

/** The files added and taken off between two revisions (a name can be there twice). */
function attachmentChanges(before: string[], after: string[]): string[] {
  const without = (list: string[], others: string[]) => {
    const left = [...others];
    return list.filter((name) => {
      const at = left.indexOf(name);
      if (at === -1) return true;
      left.splice(at, 1);
      return false;
    });
  };
  return [...without(after, before).map((name) => `Bijlage toegevoegd: ${name}`), ...without(before, after).map((name) => `Bijlage weggehaald: ${name}`)];
}

/** The form as the DTO takes it: the indicator only for figures, the consent only for a story about a person. */
function contentOf(fields: FormFields): object {
  const kind = text(fields, 'kind');
  const step = numberField(fields, 'step');
  const aboutAPerson = kind === 'stories' ? yesNo(fields, 'aboutAPerson') : undefined;
  return {
    step,
    kind,
    perspective: text(fields, 'perspective'),
    title: text(fields, 'title'),
    text: text(fields, 'text'),
    ...(kind === 'figures'
      ? {
          indicator: {
            name: text(fields, 'indicator.name'),
            value: numberField(fields, 'indicator.value'),
            unit: text(fields, 'indicator.unit'),
            periodStart: text(fields, 'indicator.periodStart'),
            periodEnd: text(fields, 'indicator.periodEnd'),
          },
        }
      : {}),
    ...(kind === 'stories' ? { aboutAPerson } : {}),
    ...(aboutAPerson ? { consentGiven: yesNo(fields, 'consentGiven') } : {}),
    links: lines(fields, 'links'),
  };
}

/** A piece of evidence as its form shows it. */
function valuesOf(item: EvidenceView): Record<string, unknown> {
  const yes = (value: boolean | null) => (value === null ? '' : value ? 'ja' : 'nee');
  return {
    step: item.step,
    kind: item.kind,
    perspective: item.perspective,
    title: item.title,
    text: item.text,
    'indicator.name': item.indicator?.name,
    'indicator.value': item.indicator ? String(item.indicator.value).replace('.', ',') : undefined,
    'indicator.unit': item.indicator?.unit,
    'indicator.periodStart': item.indicator?.periodStart,
    'indicator.periodEnd': item.indicator?.periodEnd,
    aboutAPerson: yes(item.aboutAPerson),
    consentGiven: yes(item.consentGiven),
    links: item.links.join('\n'),
  };
}
