import { readableSize } from '../shared/sizes.js';
import { contentDisposition } from '../http/file-download.js';
import { attachmentTypeProblem, mediaTypeOf } from './attachment-types.js';
import { shareableOutsideDuo } from './consent.js';

describe('attachments', () => {
  it.each([
    ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])],
    ['image/webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])],
    ['application/pdf', Buffer.from('%PDF-1.7\n')],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1])],
    ['text/csv', Buffer.from('gemeente;bezoekers\n\'s-Hertogenbosch;120\n')],
  ])('takes a %s whose bytes are one', (type, bytes) => {
    expect(attachmentTypeProblem(type, bytes)).toBeNull();
  });

  it('refuses a type not allowed, naming the allowed ones, and a file that is not what it says', () => {
    expect(attachmentTypeProblem('application/zip', Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toMatch(/cannot be attached.*PDF.*CSV/);
    expect(attachmentTypeProblem('image/png', Buffer.from('MZ\x90\x00'))).toMatch(/sent as PNG image.*not one/);
    expect(attachmentTypeProblem('text/csv', Buffer.from([0x41, 0x00, 0x42]))).toMatch(/not one/);
  });

  it('reads the media type without its parameters', () => {
    expect(mediaTypeOf('Text/CSV; charset=utf-8')).toBe('text/csv');
    expect(mediaTypeOf(undefined)).toBe('');
  });

  it('names the file for download in plain ASCII and exactly in RFC 8187', () => {
    expect(contentDisposition("bezoekers 's-Hertogenbosch (2019).csv")).toBe(
      `attachment; filename="bezoekers 's-Hertogenbosch (2019).csv"; filename*=UTF-8''bezoekers%20%27s-Hertogenbosch%20%282019%29.csv`,
    );
    expect(contentDisposition('café "de Hoek".jpg')).toBe(`attachment; filename="caf_ _de Hoek_.jpg"; filename*=UTF-8''caf%C3%A9%20%22de%20Hoek%22.jpg`);
  });

  it('says sizes as people read them', () => {
    expect([readableSize(900), readableSize(2048), readableSize(10 * 1024 * 1024), readableSize(1536 * 1024)]).toEqual([
      '900 bytes',
      '2 KiB',
      '10 MiB',
      '1.5 MiB',
    ]);
  });
});

describe('consent', () => {
  it.each([
    [{ kind: 'stories', aboutAPerson: true, consentGiven: false }, false],
    [{ kind: 'stories', aboutAPerson: true, consentGiven: null }, false],
    [{ kind: 'stories', aboutAPerson: true, consentGiven: true }, true],
    [{ kind: 'stories', aboutAPerson: false, consentGiven: null }, true],
    [{ kind: 'figures', aboutAPerson: null, consentGiven: null }, true],
  ])('%o is shown outside the duo: %s', (evidence, shareable) => {
    expect(shareableOutsideDuo(evidence)).toBe(shareable);
  });
});
