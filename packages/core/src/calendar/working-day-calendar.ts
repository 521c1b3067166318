import * as E from 'fp-ts/lib/Either.js';
import { Temporal } from 'temporal-polyfill';
import type { BankHoliday } from './england-bank-holidays.js';
import { englandAndWalesBankHolidays, englandAndWalesCoveredYears } from './england-bank-holidays.js';
import type { LocalDate } from './local-date.js';
import { fromPlainDate, isLocalDate } from './local-date.js';

/** Whole calendar years, inclusive at both ends. */
export interface CoveredYears {
  readonly from: number;
  readonly to: number;
}

/**
 * A date the calendar has no bank-holiday data for. Expected, not exceptional: deadlines are computed years
 * ahead, and the honest answer for a year whose holidays are unknown is "cannot say", never a count that
 * silently treats the year as holiday-free.
 */
export interface CalendarNotCovered {
  readonly _tag: 'CalendarNotCovered';
  readonly date: LocalDate;
  readonly calendar: string;
  readonly covered: { readonly from: number; readonly to: number };
  readonly message: string;
}

/** What `extend` adds: more years, and holidays for them (or extra one-off holidays in years already covered). */
export interface CalendarExtension {
  readonly coveredYears: CoveredYears;
  readonly holidays: ReadonlyArray<BankHoliday>;
  /** Defaults to the name of the calendar being extended. */
  readonly name?: string;
}

export interface WorkingDayCalendarSpec extends CalendarExtension {
  readonly name: string;
}

/**
 * Working days are Monday to Friday minus the calendar's holidays. Every answer is an Either because a date
 * outside `coveredYears` (or an answer that would need one) is a `CalendarNotCovered`. Methods are plain
 * functions, safe to pass around unbound.
 */
export interface WorkingDayCalendar {
  readonly name: string;
  readonly coveredYears: CoveredYears;
  /** Holidays in date order, one per date. */
  readonly holidays: ReadonlyArray<BankHoliday>;
  readonly isWorkingDay: (d: LocalDate) => E.Either<CalendarNotCovered, boolean>;
  readonly isBankHoliday: (d: LocalDate) => E.Either<CalendarNotCovered, boolean>;
  /**
   * n > 0: the n-th working day after `d`; n < 0: the |n|-th working day before `d`; n = 0: `d` itself, even
   * when `d` is not a working day. `d` never counts, so "within 3 working days of Friday" ends on Wednesday.
   * @throws TypeError when n is not an integer (a programmer error).
   */
  readonly addWorkingDays: (d: LocalDate, n: number) => E.Either<CalendarNotCovered, LocalDate>;
  /**
   * Working days passed on the way from `from` to `to`, counting `to` but not `from`: the number of working
   * days w with from < w <= to, or minus the number with to <= w < from when `to` is earlier. That makes it
   * the exact inverse of addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) === n for every d and n.
   */
  readonly workingDaysBetween: (from: LocalDate, to: LocalDate) => E.Either<CalendarNotCovered, number>;
  readonly nextWorkingDayOnOrAfter: (d: LocalDate) => E.Either<CalendarNotCovered, LocalDate>;
  /**
   * A NEW calendar covering both ranges, with the holidays of both (this one is unchanged). For embedders
   * who need years beyond the shipped data, or a newly proclaimed holiday, before a release of this library:
   *
   *   const calendar = englandWorkingDayCalendar.extend({ coveredYears: { from: 2031, to: 2031 }, holidays });
   *
   * `holidays` must then list EVERY holiday of the added years: a year added with no holidays is taken to
   * have none. Holidays can only be added; to drop a moved one, build a calendar with makeWorkingDayCalendar.
   * @throws TypeError when the years are not contiguous with (or overlapping) the covered years, or a holiday
   * lies outside the combined years.
   */
  readonly extend: (extension: CalendarExtension) => WorkingDayCalendar;
}

// Bounded so the days just outside the range, which errors report, are still 'YYYY-MM-DD' dates.
const checkYears = (years: CoveredYears, what: string): void => {
  const ok = (y: number) => Number.isInteger(y) && y >= 1 && y <= 9998;
  if (!ok(years.from) || !ok(years.to) || years.from > years.to) {
    throw new TypeError(`${what}: covered years ${years.from} to ${years.to} must be whole years in 1-9998`);
  }
};

const yearStart = (year: number) => `${String(year).padStart(4, '0')}-01-01` as LocalDate;
const yearEnd = (year: number) => `${String(year).padStart(4, '0')}-12-31` as LocalDate;

// For each covered day, how many working days come before it and on or before it. Answers are then index
// arithmetic, O(1) whatever n is, instead of stepping through days (property tests call these thousands of
// times). Built on first use so importing the module costs nothing.
interface Slot {
  readonly before: number;
  readonly upTo: number;
}

interface DayIndex {
  readonly slots: ReadonlyMap<string, Slot>;
  readonly workingDays: ReadonlyArray<LocalDate>;
}

const buildIndex = (years: CoveredYears, holidays: ReadonlySet<string>): DayIndex => {
  const slots = new Map<string, Slot>();
  const workingDays: LocalDate[] = [];
  const end = Temporal.PlainDate.from(yearEnd(years.to));
  let day = Temporal.PlainDate.from(yearStart(years.from));
  while (Temporal.PlainDate.compare(day, end) <= 0) {
    const date = fromPlainDate(day);
    const before = workingDays.length;
    if (day.dayOfWeek <= 5 && !holidays.has(date)) workingDays.push(date);
    slots.set(date, { before, upTo: workingDays.length });
    day = day.add({ days: 1 });
  }
  return { slots, workingDays };
};

/**
 * A calendar from holiday data. @throws TypeError for invalid years, or a holiday that is not a date in them.
 */
export const makeWorkingDayCalendar = (spec: WorkingDayCalendarSpec): WorkingDayCalendar => {
  const { name } = spec;
  const { from: firstYear, to: lastYear } = spec.coveredYears;
  const coveredYears: CoveredYears = Object.freeze({ from: firstYear, to: lastYear });
  checkYears(coveredYears, `calendar '${name}'`);
  const first = yearStart(firstYear);
  const last = yearEnd(lastYear);
  const byDate = new Map<string, BankHoliday>();
  for (const holiday of spec.holidays) {
    // A holiday outside the years would be silently ignored, which usually means the years are wrong.
    if (!isLocalDate(holiday.date) || holiday.date < first || holiday.date > last) {
      throw new TypeError(
        `calendar '${name}': holiday '${holiday.date}' is not a date in ${firstYear}-${lastYear}`,
      );
    }
    if (!byDate.has(holiday.date)) byDate.set(holiday.date, Object.freeze({ ...holiday }));
  }
  const holidays = Object.freeze([...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1)));
  const holidaySet: ReadonlySet<string> = new Set(byDate.keys());

  let cached: DayIndex | undefined;
  const index = () => {
    cached ??= buildIndex(coveredYears, holidaySet);
    return cached;
  };

  const notCovered = (date: LocalDate, context?: string): CalendarNotCovered => ({
    _tag: 'CalendarNotCovered',
    date,
    calendar: name,
    covered: coveredYears,
    message:
      `${context === undefined ? `Date ${date}` : `${context} runs into ${date}, which`} is outside the years ` +
      `covered by working-day calendar '${name}' (${firstYear} to ${lastYear}). Working days ` +
      `there cannot be counted without that year's bank holidays: extend the calendar with ` +
      `calendar.extend({ coveredYears, holidays }) once they are published.`,
  });

  const locate = (d: LocalDate): E.Either<CalendarNotCovered, Slot> => {
    const slot = index().slots.get(d);
    return slot === undefined ? E.left(notCovered(d)) : E.right(slot);
  };

  // The k-th working day (0-based), or the error naming the first day past whichever end k falls beyond.
  const workingDayAt = (k: number, context: string): E.Either<CalendarNotCovered, LocalDate> => {
    if (k < 0) return E.left(notCovered(yearEnd(firstYear - 1), context));
    const day = index().workingDays[k];
    return day === undefined ? E.left(notCovered(yearStart(lastYear + 1), context)) : E.right(day);
  };

  const calendar: WorkingDayCalendar = {
    name,
    coveredYears,
    holidays,
    isWorkingDay: (d) => E.map((s: Slot) => s.upTo > s.before)(locate(d)),
    isBankHoliday: (d) => E.map(() => holidaySet.has(d))(locate(d)),
    addWorkingDays: (d, n) => {
      if (!Number.isSafeInteger(n)) throw new TypeError(`addWorkingDays: n must be an integer, got ${n}`);
      return E.flatMap(locate(d), (s: Slot) =>
        n === 0
          ? E.right(d)
          : workingDayAt(
              n > 0 ? s.upTo + n - 1 : s.before + n,
              `Adding ${n} working day${Math.abs(n) === 1 ? '' : 's'} to ${d}`,
            ),
      );
    },
    // Forward: the count in (from, to]. Backward: minus the count in [to, from), so the destination counts.
    workingDaysBetween: (from, to) =>
      E.flatMap(locate(from), (a: Slot) =>
        E.map((b: Slot) => (to >= from ? b.upTo - a.upTo : b.before - a.before))(locate(to)),
      ),
    nextWorkingDayOnOrAfter: (d) =>
      E.flatMap(locate(d), (s: Slot) => workingDayAt(s.before, `Looking for a working day on or after ${d}`)),
    extend: (extension) => {
      const more = extension.coveredYears;
      checkYears(more, `extending calendar '${name}'`);
      if (more.from > lastYear + 1 || more.to < firstYear - 1) {
        throw new TypeError(
          `Cannot extend calendar '${name}' (${firstYear} to ${lastYear}) with ` +
            `${more.from} to ${more.to}: the years must join or overlap, or the gap would have no holidays`,
        );
      }
      return makeWorkingDayCalendar({
        name: extension.name ?? name,
        coveredYears: { from: Math.min(firstYear, more.from), to: Math.max(lastYear, more.to) },
        holidays: [...holidays, ...extension.holidays],
      });
    },
  };
  return Object.freeze(calendar);
};

/** Working days in England: Monday to Friday except England and Wales bank holidays, 2015 to 2030. */
export const englandWorkingDayCalendar: WorkingDayCalendar = makeWorkingDayCalendar({
  name: 'england-and-wales',
  coveredYears: englandAndWalesCoveredYears,
  holidays: englandAndWalesBankHolidays,
});
