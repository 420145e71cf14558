// Contact records and cases through the HTTP API on a real database: pre-filling from a chat, completion
// rules per call type, taxonomy codes, revisions, case visibility (404 for others' cases, in lists too),
// restricted notes, the PDF handover, audit of reads, follow-up reminders and retention.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goAvailable, startChat } from '../../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { ManualClock } from '../../infra/clock.ts';
import { purgeRecords, remindFollowUps } from './jobs.ts';

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const clock = new ManualClock('2026-11-23T14:00:00Z');

describe('contact records and cases', () => {
  let app: FastifyInstance;
  let counsellor: StaffClient;
  let counsellorId: string;
  let other: StaffClient;
  let supervisor: StaffClient;

  let close: () => Promise<void>;

  beforeAll(async () => {
    // Chat routing picks among every available counsellor: this suite gets a database of its own, so that
    // counsellors left available by other suites (or earlier runs) never take its chats.
    ({ app, close } = await buildPrivateTestApp((env) => ({ clock, env })));
    ({
      client: counsellor,
      staff: { id: counsellorId },
    } = await loggedIn(app, { roles: ['counsellor'] }));
    ({ client: other } = await loggedIn(app, { roles: ['counsellor'] }));
    ({ client: supervisor } = await loggedIn(app, { roles: ['supervisor'] }));
  });
  afterAll(() => close());

  /** After the clock moves by hours, sessions have expired: log in again as new staff. */
  async function relogin() {
    ({
      client: counsellor,
      staff: { id: counsellorId },
    } = await loggedIn(app, { roles: ['counsellor'] }));
    ({ client: supervisor } = await loggedIn(app, { roles: ['supervisor'] }));
  }

  const phoneCall = (overrides: Record<string, unknown> = {}) =>
    counsellor.post('/api/contacts', { channel: 'phone', ...overrides });

  it('pre-fills a chat record from the pre-chat answers and gives the same record twice', async () => {
    const visitor = await startChat(app, { audience: 'child', ageBand: '11_14', topic: 'sextortion' });
    const picked = await counsellor.post(`/api/chat/conversations/${visitor.conversationId}/pick`);
    expect(picked.statusCode).toBe(200);

    const first = await counsellor.post('/api/contacts', { conversationId: visitor.conversationId });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      channel: 'chat',
      callType: 'counselling',
      caller: 'child',
      ageBand: '11_14',
      topics: ['sextortion'],
      protocolTopic: 'sextortion',
      protocolVersion: 1,
      status: 'draft',
      conversationId: visitor.conversationId,
    });
    expect(first.json().reference).toMatch(/^C-2026-\d{6}$/);
    const again = await counsellor.post('/api/contacts', { conversationId: visitor.conversationId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const byChat = await counsellor.get(`/api/chat/conversations/${visitor.conversationId}/contact`);
    expect(byChat.json().id).toBe(first.json().id);

    // Another counsellor cannot open a record for a chat that is not theirs.
    const foreign = await other.post('/api/contacts', { conversationId: visitor.conversationId });
    expect(foreign.statusCode).toBe(404);
  });

  it('lets the counsellor a chat is transferred to open and save its record', async () => {
    const visitor = await startChat(app, { audience: 'parent', ageBand: '15_17', topic: 'cyber_harassment' });
    await counsellor.post(`/api/chat/conversations/${visitor.conversationId}/pick`);
    const record = (
      await counsellor.post('/api/contacts', { conversationId: visitor.conversationId })
    ).json();
    const { client: next, staff } = await loggedIn(app, { roles: ['counsellor'] });
    await goAvailable(next);
    const moved = await counsellor.post(`/api/chat/conversations/${visitor.conversationId}/transfer`, {
      toCounsellorId: staff.id,
    });
    expect(moved.statusCode).toBe(200);
    const again = await next.post('/api/contacts', { conversationId: visitor.conversationId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(record.id);
    const saved = await next.request({
      method: 'PATCH',
      url: `/api/contacts/${record.id}`,
      payload: { revision: record.revision, checklist: ['welcome'] },
    });
    expect(saved.statusCode).toBe(200);
    // Handing back the existing record counts as a read of it.
    const reads = await app.context.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', record.id)
      .where('actor_id', '=', staff.id)
      .execute();
    expect(reads.map((row) => row.action)).toContain('record.read');
  });

  it('completes a silent call with nothing more, but a counselling contact only with what it needs', async () => {
    const silent = await phoneCall({ callType: 'silent', complete: true });
    expect(silent.statusCode).toBe(201);
    expect(silent.json().status).toBe('complete');

    const bare = await phoneCall({ callType: 'counselling', complete: true });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('CONTACT_INCOMPLETE');
    expect(
      bare
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['ageBand', 'caller', 'gender', 'outcome', 'topics'].sort());

    const full = await phoneCall({
      callType: 'counselling',
      caller: 'parent',
      ageBand: '15_17',
      gender: 'girl',
      region: 'fr-69',
      topics: ['cyber_harassment'],
      platforms: ['snapchat'],
      outcome: 'advice_given',
      referrals: ['3018'],
      summary: 'Mother worried about messages in a class group chat.',
      durationMinutes: 12,
      complete: true,
    });
    expect(full.statusCode).toBe(201);
    expect(full.json()).toMatchObject({ status: 'complete', region: 'fr-69', protocolTopic: null });
  });

  it('refuses codes that are not in the lists, and saves over a stale revision never', async () => {
    const unknown = await phoneCall({ topics: ['not_a_topic'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('TAXONOMY_UNKNOWN_CODE');

    const draft = (await phoneCall()).json();
    const saved = await counsellor.request({
      method: 'PATCH',
      url: `/api/contacts/${draft.id}`,
      payload: { revision: draft.revision, summary: 'first', checklist: ['welcome', 'confidentiality'] },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      revision: draft.revision + 1,
      checklist: ['welcome', 'confidentiality'],
    });
    const stale = await counsellor.request({
      method: 'PATCH',
      url: `/api/contacts/${draft.id}`,
      payload: { revision: draft.revision, summary: 'overwrites?' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('RECORD_REVISION_CONFLICT');
    expect((await counsellor.get(`/api/contacts/${draft.id}`)).json().summary).toBe('first');
    expect((await other.get(`/api/contacts/${draft.id}`)).statusCode).toBe(404);
  });

  it('keeps cases to their people: others get 404 and never see them listed; supervisors see all', async () => {
    const contact = (await phoneCall({ callType: 'counselling' })).json();
    const created = await counsellor.post('/api/cases', {
      title: 'Sextortion on Snapchat, boy aged 14',
      topics: ['sextortion'],
      contactIds: [contact.id],
    });
    expect(created.statusCode).toBe(201);
    const theCase = created.json();
    expect(theCase).toMatchObject({ status: 'open', assigneeId: counsellorId });
    expect(theCase.reference).toMatch(/^D-2026-\d{5}$/);
    expect(theCase.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect(theCase.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'contact_linked']);

    expect((await other.get(`/api/cases/${theCase.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/cases/${theCase.id}/pdf`)).statusCode).toBe(404);
    const othersList = (await other.get(`/api/cases?q=${theCase.reference}`)).json();
    expect(othersList.total).toBe(0);
    const mine = (await counsellor.get(`/api/cases?q=${theCase.reference}`)).json();
    expect(mine.cases.map((c: { id: string }) => c.id)).toEqual([theCase.id]);
    const byWords = (await counsellor.get('/api/cases?q=snapchat&status=open&topic=sextortion')).json();
    expect(byWords.cases.map((c: { id: string }) => c.id)).toContain(theCase.id);
    expect((await supervisor.get(`/api/cases/${theCase.id}`)).statusCode).toBe(200);

    // The contact now belongs to the case; it cannot be put in a second one.
    const second = await counsellor.post('/api/cases', { title: 'Another', contactIds: [contact.id] });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CASE_CONTACT_LINKED');
  });

  it('hides restricted notes from counsellors, in the timeline and in the PDF, and audits reads', async () => {
    const theCase = (await counsellor.post('/api/cases', { title: 'Grooming, girl aged 12' })).json();
    expect(
      (await counsellor.post(`/api/cases/${theCase.id}/notes`, { body: 'Mother called back.' })).statusCode,
    ).toBe(200);
    expect(
      (await counsellor.post(`/api/cases/${theCase.id}/notes`, { body: 'x', restricted: true })).statusCode,
    ).toBe(403);
    const restricted = await supervisor.post(`/api/cases/${theCase.id}/notes`, {
      body: 'Safeguarding lead informed.',
      restricted: true,
    });
    expect(
      restricted.json().timeline.some((e: { body: string }) => e.body === 'Safeguarding lead informed.'),
    ).toBe(true);
    const seen = (await counsellor.get(`/api/cases/${theCase.id}`)).json();
    expect(seen.timeline.map((e: { body: string | null }) => e.body)).toContain('Mother called back.');
    expect(seen.timeline.map((e: { body: string | null }) => e.body)).not.toContain(
      'Safeguarding lead informed.',
    );

    const pdf = await counsellor.get(`/api/cases/${theCase.id}/pdf?lang=en`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Grooming, girl aged 12');
    expect(text).toContain('Mother called back.');
    expect(text).not.toContain('Safeguarding lead');
    const supervisorPdf = await pdfText((await supervisor.get(`/api/cases/${theCase.id}/pdf`)).rawPayload);
    expect(supervisorPdf).toContain('Safeguarding lead informed.');

    const reads = await app.context.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', theCase.id)
      .execute();
    expect(reads.filter((r) => r.action === 'record.read').length).toBeGreaterThanOrEqual(2);
    expect(reads.map((r) => r.action)).toContain('case.exported');
  });

  it('moves a case through its statuses and refuses changes to a closed one until reopened', async () => {
    const theCase = (await counsellor.post('/api/cases', { title: 'Hacked account' })).json();
    const patch = (body: Record<string, unknown>) =>
      counsellor.request({ method: 'PATCH', url: `/api/cases/${theCase.id}`, payload: body });
    const waiting = (await patch({ status: 'waiting', revision: theCase.revision })).json();
    expect(waiting).toMatchObject({ status: 'waiting', revision: theCase.revision + 1 });
    // Someone else's form, loaded before that change, does not overwrite it.
    const stale = await patch({ summary: 'from an old form', revision: theCase.revision });
    expect(stale.json().error.code).toBe('RECORD_REVISION_CONFLICT');
    const closed = (await patch({ status: 'closed' })).json();
    expect(closed.closedAt).not.toBeNull();
    expect((await patch({ title: 'Renamed' })).json().error.code).toBe('CASE_CLOSED');
    const reopened = (await patch({ status: 'in_progress', title: 'Renamed' })).json();
    expect(reopened).toMatchObject({ status: 'in_progress', title: 'Renamed', closedAt: null });
    expect((await patch({ assigneeId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
  });

  it('reminds the assignee once when a follow-up date comes', async () => {
    const theCase = (
      await counsellor.post('/api/cases', {
        title: 'Call back on Friday',
        followUpAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
        followUpNote: 'Check that the account was removed',
      })
    ).json();
    await remindFollowUps(app.context);
    const before = (await counsellor.get(`/api/cases/${theCase.id}`)).json();
    expect(before.timeline.some((e: { kind: string }) => e.kind === 'follow_up_due')).toBe(false);
    clock.advance(2 * 3_600_000);
    await remindFollowUps(app.context);
    await remindFollowUps(app.context);
    await relogin();
    const after = (await supervisor.get(`/api/cases/${theCase.id}`)).json();
    expect(after.timeline.filter((e: { kind: string }) => e.kind === 'follow_up_due')).toHaveLength(1);
    const due = (await supervisor.get('/api/cases?due=true')).json();
    expect(due.cases.map((c: { id: string }) => c.id)).toContain(theCase.id);
  });

  it('erases old contacts’ free text and deletes long-closed cases, keeping the coded fields', async () => {
    const contact = (
      await phoneCall({
        callType: 'counselling',
        summary: 'Told us the name of the school.',
        topics: ['grooming'],
      })
    ).json();
    const theCase = (
      await counsellor.post('/api/cases', { title: 'Old case', contactIds: [contact.id] })
    ).json();
    await counsellor.request({
      method: 'PATCH',
      url: `/api/cases/${theCase.id}`,
      payload: { status: 'closed' },
    });
    // A closed case whose escalation is still open is kept.
    const pending = (await counsellor.post('/api/cases', { title: 'Waiting for the police' })).json();
    const pharos = (await counsellor.get('/api/partners'))
      .json()
      .find((p: { code: string }) => p.code === 'pharos');
    const escalation = await counsellor.post('/api/escalations', {
      caseId: pending.id,
      partnerId: pharos.id,
      form: {
        kind: 'law_enforcement',
        whatHappened: 'Threats to share a video',
        when: 'Last week',
        otherPersonIdentifiers: [],
        evidenceReferences: [],
        urgency: 'routine',
        victimAgeBand: '15_17',
        complaintIntended: 'yes',
      },
    });
    expect(escalation.statusCode).toBe(201);
    await counsellor.request({
      method: 'PATCH',
      url: `/api/cases/${pending.id}`,
      payload: { status: 'closed' },
    });
    clock.advance(1200 * 86_400_000);
    await relogin();
    const purged = await purgeRecords(app.context);
    expect(purged.cases).toBeGreaterThanOrEqual(1);
    expect((await supervisor.get(`/api/cases/${theCase.id}`)).statusCode).toBe(404);
    expect((await supervisor.get(`/api/cases/${pending.id}`)).statusCode).toBe(200);
    const kept = (await supervisor.get(`/api/contacts/${contact.id}`)).json();
    expect(kept).toMatchObject({ summary: '', topics: ['grooming'], caseId: null });
  });

  it('searches cases by the helpline’s days (Paris time), not UTC days', async () => {
    clock.set('2026-11-24T23:30:00Z'); // 00:30 on 25 November in Paris
    await relogin();
    const late = (await counsellor.post('/api/cases', { title: 'Appel tardif' })).json();
    const on25 = (await counsellor.get('/api/cases?from=2026-11-25&to=2026-11-25')).json();
    expect(on25.cases.map((c: { id: string }) => c.id)).toContain(late.id);
    const on24 = (await counsellor.get('/api/cases?from=2026-11-24&to=2026-11-24')).json();
    expect(on24.cases.map((c: { id: string }) => c.id)).not.toContain(late.id);
  });
});
