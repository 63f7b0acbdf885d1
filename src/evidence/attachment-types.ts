/**
 * The files evidence can carry: photos, PDFs and spreadsheets. A file is taken only when its
 * declared type is one of these and its first bytes agree, so a renamed program is not stored
 * as a "photo".
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: readonly number[], offset = 0) => (content: Buffer) =>
  content.length >= offset + bytes.length && bytes.every((byte, i) => content[offset + i] === byte);

const isWebp = (content: Buffer) => startsWith([0x52, 0x49, 0x46, 0x46])(content) && content.subarray(8, 12).toString('latin1') === 'WEBP';

/** Text a spreadsheet program can open: valid UTF-8 without NUL characters. */
const isCsv = (content: Buffer) => !content.includes(0) && Buffer.from(content.toString('utf8'), 'utf8').equals(content);

export const ATTACHMENT_TYPES: Readonly<Record<string, { label: string; extensions: readonly string[]; matches: (content: Buffer) => boolean }>> = {
  'image/jpeg': { label: 'JPEG photo', extensions: ['jpg', 'jpeg'], matches: startsWith([0xff, 0xd8, 0xff]) },
  'image/png': { label: 'PNG image', extensions: ['png'], matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/webp': { label: 'WebP image', extensions: ['webp'], matches: isWebp },
  'application/pdf': { label: 'PDF', extensions: ['pdf'], matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel spreadsheet (.xlsx)', extensions: ['xlsx'], matches: startsWith(ZIP) },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument spreadsheet (.ods)', extensions: ['ods'], matches: startsWith(ZIP) },
  'text/csv': { label: 'CSV file', extensions: ['csv'], matches: isCsv },
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

/** Why a file cannot be attached, or null when it can. */
export function attachmentTypeProblem(mediaType: string, content: Buffer): string | null {
  const allowed = Object.values(ATTACHMENT_TYPES).map(({ label }) => label).join(', ');
  const type = ATTACHMENT_TYPES[mediaType];
  if (!type) return `Files of type "${mediaType || 'none given'}" cannot be attached. Attach one of: ${allowed}, sent with its own Content-Type.`;
  if (!type.matches(content)) return `The file was sent as ${type.label} (${mediaType}), but its content is not one. Send the file itself with its own type.`;
  return null;
}
