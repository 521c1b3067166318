import * as E from 'fp-ts/lib/Either.js';
import {
  daysBetween,
  type LocalDate,
  lastLocalDate,
  maxDate,
  minDate,
  tryAddDays,
} from '../calendar/index.js';
import { invalidCommand } from '../eventsourcing/index.js';
import type { PlacementError, PlacementNotAllowed } from './decider.js';
import type { PlacementState } from './state.js';

/**
 * What the placement's decisions on dated stays share (respite breaks, short-break stays): the placement must be
 * running on the day, the days whole, and the stay must end within the calendar.
 */

/** A respite break or a short-break stay: `days` days from `startsOn`. */
export interface Stay {
  readonly startsOn: LocalDate;
  readonly days: number;
}

export const notAllowed = (message: string, field?: string): E.Either<PlacementNotAllowed, never> =>
  E.left({ _tag: 'NotAllowedNow', message, ...(field === undefined ? {} : { field }) });

/** Days of the stays within [from, to), counting only the part of each stay inside the window. */
export const daysWithin = (stays: ReadonlyArray<Stay>, from: LocalDate, to: LocalDate): number =>
  stays.reduce((total, stay) => {
    const start = maxDate(stay.startsOn, from);
    // A stay recorded as running past 9999-12-31 counts up to it (reads must not throw).
    const end = minDate(tryAddDays(stay.startsOn, stay.days) ?? lastLocalDate, to);
    return total + Math.max(0, daysBetween(start, end));
  }, 0);

/** The placement has started by `date` and not ended on or before it. */
export const inPlacement = (
  state: PlacementState,
  date: LocalDate,
  field: string,
): E.Either<PlacementError, void> => {
  if (state.started === undefined) return notAllowed('the placement has not started');
  if (date < state.started.startedOn)
    return E.left(
      invalidCommand(field, `must not be before the placement started (${state.started.startedOn})`),
    );
  if (state.ended !== undefined && date >= state.ended.endedOn)
    return notAllowed(`the placement ended on ${state.ended.endedOn}`, field);
  return E.right(undefined);
};

export const wholeDays = (days: number): E.Either<PlacementError, void> =>
  Number.isInteger(days) && days >= 1
    ? E.right(undefined)
    : E.left(invalidCommand('days', 'must be a whole number of days, at least 1'));

/**
 * The day after a stay (or break) of `days` from `startsOn`. Its days are counted up to that day, so it must be
 * a date the calendar holds: a stay that would not end before 9999-12-31 is refused (`days`).
 */
export const stayEnd = (startsOn: LocalDate, days: number): E.Either<PlacementError, LocalDate> => {
  const end = tryAddDays(startsOn, days);
  return end === undefined
    ? E.left(
        invalidCommand(
          'days',
          `is too many: ${days} days from ${startsOn} would not end before ${lastLocalDate}, the last date the calendar holds`,
        ),
      )
    : E.right(end);
};
