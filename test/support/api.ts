import type { FastifyRequest } from 'fastify';
import request, { type Test } from 'supertest';
import { AuthService } from '../../src/auth/auth.service.js';
import { createStartableCohort } from './factories.js';
import { aCohort, aDuo } from './fixtures.js';
import { acceptAndSignIn, startTestApp, type SignedInPerson, type TestApp } from './test-app.js';

/** A thin client over the app's HTTP server for the end-to-end tests, signed in with `token` when given. */
export function api(testApp: TestApp, token?: string) {
  const server = testApp.app.getHttpServer();
  const signed = (call: Test) => (token ? call.set('authorization', `Bearer ${token}`) : call);
  const http = {
    get: (path: string) => signed(request(server).get(path)),
    post: (path: string) => signed(request(server).post(path)),
    patch: (path: string) => signed(request(server).patch(path)),
    put: (path: string) => signed(request(server).put(path)),
    delete: (path: string) => signed(request(server).delete(path)),
  };
  const client = {
    http,
    /** The same client for someone else (no token: anonymous). */
    as: (person?: { token: string }) => api(testApp, person?.token),
    post: (path: string, body?: object, headers: Record<string, string> = {}) => http.post(path).set(headers).send(body),
    put: (path: string, body?: object, headers: Record<string, string> = {}) => http.put(path).set(headers).send(body),
    get: (path: string) => http.get(path),
    async cohort(overrides = {}) {
      const response = await http.post('/api/cohorts').send(aCohort(overrides)).expect(201);
      return response.body as { id: string };
    },
    /** A cohort of this client with four admitted duos besides the ones a test adds (see createStartableCohort). */
    async startableCohort(overrides = {}) {
      const principal = await testApp.app.get(AuthService).authenticate({ method: 'GET', headers: { authorization: `Bearer ${token}` } } as FastifyRequest);
      if (!principal) throw new Error('startableCohort needs a signed-in client');
      return createStartableCohort(testApp.app, principal, overrides);
    },
    async duo(cohortId: string, n = 1) {
      const response = await http.post(`/api/cohorts/${cohortId}/duos`).send(aDuo(n)).expect(201);
      return response.body as { id: string; version: number; municipality: string; provider: string; contactPersons: { id: string; version: number; name: string; email: string; side: string }[] };
    },
    /** A duo in a new startable cohort of this client (an adviser), admitted, with a participant of its municipality signed in. */
    async admittedDuoWithParticipant(n = 1) {
      const cohort = await client.startableCohort();
      const duo = await client.duo(cohort.id, n);
      await http.post(`/api/duos/${duo.id}/admission`).expect(201);
      const participant = await client.participant(duo.id, duo.contactPersons[0].email);
      return { cohort, duo, participant, asParticipant: client.as(participant) };
    },
    /** An adviser or admin invited by this client (an admin), who accepted and signed in. */
    async staff(role: 'adviser' | 'admin', n = 1): Promise<SignedInPerson> {
      const email = `${role}${n}.${Math.random().toString(36).slice(2, 8)}@adviesbureau.example`;
      const invited = await http.post('/api/accounts').send({ name: `${role} ${n}`, email, role }).expect(201);
      return acceptAndSignIn(testApp.app, invited.body.invitation.token);
    },
    /** A contact person of the duo invited by this client (staff of the duo), who accepted and signed in. */
    async participant(duoId: string, email: string): Promise<SignedInPerson> {
      const invited = await http.post(`/api/duos/${duoId}/invitations`).send({ email }).expect(201);
      return acceptAndSignIn(testApp.app, invited.body.invitation.token);
    },
  };
  return client;
}

export type Api = ReturnType<typeof api>;

/** Starts the app on a fresh database before the file's tests and closes both after them; the client is its admin. */
export function useTestApp(): { readonly testApp: TestApp; readonly client: Api } {
  const context = {} as { testApp: TestApp; client: Api };
  beforeAll(async () => {
    context.testApp = await startTestApp();
    context.client = api(context.testApp, context.testApp.admin.token);
  });
  afterAll(() => context.testApp.close());
  return context;
}
