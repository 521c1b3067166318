import { addMonths, type LocalDate, unsafeLocalDate, type WorkingDayCalendar } from '@fostering/core';

/**
 * Simulated dates as whole days since 1970-01-01. The simulation does arithmetic on hundreds of thousands of
 * dates; integers (with a cached conversion to `LocalDate`) keep that cheap, where Temporal on every step would
 * not. Month arithmetic, whose clamping rules the statutory deadlines depend on, is left to core's `addMonths`.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const dates = new Map<Day, LocalDate>();

export const dateOf = (day: Day): LocalDate => {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as LocalDate;
    dates.set(day, date);
  }
  return date;
};

export const dayOf = (date: LocalDate | string): Day => {
  const parsed = Date.parse(`${unsafeLocalDate(date)}T00:00:00Z`);
  return Math.round(parsed / MS_PER_DAY);
};

export const addMonthsTo = (day: Day, months: number): Day => dayOf(addMonths(dateOf(day), months));

/** Whole years of age on a day, as core counts them (someone born on 29 February turns a year older on 1 March). */
export const ageOnDay = (born: Day, on: Day): number => {
  if (on < born) return 0;
  const b = dateOf(born);
  const d = dateOf(on);
  const years = Number(d.slice(0, 4)) - Number(b.slice(0, 4));
  return d.slice(5) >= b.slice(5) ? years : years - 1;
};

/** The day someone born on `born` turns `years` old, consistent with `ageOnDay`. */
export const birthdayOf = (born: Day, years: number): Day => {
  const b = dateOf(born);
  const year = String(Number(b.slice(0, 4)) + years).padStart(4, '0');
  // 29 February in a year without one: the birthday is 1 March (the person is still younger on 28 February).
  return b.slice(5) === '02-29' && !isLeap(Number(year))
    ? dayOf(`${year}-03-01`)
    : dayOf(`${year}${b.slice(4)}`);
};

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * An instant on a simulated day, `minute` minutes after midnight UTC. The simulation keeps to 07:00-19:00 UTC,
 * which is the same calendar day in London in winter (GMT) and summer (BST), so `localDateOf` gives the day back.
 */
export const instantOf = (day: Day, minute: number): Date => new Date(day * MS_PER_DAY + minute * 60_000);

export const timeOf = (day: Day, minute: number): number => day * MS_PER_DAY + minute * 60_000;

export const dayOfInstant = (ms: number): Day => Math.floor(ms / MS_PER_DAY);

/**
 * Working days from core's England calendar (Monday to Friday less bank holidays), as a fast lookup. Outside the
 * calendar's years the simulation only avoids weekends; `resolveShape` keeps the period itself inside them.
 */
export interface WorkingDays {
  readonly isWorking: (day: Day) => boolean;
  /** The first working day on or after `day`. */
  readonly onOrAfter: (day: Day) => Day;
  /** The last working day on or before `day`. */
  readonly onOrBefore: (day: Day) => Day;
  /** The `n`-th working day after `day` (before it when `n` is negative); `day` itself never counts. */
  readonly add: (day: Day, n: number) => Day;
}

export const workingDaysOf = (calendar: WorkingDayCalendar): WorkingDays => {
  const holidays = new Set(calendar.holidays.map((h) => dayOf(h.date)));
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const weekday = (day: Day) => (((day + 3) % 7) + 7) % 7;
  const isWorking = (day: Day) => weekday(day) < 5 && !holidays.has(day);
  const onOrAfter = (day: Day) => {
    let d = day;
    while (!isWorking(d)) d++;
    return d;
  };
  const onOrBefore = (day: Day) => {
    let d = day;
    while (!isWorking(d)) d--;
    return d;
  };
  const add = (day: Day, n: number) => {
    const step = n < 0 ? -1 : 1;
    let d = day;
    for (let left = Math.abs(n); left > 0; ) {
      d += step;
      if (isWorking(d)) left--;
    }
    return d;
  };
  return { isWorking, onOrAfter, onOrBefore, add };
};
