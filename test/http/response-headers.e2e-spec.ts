import { useTestApp } from '../support/api.js';
import { figures } from '../support/fixtures.js';

/**
 * Headers on every response, not only the pages: nosniff everywhere, nothing personal kept in
 * a cache (API JSON, CSV, XLSX, attachments, printable reports, problems), and the printable
 * reports, which are HTML, under a policy that forbids scripts and framing.
 */
const app = useTestApp();

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

it('sends nosniff and no-store on every personal answer, and a policy against framing on the printable reports', async () => {
  const adviser = app.client.as(await app.client.staff('adviser'));
  const { cohort, duo, asParticipant } = await adviser.admittedDuoWithParticipant();
  const evidence = (await asParticipant.post(`/api/duos/${duo.id}/evidence`, figures(1)).expect(201)).body;
  const attached = await asParticipant.http
    .post(`/api/duos/${duo.id}/evidence/${evidence.id}/attachments?fileName=foto.png`)
    .set('content-type', 'image/png')
    .send(PNG)
    .expect(201);

  const answers = {
    'API JSON': await adviser.get(`/api/duos/${duo.id}`).expect(200),
    'a problem': await adviser.get('/api/duos/00000000-0000-4000-8000-000000000000').expect(404),
    attachment: await asParticipant.get(attached.body.attachments[0].url).expect(200),
    CSV: await adviser.get(`/api/cohorts/${cohort.id}/report/csv/duos`).expect(200),
    XLSX: await adviser.get(`/api/cohorts/${cohort.id}/report/spreadsheet`).expect(200),
    'printable duo report': await adviser.get(`/api/duos/${duo.id}/report/print`).expect(200),
    'printable cohort report': await adviser.get(`/api/cohorts/${cohort.id}/report/print`).expect(200),
  };
  for (const [what, response] of Object.entries(answers)) {
    expect({ what, nosniff: response.headers['x-content-type-options'], cache: response.headers['cache-control'] }).toEqual({
      what,
      nosniff: 'nosniff',
      cache: 'no-store',
    });
  }
  for (const printable of [answers['printable duo report'], answers['printable cohort report']]) {
    const policy = printable.headers['content-security-policy'];
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
  }
});

it('lets the stylesheet be cached, still with nosniff', async () => {
  const stylesheet = await app.client.get('/assets/trajectkompas.css').expect(200);
  expect(stylesheet.headers['cache-control']).toBe('public, max-age=3600');
  expect(stylesheet.headers['x-content-type-options']).toBe('nosniff');
});
