import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readableSize } from '../shared/sizes.js';
import { DomainException } from '../problems/error-code.js';
import { tooLarge } from './file-body.js';
import { isPageRequest } from './pages.js';

/** What a web form sends: each field's text (a list where a name repeats), and at most one file. */
export type FormFields = Record<string, string | string[] | UploadedFile | OversizedFile>;

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/**
 * A file larger than the form takes: none of it is kept, but the fields sent before it are (a
 * browser sends them in the form's order, the file last), so the page can come back with what
 * was typed and the size beside the file.
 */
export interface OversizedFile {
  fileName: string;
  tooLarge: true;
  maxBytes: number;
}

export const MAX_FORM_BYTES = 1024 * 1024;
const MAX_FIELD_BYTES = 128 * 1024;
const MAX_FIELDS = 100;

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * The pages' forms, as the framework's plugins read them: without a file with @fastify/formbody
 * (fields on an object without a prototype, a repeated name as a list), with one file with
 * @fastify/multipart, into the same FormFields before validation. Never on the API.
 */
export async function acceptForms(fastify: FastifyInstance, maxFileBytes: number): Promise<void> {
  fastify.addHook('onRequest', refuseForeignForms);
  await fastify.register(fastifyFormbody, { bodyLimit: MAX_FORM_BYTES });
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: maxFileBytes, files: 1, fields: MAX_FIELDS, parts: MAX_FIELDS + 1, fieldSize: MAX_FIELD_BYTES },
  });
  fastify.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = await readFileForm(request, maxFileBytes);
  });
}

/**
 * Refuses a form before anything of it is read (an onRequest hook): on the API, which speaks
 * JSON (415); a form with a file on a public page (415); and one sent from another site (Sec-Fetch-Site, which browsers set and pages cannot),
 * also to the forms without a session (signing in, accepting an invitation, registering), where
 * no CSRF token can exist yet.
 */
async function refuseForeignForms(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type'] ?? '';
  if (!FORM_TYPES.test(type)) return;
  if (!isPageRequest(request)) throw Object.assign(new Error(`Unsupported Media Type: ${type}`), { statusCode: 415 });
  // No public form takes a file: nobody signed out makes the server read a file-sized body.
  if (/^multipart\//i.test(type) && request.routeOptions.config?.access?.scope === 'public') {
    throw Object.assign(new Error('This form takes no file: send it as application/x-www-form-urlencoded'), { statusCode: 415 });
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new DomainException('CSRF_TOKEN_INVALID', 'This form did not come from Trajectkompas.');
}

/**
 * The fields and the file of a multipart form, read with @fastify/multipart as a page's body:
 * at most `maxFileBytes` for the file and MAX_FORM_BYTES for the rest, counted as the body
 * arrives (a chunked body has no Content-Length to check first), so a body past the limit is
 * refused with 413 and nothing of it kept.
 */
async function readFileForm(request: FastifyRequest, maxFileBytes: number): Promise<FormFields> {
  const maxBytes = maxFileBytes + MAX_FORM_BYTES;
  const form: FormInProgress = { fields: Object.create(null) as FormFields };
  // Announced larger than it may be: not one byte is read.
  if (Number(request.headers['content-length']) > maxBytes) throw tooLarge(maxFileBytes);
  const reading = collectFields(request, form, maxFileBytes);
  // Counted from the same tick in which the plugin started piping the body into busboy.
  const limit = bodyLimit(request, maxBytes, () => tooLarge(maxFileBytes));
  // Once the limit has answered, the rest of the body still flows into busboy and is dropped.
  reading.catch(() => undefined);
  try {
    return await Promise.race([reading, limit.exceeded]);
  } catch (error) {
    return withOversizedFile(form, error, maxFileBytes);
  } finally {
    limit.stop();
  }
}

/** The fields read so far (by name, on an object without a prototype) and the file being read, if one is. */
interface FormInProgress {
  fields: FormFields;
  file?: { field: string; fileName: string };
}

async function collectFields(request: FastifyRequest, form: FormInProgress, maxFileBytes: number): Promise<FormFields> {
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') await addFile(form, part);
      else addField(form.fields, part);
    }
  } catch (error) {
    throw formError(error, maxFileBytes);
  }
  return form.fields;
}

async function addFile(form: FormInProgress, part: MultipartFile): Promise<void> {
  form.file = { field: part.fieldname, fileName: part.filename };
  const data = await part.toBuffer();
  form.file = undefined;
  // A file input left empty still sends a part, without a name or content.
  if (part.filename) form.fields[part.fieldname] = { fileName: part.filename, contentType: part.mimetype, data };
}

/**
 * Where the file was too large, the fields read before it with the file marked as such (a copy:
 * the rest of the body is still being dropped); any other refusal stands.
 */
function withOversizedFile(form: FormInProgress, error: unknown, maxFileBytes: number): FormFields {
  const file = form.file;
  if (!(error instanceof DomainException) || error.code !== 'ATTACHMENT_TOO_LARGE' || !file?.fileName) throw error;
  const fields = Object.assign(Object.create(null) as FormFields, form.fields);
  fields[file.field] = { fileName: file.fileName, tooLarge: true, maxBytes: maxFileBytes };
  return fields;
}

/** Adds a field as a browser sends it: a name that repeats (checkboxes) becomes a list. */
function addField(fields: FormFields, part: MultipartValue): void {
  if (part.valueTruncated) {
    throw new DomainException('PAYLOAD_TOO_LARGE', `The form field ${part.fieldname} is longer than ${readableSize(MAX_FIELD_BYTES)}.`);
  }
  // The plugin parses a part declared as application/json; a browser's form sends text only.
  if (typeof part.value !== 'string') {
    throw new DomainException('MALFORMED_REQUEST', `The form field ${part.fieldname} is not text: send it without a content type of its own.`);
  }
  const earlier = fields[part.fieldname];
  if (earlier === undefined) fields[part.fieldname] = part.value;
  else if (Array.isArray(earlier)) earlier.push(part.value);
  else if (typeof earlier === 'string') fields[part.fieldname] = [earlier, part.value];
}

/** The plugin's and busboy's refusals as this app words them; a body that ends early is a 400, not a 500. */
function formError(error: unknown, maxFileBytes: number): Error {
  if (error instanceof DomainException) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxFileBytes);
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new DomainException('PAYLOAD_TOO_LARGE', `A form may carry one file and at most ${MAX_FIELDS} fields.`);
  }
  return new DomainException('MALFORMED_REQUEST', `The form could not be read: ${(error as Error).message}.`);
}

/** Counts the bytes of the request as they arrive; `exceeded` rejects once there are more than `maxBytes`. */
function bodyLimit(request: FastifyRequest, maxBytes: number, refusal: () => Error) {
  let received = 0;
  let count: (chunk: Buffer) => void = () => undefined;
  const exceeded = new Promise<never>((_, reject) => {
    count = (chunk) => {
      received += chunk.length;
      if (received > maxBytes) reject(refusal());
    };
  });
  request.raw.on('data', count);
  return { exceeded, stop: () => request.raw.off('data', count) };
}
