import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { COMPASS_STEPS, EVIDENCE_KINDS, PERSPECTIVES } from '../compass/compass.machine.js';
import { CyclesService } from '../cycles/cycles.service.js';
import { DuosService } from '../duos/duos.service.js';
import { AttachmentsService } from '../evidence/attachments.service.js';
import { mediaTypeByExtension } from '../evidence/attachment-types.js';
import { AttachmentFileNameDto } from '../evidence/dto/attachment.dto.js';
import { EvidenceContentDto, RecordEvidenceDto } from '../evidence/dto/evidence.dto.js';
import { EvidenceService, viewerOf } from '../evidence/evidence.service.js';
import type { EvidenceView } from '../evidence/evidence.view.js';
import type { FormFields, UploadedFile } from '../http/form-body.js';
import { DomainException } from '../problems/error-code.js';
import { confirmation, confirmed } from './confirmation.js';
import { formChange, lines, numberField, readForm, refusal, refusalStatus, text, yesNo } from './forms.js';
import { ERROR_MESSAGES } from './words.js';
import { duoHome, noticeFrom, page, redirect, type PageData, type PageResult } from './page.js';

const NOTICES: Record<string, string> = {
  opgeslagen: 'De onderbouwing is opgeslagen. U kunt er nog een bijlage bij zetten.',
  bijlage: 'De bijlage is toegevoegd.',
  'bijlage-weg': 'De bijlage is weggehaald.',
  teruggezet: 'De onderbouwing is teruggezet en telt weer mee.',
};

/** Adding and editing a piece of evidence, its attachments, and deleting it. */
@Injectable()
export class EvidencePagesService {
  constructor(
    private readonly duos: DuosService,
    private readonly cycles: CyclesService,
    private readonly evidence: EvidenceService,
    private readonly attachments: AttachmentsService,
  ) {}

  async newForm(duoId: string, principal: Principal, step: unknown, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const [duo, progress] = await Promise.all([this.duos.get(duoId), this.cycles.progress(duoId)]);
    const chosen = COMPASS_STEPS.find((candidate) => String(candidate) === String(step));
    return page(
      'evidence',
      { title: 'Onderbouwing toevoegen', principal, duo, cycle: progress.cycle, item: null, editable: progress.acceptsEvidence, current: { step: chosen ?? '', kind: 'stories', perspective: principal.side ?? 'municipality' }, ...this.choices(progress.cycle), ...form },
      status,
    );
  }

  async record(duoId: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(RecordEvidenceDto, contentOf(fields));
    if (!form.ok) return this.newForm(duoId, principal, undefined, { values: fields, errors: form.errors, problem: ERROR_MESSAGES.VALIDATION_FAILED() }, 400);
    try {
      const recorded = await this.evidence.record(duoId, form.value, formChange(principal, fields));
      return redirect(`/trajecten/${duoId}/onderbouwing/${recorded.id}?opgeslagen=opgeslagen`);
    } catch (error) {
      return this.newForm(duoId, principal, undefined, { values: fields, problem: refusal(error) }, refusalStatus(error));
    }
  }

  async item(duoId: string, id: string, principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    const [duo, progress, item] = await Promise.all([this.duos.get(duoId), this.cycles.progress(duoId), this.evidence.get(duoId, id, viewerOf(principal))]);
    const editable = principal.role !== 'admin' && progress.acceptsEvidence && item.cycle === progress.cycle && !item.deletedAt;
    return page(
      'evidence',
      { title: item.title, principal, duo, cycle: item.cycle, openCycle: progress.cycle, item, editable, current: valuesOf(item), ...this.choices(item.cycle), ...form },
      status,
    );
  }

  async edit(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(EvidenceContentDto, contentOf(fields));
    if (!form.ok) return this.item(duoId, id, principal, { values: fields, errors: form.errors, problem: ERROR_MESSAGES.VALIDATION_FAILED() }, 400);
    try {
      await this.evidence.edit(duoId, id, form.value, formChange(principal, fields));
    } catch (error) {
      const conflict = error instanceof DomainException && error.code === 'VERSION_CONFLICT';
      return this.item(duoId, id, principal, { values: fields, problem: refusal(error), conflict }, refusalStatus(error));
    }
    return redirect(`/trajecten/${duoId}/onderbouwing/${id}?opgeslagen=opgeslagen`);
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

  async attach(duoId: string, id: string, principal: Principal, fields: FormFields): Promise<PageResult> {
    const file = fields.file as UploadedFile | undefined;
    if (!file || typeof file !== 'object' || Array.isArray(file)) {
      return this.item(duoId, id, principal, { form: 'bijlage', errors: { file: 'Kies een bestand.' } }, 400);
    }
    if (!file.data.length) return this.item(duoId, id, principal, { form: 'bijlage', errors: { file: 'Dit bestand is leeg.' } }, 400);
    const name = await readForm(AttachmentFileNameDto, { fileName: file.fileName });
    if (!name.ok) return this.item(duoId, id, principal, { form: 'bijlage', errors: { file: 'Deze bestandsnaam kan niet; geef het bestand een kortere naam zonder schuine strepen.' } }, 400);
    try {
      await this.attachments.add(duoId, id, name.value, declaredType(file), file.data, formChange(principal, fields));
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

  /** The steps a cycle takes evidence for (step 0 only in the first), and the kinds and perspectives. */
  private choices(cycle: number) {
    return { steps: COMPASS_STEPS.filter((step) => step !== 0 || cycle === 1), kinds: EVIDENCE_KINDS, perspectives: PERSPECTIVES };
  }
}

/** Types browsers send for any file they do not know, or (Windows) for a CSV file. */
const UNSPECIFIC_TYPES = new Set(['', 'application/octet-stream', 'application/vnd.ms-excel']);
/** The type a browser declared, or where it declared nothing useful, the type its extension names; the service checks it against the bytes. */
function declaredType(file: UploadedFile): string {
  if (!UNSPECIFIC_TYPES.has(file.contentType)) return file.contentType;
  return mediaTypeByExtension(file.fileName) ?? file.contentType;
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
