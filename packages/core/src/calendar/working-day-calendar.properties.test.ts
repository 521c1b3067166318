import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, it } from 'vitest';
import type { LocalDate } from './local-date.js';
import { addDays, daysBetween, unsafeLocalDate } from './local-date.js';
import type { CalendarNotCovered } from './working-day-calendar.js';
import { englandWorkingDayCalendar as cal } from './working-day-calendar.js';

const d = unsafeLocalDate;

const ok = <A>(result: E.Either<CalendarNotCovered, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

describe('englandWorkingDayCalendar properties', () => {
  // Dates in 2016-2029 and |n| up to 200 working days (about 40 weeks) stay inside 2015-2030.
  const start = d('2016-01-01');
  const date = fc.integer({ min: 0, max: daysBetween(start, d('2029-12-31')) }).map((i) => addDays(start, i));
  const n = fc.integer({ min: -200, max: 200 });
  const isWorking = (x: LocalDate) => ok(cal.isWorkingDay(x));

  it('lands on a working day for n != 0', () => {
    fc.assert(fc.property(date, n, (x, k) => k === 0 || isWorking(ok(cal.addWorkingDays(x, k)))));
  });

  it('is undone by workingDaysBetween', () => {
    fc.assert(
      fc.property(date, n, (x, k) => ok(cal.workingDaysBetween(x, ok(cal.addWorkingDays(x, k)))) === k),
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(date, n, n, (x, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return ok(cal.addWorkingDays(x, lo)) < ok(cal.addWorkingDays(x, hi));
      }),
    );
  });

  it('composes for steps in the same direction', () => {
    const half = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(date, half, half, fc.boolean(), (x, a0, b0, backwards) => {
        const [a, b] = backwards ? [-a0, -b0] : [a0, b0];
        return ok(cal.addWorkingDays(ok(cal.addWorkingDays(x, a)), b)) === ok(cal.addWorkingDays(x, a + b));
      }),
    );
  });

  it('never confuses calendar days with working days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (x, weeks) => {
        const later = ok(cal.addWorkingDays(x, 5 * weeks));
        // Five working days span a whole week from a working day, and at least five days from any day.
        const minimum = isWorking(x) ? 7 * weeks : 5 * weeks;
        return daysBetween(x, later) >= minimum && daysBetween(x, ok(cal.addWorkingDays(x, 5))) >= 5;
      }),
    );
  });

  it('agrees with stepping one day at a time', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -30, max: 30 }), (x, k) => {
        let day = x;
        for (let left = Math.abs(k); left > 0; ) {
          day = addDays(day, Math.sign(k));
          if (isWorking(day)) left--;
        }
        return ok(cal.addWorkingDays(x, k)) === day;
      }),
      { numRuns: 200 },
    );
  });

  it('counts like a day-by-day count', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -60, max: 60 }), (x, offset) => {
        // Walking from x towards x + offset, count each working day stepped onto: (x, y] forward, [y, x) back.
        const step = Math.sign(offset);
        let count = 0;
        for (let i = 1; i <= Math.abs(offset); i++) if (isWorking(addDays(x, step * i))) count += step;
        return ok(cal.workingDaysBetween(x, addDays(x, offset))) === count;
      }),
      { numRuns: 200 },
    );
  });
});
