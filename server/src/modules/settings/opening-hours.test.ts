import type { TOpeningHours } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import { localToInstant, openingStatus } from './opening-hours.ts';

const hours: TOpeningHours = {
  timeZone: 'Europe/Paris',
  weekly: {
    mon: [{ open: '09:00', close: '20:00' }],
    tue: [{ open: '09:00', close: '20:00' }],
    wed: [
      { open: '09:00', close: '12:00' },
      { open: '12:00', close: '20:00' },
    ],
    thu: [{ open: '09:00', close: '20:00' }],
    fri: [{ open: '09:00', close: '20:00' }],
    sat: [{ open: '09:00', close: '20:00' }],
    sun: [],
  },
  holidays: ['2026-12-25'],
};

describe('opening hours', () => {
  it('converts local times to instants across daylight saving time', () => {
    expect(localToInstant('2026-07-01', '09:00', 'Europe/Paris').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(localToInstant('2026-12-01', '09:00', 'Europe/Paris').toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    // The night clocks go back (25 October 2026): 09:00 is already winter time.
    expect(localToInstant('2026-10-25', '09:00', 'Europe/Paris').toISOString()).toBe(
      '2026-10-25T08:00:00.000Z',
    );
  });

  it('is open on a weekday afternoon and says when it closes', () => {
    expect(openingStatus(hours, new Date('2026-11-23T14:00:00Z'))).toEqual({
      open: true,
      nextChange: new Date('2026-11-23T19:00:00Z'),
    });
  });

  it('treats adjacent slots as one opening', () => {
    expect(openingStatus(hours, new Date('2026-11-25T10:00:00Z')).nextChange?.toISOString()).toBe(
      '2026-11-25T19:00:00.000Z',
    );
  });

  it('is closed on Sunday and reopens on Monday morning', () => {
    expect(openingStatus(hours, new Date('2026-11-22T12:00:00Z'))).toEqual({
      open: false,
      nextChange: new Date('2026-11-23T08:00:00Z'),
    });
  });

  it('is closed on a public holiday', () => {
    const christmas = openingStatus(hours, new Date('2026-12-25T10:00:00Z'));
    expect(christmas.open).toBe(false);
    expect(christmas.nextChange?.toISOString()).toBe('2026-12-26T08:00:00.000Z');
  });

  it('has no next opening when the schedule is empty', () => {
    const empty = { ...hours, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(openingStatus(empty, new Date())).toEqual({ open: false, nextChange: null });
  });
});
