import { englandAndWalesBankHolidays, type LocalDate } from '@fostering/core';

/**
 * The oracles' own date arithmetic, written apart from the core's calendar module: plain UTC day numbers,
 * months clamped to the end of a shorter month, and working days counted one day at a time over weekends and
 * the England-and-Wales bank holidays (the core's list of dates, which is data, not logic).
 */

const msPerDay = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / msPerDay;

export const dateOfDay = (day: number): LocalDate =>
  new Date(day * msPerDay).toISOString().slice(0, 10) as LocalDate;

export const plusDays = (date: string, n: number): LocalDate => dateOfDay(dayNumber(date) + n);

export const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same day `n` months later, or the last day of that month when it is shorter (31 Jan + 1 = 28 Feb). */
export const plusMonths = (date: string, n: number): LocalDate => {
  const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
};

const holidays = new Set<string>(englandAndWalesBankHolidays.map((h) => h.date));

export const isWorkingDay = (date: string): boolean => {
  const weekday = new Date(dayNumber(date) * msPerDay).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
};

/** The `n`-th working day after `date` (the day itself never counts), n ≥ 1. */
export const plusWorkingDays = (date: string, n: number): LocalDate => {
  let day = dayNumber(date);
  let counted = 0;
  while (counted < n) {
    day += 1;
    if (isWorkingDay(dateOfDay(day))) counted += 1;
  }
  return dateOfDay(day);
};

export const latest = (dates: ReadonlyArray<string>): LocalDate | undefined =>
  [...dates].sort().at(-1) as LocalDate | undefined;

export const earliest = (dates: ReadonlyArray<string>): LocalDate | undefined =>
  [...dates].sort()[0] as LocalDate | undefined;
