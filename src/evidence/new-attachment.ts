import { createHash } from 'node:crypto';
import { DomainException } from '../problems/error-code.js';
import { attachmentTypeProblem, mediaTypeOf } from './attachment-types.js';

/** A file checked and ready to be stored with the evidence, in the transaction of the change that attaches it. */
export interface NewAttachment {
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

/**
 * A file as evidence takes it: not empty, of a type evidence can carry, its first bytes agreeing
 * with that type. Checked before the change's transaction starts, so a refused file writes nothing.
 * The file name is checked where it arrives (the API's query, the page's form).
 */
export function checkedAttachment(fileName: string, contentType: string | undefined, body: unknown): NewAttachment {
  const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const mediaType = mediaTypeOf(contentType);
  if (content.length === 0) {
    throw new DomainException('VALIDATION_FAILED', 'The request has no file: send the file itself as the body, with its own Content-Type.');
  }
  const problem = attachmentTypeProblem(mediaType, content);
  if (problem) throw new DomainException('ATTACHMENT_TYPE_NOT_ALLOWED', problem);
  return { fileName, mediaType, content, sha256: createHash('sha256').update(content).digest('hex') };
}

/** What a retry with the same Idempotency-Key must send again: the same file under the same name. */
export function fingerprintOf(file: NewAttachment): { fileName: string; mediaType: string; sha256: string } {
  return { fileName: file.fileName, mediaType: file.mediaType, sha256: file.sha256 };
}
