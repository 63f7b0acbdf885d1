import { DataSource } from 'typeorm';
import { hashToken } from '../../src/auth/tokens.js';
import { useTestApp, api } from '../support/api.js';
import { PASSWORD, startTestApp, type SignedInPerson } from '../support/test-app.js';

const app = useTestApp();
const signIn = (email: string, password: string) => app.client.as().http.post('/api/auth/sign-in').send({ email, password });

describe('signing in', () => {
  let adviser: SignedInPerson;
  beforeAll(async () => {
    adviser = await app.client.staff('adviser', 1);
  });

  it('gives a token that works until signed out', async () => {
    const session = await signIn(adviser.email.toUpperCase(), PASSWORD).expect(200);
    expect(session.body).toEqual({ token: expect.any(String), csrfToken: expect.any(String), expiresAt: expect.any(String) });
    const client = app.client.as({ token: session.body.token });
    expect((await client.get('/api/accounts/me').expect(200)).body).toMatchObject({ email: adviser.email, role: 'adviser', status: 'active' });
    await client.post('/api/auth/sign-out').expect(204);
    expect((await client.get('/api/accounts/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong password and an unknown address alike', async () => {
    const wrong = await signIn(adviser.email, 'niet het wachtwoord').expect(401);
    const unknown = await signIn('niemand@example.org', 'niet het wachtwoord').expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses requests without a valid token with 401', async () => {
    for (const authorization of ['', 'Bearer ', 'Bearer nope', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(43)}`]) {
      const response = await app.client.as().http.get('/api/cohorts').set('authorization', authorization);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('ends a session when it expires', async () => {
    const session = await signIn(adviser.email, PASSWORD).expect(200);
    await app.testApp.app.get(DataSource).query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [
      hashToken(session.body.token),
    ]);
    await app.client.as({ token: session.body.token }).get('/api/accounts/me').expect(401);
  });
});

describe('disabling an account', () => {
  it('ends all its sessions at once and stops it signing in, until it is enabled again', async () => {
    const adviser = await app.client.staff('adviser', 2);
    const second = (await signIn(adviser.email, PASSWORD).expect(200)).body.token;
    await app.client.http.patch(`/api/accounts/${adviser.id}`).send({ disabled: true }).expect(200);
    await app.client.as(adviser).get('/api/accounts/me').expect(401);
    await app.client.as({ token: second }).get('/api/accounts/me').expect(401);
    await signIn(adviser.email, PASSWORD).expect(401);

    const enabled = await app.client.http.patch(`/api/accounts/${adviser.id}`).send({ disabled: false }).expect(200);
    expect(enabled.body.status).toBe('active');
    await signIn(adviser.email, PASSWORD).expect(200);
  });

  it('is refused for one\'s own account', async () => {
    const self = await app.client.http.patch(`/api/accounts/${app.testApp.admin.id}`).send({ disabled: true }).expect(422);
    expect(self.body.code).toBe('CANNOT_DISABLE_SELF');
  });
});

describe('the session cookie of the web pages', () => {
  it('reads with the cookie alone, but changes only with the CSRF token', async () => {
    const adviser = await app.client.staff('adviser', 3);
    const session = (await signIn(adviser.email, PASSWORD).expect(200)).body;
    const anonymous = app.client.as();
    const cookie = `theme=dark; tk_session=${session.token}`;
    await anonymous.http.get('/api/accounts/me').set('cookie', cookie).expect(200);
    const body = { name: 'Editie', registrationDeadline: '2099-03-31', capacity: 6 };
    const forged = await anonymous.http.post('/api/cohorts').set('cookie', cookie).send(body).expect(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    await anonymous.http.post('/api/cohorts').set('cookie', cookie).set('x-csrf-token', 'x'.repeat(32)).send(body).expect(403);
    await anonymous.http.post('/api/cohorts').set('cookie', cookie).set('x-csrf-token', session.csrfToken).send(body).expect(201);
  });

  it('is ignored when it is malformed', async () => {
    await app.client.as().http.get('/api/accounts/me').set('cookie', 'tk_session=%E0%A4%A').expect(401);
  });
});

describe('failed sign-ins', () => {
  it('are limited per account: after 5, even the right password waits, and says how long', async () => {
    const adviser = await app.client.staff('adviser', 4);
    for (let attempt = 0; attempt < 5; attempt++) await signIn(adviser.email, `fout ${attempt}`).expect(401);
    const throttled = await signIn(adviser.email, PASSWORD).expect(429);
    expect(throttled.body.code).toBe('SIGN_IN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(900);
    const colleague = await app.client.staff('adviser', 5);
    await signIn(colleague.email, PASSWORD).expect(200);
  });

  it('are limited per account even when 20 guesses arrive at once', async () => {
    const adviser = await app.client.staff('adviser', 6);
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, n) => signIn(adviser.email, `gok ${n}`)));
    expect(guesses.filter((response) => response.status === 401)).toHaveLength(5);
    expect(guesses.filter((response) => response.status === 429)).toHaveLength(15);
  });

  it('are limited per address, across accounts', async () => {
    const fresh = await startTestApp();
    try {
      const client = api(fresh, fresh.admin.token);
      const adviser = await client.staff('adviser', 1);
      for (let n = 0; n < 20; n++) {
        await client.as().http.post('/api/auth/sign-in').send({ email: `gok${n}@example.org`, password: 'fout' }).expect(401);
      }
      await client.as().http.post('/api/auth/sign-in').send({ email: adviser.email, password: PASSWORD }).expect(429);
    } finally {
      await fresh.close();
    }
  });
});

describe('passwords', () => {
  it('never appear in a response, a log line or the database', async () => {
    const lines: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        lines.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => (stream.write = write);
    };
    const restore = [capture(process.stdout), capture(process.stderr)];
    const logged = await startTestApp({ logLevel: 'debug', logStream: { write: (line) => lines.push(line) } });
    const secret = 'Geheim wachtwoord van Sanne 42';
    const responses: string[] = [];
    try {
      const client = api(logged, logged.admin.token);
      const invited = await client.post('/api/accounts', { name: 'Sanne', email: 'sanne@adviesbureau.example', role: 'adviser' }).expect(201);
      const token = invited.body.invitation.token;
      const anonymous = client.as();
      responses.push((await anonymous.post('/api/invitations/accept', { token, password: secret.slice(0, 8) }).expect(400)).text);
      responses.push((await anonymous.post('/api/invitations/accept', { token, password: secret }).expect(201)).text);
      responses.push((await anonymous.post('/api/invitations/accept', { token, password: secret }).expect(422)).text);
      responses.push((await anonymous.post('/api/auth/sign-in', { email: 'sanne@adviesbureau.example', password: `${secret}!` }).expect(401)).text);
      const session = await anonymous.post('/api/auth/sign-in', { email: 'sanne@adviesbureau.example', password: secret }).expect(200);
      responses.push(session.text);
      responses.push((await client.get('/api/accounts').expect(200)).text);
      expect(lines.join('').length).toBeGreaterThan(1000);
      for (const text of [...responses, lines.join('')]) {
        expect(text).not.toContain(secret.slice(0, 8));
        expect(text).not.toContain('password_hash');
        expect(text).not.toContain('scrypt$');
      }
      const db = logged.app.get(DataSource);
      const stored = JSON.stringify(
        await Promise.all(['accounts', 'sessions', 'invitations', 'audit_log', 'sign_in_failures'].map((table) => db.query(`SELECT * FROM ${table}`))),
      );
      expect(stored).not.toContain(secret.slice(0, 8));
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(session.body.token);
      // Hashed at the run's PASSWORD_HASH_COST; passwords.spec.ts pins the production cost.
      expect(stored).toMatch(/"password_hash":"scrypt\$\d+\$8\$1\$/);
    } finally {
      restore.forEach((undo) => undo());
      await logged.close();
    }
  });
});
