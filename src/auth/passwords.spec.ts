import { AuthConfig } from '../config/environment.js';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';

/** What production runs with (the test run lowers PASSWORD_HASH_COST for speed). */
const PRODUCTION_COST = new AuthConfig().PASSWORD_HASH_COST;

describe('passwords', () => {
  it('verify against their own hash and not against another password', async () => {
    const stored = await hashPassword('lang genoeg wachtwoord', PRODUCTION_COST);
    expect(await verifyPassword('lang genoeg wachtwoord', stored)).toBe(true);
    expect(await verifyPassword('lang genoeg wachtwoorD', stored)).toBe(false);
  });

  it('are stored with scrypt, their parameters and a random salt, never as written', async () => {
    const [first, second] = [await hashPassword('zelfde wachtwoord', PRODUCTION_COST), await hashPassword('zelfde wachtwoord', PRODUCTION_COST)];
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('zelfde');
  });

  it('hashed at another cost still verify, since each hash records its own', async () => {
    const cheaper = await hashPassword('lang genoeg wachtwoord', 10);
    expect(cheaper).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('lang genoeg wachtwoord', cheaper)).toBe(true);
    expect(await verifyPassword('ander wachtwoord', cheaper)).toBe(false);
  });

  it('never verify against a malformed stored value', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyNothing('x', PRODUCTION_COST)).toBe(false);
  });
});
