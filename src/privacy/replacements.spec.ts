import { replacementsFor } from './replacements.js';

const PSEUDONYM = 'verwijderd-1@verwijderd.invalid';

describe('replacementsFor', () => {
  const { text, json } = replacementsFor({ names: ['Sanne', 'Sanne de Wit (gemeente)', 'Ed', 'sanne '], emails: ['s.de.wit+x@voorbeeld.example'] }, PSEUDONYM);

  it('replaces the address first, then names from the longest, each name once whatever its case', () => {
    expect(text.map(({ replacement }) => replacement)).toEqual([PSEUDONYM, 'verwijderde persoon', 'verwijderde persoon']);
    expect(text[1].pattern).toContain('Sanne de Wit \\(gemeente\\)');
  });

  it('takes every character of an address or name literally, and names as whole words only', () => {
    expect(text[0].pattern).toBe('s\\.de\\.wit\\+x@voorbeeld\\.example');
    expect(text[2].pattern.toLowerCase()).toBe('(?<![[:alnum:]_])sanne(?![[:alnum:]_])');
  });

  it('leaves names too short to find safely in free text alone', () => {
    expect(text.some(({ pattern }) => pattern.includes('Ed'))).toBe(false);
  });

  it('for JSON, also replaces the phone number beside the pseudonymous address', () => {
    expect(json).toHaveLength(text.length + 1);
    const phone = json.at(-1)!;
    const registration = JSON.stringify({ side: 'municipality', name: 'x', email: PSEUDONYM, phone: '030-1234567' });
    const replaced = registration.replace(new RegExp(phone.pattern), phone.replacement.replace('\\1', '$1'));
    expect(JSON.parse(replaced)).toEqual({ side: 'municipality', name: 'x', email: PSEUDONYM, phone: 'verwijderd' });
  });
});
