import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (memory-hard, in Node's own crypto: nothing to compile).
 * The cost is log2 of scrypt's N (PASSWORD_HASH_COST); the stored form names its parameters,
 * so the cost can be raised later, or lowered for a test run, without locking anyone out.
 */
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const parameters = parametersFor(cost);
  const key = await derive(password, salt, parameters);
  const { N, r, p } = parameters;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check at `cost`, so an unknown e-mail address cannot be told by the answer's speed. */
export async function verifyNothing(password: string, cost: number): Promise<false> {
  await derive(password, Buffer.alloc(16), parametersFor(cost));
  return false;
}

function parametersFor(cost: number): Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> {
  return { N: 2 ** cost, r: BLOCK_SIZE, p: PARALLELISM };
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
