import {
  addDays,
  addMonths,
  englandWorkingDayCalendar,
  type LocalDate,
  parseLocalDate,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { type Day, dayOf } from './days.js';

/** The size and period of the synthetic agency. */
export interface AgencyShape {
  /** Fostering households on record: some approved before `from`, the rest applying during the period. */
  readonly households: number;
  /** Children the agency takes during the whole history: placed before `from`, or referred during the period. */
  readonly children: number;
  /** The first day of the simulated period. */
  readonly from: LocalDate;
  /** The period's length in calendar months; the history ends the day before `from` plus `months`. */
  readonly months: number;
  /** The seed of the generator: one seed, one agency. */
  readonly seed: number;
}

export const defaultAgencyShape: AgencyShape = {
  households: 360,
  children: 510,
  from: '2024-11-01' as LocalDate,
  months: 24,
  seed: 20261122,
};

/** A shape checked and with its days worked out. */
export interface ResolvedShape extends AgencyShape {
  readonly fromDay: Day;
  /** The last simulated day. */
  readonly asOf: LocalDate;
  readonly asOfDay: Day;
}

const wholeNumber = (value: number, name: string, min: number, max: number) => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`agency shape: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
};

/**
 * Fills in the defaults and checks the rest. The history before `from` reaches back up to seven years (the
 * households approved earlier), and working-day deadlines need core's England calendar for every year of it,
 * so `from` must fall in 2022 or later and the last simulated day in the calendar's last year or before.
 * @throws RangeError for a shape the generator cannot honour (a programmer error in the caller).
 */
export const resolveShape = (shape: Partial<AgencyShape> = {}): ResolvedShape => {
  const resolved = { ...defaultAgencyShape, ...shape };
  wholeNumber(resolved.households, 'households', 4, 5000);
  wholeNumber(resolved.children, 'children', 1, 8000);
  wholeNumber(resolved.months, 'months', 1, 96);
  if (!Number.isInteger(resolved.seed)) throw new RangeError(`agency shape: seed must be a whole number`);
  const from = parseLocalDate(resolved.from);
  if (E.isLeft(from)) throw new RangeError(`agency shape: from: ${from.left.message}`);
  const asOf = addDays(addMonths(from.right, resolved.months), -1);
  const { coveredYears } = englandWorkingDayCalendar;
  if (Number(from.right.slice(0, 4)) < coveredYears.from + 7 || Number(asOf.slice(0, 4)) > coveredYears.to) {
    throw new RangeError(
      `agency shape: the history from ${from.right} to ${asOf} (and seven years before it) must lie within the ` +
        `working-day calendar's years ${coveredYears.from}-${coveredYears.to}`,
    );
  }
  return { ...resolved, from: from.right, fromDay: dayOf(from.right), asOf, asOfDay: dayOf(asOf) };
};
