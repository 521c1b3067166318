import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  compareLocalDate,
  dayOfWeek,
  daysBetween,
  firstLocalDate,
  fromPlainDate,
  isAfter,
  isBefore,
  isLocalDate,
  LocalDateC,
  lastLocalDate,
  localDateOf,
  maxDate,
  minDate,
  parseLocalDate,
  toPlainDate,
  tryAddDays,
  tryAddMonths,
  tryAddWeeks,
  tryAddYears,
  unsafeLocalDate,
} from './local-date.js';

const d = unsafeLocalDate;

describe('LocalDateC', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts the real date %s unchanged',
    (s) => {
      expect(LocalDateC.decode(s)).toEqual(E.right(s));
      expect(LocalDateC.encode(d(s))).toBe(s);
      expect(LocalDateC.is(s)).toBe(true);
    },
  );

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-2-1',
    '26-02-01',
    '2026/02/01',
    '2026-02-01T00:00',
    ' 2026-02-01',
    '+002026-02-01',
    '',
  ])('rejects %j', (s) => {
    expect(E.isLeft(LocalDateC.decode(s))).toBe(true);
    expect(LocalDateC.is(s)).toBe(false);
  });

  it('accepts exactly the days Temporal accepts, for any year, month and day written in the fixed form', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, day) => {
          const text = `${String(y).padStart(4, '0')}-${two(m)}-${two(day)}`;
          let real = true;
          try {
            Temporal.PlainDate.from({ year: y, month: m, day }, { overflow: 'reject' });
          } catch {
            real = false;
          }
          expect(E.isRight(parseLocalDate(text))).toBe(real);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('rejects values that are not strings', () => {
    for (const u of [null, undefined, 20260201, new Date(), { year: 2026 }]) {
      expect(E.isLeft(LocalDateC.decode(u))).toBe(true);
    }
  });

  it('explains the failure in the io-ts report', () => {
    const [report] = PathReporter.report(LocalDateC.decode('2026-02-30'));
    expect(report).toContain("a calendar date 'YYYY-MM-DD' (there is no day 30 in month 2 of 2026)");
    expect(report).toContain('no day 30 in month 2 of 2026');
    expect(PathReporter.report(LocalDateC.decode('2026-2-1'))[0]).toContain("'YYYY-MM-DD'");
  });
});

describe('parseLocalDate and unsafeLocalDate', () => {
  it('returns a typed error for a bad date', () => {
    expect(parseLocalDate('2026-02-30')).toEqual(
      E.left({
        _tag: 'InvalidLocalDate',
        input: '2026-02-30',
        reason: 'there is no day 30 in month 2 of 2026',
        message: "'2026-02-30' is not a calendar date: there is no day 30 in month 2 of 2026",
      }),
    );
  });

  it('throws a TypeError for a bad literal', () => {
    expect(() => unsafeLocalDate('2026-02-30')).toThrow(TypeError);
    expect(unsafeLocalDate('2026-02-28')).toBe('2026-02-28');
  });

  it('isLocalDate guards unknown values', () => {
    expect(isLocalDate('2026-03-01')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate(1)).toBe(false);
  });
});

describe('arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays(d('2026-01-31'), 1)).toBe('2026-02-01');
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2026-03-01'), -1)).toBe('2026-02-28');
    expect(addDays(d('2026-03-29'), 1)).toBe('2026-03-30'); // the BST change is irrelevant to dates
    expect(addWeeks(d('2026-12-28'), 1)).toBe('2027-01-04');
  });

  it('adds months clamping to the end of a shorter month', () => {
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addMonths(d('2026-08-31'), 1)).toBe('2026-09-30');
    expect(addMonths(d('2026-11-15'), 3)).toBe('2027-02-15');
    // Clamping is not reversible: that is what "one month later" means, not a bug.
    expect(addMonths(addMonths(d('2026-01-31'), 1), -1)).toBe('2026-01-28');
  });

  it('adds years, with 29 February becoming 28 February', () => {
    expect(addYears(d('2024-02-29'), 1)).toBe('2025-02-28');
    expect(addYears(d('2024-02-29'), 4)).toBe('2028-02-29');
    expect(addYears(d('2026-06-15'), -18)).toBe('2008-06-15');
  });

  it('counts days between dates, signed', () => {
    expect(daysBetween(d('2026-01-01'), d('2027-01-01'))).toBe(365);
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(daysBetween(d('2026-03-10'), d('2026-03-01'))).toBe(-9);
    expect(daysBetween(d('2026-03-29'), d('2026-03-30'))).toBe(1);
  });

  it('orders dates', () => {
    expect(compareLocalDate(d('2026-01-02'), d('2026-01-10'))).toBe(-1);
    expect(compareLocalDate(d('2026-01-10'), d('2026-01-10'))).toBe(0);
    expect(compareLocalDate(d('2027-01-01'), d('2026-12-31'))).toBe(1);
    expect(isBefore(d('2026-09-30'), d('2026-10-01'))).toBe(true);
    expect(isAfter(d('2026-09-30'), d('2026-10-01'))).toBe(false);
    expect(minDate(d('2026-09-30'), d('2026-10-01'))).toBe('2026-09-30');
    expect(maxDate(d('2026-09-30'), d('2026-10-01'))).toBe('2026-10-01');
  });

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(dayOfWeek(d('2026-04-06'))).toBe(1);
    expect(dayOfWeek(d('2026-04-03'))).toBe(5);
    expect(dayOfWeek(d('2026-04-05'))).toBe(7);
  });

  it('converts to and from Temporal.PlainDate', () => {
    const p = toPlainDate(d('2026-07-01'));
    expect([p.year, p.month, p.day]).toEqual([2026, 7, 1]);
    expect(fromPlainDate(p)).toBe('2026-07-01');
    expect(() => fromPlainDate(p.with({ year: 10000 }))).toThrow(RangeError);
  });
});

describe('arithmetic on input, which may leave the calendar (tryAddDays and the others)', () => {
  it('gives the same dates as the plain arithmetic within 0000-01-01..9999-12-31', () => {
    expect(tryAddDays(d('2026-01-31'), 1)).toBe(addDays(d('2026-01-31'), 1));
    expect(tryAddWeeks(d('2026-12-28'), 1)).toBe('2027-01-04');
    expect(tryAddMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(tryAddYears(d('2024-02-29'), 1)).toBe('2025-02-28');
    expect(tryAddDays(d('9999-12-30'), 1)).toBe(lastLocalDate);
    expect(tryAddDays(d('0000-01-02'), -1)).toBe(firstLocalDate);
    expect(tryAddMonths(d('0001-01-31'), -12)).toBe('0000-01-31');
  });

  it('answers undefined, instead of throwing, past 9999-12-31 or before 0000-01-01', () => {
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(RangeError);
    expect(tryAddDays(d('9999-12-31'), 1)).toBeUndefined();
    expect(tryAddWeeks(d('9999-12-01'), 16)).toBeUndefined();
    expect(tryAddMonths(d('9999-06-01'), 12)).toBeUndefined();
    expect(tryAddYears(d('9999-03-03'), 1)).toBeUndefined();
    expect(tryAddDays(d('0000-01-01'), -1)).toBeUndefined();
    expect(tryAddMonths(d('0000-03-01'), -12)).toBeUndefined();
  });

  it('answers undefined for amounts Temporal cannot add: huge, not whole, or not a number', () => {
    for (const n of [1e9, 2 ** 53 + 2, Number.MAX_VALUE, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(tryAddDays(d('2025-03-10'), n)).toBeUndefined();
    }
    expect(tryAddYears(d('2025-03-10'), 1e9)).toBeUndefined();
  });
});

describe('localDateOf', () => {
  it('gives the London date of an instant, across BST', () => {
    expect(localDateOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST, UTC+1
    expect(localDateOf(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT, UTC+0
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    expect(localDateOf(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(localDateOf(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(localDateOf(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(localDateOf(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('takes another time zone', () => {
    expect(localDateOf(new Date('2026-06-30T23:30:00Z'), 'UTC')).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-06-30T15:00:00Z'), 'Pacific/Auckland')).toBe('2026-07-01');
  });

  it('throws for an invalid Date', () => {
    expect(() => localDateOf(new Date('not a date'))).toThrow(RangeError);
  });
});
