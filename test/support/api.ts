import request from 'supertest';
import { startTestApp, type TestApp } from './test-app.js';
import { aCohort, aDuo } from './fixtures.js';

/** A thin client over the app's HTTP server, for the end-to-end tests. */
export function api(testApp: TestApp) {
  const http = () => request(testApp.app.getHttpServer());
  return {
    http,
    post: (path: string, body?: object, headers: Record<string, string> = {}) => http().post(path).set(headers).send(body),
    get: (path: string) => http().get(path),
    async cohort(overrides = {}) {
      const response = await http().post('/api/cohorts').send(aCohort(overrides)).expect(201);
      return response.body as { id: string };
    },
    async duo(cohortId: string, n = 1) {
      const response = await http().post(`/api/cohorts/${cohortId}/duos`).send(aDuo(n)).expect(201);
      return response.body as { id: string; version: number };
    },
  };
}

export type Api = ReturnType<typeof api>;

/** Starts the app on a fresh database before the file's tests and closes both after them. */
export function useTestApp(): { readonly testApp: TestApp; readonly client: Api } {
  const context = {} as { testApp: TestApp; client: Api };
  beforeAll(async () => {
    context.testApp = await startTestApp();
    context.client = api(context.testApp);
  });
  afterAll(() => context.testApp.close());
  return context;
}
