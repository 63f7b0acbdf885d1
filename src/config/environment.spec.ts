import { DatabaseConfig, readConfig, validateEnvironment } from './environment.js';

describe('configuration', () => {
  it('has defaults that start the app on the embedded PostgreSQL', () => {
    expect(validateEnvironment({})).toEqual({
      http: { PORT: 3000, HOST: '127.0.0.1' },
      database: { DATABASE_URL: undefined, EMBEDDED_POSTGRES_DIR: '.data/postgres', EMBEDDED_POSTGRES_PORT: 54329, DATABASE_POOL_SIZE: 10 },
      log: { LOG_LEVEL: 'info' },
      auth: {
        PUBLIC_URL: 'http://127.0.0.1:3000',
        SESSION_TTL_HOURS: 12,
        INVITATION_TTL_HOURS: 168,
        SIGN_IN_MAX_FAILURES_PER_ACCOUNT: 5,
        SIGN_IN_MAX_FAILURES_PER_ADDRESS: 20,
        SIGN_IN_THROTTLE_MINUTES: 15,
      },
      mail: { SMTP_URL: undefined, MAIL_FROM: 'Trajectkompas <noreply@trajectkompas.invalid>', OUTBOX_POLL_SECONDS: 10, REMINDER_DAYS_BEFORE: 7 },
      evidence: { ATTACHMENT_MAX_BYTES: 10 * 1024 * 1024 },
    });
  });

  it('reads numbers and the database URL from the environment', () => {
    const config = readConfig(DatabaseConfig, { DATABASE_URL: 'postgres://u@db:5432/tk', DATABASE_POOL_SIZE: '4' });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://u@db:5432/tk', DATABASE_POOL_SIZE: 4 });
  });

  it('treats an empty variable as unset', () => {
    expect(readConfig(DatabaseConfig, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every wrong variable at once', () => {
    expect(() => validateEnvironment({ PORT: '99999', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT: .*DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL.*LOG_LEVEL: /,
    );
  });
});
