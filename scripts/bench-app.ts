import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rm } from 'node:fs/promises';
import { AccountsService } from '../src/accounts/accounts.service.js';
import type { Principal } from '../src/shared/roles.js';
import { createApp } from '../src/app.factory.js';
import { AuthService } from '../src/auth/auth.service.js';
import { todayInAmsterdam } from '../src/shared/dates.js';
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

/**
 * `count` duos in cohorts of 8, each admitted, its intake held and present at workshop 1 (a
 * cohort of fewer than 5 cannot start, so its duos are left out): duos that record evidence.
 * `post` sends a request as an adviser. Returns their ids.
 */
export async function duosPastWorkshop1(post: (path: string, body?: unknown) => Promise<Response>, count: number): Promise<string[]> {
  const json = async (response: Promise<Response>) => (await response).json() as Promise<{ id: string }>;
  const duoIds: string[] = [];
  for (let c = 0; c < Math.ceil(count / 8); c++) {
    const cohort = await json(post('/api/cohorts', { name: `Bench ${c}`, registrationDeadline: '2099-03-31', capacity: 8 }));
    const members: string[] = [];
    for (let n = 0; n < 8 && duoIds.length + members.length < count; n++) {
      const duo = await json(post(`/api/cohorts/${cohort.id}/duos`, {
        municipality: `Gemeente ${c}-${n}`, provider: `Uitvoerder ${c}-${n}`, collectiveServices: ['jongerenwerk'],
        contactPersons: [{ side: 'municipality', name: 'A', email: 'a@example.org' }, { side: 'provider', name: 'B', email: 'b@example.org' }],
      }));
      await post(`/api/duos/${duo.id}/admission`);
      await post(`/api/duos/${duo.id}/intake`, { heldOn: todayInAmsterdam(), location: 'X', adviser: 'A' });
      members.push(duo.id);
    }
    const present = { municipality: { status: 'present' }, provider: { status: 'present' } };
    if (members.length >= 5) await post(`/api/cohorts/${cohort.id}/workshops/1/attendance`, { duos: members.map((duoId) => ({ duoId, ...present })) });
    duoIds.push(...members.filter(() => members.length >= 5));
  }
  return duoIds;
}
