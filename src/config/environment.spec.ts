import { AuthConfig, DatabaseConfig, HttpConfig, readConfig, trustProxyOption, validateEnvironment } from './environment.js';

describe('configuration', () => {
  it('has defaults that start the app on the embedded PostgreSQL', () => {
    expect(validateEnvironment({})).toEqual({
      http: {
        PORT: 3000,
        HOST: '127.0.0.1',
        TRUST_PROXY: 'false',
        HTTP_HEADERS_TIMEOUT_SECONDS: 10,
        HTTP_IDLE_TIMEOUT_SECONDS: 15,
        HTTP_REQUEST_TIMEOUT_SECONDS: 120,
      },
      database: { DATABASE_URL: undefined, EMBEDDED_POSTGRES_DIR: '.data/postgres', EMBEDDED_POSTGRES_PORT: 54329, DATABASE_POOL_SIZE: 10 },
      log: { LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      auth: {
        PUBLIC_URL: 'http://127.0.0.1:3000',
        SESSION_TTL_HOURS: 12,
        INVITATION_TTL_HOURS: 168,
        PASSWORD_HASH_COST: 15,
        SIGN_IN_MAX_FAILURES_PER_ACCOUNT: 5,
        SIGN_IN_MAX_FAILURES_PER_ADDRESS: 20,
        SIGN_IN_THROTTLE_MINUTES: 15,
        PASSWORD_RESET_TTL_HOURS: 1,
        PASSWORD_RESET_MAX_PER_ACCOUNT: 3,
        PASSWORD_RESET_MAX_PER_ADDRESS: 10,
        PASSWORD_RESET_THROTTLE_MINUTES: 60,
        KNOWN_DEVICE_DAYS: 90,
      },
      mail: { SMTP_URL: undefined, MAIL_FROM: 'Trajectkompas <noreply@trajectkompas.invalid>', OUTBOX_POLL_SECONDS: 10, REMINDER_DAYS_BEFORE: 7 },
      evidence: { ATTACHMENT_MAX_BYTES: 10 * 1024 * 1024 },
      retention: { IDEMPOTENCY_KEY_RETENTION_HOURS: 48, ENDED_SESSION_RETENTION_DAYS: 30, DELIVERED_MESSAGE_RETENTION_DAYS: 30 },
      meetings: {
        MEETING_FORM_MIN_SECONDS: 3,
        MEETING_REGISTRATIONS_MAX_PER_ADDRESS: 30,
        MEETING_REGISTRATIONS_MAX_PER_EMAIL: 10,
        MEETING_REGISTRATION_THROTTLE_MINUTES: 60,
        MEETING_REMINDER_DAYS_BEFORE: 3,
        MEETING_DATA_RETENTION_MONTHS: 12,
      },
    });
  });

  it('refuses a headers timeout longer than the whole request may take, naming both variables', () => {
    expect(() => validateEnvironment({ HTTP_HEADERS_TIMEOUT_SECONDS: '60', HTTP_REQUEST_TIMEOUT_SECONDS: '30' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_SECONDS must not be larger than HTTP_REQUEST_TIMEOUT_SECONDS/,
    );
  });

  it('reads numbers and the database URL from the environment', () => {
    const config = readConfig(DatabaseConfig, { DATABASE_URL: 'postgres://u@db:5432/tk', DATABASE_POOL_SIZE: '4' });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://u@db:5432/tk', DATABASE_POOL_SIZE: 4 });
  });

  it('treats an empty variable as unset', () => {
    expect(readConfig(DatabaseConfig, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('accepts a password hash cost that scrypt can run within its memory limit, and no other', () => {
    expect(readConfig(AuthConfig, { PASSWORD_HASH_COST: '10' }).PASSWORD_HASH_COST).toBe(10);
    expect(() => readConfig(AuthConfig, { PASSWORD_HASH_COST: '9' })).toThrow(/PASSWORD_HASH_COST: /);
    expect(() => readConfig(AuthConfig, { PASSWORD_HASH_COST: '16' })).toThrow(/PASSWORD_HASH_COST: /);
  });

  it('trusts X-Forwarded-For from no proxy unless TRUST_PROXY names them', () => {
    const option = (TRUST_PROXY?: string) => trustProxyOption(readConfig(HttpConfig, { TRUST_PROXY }).TRUST_PROXY);
    expect([option(), option('true'), option('10.0.0.0/8, 127.0.0.1'), option('loopback')]).toEqual([false, true, '10.0.0.0/8, 127.0.0.1', 'loopback']);
    const twoProxies = option('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => twoProxies('10.0.0.1', hop))).toEqual([true, true, false]);
    for (const wrong of ['yes', '0', 'proxy.example', '10.0.0.1;rm']) expect(() => readConfig(HttpConfig, { TRUST_PROXY: wrong })).toThrow(/TRUST_PROXY: /);
  });

  it('names every wrong variable at once', () => {
    expect(() => validateEnvironment({ PORT: '99999', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT: .*DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL.*LOG_LEVEL: /,
    );
  });
});
