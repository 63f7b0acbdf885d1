import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { DomainException } from '../problems/error-code.js';
import { acceptFileForms } from './form-body.js';

type Parser = (request: object, payload: Readable, done: (error: Error | null, body?: unknown) => void) => void;

const MAX_FILE_BYTES = 1024 * 1024;
const BOUNDARY = 'grens';

/** The multipart parser as Fastify calls it, for a page address, with the body as a stream of chunks. */
function parse(chunks: Iterable<Buffer>, headers: Record<string, string> = {}): Promise<{ error: Error | null; body?: unknown }> {
  let parser: Parser | undefined;
  acceptFileForms({ addContentTypeParser: (_type: string, handler: Parser) => (parser = handler) } as unknown as FastifyInstance, MAX_FILE_BYTES);
  const request = { url: '/trajecten/x/onderbouwing/y/bijlagen', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers } };
  return new Promise((resolve) => parser!(request, Readable.from(chunks), (error, body) => resolve({ error, body })));
}

const part = (headers: string[], content: string | Buffer) => Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers.join('\r\n')}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

describe('the multipart form parser of the pages', () => {
  it('gives the fields and the file', async () => {
    const { error, body } = await parse([
      part(['content-disposition: form-data; name="_csrf"'], 'token'),
      part(['content-disposition: form-data; name="file"; filename="foto.png"', 'content-type: image/png'], 'png bytes'),
      end,
    ]);

    expect(error).toBeNull();
    expect({ ...(body as object) }).toEqual({ _csrf: 'token', file: { fileName: 'foto.png', contentType: 'image/png', data: Buffer.from('png bytes') } });
  });

  it('answers a body that ends in the middle of the file with 400 instead of failing the process', async () => {
    const { error } = await parse([part(['content-disposition: form-data; name="file"; filename="half.png"', 'content-type: image/png'], 'half').subarray(0, -2)]);

    expect(error).toMatchObject({ statusCode: 400 });
  });

  it('refuses a body without a length (chunked) once it grows past the limit, without keeping it', async () => {
    const megabyte = Buffer.alloc(1024 * 1024, 'a');
    const chunks = [part(['content-disposition: form-data; name="notes"'], ''), ...Array.from({ length: 40 }, () => megabyte)];

    const { error, body } = await parse(chunks);

    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe('ATTACHMENT_TOO_LARGE');
    expect(body).toBeUndefined();
  });

  it('refuses a file larger than the limit', async () => {
    const { error } = await parse([part(['content-disposition: form-data; name="file"; filename="groot.pdf"', 'content-type: application/pdf'], Buffer.alloc(MAX_FILE_BYTES + 1)), end]);

    expect((error as DomainException).code).toBe('ATTACHMENT_TOO_LARGE');
  });

  it('keeps a field named __proto__ from becoming the prototype of the form', async () => {
    const { body } = await parse([part(['content-disposition: form-data; name="__proto__"; filename="x.png"', 'content-type: image/png'], 'x'), end]);

    expect(Object.getPrototypeOf(body)).toBeNull();
    expect((body as Record<string, unknown>)['__proto__']).toEqual(expect.objectContaining({ fileName: 'x.png' }));
  });

  it('refuses a form sent from another site', async () => {
    const { error } = await parse([end], { 'sec-fetch-site': 'cross-site' });

    expect((error as DomainException).code).toBe('CSRF_TOKEN_INVALID');
  });
});
