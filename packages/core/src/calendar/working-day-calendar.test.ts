import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { BankHoliday } from './england-bank-holidays.js';
import { unsafeLocalDate } from './local-date.js';
import type { CalendarNotCovered } from './working-day-calendar.js';
import { englandWorkingDayCalendar as cal, makeWorkingDayCalendar } from './working-day-calendar.js';

const d = unsafeLocalDate;

const ok = <A>(result: E.Either<CalendarNotCovered, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};
const err = <A>(result: E.Either<CalendarNotCovered, A>): CalendarNotCovered => {
  if (E.isRight(result)) throw new Error(`expected CalendarNotCovered, got ${String(result.right)}`);
  return result.left;
};

const add = (date: string, n: number) => ok(cal.addWorkingDays(d(date), n));
const between = (from: string, to: string) => ok(cal.workingDaysBetween(d(from), d(to)));

describe('englandWorkingDayCalendar', () => {
  it('knows weekends and bank holidays', () => {
    expect(ok(cal.isWorkingDay(d('2026-04-02')))).toBe(true); // Maundy Thursday
    expect(ok(cal.isWorkingDay(d('2026-04-03')))).toBe(false); // Good Friday
    expect(ok(cal.isWorkingDay(d('2026-04-04')))).toBe(false); // Saturday
    expect(ok(cal.isWorkingDay(d('2026-04-06')))).toBe(false); // Easter Monday
    expect(ok(cal.isBankHoliday(d('2026-04-06')))).toBe(true);
    expect(ok(cal.isBankHoliday(d('2026-04-04')))).toBe(false); // a weekend is not a bank holiday
    expect(ok(cal.isWorkingDay(d('2022-09-19')))).toBe(false); // State Funeral
    expect(ok(cal.isWorkingDay(d('2022-05-30')))).toBe(true); // spring bank holiday moved to 2 June
    expect(ok(cal.isWorkingDay(d('2020-05-04')))).toBe(true); // early May moved to VE Day
  });

  it('skips Christmas, Boxing Day substitutes and New Year', () => {
    expect(add('2026-12-24', 1)).toBe('2026-12-29');
    expect(add('2026-12-24', 5)).toBe('2027-01-05');
    expect(add('2026-12-14', 10)).toBe('2026-12-30');
    expect(add('2027-12-24', 1)).toBe('2027-12-29'); // Christmas on Saturday: 27 and 28 are substitutes
  });

  it('skips Easter', () => {
    expect(add('2026-04-02', 1)).toBe('2026-04-07');
    expect(add('2026-04-07', -1)).toBe('2026-04-02');
    expect(between('2026-04-02', '2026-04-07')).toBe(1);
  });

  it('does not count the start day, and treats weekends', () => {
    expect(add('2026-06-05', 1)).toBe('2026-06-08'); // Friday to Monday
    expect(add('2026-06-06', 1)).toBe('2026-06-08'); // Saturday to Monday
    expect(add('2026-06-05', 3)).toBe('2026-06-10'); // "within 3 working days of Friday" ends Wednesday
    expect(add('2026-06-08', -1)).toBe('2026-06-05');
    expect(add('2026-06-07', -1)).toBe('2026-06-05'); // Sunday back to Friday
  });

  it('returns the date itself for n = 0, working day or not', () => {
    expect(add('2026-06-06', 0)).toBe('2026-06-06');
    expect(add('2026-12-25', 0)).toBe('2026-12-25');
    expect(add('2026-06-08', 0)).toBe('2026-06-08');
  });

  it('counts working days between dates, destination included and origin excluded', () => {
    expect(between('2026-12-24', '2026-12-29')).toBe(1);
    expect(between('2026-12-24', '2027-01-05')).toBe(5);
    expect(between('2026-12-29', '2026-12-24')).toBe(-1);
    expect(between('2026-06-08', '2026-06-08')).toBe(0);
    expect(between('2026-06-05', '2026-06-06')).toBe(0); // Friday to Saturday passes no working day
    expect(between('2026-06-06', '2026-06-05')).toBe(-1); // Saturday back to Friday lands on one
    // 2026 has 261 weekdays and 8 bank holidays, all on weekdays; the origin never counts.
    expect(between('2026-01-01', '2026-12-31')).toBe(253);
    expect(between('2026-01-02', '2026-12-31')).toBe(252);
    expect(between('2026-12-31', '2026-01-02')).toBe(-252);
  });

  it('finds the next working day on or after a date', () => {
    expect(ok(cal.nextWorkingDayOnOrAfter(d('2026-12-25')))).toBe('2026-12-29');
    expect(ok(cal.nextWorkingDayOnOrAfter(d('2026-12-29')))).toBe('2026-12-29');
    expect(ok(cal.nextWorkingDayOnOrAfter(d('2026-04-03')))).toBe('2026-04-07');
  });

  it('refuses dates outside the covered years with a clear error', () => {
    const e = err(cal.isWorkingDay(d('2031-01-02')));
    expect(e).toMatchObject({
      _tag: 'CalendarNotCovered',
      date: '2031-01-02',
      calendar: 'england-and-wales',
      covered: { from: 2015, to: 2030 },
    });
    expect(e.message).toContain('2031-01-02');
    expect(e.message).toContain("'england-and-wales'");
    expect(e.message).toContain('2015 to 2030');
    expect(e.message).toContain('calendar.extend(');
    expect(err(cal.isBankHoliday(d('2014-12-25'))).date).toBe('2014-12-25');
    expect(err(cal.addWorkingDays(d('2014-12-31'), 0)).date).toBe('2014-12-31');
    expect(err(cal.workingDaysBetween(d('2026-01-01'), d('2031-06-01'))).date).toBe('2031-06-01');
    expect(err(cal.workingDaysBetween(d('2014-06-01'), d('2026-01-01'))).date).toBe('2014-06-01');
  });

  it('refuses answers that would need an uncovered year', () => {
    const after = err(cal.addWorkingDays(d('2030-12-31'), 1));
    expect(after.date).toBe('2031-01-01');
    expect(after.message).toContain('Adding 1 working day to 2030-12-31 runs into 2031-01-01');
    expect(err(cal.addWorkingDays(d('2015-01-02'), -1)).date).toBe('2014-12-31'); // 1 Jan 2015 is a holiday
    const short = makeWorkingDayCalendar({ name: 't', coveredYears: { from: 2028, to: 2028 }, holidays: [] });
    expect(err(short.nextWorkingDayOnOrAfter(d('2028-12-30'))).date).toBe('2029-01-01');
  });

  it('throws for a non-integer n, a programmer error', () => {
    expect(() => cal.addWorkingDays(d('2026-06-08'), 1.5)).toThrow(TypeError);
    expect(() => cal.addWorkingDays(d('2026-06-08'), Number.NaN)).toThrow(TypeError);
  });
});

describe('makeWorkingDayCalendar and extend', () => {
  const holidays2031: BankHoliday[] = [
    ['2031-01-01', "New Year's Day"],
    ['2031-04-11', 'Good Friday'],
    ['2031-04-14', 'Easter Monday'],
    ['2031-05-05', 'Early May bank holiday'],
    ['2031-05-26', 'Spring bank holiday'],
    ['2031-08-25', 'Summer bank holiday'],
    ['2031-12-25', 'Christmas Day'],
    ['2031-12-26', 'Boxing Day'],
  ].map(([date = '', name = '']) => ({ date: d(date), name }));

  it('extends to 2031 as a new calendar', () => {
    const extended = cal.extend({ coveredYears: { from: 2031, to: 2031 }, holidays: holidays2031 });
    expect(extended.coveredYears).toEqual({ from: 2015, to: 2031 });
    expect(extended.name).toBe('england-and-wales');
    expect(ok(extended.addWorkingDays(d('2030-12-31'), 1))).toBe('2031-01-02');
    expect(ok(extended.isWorkingDay(d('2031-12-25')))).toBe(false);
    expect(ok(extended.addWorkingDays(d('2026-12-24'), 1))).toBe('2026-12-29');
    expect(extended.holidays).toHaveLength(cal.holidays.length + 8);
    expect(E.isLeft(cal.isWorkingDay(d('2031-01-02')))).toBe(true); // the original is unchanged
  });

  it('adds a one-off holiday to a covered year', () => {
    const oneOff = { date: d('2029-06-01'), name: 'Hypothetical one-off bank holiday' };
    const extended = cal.extend({ coveredYears: { from: 2029, to: 2029 }, holidays: [oneOff] });
    expect(ok(extended.isBankHoliday(d('2029-06-01')))).toBe(true);
    expect(ok(extended.addWorkingDays(d('2029-05-31'), 1))).toBe('2029-06-04');
    expect(ok(cal.addWorkingDays(d('2029-05-31'), 1))).toBe('2029-06-01');
  });

  it('refuses years that leave a gap, and holidays outside the years', () => {
    expect(() => cal.extend({ coveredYears: { from: 2032, to: 2033 }, holidays: [] })).toThrow(TypeError);
    expect(() => cal.extend({ coveredYears: { from: 2010, to: 2013 }, holidays: [] })).toThrow(TypeError);
    expect(() => cal.extend({ coveredYears: { from: 2014, to: 2014 }, holidays: [] })).not.toThrow();
    expect(() => cal.extend({ coveredYears: { from: 2031, to: 2030 }, holidays: [] })).toThrow(TypeError);
    expect(() =>
      makeWorkingDayCalendar({ name: 't', coveredYears: { from: 2026, to: 2026 }, holidays: holidays2031 }),
    ).toThrow(TypeError);
  });

  it('keeps one holiday per date, in date order', () => {
    const [a, b] = holidays2031;
    const c = makeWorkingDayCalendar({
      name: 't',
      coveredYears: { from: 2031, to: 2031 },
      holidays: [b, a, a].filter((h) => h !== undefined),
    });
    expect(c.holidays.map((h) => h.date)).toEqual(['2031-01-01', '2031-04-11']);
  });
});
