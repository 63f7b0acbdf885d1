import { useTestApp, type Api } from '../support/api.js';
import { LINDEWAARD_CONTACT, lindewaardTrajectory } from '../support/municipality.js';
import type { SignedInPerson } from '../support/test-app.js';

/**
 * Issue 18: the plan of approach and the report that gemeente Lindewaard's trajectory hands
 * over, each with the decisions taken and its file, stored as the Kwaliteitskompas stores
 * attachments; in the inquiry and in the report.
 */
const app = useTestApp();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const plan = { kind: 'planOfApproach', title: 'Plan van aanpak dagactiviteiten Lindewaard', decisions: 'Een algemene voorziening voor dagactiviteiten in elke kern, vanaf 2027.' };

let adviser: SignedInPerson;
let asAdviser: Api;
let asContact: Api;
let municipalityId: string;
let documentId: string;

function bytes(call: ReturnType<Api['get']>) {
  return call.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

beforeAll(async () => {
  adviser = await app.client.staff('adviser');
  asAdviser = app.client.as(adviser);
  ({ municipalityId } = await lindewaardTrajectory(asAdviser));
  asContact = app.client.as(await asAdviser.participant(municipalityId, LINDEWAARD_CONTACT.email));
});

describe('the plan of approach and the report', () => {
  it('records the plan of approach with its decisions, without a file yet', async () => {
    const recorded = (await asAdviser.post(`/api/duos/${municipalityId}/plan-documents`, plan).expect(201)).body;

    expect(recorded.documents).toEqual([{ id: expect.any(String), ...plan, file: null, recordedBy: adviser.name, recordedAt: expect.any(String) }]);
    documentId = recorded.documents[0].id;
  });

  it('attaches its file, which the municipality’s contact person downloads as it was sent', async () => {
    const attached = await asAdviser.http
      .post(`/api/duos/${municipalityId}/plan-documents/${documentId}/file?fileName=plan-van-aanpak.pdf`)
      .set('content-type', 'application/pdf')
      .send(PDF)
      .expect(201);

    expect(attached.body.documents[0].file).toEqual({ fileName: 'plan-van-aanpak.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, addedAt: expect.any(String) });
    const downloaded = await bytes(asContact.get(`/api/duos/${municipalityId}/plan-documents/${documentId}/file`)).expect(200).expect('content-type', 'application/pdf');
    expect(Buffer.compare(downloaded.body as Buffer, PDF)).toBe(0);
  });

  it('refuses a file that is not what its type says, and keeps the one it had', async () => {
    const refused = await asAdviser.http
      .post(`/api/duos/${municipalityId}/plan-documents/${documentId}/file?fileName=plan.pdf`)
      .set('content-type', 'application/pdf')
      .send(Buffer.from('geen pdf'))
      .expect(415);

    expect(refused.body).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
    expect((await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.documents[0].file.fileName).toBe('plan-van-aanpak.pdf');
  });

  it('answers 404 for a document the unit does not have, and lets only advisers add one', async () => {
    const missing = await asAdviser.http
      .post(`/api/duos/${municipalityId}/plan-documents/00000000-0000-4000-8000-000000000000/file?fileName=plan.pdf`)
      .set('content-type', 'application/pdf')
      .send(PDF)
      .expect(404);
    expect(missing.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    await asContact.post(`/api/duos/${municipalityId}/plan-documents`, plan).expect(403);
    const noKind = await asAdviser.post(`/api/duos/${municipalityId}/plan-documents`, { ...plan, kind: 'notulen' }).expect(400);
    expect(noKind.body.errors).toEqual([{ field: 'kind', message: 'kind must be one of planOfApproach, report' }]);
  });

  it('answers 404 for a document asked for under another unit, even to an adviser of both, and changes nothing', async () => {
    const { municipalityId: other } = await lindewaardTrajectory(asAdviser);
    const elsewhere = `/api/duos/${other}/plan-documents/${documentId}/file`;

    expect((await asAdviser.get(elsewhere).expect(404)).body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    await asAdviser.http.post(`${elsewhere}?fileName=ander.pdf`).set('content-type', 'application/pdf').send(PDF).expect(404);
    await asContact.get(elsewhere).expect(404);
    const kept = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry`).expect(200)).body.documents[0].file;
    expect(kept).toMatchObject({ fileName: 'plan-van-aanpak.pdf', sizeBytes: PDF.length });
  });

  it('shows the documents and their decisions in the report', async () => {
    await asAdviser.post(`/api/duos/${municipalityId}/plan-documents`, { kind: 'report', title: 'Rapport behoeftepeiling', decisions: 'Gebruikers willen dichtbij huis en samen met anderen.' }).expect(201);
    const report = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report`).expect(200)).body;

    expect(report.plan.documents).toEqual([
      { kind: 'planOfApproach', title: plan.title, decisions: plan.decisions, fileName: 'plan-van-aanpak.pdf' },
      { kind: 'report', title: 'Rapport behoeftepeiling', decisions: 'Gebruikers willen dichtbij huis en samen met anderen.', fileName: null },
    ]);
    const html = (await asAdviser.get(`/api/duos/${municipalityId}/inquiry-report/print`).expect(200)).text;
    expect(html).toContain('Plan van aanpak dagactiviteiten Lindewaard');
    expect(html).toContain('Besluiten: Een algemene voorziening voor dagactiviteiten in elke kern, vanaf 2027.');
  });

  it('is refused where the programme keeps no plan', async () => {
    const cohort = await asAdviser.cohort();
    const duo = await asAdviser.duo(cohort.id, 1);
    await asAdviser.post(`/api/duos/${duo.id}/admission`).expect(201);
    const refused = await asAdviser.post(`/api/duos/${duo.id}/plan-documents`, plan).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOT_RECORDED_BY_PROGRAMME', params: { record: 'plan' } });
  });
});
