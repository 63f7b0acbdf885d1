import { runInNewContext } from 'node:vm';
import { QueryFailedError } from 'typeorm';
import { createBootLogger, redacted, REDACTED, withoutQueryValues } from './logging.js';

/** What a line may carry: never a credential, a query value, or the values a failed query was about. */
function logged(write: (logger: ReturnType<typeof createBootLogger>) => void): string {
  const lines: string[] = [];
  write(createBootLogger({ level: 'debug', stream: { write: (line) => lines.push(line) } }));
  return lines.join('');
}

describe('the log', () => {
  it('keeps the names of query parameters and drops their values', () => {
    expect(withoutQueryValues('/uitnodiging?token=geheim&terug=/edities')).toBe('/uitnodiging?token=[redacted]&terug=[redacted]');
    expect(withoutQueryValues('/api/cohorts')).toBe('/api/cohorts');
    expect(withoutQueryValues(undefined)).toBe('');
  });

  it("drops the agenda feed's token, which is its address", () => {
    expect(withoutQueryValues('/agenda/geheim-token-123.ics')).toBe('/agenda/[redacted]');
    expect(withoutQueryValues('/agenda/geheim-token-123.ics?x=1')).toBe('/agenda/[redacted]?x=[redacted]');
  });

  it('blanks fields that hold credentials, at the top and deeper down', () => {
    const line = logged((logger) =>
      logger.info({ password: 'wachtwoord-1', session: { token: 'token-2', headers: { authorization: 'Bearer token-3', cookie: 'tk_session=token-4' } } }, 'x'),
    );
    for (const secret of ['wachtwoord-1', 'token-2', 'token-3', 'token-4']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('logs a failed query by its message, code and place, without its parameters or the values PostgreSQL names', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "accounts_email"'), {
      code: '23505',
      constraint: 'accounts_email',
      table: 'accounts',
      detail: 'Key (lower(email))=(jan@voorbeeld.example) already exists.',
      parameters: ['jan@voorbeeld.example', 'scrypt$32768$8$1$geheim'],
    });
    const error = new QueryFailedError('INSERT INTO accounts (email, password_hash) VALUES ($1, $2)', ['jan@voorbeeld.example', 'scrypt$32768$8$1$geheim'], driverError);
    const line = JSON.parse(logged((logger) => logger.error({ err: error }, 'Unexpected error: answered 500')));
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'accounts_email', table: 'accounts', query: expect.stringContaining('INSERT INTO accounts') });
    expect(line.err.stack).toContain('QueryFailedError');
    expect(JSON.stringify(line)).not.toMatch(/jan@voorbeeld|scrypt\$|geheim/);
  });

  it('logs an error made in another realm (a VM context, as under Jest) by its type and message, not as [object Object]', () => {
    const foreign = runInNewContext("new TypeError('constraint failed')") as unknown;
    expect(foreign instanceof Error).toBe(false);
    const line = JSON.parse(logged((logger) => logger.error({ err: foreign }, 'Unexpected error: answered 500')));
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'constraint failed', stack: expect.stringContaining('constraint failed') });
  });
});

describe('redacted', () => {
  it('blanks secret fields down to two levels, in objects and arrays, and leaves the logged object as it was', () => {
    const logged = { token: 'a', user: { name: 'Jan', password: 'b' }, list: [{ csrfToken: 'c' }], deep: { one: { two: { token: 'diep' } } } };
    const original = structuredClone(logged);
    expect(redacted(logged)).toEqual({
      token: REDACTED,
      user: { name: 'Jan', password: REDACTED },
      list: [{ csrfToken: REDACTED }],
      deep: { one: { two: { token: 'diep' } } },
    });
    expect(logged).toEqual(original);
  });

  it('gives back the very object when nothing in it is secret, and leaves errors and other class instances whole', () => {
    const plain = { requestId: 7, req: { method: 'GET', url: '/api/cohorts' } };
    expect(redacted(plain)).toBe(plain);
    const err = Object.assign(new Error('mislukt'), { token: 'x' });
    expect(redacted({ err }).err).toBe(err);
  });
});
