/**
 * `attachment` with the file name twice (RFC 6266): as plain ASCII for old clients, and exactly
 * as RFC 8187 `filename*` (where ' ( ) * ! must be percent-encoded too: "'s-Hertogenbosch.csv").
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
