import { englandAndWalesBankHolidays, type LocalDate } from '@fostering/core';

/**
 * The approvals oracles' own clocks, written from domain.md rather than taken from the core: calendar days,
 * calendar months (the same day n months on, the month's last day when it has no such day), and England's
 * working days (no weekends, no England-and-Wales bank holidays; the core's list of those dates is data).
 */

/** The statutory numbers of the approvals rules, as domain.md states them (law, not agency policy). */
export const law = {
  referees: 2,
  previousServiceMonths: 12,
  papersWorkingDays: 5,
  recommendationMonths: 8,
  decisionWorkingDays: 7,
  noticeDays: 28,
  temporaryWeeks: 16,
  extensionWeeks: 8,
} as const;

const dayMs = 86_400_000;
const utc = (d: string): number =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const dateOf = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10) as LocalDate;

export const plusDays = (d: LocalDate, n: number): LocalDate => dateOf(utc(d) + n * dayMs);

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysFrom = (a: LocalDate, b: LocalDate): number => Math.round((utc(b) - utc(a)) / dayMs);

export const plusMonths = (d: LocalDate, n: number): LocalDate => {
  const months = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + n;
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(d.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
};

const holidays = new Set<string>(englandAndWalesBankHolidays.map((h) => h.date));

export const isWorkingDay = (d: LocalDate): boolean => {
  const weekday = new Date(utc(d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(d);
};

/**
 * The n-th working day after `d` (n > 0) or before it (n < 0), stepping one day at a time; `d` itself never
 * counts, so 5 working days before a Monday panel is the Monday before.
 */
export const stepWorkingDays = (d: LocalDate, n: number): LocalDate => {
  const direction = n < 0 ? -1 : 1;
  let day = d;
  for (let left = Math.abs(n); left > 0; ) {
    day = plusDays(day, direction);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
};

export const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
export const earliest = (dates: ReadonlyArray<LocalDate | undefined>): LocalDate | undefined =>
  dates.reduce<LocalDate | undefined>(
    (min, d) => (d === undefined || (min !== undefined && min <= d) ? min : d),
    undefined,
  );
