// The chat's contact record store against a fake API: panel changes are saved once, after a pause, with
// the latest revision; they wait while the record form holds edits; a refused revision is read again.
import type { TContact } from '@abri/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatRecords, shownRecord } from './contact-record.ts';

const CONVERSATION = '5b0c4a52-3c55-4a8e-9a43-2f0f54d8a001';

function contact(revision: number, extra: Partial<TContact> = {}): TContact {
  return {
    id: 'b1d4b8a0-1d0e-4c57-9d2c-6a3c1b9f0002',
    reference: 'C-2026-00001',
    status: 'draft',
    checklist: [],
    protocolTopic: null,
    conversationId: CONVERSATION,
    ...extra,
    revision,
  } as TContact;
}

type Call = { method: string; url: string; body: unknown };

function fakeApi(answer: (call: Call) => { status: number; body: unknown }) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = {
      method: init.method ?? 'GET',
      url,
      body: init.body ? JSON.parse(String(init.body)) : null,
    };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

describe('chat contact records', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('creates the record once and saves the panel changes in one PATCH after a pause', async () => {
    let revision = 0;
    const calls = fakeApi((call) => {
      if (call.method === 'POST') return { status: 201, body: contact(0) };
      revision += 1;
      return { status: 200, body: contact(revision, call.body as Partial<TContact>) };
    });
    const records = new ChatRecords();
    await Promise.all([records.ensure(CONVERSATION), records.ensure(CONVERSATION)]);
    records.change(CONVERSATION, { checklist: ['welcome'], protocolTopic: 'sextortion' });
    records.change(CONVERSATION, { checklist: ['welcome', 'confidentiality'] });
    // Shown at once, before anything is saved.
    expect(shownRecord(records.get(CONVERSATION))?.checklist).toEqual(['welcome', 'confidentiality']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((call) => call.method)).toEqual(['POST', 'PATCH']);
    expect(calls[1]?.body).toEqual({
      revision: 0,
      checklist: ['welcome', 'confidentiality'],
      protocolTopic: 'sextortion',
    });
    expect(records.get(CONVERSATION)).toMatchObject({ pending: null, contact: { revision: 1 } });
  });

  it('waits while the record form has edits, then saves after the form with its revision', async () => {
    const calls = fakeApi((call) =>
      call.method === 'POST'
        ? { status: 201, body: contact(3) }
        : { status: 200, body: contact(5, call.body as Partial<TContact>) },
    );
    const records = new ChatRecords();
    await records.ensure(CONVERSATION);
    records.formEdited(CONVERSATION);
    records.change(CONVERSATION, { checklist: ['evidence'] });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
    expect(records.get(CONVERSATION).formEdited).toBe(true);
    records.saved(CONVERSATION, contact(4, { summary: 'typed in the form' }));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', body: { revision: 4, checklist: ['evidence'] } });
  });

  it('reads the record again when its revision was refused, and applies the panel changes over it', async () => {
    let patches = 0;
    const calls = fakeApi((call) => {
      if (call.method === 'POST') return { status: 201, body: contact(0) };
      if (call.method === 'GET') return { status: 200, body: contact(7, { summary: 'saved elsewhere' }) };
      patches += 1;
      if (patches === 1)
        return { status: 409, body: { error: { code: 'RECORD_REVISION_CONFLICT', message: 'stale' } } };
      return { status: 200, body: contact(8, call.body as Partial<TContact>) };
    });
    const records = new ChatRecords();
    await records.ensure(CONVERSATION);
    records.change(CONVERSATION, { checklist: ['reporting'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(
      calls.map((call) => `${call.method} ${(call.body as { revision?: number } | null)?.revision ?? ''}`),
    ).toEqual(['POST ', 'PATCH 0', 'GET ', 'PATCH 7']);
    expect(records.get(CONVERSATION)).toMatchObject({ pending: null, error: null, contact: { revision: 8 } });
  });
});
