import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays, englandAndWalesCoveredYears } from './england-bank-holidays.js';

// An independent oracle: the usual England and Wales rules plus the known one-off changes, written with plain
// UTC Date arithmetic so it shares no code (and no Temporal) with the module under test.

const DAY = 86_400_000;
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const weekday = (t: number) => new Date(t).getUTCDay(); // 0 = Sunday, 6 = Saturday

// Anonymous Gregorian computus (Meeus/Jones/Butcher).
const easterSunday = (y: number): number => {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(y, month, day);
};

const firstMonday = (y: number, m: number) => {
  let t = utc(y, m, 1);
  while (weekday(t) !== 1) t += DAY;
  return t;
};
const lastMonday = (y: number, m: number) => {
  let t = utc(y, m + 1, 1) - DAY;
  while (weekday(t) !== 1) t -= DAY;
  return t;
};

type Row = readonly [date: string, name: string];

const oracle = (y: number): Row[] => {
  const rows: Array<[number, string]> = [];
  const newYear = utc(y, 1, 1);
  const newYearShift = weekday(newYear) === 6 ? 2 : weekday(newYear) === 0 ? 1 : 0;
  rows.push([newYear + newYearShift * DAY, `New Year's Day${newYearShift ? ' (substitute day)' : ''}`]);
  const easter = easterSunday(y);
  rows.push([easter - 2 * DAY, 'Good Friday'], [easter + DAY, 'Easter Monday']);
  // 2020: early May moved to Friday 8 May for the 75th anniversary of VE Day.
  rows.push(
    y === 2020
      ? [utc(2020, 5, 8), 'Early May bank holiday (VE day)']
      : [firstMonday(y, 5), 'Early May bank holiday'],
  );
  if (y === 2023) rows.push([utc(2023, 5, 8), 'Bank holiday for the coronation of King Charles III']);
  // 2022: spring bank holiday moved to Thursday 2 June, with Friday 3 June added for the Platinum Jubilee.
  if (y === 2022) {
    rows.push([utc(2022, 6, 2), 'Spring bank holiday'], [utc(2022, 6, 3), 'Platinum Jubilee bank holiday']);
  } else {
    rows.push([lastMonday(y, 5), 'Spring bank holiday']);
  }
  rows.push([lastMonday(y, 8), 'Summer bank holiday']);
  if (y === 2022) rows.push([utc(2022, 9, 19), 'Bank Holiday for the State Funeral of Queen Elizabeth II']);
  const christmas = utc(y, 12, 25);
  const sub = (name: string) => `${name} (substitute day)`;
  switch (weekday(christmas)) {
    case 5: // Friday: Boxing Day falls on Saturday and moves to Monday.
      rows.push([christmas, 'Christmas Day'], [christmas + 3 * DAY, sub('Boxing Day')]);
      break;
    case 6: // Saturday: both move, to Monday and Tuesday.
      rows.push([christmas + 2 * DAY, sub('Christmas Day')], [christmas + 3 * DAY, sub('Boxing Day')]);
      break;
    case 0: // Sunday: Boxing Day stays on Monday, Christmas moves to Tuesday.
      rows.push([christmas + DAY, 'Boxing Day'], [christmas + 2 * DAY, sub('Christmas Day')]);
      break;
    default:
      rows.push([christmas, 'Christmas Day'], [christmas + DAY, 'Boxing Day']);
  }
  return rows.sort((a, b) => a[0] - b[0]).map(([t, name]) => [iso(t), name] as const);
};

const { from, to } = englandAndWalesCoveredYears;
const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
const tableFor = (y: number): Row[] =>
  englandAndWalesBankHolidays.filter((h) => h.date.startsWith(`${y}-`)).map((h) => [h.date, h.name] as const);

describe('England and Wales bank holidays', () => {
  it('covers 2015 to 2030', () => {
    expect(englandAndWalesCoveredYears).toEqual({ from: 2015, to: 2030 });
    expect(englandAndWalesBankHolidays[0]?.date).toBe('2015-01-01');
    expect(englandAndWalesBankHolidays.at(-1)?.date).toBe('2030-12-26');
  });

  it('is in date order with no duplicates and nothing outside the covered years', () => {
    const dates = englandAndWalesBankHolidays.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.every((date) => Number(date.slice(0, 4)) >= from && Number(date.slice(0, 4)) <= to)).toBe(
      true,
    );
  });

  it('never puts a bank holiday on a weekend', () => {
    const weekends = englandAndWalesBankHolidays.filter((h) => [0, 6].includes(weekday(Date.parse(h.date))));
    expect(weekends).toEqual([]);
  });

  it.each(years)('matches the rules and one-off changes for %i', (y) => {
    expect(tableFor(y)).toEqual(oracle(y));
  });

  // Pinned to GOV.UK's published dates, so the table and the oracle cannot share a mistake unnoticed.
  const published: Record<number, string[]> = {
    2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
    2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
    2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
    2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
    2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  };

  it.each(Object.entries(published))('has the GOV.UK dates for %s', (year, days) => {
    expect(tableFor(Number(year)).map(([date]) => date)).toEqual(days.map((md) => `${year}-${md}`));
  });

  it('computes Easter correctly for known years', () => {
    expect(iso(easterSunday(2019))).toBe('2019-04-21');
    expect(iso(easterSunday(2024))).toBe('2024-03-31');
    expect(iso(easterSunday(2038))).toBe('2038-04-25'); // latest possible
    expect(iso(easterSunday(2285))).toBe('2285-03-22'); // earliest possible
  });
});
