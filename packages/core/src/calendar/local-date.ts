import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Temporal } from 'temporal-polyfill';

/**
 * A calendar date with no time and no time zone, as the string 'YYYY-MM-DD'. Statutory deadlines are
 * expressed in days (a placement review "within 20 working days"), not instants: keeping dates as plain
 * strings means they serialise into events unchanged and never drift by an hour when read in another zone.
 * The brand guarantees the string was checked to be a real date, so arithmetic on it cannot fail to parse.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** Why a string is not a `LocalDate`; an expected failure when reading input, so it is a value, not a throw. */
export interface InvalidLocalDate {
  readonly _tag: 'InvalidLocalDate';
  readonly input: string;
  /** What is wrong with it, on its own: "there is no day 30 in month 2 of 2026". */
  readonly reason: string;
  readonly message: string;
}

/** ISO weekday numbering, as Temporal uses it: 1 = Monday ... 7 = Sunday. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

// Exactly four-digit years and two-digit months and days: the fixed width is what makes plain string
// comparison agree with date order (see compareLocalDate), so '2026-2-1' or '+002026-02-01' are refused.
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalid = (input: string, reason: string): InvalidLocalDate => ({
  _tag: 'InvalidLocalDate',
  input,
  reason,
  message: `'${input}' is not a calendar date: ${reason}`,
});

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of the proleptic Gregorian calendar (Temporal's ISO calendar), for months 1 to 12. */
const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * Checks that `s` is a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' and '2026-2-1' fail). Every date
 * of every command and every stored event passes through here on each load, so it is plain arithmetic, not a
 * Temporal round trip (which was a tenth of a command's time); a property test holds it to Temporal's answer.
 */
export const parseLocalDate = (s: string): E.Either<InvalidLocalDate, LocalDate> => {
  const match = SHAPE.exec(s);
  if (match === null) return E.left(invalid(s, "expected the form 'YYYY-MM-DD', for example '2026-04-03'"));
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return E.left(invalid(s, `there is no day ${day} in month ${month} of ${year}`));
  }
  return E.right(s as LocalDate);
};

export const isLocalDate = (u: unknown): u is LocalDate =>
  typeof u === 'string' && E.isRight(parseLocalDate(u));

/** io-ts codec for `LocalDate`, encoded as the same string, for event payloads and commands. */
export const LocalDateC: t.Type<LocalDate, string, unknown> = new t.Type<LocalDate, string, unknown>(
  'LocalDate',
  isLocalDate,
  (u, c) => {
    // Phrased as what was expected: refusals read "'on' must be a calendar date 'YYYY-MM-DD' (…)".
    if (typeof u !== 'string') return t.failure(u, c, `a calendar date 'YYYY-MM-DD', not a ${typeof u}`);
    const parsed = parseLocalDate(u);
    return E.isRight(parsed)
      ? t.success(parsed.right)
      : t.failure(u, c, `a calendar date 'YYYY-MM-DD' (${parsed.left.reason})`);
  },
  (d) => d,
);

/**
 * For literals in tests and examples, where a bad date is a typo to fix, not input to handle.
 * @throws TypeError when `s` is not a calendar date.
 */
export const unsafeLocalDate = (s: string): LocalDate => {
  const parsed = parseLocalDate(s);
  if (E.isLeft(parsed)) throw new TypeError(parsed.left.message);
  return parsed.right;
};

export const toPlainDate = (d: LocalDate): Temporal.PlainDate => Temporal.PlainDate.from(d);

/**
 * @throws RangeError for years outside 0000-9999, which the 'YYYY-MM-DD' form cannot hold.
 */
export const fromPlainDate = (p: Temporal.PlainDate): LocalDate => {
  // A PlainDate may carry another calendar (its toString would then append '[u-ca=...]'); the ISO fields are
  // the ones that name the day.
  const s = p.withCalendar('iso8601').toString({ calendarName: 'never' });
  if (!SHAPE.test(s)) throw new RangeError(`${s} is outside the years 0000-9999 that a LocalDate can hold`);
  return s as LocalDate;
};

/** The first and the last day a `LocalDate` can hold: its years have exactly four digits. */
export const firstLocalDate = '0000-01-01' as LocalDate;
export const lastLocalDate = '9999-12-31' as LocalDate;

/** Why date arithmetic on input has no answer, for a refusal's reason: "… would fall after 9999-12-31 …". */
export const beyondTheCalendar = `after ${lastLocalDate}, the last date the calendar holds`;

/**
 * Runs date arithmetic, answering `undefined` where it leaves the calendar: the result is outside
 * 0000-01-01..9999-12-31, or the amount is too large (or not whole) for Temporal. Only RangeError is caught;
 * anything else is a bug and still throws.
 */
const withinCalendar = (shift: () => Temporal.PlainDate): LocalDate | undefined => {
  let result: Temporal.PlainDate;
  try {
    result = shift();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  const s = result.withCalendar('iso8601').toString({ calendarName: 'never' });
  return SHAPE.test(s) ? (s as LocalDate) : undefined;
};

/**
 * Date arithmetic on input, which may reach past 9999-12-31 (a date near the end of the calendar, or a huge
 * number of days): `addDays` and the others throw there, these answer `undefined`, so that a decider can refuse
 * the command, naming the field that took it there, instead of throwing.
 */
export const tryAddDays = (d: LocalDate, n: number): LocalDate | undefined =>
  withinCalendar(() => toPlainDate(d).add({ days: n }));

export const tryAddWeeks = (d: LocalDate, n: number): LocalDate | undefined =>
  withinCalendar(() => toPlainDate(d).add({ weeks: n }));

/** Like `addMonths` (clamping to the end of a shorter month), or `undefined` outside the calendar. */
export const tryAddMonths = (d: LocalDate, n: number): LocalDate | undefined =>
  withinCalendar(() => toPlainDate(d).add({ months: n }));

/** Like `addYears`, or `undefined` outside the calendar. */
export const tryAddYears = (d: LocalDate, n: number): LocalDate | undefined =>
  withinCalendar(() => toPlainDate(d).add({ years: n }));

/** @throws RangeError when the result is outside 0000-01-01..9999-12-31 (see `tryAddDays` for input). */
export const addDays = (d: LocalDate, n: number): LocalDate => fromPlainDate(toPlainDate(d).add({ days: n }));

export const addWeeks = (d: LocalDate, n: number): LocalDate =>
  fromPlainDate(toPlainDate(d).add({ weeks: n }));

/**
 * Calendar months, clamping to the end of a shorter month (Temporal's 'constrain'): 31 January plus one month
 * is 28 or 29 February. That is how "within one month" is usually read for a period starting on the 31st;
 * rules that mean something else must say so.
 */
export const addMonths = (d: LocalDate, n: number): LocalDate =>
  fromPlainDate(toPlainDate(d).add({ months: n }));

/** Calendar years; 29 February plus one year is 28 February (same clamping as `addMonths`). */
export const addYears = (d: LocalDate, n: number): LocalDate =>
  fromPlainDate(toPlainDate(d).add({ years: n }));

/** `b - a` in calendar days: positive when `b` is later. */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  toPlainDate(a).until(toPlainDate(b), { largestUnit: 'day' }).days;

/**
 * Date order. Fixed-width 'YYYY-MM-DD' strings sort lexicographically in date order, so no parsing is needed;
 * this matters because the working-day calendar and projections compare dates in tight loops.
 */
export const compareLocalDate = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

export const isBefore = (a: LocalDate, b: LocalDate): boolean => a < b;

export const isAfter = (a: LocalDate, b: LocalDate): boolean => a > b;

export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);

export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

export const dayOfWeek = (d: LocalDate): DayOfWeek => toPlainDate(d).dayOfWeek as DayOfWeek;

/**
 * The calendar date of an instant as seen in `timeZone`. Events are recorded at instants, but the statutory
 * clock runs on the local date: a visit logged at 2026-06-30T23:30Z happened on 1 July in London (BST).
 * Defaults to Europe/London because the rules this library serves are England's.
 * @throws RangeError for an invalid Date or an unknown time zone.
 */
export const localDateOf = (instant: Date, timeZone = 'Europe/London'): LocalDate =>
  fromPlainDate(
    Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate(),
  );
