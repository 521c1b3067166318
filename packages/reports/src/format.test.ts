import { unsafeLocalDate as d } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { formatAsOf, formatDate, formatMonth, formatPeriod, formatSubject, plural } from './format.js';

describe('formatting', () => {
  it('writes dates the way UK case records do, whatever the locale', () => {
    expect(formatDate(d('2025-03-04'))).toBe('4 Mar 2025');
    expect(formatDate(d('2024-12-31'))).toBe('31 Dec 2024');
    expect(formatMonth(d('2025-01-01'))).toBe('Jan 2025');
    expect(formatPeriod({ from: d('2025-01-01'), to: d('2025-06-30') })).toBe('1 Jan 2025 to 30 Jun 2025');
  });

  it('says which history a report reads', () => {
    expect(formatAsOf({ by: 'occurred', on: d('2025-06-30') })).toBe(
      'the history as it had happened by 30 Jun 2025',
    );
    expect(formatAsOf({ by: 'recorded', on: d('2025-06-30') })).toBe(
      'the history as it had been recorded by 30 Jun 2025',
    );
  });

  it('names a subject by every id it has', () => {
    expect(formatSubject({ householdId: 'h-1', petId: 'pet-rex' })).toBe('household h-1, pet pet-rex');
    expect(formatSubject({ staffId: 'st-1' })).toBe('staff st-1');
    expect(formatSubject({})).toBe('the agency');
  });

  it('counts in words', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'entry', 'entries')).toBe('0 entries');
  });
});
