import { describe, expect, it } from 'vitest';
import { type CounsellorLoad, chooseCounsellor, estimateWaitMinutes } from './presence.ts';

const now = new Date('2026-11-23T14:00:00Z');
const load = (userId: string, overrides: Partial<CounsellorLoad> = {}): CounsellorLoad => ({
  userId,
  displayName: userId,
  presence: 'available',
  capacity: 3,
  lastAssignedAt: null,
  seenAt: now,
  conversationIds: [],
  ...overrides,
});

describe('routing', () => {
  it('gives the conversation to the counsellor with the most free places, idle longest first', () => {
    const loads = [
      load('busy', { conversationIds: ['x', 'y'] }),
      load('recent', { lastAssignedAt: new Date('2026-11-23T13:59:00Z') }),
      load('idle', { lastAssignedAt: new Date('2026-11-23T13:00:00Z') }),
    ];
    expect(chooseCounsellor(loads, null, now)?.userId).toBe('idle');
  });

  it('prefers the counsellor the visitor had before, if they can take it', () => {
    const loads = [load('other'), load('before', { conversationIds: ['x', 'y'] })];
    expect(chooseCounsellor(loads, 'before', now)?.userId).toBe('before');
    loads[1]!.conversationIds.push('z');
    expect(chooseCounsellor(loads, 'before', now)?.userId).toBe('other');
  });

  it('skips counsellors who are away, full, or whose console has gone silent', () => {
    const loads = [
      load('away', { presence: 'away' }),
      load('full', { conversationIds: ['a', 'b', 'c'] }),
      load('silent', { seenAt: new Date('2026-11-23T13:50:00Z') }),
    ];
    expect(chooseCounsellor(loads, null, now)).toBeNull();
  });

  it('estimates the wait from free places, capacity and handling time', () => {
    const loads = [
      load('a', { conversationIds: ['1', '2', '3'] }),
      load('b', { conversationIds: ['4', '5'] }),
    ];
    expect(estimateWaitMinutes(1, loads, 30, now)).toBe(1);
    // Second in line, no free place left after the first: one place frees every 30/6 = 5 minutes.
    expect(estimateWaitMinutes(2, loads, 30, now)).toBe(5);
    expect(estimateWaitMinutes(7, loads, 30, now)).toBe(30);
    expect(estimateWaitMinutes(1, [load('away', { presence: 'away' })], 30, now)).toBeNull();
  });
});
