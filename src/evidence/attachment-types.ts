import { ValidateBy } from 'class-validator';

/**
 * The files evidence can carry: photos, PDFs and spreadsheets. A file is taken only when its
 * declared type is one of these and its first bytes agree, so a renamed program is not stored
 * as a "photo".
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: readonly number[], offset = 0) => (content: Buffer) =>
  content.length >= offset + bytes.length && bytes.every((byte, i) => content[offset + i] === byte);

const isWebp = (content: Buffer) => startsWith([0x52, 0x49, 0x46, 0x46])(content) && content.subarray(8, 12).toString('latin1') === 'WEBP';

/** Control characters other than tab, line feed and carriage return; NUL among them. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/;

/**
 * Text a spreadsheet program can open: valid UTF-8 without control characters, and no markup.
 * A browser that guesses a type could run a "CSV" that starts with `<` (after a byte order mark
 * or blank space) as a web page, so such a file is refused, whatever the rest of it holds.
 */
const isCsv = (content: Buffer) => {
  const text = content.toString('utf8');
  return Buffer.from(text, 'utf8').equals(content) && !CONTROL_IN_TEXT.test(text) && !/^[\uFEFF\s]*</.test(text);
};

interface AttachmentType {
  label: string;
  extensions: readonly string[];
  matches: (content: Buffer) => boolean;
  /** What the content of such a file must be, when its first bytes do not say it. */
  requirement?: string;
}

export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  'image/jpeg': { label: 'JPEG photo', extensions: ['jpg', 'jpeg'], matches: startsWith([0xff, 0xd8, 0xff]) },
  'image/png': { label: 'PNG image', extensions: ['png'], matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/webp': { label: 'WebP image', extensions: ['webp'], matches: isWebp },
  'application/pdf': { label: 'PDF', extensions: ['pdf'], matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel spreadsheet (.xlsx)', extensions: ['xlsx'], matches: startsWith(ZIP) },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument spreadsheet (.ods)', extensions: ['ods'], matches: startsWith(ZIP) },
  'text/csv': {
    label: 'CSV file',
    extensions: ['csv'],
    matches: isCsv,
    requirement: 'A CSV file must be plain text in UTF-8, without control characters, and not a web page or other markup (it may not start with "<").',
  },
};

/** The media type a file name's extension stands for, among the types evidence takes ("foto.JPG" is image/jpeg). */
export function mediaTypeByExtension(fileName: string): string | undefined {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return Object.entries(ATTACHMENT_TYPES).find(([, type]) => type.extensions.includes(extension))?.[0];
}

/** The media type without parameters, in lower case: "text/csv; charset=utf-8" is text/csv. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** The Content-Type a stored file is sent with: a CSV was taken only as UTF-8 text, and saying so keeps a browser from guessing another encoding. */
export function downloadTypeOf(mediaType: string): string {
  return mediaType === 'text/csv' ? 'text/csv; charset=utf-8' : mediaType;
}

/** Why a file cannot be attached, or null when it can. */
export function attachmentTypeProblem(mediaType: string, content: Buffer): string | null {
  const allowed = Object.values(ATTACHMENT_TYPES).map(({ label }) => label).join(', ');
  const type = ATTACHMENT_TYPES[mediaType];
  if (!type) return `Files of type "${mediaType || 'none given'}" cannot be attached. Attach one of: ${allowed}, sent with its own Content-Type.`;
  if (!type.matches(content)) {
    return [`The file was sent as ${type.label} (${mediaType}), but its content is not one.`, type.requirement, 'Send the file itself with its own type.']
      .filter(Boolean)
      .join(' ');
  }
  return null;
}

/**
 * Characters that change the writing direction (U+202E turns "foto\u202Egnp.exe" into what
 * reads as "fotoexe.png"), and Arabic letter, left-to-right and right-to-left marks.
 */
const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Control characters, and line and paragraph separators, which break a name across lines. */
const CONTROLS = /[\p{Cc}\u2028\u2029]/u;

/** Why a name cannot be an attachment's file name (the name it is downloaded under), or null when it can. */
export function attachmentFileNameProblem(fileName: string): string | null {
  if (/[/\\]/.test(fileName)) return 'must be a file name without slashes';
  if (DIRECTION_CONTROLS.test(fileName)) {
    return 'must not hold characters that change the writing direction (such as U+202E), which can make a file look like another type: rename the file';
  }
  if (CONTROLS.test(fileName)) return 'must not hold control characters (tabs, line breaks and the like): rename the file';
  if (fileName === '.' || fileName === '..') return 'cannot be "." or "..": give the file a name';
  return null;
}

/** The check of an attachment's file name, for the DTO of the API and of the web form alike. */
export function IsAttachmentFileName() {
  return ValidateBy({
    name: 'isAttachmentFileName',
    validator: {
      validate: (value) => typeof value !== 'string' || attachmentFileNameProblem(value) === null,
      defaultMessage: (args) => `${args?.property} ${attachmentFileNameProblem(String(args?.value))}`,
    },
  });
}
