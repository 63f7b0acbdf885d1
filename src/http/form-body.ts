import { Busboy } from '@fastify/busboy';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import { readableSize } from '../shared/sizes.js';
import { DomainException } from '../problems/error-code.js';

/** What a web form sends: each field's text (a list where a name repeats), and at most one file. */
export type FormFields = Record<string, string | string[] | UploadedFile>;

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export const MAX_FORM_BYTES = 1024 * 1024;

/** The web pages live outside /api; the API speaks JSON only (and files on /attachments). */
export function isPageRequest(request: Pick<FastifyRequest, 'url'>): boolean {
  return !/^\/(api|health)(\/|\?|$)/.test(request.url);
}

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
  if (name === '__proto__' || name === 'constructor' || name === 'prototype') return;
  const earlier = fields[name];
  if (earlier === undefined) fields[name] = value;
  else if (Array.isArray(earlier)) earlier.push(value);
  else if (typeof earlier === 'string') fields[name] = [earlier, value];
}

/** A web form without a file (application/x-www-form-urlencoded); the API answers 415 to it. */
export const parseFormBody: FastifyBodyParser<Buffer> = (request, body, done) => {
  if (!isPageRequest(request)) return done(unsupported(request), undefined);
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) addField(fields, name, value);
  done(null, fields);
};

/** A web form with a file (multipart/form-data) of at most `maxFileBytes`, on pages only. */
export function acceptFileForms(fastify: FastifyInstance, maxFileBytes: number): void {
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    if (!isPageRequest(request)) return done(unsupported(request), undefined);
    if (Number(request.headers['content-length']) > maxFileBytes + MAX_FORM_BYTES) return done(tooLarge(maxFileBytes), undefined);
    const fields: FormFields = {};
    let failure: Error | undefined;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      if (error) done(error, undefined);
      else done(null, fields);
    };
    const files: Promise<void>[] = [];
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: request.headers as { 'content-type': string },
        limits: { fileSize: maxFileBytes, files: 1, fields: 100, fieldSize: MAX_FORM_BYTES },
      });
    } catch (error) {
      return finish(Object.assign(error as Error, { statusCode: 400 }));
    }
    parser.on('field', (name: string, value: string) => addField(fields, name, value));
    parser.on('file', (name: string, stream: NodeJS.ReadableStream, fileName: string, _encoding: string, contentType: string) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure = tooLarge(maxFileBytes)));
      files.push(
        new Promise((resolve) =>
          stream.on('end', () => {
            // A file input left empty still sends a part, without a name or content.
            if (fileName) fields[name] = { fileName, contentType, data: Buffer.concat(chunks) };
            resolve();
          }),
        ),
      );
    });
    parser.on('error', (error: Error) => finish(failure ?? Object.assign(error, { statusCode: 400 })));
    parser.on('finish', () => void Promise.all(files).then(() => finish(failure)));
    payload.pipe(parser);
  });
}
