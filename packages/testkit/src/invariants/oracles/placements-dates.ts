import { englandAndWalesBankHolidays, type LocalDate } from '@fostering/core';

/**
 * The placements oracles' own date arithmetic, written from domain.md rather than taken from the core's
 * calendar: day numbers since 1970, whole years of age, months that clamp to the month's last day, and working
 * days in England (weekends and England-and-Wales bank holidays; the list of holiday dates is the core's).
 */

/** Numbers of domain.md's "Rules with numbers" table (statutory, so not agency policy). */
export const statutory = {
  usualLimit: 3,
  emergencyWorkingDays: 6,
  shortBreakDays: 75,
  stayingPutFrom: 18,
  stayingPutUntil: 21,
  ownBedroomFrom: 3,
} as const;

const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const dayNumber = (date: string): number => {
  const [y, m, d] = ymd(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
export const dateOf = (n: number): LocalDate =>
  new Date(n * 86_400_000).toISOString().slice(0, 10) as LocalDate;
export const plusDays = (date: string, n: number): LocalDate => dateOf(dayNumber(date) + n);

/** The same day `n` months on, or the month's last day when it has no such day (31 Jan + 1 month: 28/29 Feb). */
export const plusMonths = (date: string, n: number): LocalDate => {
  const [y, m, d] = ymd(date);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}` as LocalDate;
};

/**
 * The day someone born on `dob` turns `years`: a 29 February birthday falls on 1 March in other years (the
 * placements area's documented reading, docs/domain/placements.md).
 */
export const birthdayOf = (dob: string, years: number): LocalDate => {
  const [y, m, d] = ymd(dob);
  if (m === 2 && d === 29 && !isLeap(y + years)) return `${pad(y + years, 4)}-03-01` as LocalDate;
  return `${pad(y + years, 4)}${dob.slice(4)}` as LocalDate;
};

/** Whole years of age on a date. */
export const ageOn = (dob: string, on: string): number => {
  const [y1] = ymd(dob);
  const [y2] = ymd(on);
  let age = y2 - y1;
  while (age > 0 && birthdayOf(dob, age) > on) age--;
  return Math.max(0, age);
};

const holidays = new Set<string>(englandAndWalesBankHolidays.map((h) => h.date));
export const isWorkingDay = (date: string): boolean => {
  const weekday = new Date(dayNumber(date) * 86_400_000).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
};

/** The n-th working day after a date (the date itself not counted). */
export const workingDaysAfter = (from: string, n: number): LocalDate => {
  let day = dayNumber(from);
  for (let counted = 0; counted < n; ) {
    day++;
    if (isWorkingDay(dateOf(day))) counted++;
  }
  return dateOf(day);
};

export const earliest = (...dates: ReadonlyArray<string | undefined>): LocalDate | undefined =>
  dates.filter((d): d is string => d !== undefined).sort()[0] as LocalDate | undefined;
