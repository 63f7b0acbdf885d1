import { Busboy } from '@fastify/busboy';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import { readableSize } from '../shared/sizes.js';
import { DomainException } from '../problems/error-code.js';
import { isPageRequest } from './pages.js';

/** What a web form sends: each field's text (a list where a name repeats), and at most one file. */
export type FormFields = Record<string, string | string[] | UploadedFile>;

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export const MAX_FORM_BYTES = 1024 * 1024;

function unsupported(request: FastifyRequest): Error {
  return Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type'] ?? 'none'}`), { statusCode: 415 });
}

function tooLarge(maxBytes: number): DomainException {
  return new DomainException(
    'ATTACHMENT_TOO_LARGE',
    `An attachment may be at most ${readableSize(maxBytes)} (${maxBytes} bytes). Send a smaller file, or a link to it.`,
  );
}

/** Adds a field as a browser sends it: a name that repeats (checkboxes) becomes a list. */
function addField(fields: FormFields, name: string, value: string): void {
  const earlier = fields[name];
  if (earlier === undefined) fields[name] = value;
  else if (Array.isArray(earlier)) earlier.push(value);
  else if (typeof earlier === 'string') fields[name] = [earlier, value];
}

/** Fields by name, on an object without a prototype: no field name ("__proto__") can reach one. */
function noFields(): FormFields {
  return Object.create(null) as FormFields;
}

/**
 * A form sent from another site (Sec-Fetch-Site, which browsers set and pages cannot): refused
 * before anything is read, also on the forms without a session (signing in, accepting an
 * invitation, registering), where no CSRF token can exist yet.
 */
function fromAnotherSite(request: FastifyRequest): DomainException | undefined {
  const site = request.headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return undefined;
  return new DomainException('CSRF_TOKEN_INVALID', 'This form did not come from Trajectkompas.');
}

/** A web form without a file (application/x-www-form-urlencoded); the API answers 415 to it. */
export const parseFormBody: FastifyBodyParser<Buffer> = (request, body, done) => {
  if (!isPageRequest(request)) return done(unsupported(request), undefined);
  const foreign = fromAnotherSite(request);
  if (foreign) return done(foreign, undefined);
  const fields = noFields();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) addField(fields, name, value);
  done(null, fields);
};

/**
 * A web form with one file (multipart/form-data), on pages only: at most `maxFileBytes` for the
 * file and MAX_FORM_BYTES for the rest, counted as the body arrives (a chunked body has no
 * Content-Length to check first).
 */
export function acceptFileForms(fastify: FastifyInstance, maxFileBytes: number): void {
  const maxBytes = maxFileBytes + MAX_FORM_BYTES;
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    if (!isPageRequest(request)) return done(unsupported(request), undefined);
    const foreign = fromAnotherSite(request);
    if (foreign) return done(foreign, undefined);
    if (Number(request.headers['content-length']) > maxBytes) return done(tooLarge(maxFileBytes), undefined);
    const fields = noFields();
    const files: Promise<void>[] = [];
    let failure: Error | undefined;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      if (error) {
        payload.unpipe();
        payload.resume();
        done(error, undefined);
      } else done(null, fields);
    };
    const malformed = (error: Error) => finish(failure ?? Object.assign(error, { statusCode: 400 }));
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: request.headers as { 'content-type': string },
        limits: { fileSize: maxFileBytes, files: 1, fields: 100, parts: 101, fieldSize: 128 * 1024 },
      });
    } catch (error) {
      return malformed(error as Error);
    }
    let received = 0;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) finish(tooLarge(maxFileBytes));
    });
    payload.on('error', malformed);
    parser.on('field', (name: string, value: string) => addField(fields, name, value));
    parser.on('file', (name: string, stream: NodeJS.ReadableStream, fileName: string, _encoding: string, contentType: string) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure = tooLarge(maxFileBytes)));
      files.push(
        new Promise((resolve) => {
          stream.on('error', (error: Error) => {
            malformed(error);
            resolve();
          });
          stream.on('end', () => {
            // A file input left empty still sends a part, without a name or content.
            if (fileName) fields[name] = { fileName, contentType, data: Buffer.concat(chunks) };
            resolve();
          });
        }),
      );
    });
    parser.on('error', malformed);
    parser.on('finish', () => void Promise.all(files).then(() => finish(failure)));
    payload.pipe(parser);
  });
}
