import request from 'supertest';
import { api, useTestApp } from '../support/api.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The sign-in throttle: failed sign-ins are limited per account and per client address, and
 * both counts hold when attempts arrive at once. Guessing someone's password locks out the
 * guesser, not the person: a browser they signed in on before still gets in.
 */
const app = useTestApp();
const server = () => app.testApp.app.getHttpServer();
const apiSignIn = (email: string, password: string) => request(server()).post('/api/auth/sign-in').send({ email, password });

/** The sign-in form as a browser posts it, with the cookies the browser holds. */
function formSignIn(email: string, password: string, cookie?: string) {
  const call = request(server()).post('/inloggen').set('content-type', 'application/x-www-form-urlencoded');
  return (cookie ? call.set('cookie', cookie) : call).send(new URLSearchParams({ email, password }).toString());
}

/** "tk_device=<token>", as the browser sends it back, from the Set-Cookie of a sign-in on the form. */
function knownDeviceCookieIn(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((line) => line.startsWith('tk_device='));
  if (!header) throw new Error(`No tk_device cookie in ${JSON.stringify(setCookie)}`);
  return header.split(';')[0];
}

describe('a browser someone signed in on before', () => {
  it('gets a long-lived, HttpOnly known-device cookie at sign-in on the form', async () => {
    const adviser = await app.client.staff('adviser', 1);
    const signedIn = await formSignIn(adviser.email, PASSWORD).expect(303);
    const cookie = [signedIn.headers['set-cookie']].flat().find((line) => line?.startsWith('tk_device='));
    expect(cookie?.split(/;\s*/)).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${90 * 24 * 60 * 60}`]));
  });

  it('still signs in after someone guessed wrong 5 times, while anyone else waits (429 with Retry-After)', async () => {
    const adviser = await app.client.staff('adviser', 2);
    const device = knownDeviceCookieIn((await formSignIn(adviser.email, PASSWORD).expect(303)).headers['set-cookie']);
    for (let guess = 0; guess < 5; guess++) await apiSignIn(adviser.email, `gok ${guess}`).expect(401);

    const elsewhere = await apiSignIn(adviser.email, PASSWORD).expect(429);
    expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(800);
    await formSignIn(adviser.email, PASSWORD).expect(429);

    const onTheirBrowser = await formSignIn(adviser.email, PASSWORD, device).expect(303);
    expect(onTheirBrowser.headers.location).toBe('/');
    const overTheApi = await request(server()).post('/api/auth/sign-in').set('cookie', device).send({ email: adviser.email, password: PASSWORD }).expect(200);
    await api(app.testApp, overTheApi.body.token).get('/api/accounts/me').expect(200);
  });

  it('is limited on its own: 5 wrong passwords from it, and it waits too', async () => {
    const adviser = await app.client.staff('adviser', 3);
    const device = knownDeviceCookieIn((await formSignIn(adviser.email, PASSWORD).expect(303)).headers['set-cookie']);
    for (let guess = 0; guess < 5; guess++) await formSignIn(adviser.email, `gok ${guess}`, device).expect(401);
    const throttled = await formSignIn(adviser.email, PASSWORD, device).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
  });

  it("counts only for its own account's sign-in", async () => {
    const [owner, other] = [await app.client.staff('adviser', 4), await app.client.staff('adviser', 5)];
    const device = knownDeviceCookieIn((await formSignIn(owner.email, PASSWORD).expect(303)).headers['set-cookie']);
    for (let guess = 0; guess < 5; guess++) await apiSignIn(other.email, `gok ${guess}`).expect(401);
    await formSignIn(other.email, PASSWORD, device).expect(429);
    await formSignIn(other.email, PASSWORD, `tk_device=${'x'.repeat(43)}`).expect(429);
  });
});

describe('the person signing in on their own browser', () => {
  it('leaves the guesser locked out: only their own failures are forgotten', async () => {
    const saved = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = 'loopback';
    const fresh = await startTestApp();
    try {
      const adviser = await api(fresh, fresh.admin.token).staff('adviser', 6);
      const from = (address: string, password: string, cookie?: string) => {
        const call = request(fresh.app.getHttpServer()).post('/inloggen').set('x-forwarded-for', address).set('content-type', 'application/x-www-form-urlencoded');
        return (cookie ? call.set('cookie', cookie) : call).send(new URLSearchParams({ email: adviser.email, password }).toString());
      };
      const device = knownDeviceCookieIn((await from('198.51.100.7', PASSWORD).expect(303)).headers['set-cookie']);
      for (let guess = 0; guess < 5; guess++) await from('203.0.113.9', `gok ${guess}`).expect(401);
      await from('203.0.113.9', 'nog een gok').expect(429);

      const again = await from('198.51.100.7', PASSWORD, device).expect(303);
      expect([again.headers['set-cookie']].flat().some((line) => line?.startsWith('tk_device='))).toBe(false);
      await from('203.0.113.9', PASSWORD).expect(429);
      await from('192.0.2.44', PASSWORD).expect(429);
    } finally {
      await fresh.close();
      if (saved === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = saved;
    }
  });
});

describe('failed sign-ins arriving at once', () => {
  it('from one address, for 100 different e-mail addresses: exactly 20 are judged, the rest wait', async () => {
    const fresh = await startTestApp();
    try {
      const attempts = await Promise.all(
        Array.from({ length: 100 }, (_, n) => request(fresh.app.getHttpServer()).post('/api/auth/sign-in').send({ email: `gok${n}@example.org`, password: 'fout' })),
      );
      expect(attempts.filter((response) => response.status === 401)).toHaveLength(20);
      expect(attempts.filter((response) => response.status === 429)).toHaveLength(80);
      expect(attempts.every((response) => response.status === 401 || Number(response.headers['retry-after']) > 0)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('the client address', () => {
  /** 20 failed sign-ins said to come from 203.0.113.1, then one each from .1 and .2. */
  async function failTwentyTimesFromOneForwardedAddress(testApp: TestApp) {
    const signIn = (forwardedFor: string, email: string, password: string) =>
      request(testApp.app.getHttpServer()).post('/api/auth/sign-in').set('x-forwarded-for', forwardedFor).send({ email, password });
    const adviser = await api(testApp, testApp.admin.token).staff('adviser', 1);
    for (let n = 0; n < 20; n++) await signIn('203.0.113.1', `gok${n}@example.org`, 'fout').expect(401);
    return {
      sameAddress: (await signIn('203.0.113.1', adviser.email, PASSWORD)).status,
      otherAddress: (await signIn('203.0.113.2', adviser.email, PASSWORD)).status,
    };
  }

  it('is the connection\'s, whatever X-Forwarded-For says, unless TRUST_PROXY is set', async () => {
    const fresh = await startTestApp();
    try {
      expect(await failTwentyTimesFromOneForwardedAddress(fresh)).toEqual({ sameAddress: 429, otherAddress: 429 });
    } finally {
      await fresh.close();
    }
  });

  it('comes from X-Forwarded-For when TRUST_PROXY trusts the proxy in front', async () => {
    process.env.TRUST_PROXY = 'loopback';
    const fresh = await startTestApp();
    try {
      expect(await failTwentyTimesFromOneForwardedAddress(fresh)).toEqual({ sameAddress: 429, otherAddress: 200 });
    } finally {
      delete process.env.TRUST_PROXY;
      await fresh.close();
    }
  });
});
