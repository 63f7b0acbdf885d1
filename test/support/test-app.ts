import { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccountView } from '../../src/accounts/account.view.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import type { Principal } from '../../src/shared/roles.js';
import { createApp, type AppOptions } from '../../src/app.factory.js';
import type { LogLevel } from '../../src/config/environment.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const PASSWORD = 'een lang genoeg wachtwoord';

export interface SignedInPerson {
  id: string;
  name: string;
  email: string;
  token: string;
  principal: Principal;
}

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  /** The first admin, created as `npm run create-admin` does, signed in. */
  admin: SignedInPerson;
  close(): Promise<void>;
}

/** The real app (same factory as main.ts) on a fresh database of its own, with a first admin. */
export async function startTestApp(options: AppOptions & { logLevel?: LogLevel; smtpUrl?: string; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  process.env.DATABASE_URL = database.url;
  // The default pool (10): the parallel tests then also show that no transaction needs a second connection.
  delete process.env.DATABASE_POOL_SIZE;
  // The tests run the scheduler's rounds themselves (Scheduler.tick), so nothing runs on a timer.
  process.env.OUTBOX_POLL_SECONDS = '0';
  process.env.SMTP_URL = options.smtpUrl ?? '';
  const app = await createApp(options.logLevel ?? 'silent', options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const admin = (await signInExisting(app)) ?? (await firstAdmin(app));
  return {
    app,
    database,
    admin,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * The first admin, signed in. Scaffolding of every test app: the invitation mail it gets is taken
 * out of the outbox again, so that the tests of messages see only the messages they cause.
 */
async function firstAdmin(app: NestFastifyApplication): Promise<SignedInPerson> {
  const email = 'beheer@trajectkompas.example';
  const { invitation } = await app.get(AccountsService).createFirstAdmin('Beheerder Test', email);
  await app.get(DataSource).query("DELETE FROM outbox WHERE kind = 'invitation' AND recipient_email = $1", [email]);
  return acceptAndSignIn(app, invitation.token);
}

/** The first admin of a database an earlier test app created (a restart), if there is one. */
async function signInExisting(app: NestFastifyApplication): Promise<SignedInPerson | undefined> {
  const [account] = (await app.get(AccountsService).list()).filter((candidate) => candidate.role === 'admin');
  return account ? signIn(app, account) : undefined;
}

/** Accepts an invitation with PASSWORD and signs in, as the invited person would. */
export async function acceptAndSignIn(app: NestFastifyApplication, invitationToken: string): Promise<SignedInPerson> {
  return signIn(app, await app.get(AccountsService).acceptInvitation(invitationToken, PASSWORD));
}

async function signIn(app: NestFastifyApplication, account: AccountView): Promise<SignedInPerson> {
  const session = await app.get(AuthService).signIn(account.email, PASSWORD, '127.0.0.1');
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    token: session.token,
    principal: {
      accountId: account.id,
      name: account.name,
      email: account.email,
      role: account.role as Principal['role'],
      duoId: account.duoId,
      side: account.side as Principal['side'],
      sessionId: '',
      via: 'bearer',
      csrfToken: session.csrfToken,
    },
  };
}

/**
 * The app of this test file takes attachments of at most BYTES: the variable is read when the app
 * starts (app.factory.ts for the body parser, environment.ts for the service), which useTestApp
 * does in its beforeAll, after this call at the top of the file. Put back after the file.
 */
export function attachmentLimitOfThisFile(bytes: number): number {
  const before = process.env.ATTACHMENT_MAX_BYTES;
  process.env.ATTACHMENT_MAX_BYTES = String(bytes);
  afterAll(() => {
    if (before === undefined) delete process.env.ATTACHMENT_MAX_BYTES;
    else process.env.ATTACHMENT_MAX_BYTES = before;
  });
  return bytes;
}
