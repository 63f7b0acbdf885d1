import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verify against their own hash and not against another password', async () => {
    const stored = await hashPassword('lang genoeg wachtwoord');
    expect(await verifyPassword('lang genoeg wachtwoord', stored)).toBe(true);
    expect(await verifyPassword('lang genoeg wachtwoorD', stored)).toBe(false);
  });

  it('are stored with scrypt, their parameters and a random salt, never as written', async () => {
    const [first, second] = [await hashPassword('zelfde wachtwoord'), await hashPassword('zelfde wachtwoord')];
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('zelfde');
  });

  it('never verify against a malformed stored value', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyNothing('x')).toBe(false);
  });
});
