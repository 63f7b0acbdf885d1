import { StreamableFile } from '@nestjs/common';

/** A file a route hands out for download. */
export interface DownloadFile {
  content: Buffer;
  type: string;
  fileName: string;
}

export function fileDownload(file: DownloadFile): StreamableFile {
  return new StreamableFile(file.content, { type: file.type, length: file.content.length, disposition: contentDisposition(file.fileName) });
}

/**
 * `attachment` with the file name twice (RFC 6266): as plain ASCII for old clients, and exactly
 * as RFC 8187 `filename*` (where ' ( ) * ! must be percent-encoded too: "'s-Hertogenbosch.csv").
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
