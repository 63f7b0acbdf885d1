import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { useTestApp } from '../support/api.js';
import { startTestApp } from '../support/test-app.js';

const app = useTestApp();


describe('the service', () => {
  it('reports the database in its health check', async () => {
    const health = await app.client.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('answers 503 from its health check when the database is gone, with the check that failed', async () => {
    const doomed = await startTestApp();
    try {
      await doomed.database.drop();
      const health = await request(doomed.app.getHttpServer()).get('/health');
      expect(health.status).toBe(503);
      expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { database: 'down' } });
      expect(health.headers['retry-after']).toBe('5');
      // What the failed check said (the database's name, host and port) stays in the log: the check is anonymous.
      expect(health.text).not.toContain(new URL(doomed.database.url).pathname.slice(1));
    } finally {
      await doomed.close();
    }
  });

  it('serves the API documentation, with the headers that make changes safe to retry', async () => {
    const ui = await app.client.get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
    const served = await app.client.get('/api/docs/openapi.json').expect(200);
    expect(served.body.paths['/api/duos/{id}/advisory-meetings'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
  });

  it('keeps openapi.json in the repository equal to the document the built code generates (npm run openapi)', async () => {
    const script = new URL('../../dist/scripts/write-openapi.js', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--check']);
    expect(stdout).toContain('openapi.json is up to date');
  });

  it('returns the request id it was sent, and puts it in problem details', async () => {
    const response = await app.client.http.get('/api/nowhere').set('X-Request-Id', 'trace-42').expect(404);
    expect(response.headers['x-request-id']).toBe('trace-42');
    expect(response.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: 'trace-42', status: 404 });
  });

  it('gives a request without an id a new one', async () => {
    const response = await app.client.get('/health').expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
