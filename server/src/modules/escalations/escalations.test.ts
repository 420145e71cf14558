// Escalations end to end on a real database and a real SMTP server: draft from a contact, the partner's
// form kind, supervisor approval (four eyes), sending by e-mail with the PDF, acknowledgement, closing,
// every step in the history, the case timeline and the audit trail; and what each role may do.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp, loggedIn, type StaffClient, unique } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { TestSmtpServer } from '../../../test/smtp.ts';

const lawEnforcementForm = {
  kind: 'law_enforcement',
  whatHappened:
    'A 14-year-old boy is being blackmailed: the other person demands 200 euros or will send a video.',
  when: 'Since Saturday evening',
  platform: 'Snapchat',
  otherPersonIdentifiers: ['snap: lea_2009x'],
  evidenceReferences: ['Screenshots kept by the child, dated 28 November'],
  urgency: 'urgent',
  suspectedOffences: 'Sextortion (Code pénal 312-10)',
  victimAgeBand: '11_14',
  complaintIntended: 'unknown',
};

describe('escalations', () => {
  const smtp = new TestSmtpServer();
  let app: FastifyInstance;
  let counsellor: StaffClient;
  let other: StaffClient;
  let supervisor: StaffClient;
  let secondSupervisor: { client: StaffClient; id: string };
  let admin: StaffClient;
  let partnerId: string;
  let partnerEmail: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await smtp.start();
    // A database of its own: the mail job of another test's app must not deliver (or hold) this one's mail.
    ({ app, close } = await buildPrivateTestApp((env) => ({ env: { ...env, SMTP_URL: smtp.url } })));
    ({ client: counsellor } = await loggedIn(app, { roles: ['counsellor'] }));
    ({ client: other } = await loggedIn(app, { roles: ['counsellor'] }));
    ({ client: supervisor } = await loggedIn(app, { roles: ['supervisor'] }));
    const second = await loggedIn(app, { roles: ['supervisor'] });
    secondSupervisor = { client: second.client, id: second.staff.id };
    ({ client: admin } = await loggedIn(app, { roles: ['admin'] }));
    partnerEmail = `${unique('brigade')}@example.org`;
    const partner = await admin.post('/api/partners', {
      code: unique('bpm').toLowerCase(),
      kind: 'law_enforcement',
      name: 'Brigade de protection des mineurs (test)',
      email: partnerEmail,
      phone: null,
      url: null,
      regions: ['75'],
      notes: null,
      active: true,
    });
    expect(partner.statusCode).toBe(201);
    partnerId = partner.json().id;
  });
  afterAll(async () => {
    await close();
    await smtp.close();
  });

  async function draft(client = counsellor) {
    const contact = (
      await client.post('/api/contacts', { channel: 'phone', callType: 'counselling' })
    ).json();
    const theCase = (
      await client.post('/api/cases', { title: 'Sextortion', contactIds: [contact.id] })
    ).json();
    const created = await client.post('/api/escalations', {
      contactId: contact.id,
      partnerId,
      form: lawEnforcementForm,
    });
    expect(created.statusCode).toBe(201);
    return { escalation: created.json(), contact, theCase };
  }

  it('seeds the partners from content/partners.json', async () => {
    const partners = (await counsellor.get('/api/partners')).json();
    expect(partners.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['pharos', 'snated_119']),
    );
  });

  it('goes from draft to approval, e-mail with the PDF, acknowledgement and closing, all recorded', async () => {
    const { escalation, theCase } = await draft();
    expect(escalation).toMatchObject({
      status: 'draft',
      kind: 'law_enforcement',
      caseId: theCase.id,
      approvalRequired: true,
    });
    expect(escalation.reference).toMatch(/^E-\d{4}-\d{4}$/);

    const submitted = (await counsellor.post(`/api/escalations/${escalation.id}/submit`)).json();
    expect(submitted).toMatchObject({ status: 'pending_approval', approvalRequired: true });
    // Counsellors cannot approve, nor can a sending happen before approval.
    expect((await counsellor.post(`/api/escalations/${escalation.id}/approve`)).statusCode).toBe(403);
    const early = await counsellor.post(`/api/escalations/${escalation.id}/send`, { via: 'email' });
    expect(early.json().error.code).toBe('ESCALATION_STATE');

    const rejected = await supervisor.post(`/api/escalations/${escalation.id}/reject`, {
      comment: 'Add the date of the first message.',
    });
    expect(rejected.json().status).toBe('draft');
    const edited = await counsellor.request({
      method: 'PATCH',
      url: `/api/escalations/${escalation.id}`,
      payload: {
        form: { ...lawEnforcementForm, when: 'First message on 26 November, threats since Saturday' },
      },
    });
    expect(edited.json().form.when).toContain('26 November');
    await counsellor.post(`/api/escalations/${escalation.id}/submit`);
    const approved = (await supervisor.post(`/api/escalations/${escalation.id}/approve`)).json();
    expect(approved).toMatchObject({ status: 'approved' });
    expect(approved.approvedByName).not.toBeNull();

    const sending = (
      await counsellor.post(`/api/escalations/${escalation.id}/send`, { via: 'email' })
    ).json();
    expect(sending).toMatchObject({ status: 'sending', sentTo: partnerEmail, mailStatus: 'queued' });
    // Not closed while its e-mail is on its way.
    const closing = await counsellor.post(`/api/escalations/${escalation.id}/close`, { note: 'too early' });
    expect(closing.json().error.code).toBe('ESCALATION_STATE');
    await app.context.jobs.runDue();
    const sent = (await counsellor.get(`/api/escalations/${escalation.id}`)).json();
    expect(sent).toMatchObject({ status: 'sent', mailStatus: 'sent' });
    expect(sent.sentAt).not.toBeNull();

    const [mail, ...more] = smtp.mailsTo(partnerEmail);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toContain(escalation.reference);
    expect(mail!.files).toHaveLength(1);
    expect(mail!.files[0]).toMatchObject({
      filename: `${escalation.reference}.pdf`,
      contentType: 'application/pdf',
    });
    const text = await pdfText(mail!.files[0]!.content);
    expect(text).toContain('Snapchat');
    expect(text).toContain('snap: lea_2009x');
    expect(text).toContain('Sextortion (Code pénal 312-10)');

    // Administrators see it in the outbox; counsellors do not.
    const outbox = (await admin.get('/api/admin/outbox?status=sent')).json();
    const listed = outbox.mails.find((m: { relatedId: string }) => m.relatedId === escalation.id);
    expect(listed).toMatchObject({ relatedType: 'escalation', to: [partnerEmail] });
    expect(listed.attachments[0]).toMatchObject({ filename: `${escalation.reference}.pdf` });
    expect((await admin.get(`/api/admin/outbox/${listed.id}`)).json().text).toContain(escalation.reference);
    expect((await counsellor.get('/api/admin/outbox')).statusCode).toBe(403);

    const acknowledged = await counsellor.post(`/api/escalations/${escalation.id}/acknowledge`, {
      partnerReference: 'BPM-2026-1187',
    });
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', partnerReference: 'BPM-2026-1187' });
    const closed = await counsellor.post(`/api/escalations/${escalation.id}/close`, {
      note: 'Investigation opened; the family was told.',
    });
    expect(closed.json().status).toBe('closed');
    expect(closed.json().history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'submitted',
      'rejected',
      'edited',
      'submitted',
      'approved',
      'queued',
      'delivered',
      'acknowledged',
      'closed',
    ]);

    const timeline = (await counsellor.get(`/api/cases/${theCase.id}`)).json().timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'escalation').length).toBe(10);
    const audited = await app.context.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', escalation.id)
      .execute();
    expect(audited.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'escalation.created',
        'escalation.submitted',
        'escalation.approved',
        'escalation.rejected',
        'escalation.sent',
        'escalation.delivered',
        'escalation.acknowledged',
        'escalation.closed',
      ]),
    );
  });

  it('wants the approval of a supervisor other than the author', async () => {
    const { escalation } = await draft(secondSupervisor.client);
    await secondSupervisor.client.post(`/api/escalations/${escalation.id}/submit`);
    const own = await secondSupervisor.client.post(`/api/escalations/${escalation.id}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('ESCALATION_OWN_APPROVAL');
    expect((await supervisor.post(`/api/escalations/${escalation.id}/approve`)).json().status).toBe(
      'approved',
    );

    // Nor may a supervisor who rewrote someone else's draft approve it.
    const { escalation: rewritten } = await draft();
    await supervisor.request({
      method: 'PATCH',
      url: `/api/escalations/${rewritten.id}`,
      payload: { form: { ...lawEnforcementForm, whatHappened: 'Rewritten by the supervisor.' } },
    });
    await supervisor.post(`/api/escalations/${rewritten.id}/submit`);
    const self = await supervisor.post(`/api/escalations/${rewritten.id}/approve`);
    expect(self.json().error.code).toBe('ESCALATION_OWN_APPROVAL');
    expect((await secondSupervisor.client.post(`/api/escalations/${rewritten.id}/approve`)).statusCode).toBe(
      200,
    );
  });

  it('records a phoned escalation at once, and refuses a form that does not match the partner', async () => {
    const { escalation, contact } = await draft();
    await counsellor.post(`/api/escalations/${escalation.id}/submit`);
    await supervisor.post(`/api/escalations/${escalation.id}/approve`);
    const phoned = await counsellor.post(`/api/escalations/${escalation.id}/send`, {
      via: 'phone',
      note: 'Called the duty officer.',
    });
    expect(phoned.json()).toMatchObject({ status: 'sent', sentVia: 'phone', mailStatus: null });

    const mismatch = await counsellor.post('/api/escalations', {
      contactId: contact.id,
      partnerId,
      form: {
        ...lawEnforcementForm,
        kind: 'health',
        healthConcern: 'Talks of not wanting to live',
        immediateRisk: true,
        suspectedOffences: undefined,
        victimAgeBand: undefined,
        complaintIntended: undefined,
      },
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('ESCALATION_KIND_MISMATCH');
  });

  it('keeps escalations to the people who may see their case: others get 404', async () => {
    const { escalation } = await draft();
    expect((await other.get(`/api/escalations/${escalation.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/escalations/${escalation.id}/submit`)).statusCode).toBe(404);
    const list = (await other.get('/api/escalations')).json();
    expect(list.escalations.map((e: { id: string }) => e.id)).not.toContain(escalation.id);
    const pending = (await supervisor.get('/api/escalations')).json();
    expect(pending.escalations.map((e: { id: string }) => e.id)).toContain(escalation.id);
    const pdf = await counsellor.get(`/api/escalations/${escalation.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf.rawPayload)).toContain(escalation.reference);
  });
});
