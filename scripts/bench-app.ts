import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rm } from 'node:fs/promises';
import { AccountsService } from '../src/accounts/accounts.service.js';
import type { Principal } from '../src/shared/roles.js';
import { createApp } from '../src/app.factory.js';
import { AuthService } from '../src/auth/auth.service.js';
import { openDatabase } from './database.js';

export const BENCH_PASSWORD = 'een lang genoeg wachtwoord';

export interface BenchApp {
  app: NestFastifyApplication;
  url(path: string): string;
  /** The first admin, as the services take one. */
  admin: Principal;
  /** The session token of an adviser (advisers run cohorts and keep evidence; admins do not). */
  adviserToken: string;
  close(): Promise<void>;
}

/**
 * The app listening on a free port of 127.0.0.1 for a benchmark, with a first admin and a
 * signed-in adviser: on a fresh embedded PostgreSQL in .data/NAME-postgres (so figures never
 * depend on an earlier run's data), or on DATABASE_URL, which must then name an empty database.
 */
export async function startBenchApp(name: string, embeddedPort: number): Promise<BenchApp> {
  process.env.EMBEDDED_POSTGRES_PORT ??= String(embeddedPort);
  process.env.OUTBOX_POLL_SECONDS = '0';
  if (!process.env.DATABASE_URL) {
    process.env.EMBEDDED_POSTGRES_DIR = `.data/${name}-postgres`;
    await rm(process.env.EMBEDDED_POSTGRES_DIR, { recursive: true, force: true });
  }
  const database = await openDatabase({ migrate: true });
  const app = await createApp('silent');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };

  const accounts = app.get(AccountsService);
  const firstAdmin = await accounts.createFirstAdmin('Bench', `bench-admin-${Date.now()}@example.org`);
  const account = await accounts.acceptInvitation(firstAdmin.invitation.token, BENCH_PASSWORD);
  const admin: Principal = { accountId: account.id, name: account.name, email: account.email, role: 'admin', duoId: null, side: null, sessionId: '', via: 'bearer', csrfToken: '' };
  const email = `bench-adviser-${Date.now()}@example.org`;
  const invited = await accounts.inviteStaff({ name: 'Bench adviser', email, role: 'adviser' }, admin);
  await accounts.acceptInvitation(invited.invitation.token, BENCH_PASSWORD);
  const { token } = await app.get(AuthService).signIn(email, BENCH_PASSWORD, '127.0.0.1');
  return {
    app,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    admin,
    adviserToken: token,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
