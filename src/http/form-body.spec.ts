import Fastify, { type FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { DomainException, statusOf } from '../problems/error-code.js';
import { acceptForms, type FormFields } from './form-body.js';

const MAX_FILE_BYTES = 64 * 1024;
const BOUNDARY = 'grens';

/**
 * The pages' form parsing as the app registers it, on a bare Fastify: each route answers with
 * what its handler received, so a refused form shows that nothing of it reached a handler.
 */
let fastify: FastifyInstance;
let received: FormFields[];

beforeAll(async () => {
  fastify = Fastify();
  await acceptForms(fastify, MAX_FILE_BYTES);
  fastify.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) =>
    reply.status(error instanceof DomainException ? statusOf(error.code) : (error.statusCode ?? 500)).send({ code: error.code, message: error.message }),
  );
  for (const url of ['/trajecten/x/bijlagen', '/api/x']) {
    fastify.post(url, async (request) => {
      received.push(request.body as FormFields);
      return 'ok';
    });
  }
  await fastify.ready();
});
beforeEach(() => (received = []));
afterAll(() => fastify.close());

const part = (headers: string[], content: string | Buffer) =>
  Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers.join('\r\n')}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
const field = (name: string, value: string | Buffer) => part([`content-disposition: form-data; name="${name}"`], value);
const file = (name: string, fileName: string, content: string | Buffer) =>
  part([`content-disposition: form-data; name="${name}"; filename="${fileName}"`, 'content-type: image/png'], content);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

function sendMultipart(body: Buffer | Readable, headers: Record<string, string> = {}, url = '/trajecten/x/bijlagen') {
  return fastify.inject({ method: 'POST', url, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers }, payload: body });
}

function sendForm(body: string, headers: Record<string, string> = {}, url = '/trajecten/x/bijlagen') {
  return fastify.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body });
}

describe('a page form with a file (multipart/form-data)', () => {
  it('gives the fields, a repeated name as a list, and the file', async () => {
    const response = await sendMultipart(Buffer.concat([field('_csrf', 'token'), field('tag', 'a'), field('tag', 'b'), file('file', 'foto.png', 'png bytes'), end]));

    expect(response.statusCode).toBe(200);
    expect({ ...received[0] }).toEqual({ _csrf: 'token', tag: ['a', 'b'], file: { fileName: 'foto.png', contentType: 'image/png', data: Buffer.from('png bytes') } });
    expect(Object.getPrototypeOf(received[0])).toBeNull();
  });

  it('gives no file for a file input left empty', async () => {
    const response = await sendMultipart(Buffer.concat([field('_csrf', 'token'), file('file', '', ''), end]));

    expect(response.statusCode).toBe(200);
    expect({ ...received[0] }).toEqual({ _csrf: 'token' });
  });

  it('answers a body that ends in the middle of the file with 400, and goes on serving', async () => {
    const response = await sendMultipart(file('file', 'half.png', 'half').subarray(0, -2));

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('MALFORMED_REQUEST');
    expect(received).toEqual([]);
    expect((await sendMultipart(Buffer.concat([field('a', 'b'), end]))).statusCode).toBe(200);
  });

  it('refuses a body without a length (chunked) once it grows past the limit, without handing anything on', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const chunks = [field('notes', ''), ...Array.from({ length: 40 }, () => chunk)];

    const response = await sendMultipart(Readable.from(chunks));

    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('ATTACHMENT_TOO_LARGE');
    expect(received).toEqual([]);
  });

  it('hands on the fields sent before a file larger than the limit, and that file only as too large, none of its bytes', async () => {
    const response = await sendMultipart(Buffer.concat([field('_csrf', 'token'), field('title', 'Wat ik typte'), file('file', 'groot.png', Buffer.alloc(MAX_FILE_BYTES + 1)), end]));

    expect(response.statusCode).toBe(200);
    expect({ ...received[0] }).toEqual({ _csrf: 'token', title: 'Wat ik typte', file: { fileName: 'groot.png', tooLarge: true, maxBytes: MAX_FILE_BYTES } });
  });

  it('refuses a body announced larger than a file and the form may be with 413 naming the limit, reading none of it', async () => {
    const body = Buffer.concat([field('_csrf', 'token'), file('file', 'groot.png', Buffer.alloc(MAX_FILE_BYTES + 2 * 1024 * 1024)), end]);
    const response = await sendMultipart(body, { 'content-length': String(body.length) });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: expect.stringContaining(String(MAX_FILE_BYTES)) });
    expect(received).toEqual([]);
  });

  it.each([
    ['a second file', () => [file('file', 'een.png', 'x'), file('other', 'twee.png', 'y')]],
    ['101 fields', () => Array.from({ length: 101 }, (_, n) => field(`f${n}`, 'x'))],
    ['a field of more than 128 KiB', () => [field('notes', Buffer.alloc(128 * 1024 + 1, 'a'))]],
  ])('refuses %s with 413', async (_, parts) => {
    const response = await sendMultipart(Buffer.concat([...parts(), end]));

    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(received).toEqual([]);
  });

  it('refuses a field named __proto__ with 400', async () => {
    const response = await sendMultipart(Buffer.concat([file('__proto__', 'x.png', 'x'), end]));

    expect(response.statusCode).toBe(400);
    expect(received).toEqual([]);
  });
});

describe('a page form without a file (application/x-www-form-urlencoded)', () => {
  it('gives the fields on an object without a prototype, where __proto__ is just a name, and a repeated name as a list', async () => {
    const response = await sendForm('__proto__=x&tag=a&tag=b&naam=Jansen+%26+Zn');

    expect(response.statusCode).toBe(200);
    const [fields] = received;
    expect({ ...fields }).toEqual({ ['__proto__']: 'x', tag: ['a', 'b'], naam: 'Jansen & Zn' });
    expect(fields instanceof Object).toBe(false);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await sendForm(`notes=${'a'.repeat(1024 * 1024)}`);

    expect(response.statusCode).toBe(413);
    expect(received).toEqual([]);
  });
});

describe('a form where none belongs', () => {
  it.each([
    ['a form', () => sendForm('a=b', { 'sec-fetch-site': 'cross-site' })],
    ['a form with a file', () => sendMultipart(Buffer.concat([field('a', 'b'), end]), { 'sec-fetch-site': 'same-site' })],
  ])('refuses %s from another site before reading it', async (_, send) => {
    const response = await send();

    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CSRF_TOKEN_INVALID');
    expect(received).toEqual([]);
  });

  it.each([
    ['a form', () => sendForm('a=b', {}, '/api/x')],
    ['a form with a file', () => sendMultipart(Buffer.concat([field('a', 'b'), end]), {}, '/api/x')],
  ])('refuses %s on the API with 415', async (_, send) => {
    const response = await send();

    expect(response.statusCode).toBe(415);
    expect(received).toEqual([]);
  });
});
