// Documents attached to cases: accepted by content (not by name), listed in the case and its timeline,
// downloaded as attachments by those who may see the case, refused when disguised, empty or too large.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError } from '../../../test/bad-input.ts';
import { buildTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { renderPdf } from '../../infra/pdf.ts';
import { detectDocumentType, safeFilename } from './documents.ts';

describe('case documents', () => {
  let app: FastifyInstance;
  let counsellor: StaffClient;
  let other: StaffClient;

  beforeAll(async () => {
    app = await buildTestApp();
    counsellor = (await loggedIn(app, { roles: ['counsellor'] })).client;
    other = (await loggedIn(app, { roles: ['counsellor'] })).client;
  });
  afterAll(() => app.close());

  const upload = (client: StaffClient, caseId: string, bytes: Buffer, filename = 'lettre.pdf') =>
    client.request({
      method: 'POST',
      url: `/api/cases/${caseId}/documents?filename=${encodeURIComponent(filename)}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: bytes,
    });

  it('keeps a PDF with the case, in its timeline and its handover, for those who may see the case', async () => {
    const theCase = (await counsellor.post('/api/cases', { title: 'Signalement du collège' })).json();
    const pdf = Buffer.from(
      await renderPdf({
        title: 'Courrier du collège',
        meta: [],
        sections: [],
        footer: 'test',
        createdAt: new Date('2026-11-20T10:00:00Z'),
      }),
    );
    const added = await upload(counsellor, theCase.id, pdf, '../../Courrier du collège.PDF');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      filename: 'Courrier du collège.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const view = (await counsellor.get(`/api/cases/${theCase.id}`)).json();
    expect(view.documents.map((d: { id: string }) => d.id)).toEqual([added.json().id]);
    expect(view.timeline.at(-1)).toMatchObject({
      kind: 'document',
      data: { filename: 'Courrier du collège.pdf' },
    });

    const url = `/api/cases/${theCase.id}/documents/${added.json().id}`;
    const download = await counsellor.get(url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await other.get(url)).statusCode).toBe(404);
    expect((await upload(other, theCase.id, pdf)).statusCode).toBe(404);

    const handover = await pdfText((await counsellor.get(`/api/cases/${theCase.id}/pdf`)).rawPayload);
    expect(handover).toContain('Courrier du collège.pdf');
  });

  it('refuses disguised, empty and oversized files, and bodies that are not a file', async () => {
    const theCase = (await counsellor.post('/api/cases', { title: 'Pièces' })).json();
    const windowsProgram = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const disguised = await upload(counsellor, theCase.id, windowsProgram, 'photo.jpg');
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.code).toBe('CASE_DOCUMENT_TYPE');
    expectClientError(await upload(counsellor, theCase.id, Buffer.alloc(0)));
    const huge = await upload(
      counsellor,
      theCase.id,
      Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(11 * 1024 * 1024)]),
    );
    expect(huge.statusCode).toBe(413);
    expectClientError(
      await counsellor.request({
        method: 'POST',
        url: `/api/cases/${theCase.id}/documents`,
        payload: { not: 'a file' },
      }),
    );
    expect((await counsellor.get(`/api/cases/${theCase.id}`)).json().documents).toEqual([]);
  });

  it('names types by their bytes, and makes any file name safe', () => {
    expect(detectDocumentType(Buffer.from('Compte rendu de l’appel\nLigne 2\n'))).toBe('text/plain');
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(detectDocumentType(Buffer.from([0x00, 0x01, 0x02]))).toBeNull();
    expect(detectDocumentType(Buffer.from([0xc3, 0x28]))).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const safe = safeFilename(name, 'image/png');
        expect(safe).toMatch(/^[^/\\"]{1,125}\.png$/);
        expect(safe.startsWith('.')).toBe(false);
      }),
    );
  });
});
