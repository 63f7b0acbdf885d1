import { replacementsFor } from './replacements.js';

const PSEUDONYM = 'verwijderd-1@verwijderd.invalid';

describe('replacementsFor', () => {
  const { text, json } = replacementsFor({ names: ['Sanne', 'Sanne de Wit (gemeente)', 'Ed', 'sanne '], emails: ['s.de.wit+x@voorbeeld.example'] }, PSEUDONYM);

  it('replaces the address first, then full names from the longest, each once whatever its case', () => {
    expect(text.map(({ replacement }) => replacement)).toEqual([PSEUDONYM, 'verwijderde persoon']);
    expect(text[1].pattern).toContain('Sanne de Wit \\(gemeente\\)');
  });

  it('takes every character of an address or name literally, and names as whole words only', () => {
    expect(text[0].pattern).toBe('s\\.de\\.wit\\+x@voorbeeld\\.example');
    expect(text[1].pattern.startsWith('(?<![[:alnum:]_])')).toBe(true);
  });

  it('leaves a single word alone in free text: another Sanne keeps her name', () => {
    const others = 'Sanne Jansen en Ed schreven dit samen met Sanne de Wit (gemeente).';
    const replaced = text.reduce((result, { pattern, replacement }) => result.replace(new RegExp(pattern.replaceAll('[[:alnum:]_]', '[\\p{L}\\p{N}_]'), 'giu'), replacement), others);
    expect(replaced).toBe('Sanne Jansen en Ed schreven dit samen met verwijderde persoon.');
  });

  it('for JSON, also replaces the phone number beside the pseudonymous address', () => {
    expect(json).toHaveLength(text.length + 1);
    const phone = json.at(-1)!;
    const registration = JSON.stringify({ side: 'municipality', name: 'x', email: PSEUDONYM, phone: '030-1234567' });
    const replaced = registration.replace(new RegExp(phone.pattern), phone.replacement.replace('\\1', '$1'));
    expect(JSON.parse(replaced)).toEqual({ side: 'municipality', name: 'x', email: PSEUDONYM, phone: 'verwijderd' });
  });
});
