import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import type { Principal } from '../../src/accounts/roles.js';
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
export async function startTestApp(options: AppOptions & { logLevel?: LogLevel } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE = '25';
  const app = await createApp(options.logLevel ?? 'silent', options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const { invitation } = await app.get(AccountsService).createFirstAdmin('Beheerder Test', 'beheer@trajectkompas.example');
  return {
    app,
    database,
    admin: await acceptAndSignIn(app, invitation.token),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Accepts an invitation with PASSWORD and signs in, as the invited person would. */
export async function acceptAndSignIn(app: NestFastifyApplication, invitationToken: string): Promise<SignedInPerson> {
  const account = await app.get(AccountsService).acceptInvitation(invitationToken, PASSWORD);
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
    },
  };
}
