import { mediaTypeByExtension } from '../evidence/attachment-types.js';
import { AttachmentFileNameDto } from '../evidence/dto/attachment.dto.js';
import { checkedAttachment, type NewAttachment } from '../evidence/new-attachment.js';
import type { FormFields, UploadedFile } from '../http/form-body.js';
import { readForm, refusal, refusalStatus } from './forms.js';
import { ERROR_MESSAGES } from './words.js';

/** The file of a form, checked as evidence takes it before anything is saved: none, the file, or why not (beside the field, with the status). */
export type FormFile = { ok: true; file?: NewAttachment } | { ok: false; error: string; status: number };

export async function formFile(fields: FormFields): Promise<FormFile> {
  const file = fields.file;
  // A file input left empty sends no file (form-body.ts); a form without one sends nothing either.
  if (file === undefined) return { ok: true };
  if (typeof file !== 'object' || Array.isArray(file)) return { ok: false, error: 'Kies een bestand.', status: 400 };
  if ('tooLarge' in file) return { ok: false, error: ERROR_MESSAGES.ATTACHMENT_TOO_LARGE({ maxBytes: file.maxBytes }), status: 413 };
  if (!file.data.length) return { ok: false, error: 'Dit bestand is leeg.', status: 400 };
  const name = await readForm(AttachmentFileNameDto, { fileName: file.fileName });
  if (!name.ok) return { ok: false, error: 'Deze bestandsnaam kan niet; geef het bestand een kortere naam zonder schuine strepen.', status: 400 };
  try {
    return { ok: true, file: checkedAttachment(name.value.fileName, declaredType(file), file.data) };
  } catch (error) {
    return { ok: false, error: refusal(error), status: refusalStatus(error) };
  }
}

/** Types browsers send for any file they do not know, or (Windows) for a CSV file. */
const UNSPECIFIC_TYPES = new Set(['', 'application/octet-stream', 'application/vnd.ms-excel']);
/** The type a browser declared, or where it declared nothing useful, the type its extension names; the service checks it against the bytes. */
function declaredType(file: UploadedFile): string {
  if (!UNSPECIFIC_TYPES.has(file.contentType)) return file.contentType;
  return mediaTypeByExtension(file.fileName) ?? file.contentType;
}
