import * as E from 'fp-ts/lib/Either.js';
import {
  addDays,
  addMonths,
  beyondTheCalendar,
  firstLocalDate,
  type LocalDate,
  lastLocalDate,
  tryAddDays,
  tryAddMonths,
} from '../calendar/index.js';
import { invalidCommand, ruleViolation } from '../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../rules/index.js';
import type { RecordShortBreakStay } from './commands.js';
import type { PlacementError } from './decider.js';
import { type PlacementEvent, ShortBreakStayRecorded } from './events.js';
import type { PlacementState } from './state.js';
import { daysWithin, inPlacement, notAllowed, type Stay, stayEnd, wholeDays } from './stays.js';

/**
 * Rule `short-breaks` (CPPR 48): short-break care for a child totals at most 75 days in any 12 months, whatever
 * placement (or household) each stay is recorded on.
 */

/**
 * The most short-break days in any 12-month window, given the stays (rule `short-breaks`).
 * @throws RangeError when the 12 months from a stay's start end after 9999-12-31 (the decision refuses those).
 */
export const maxShortBreakDaysInTwelveMonths = (stays: ReadonlyArray<Stay>): number => {
  // Days inside a sliding window change slope only where an edge meets a stay's start or end, so the busiest
  // window starts on a stay's first day or ends on a stay's last: checking those windows is enough. A window
  // ending on a stay's last day that would start before the calendar does holds no more than the window
  // starting on the calendar's first day, so that one stands in for it.
  const starts = stays.flatMap((stay) => [
    stay.startsOn,
    tryAddMonths(addDays(stay.startsOn, stay.days), -12) ?? firstLocalDate,
  ]);
  return Math.max(0, ...starts.map((from) => daysWithin(stays, from, addMonths(from, 12))));
};

/** The first day after the 12 months from `from`; 9999-12-31 when they run past it (no stay reaches it). */
const twelveMonthsFrom = (from: LocalDate): LocalDate => tryAddMonths(from, 12) ?? lastLocalDate;
/** The first day of the 12 months before `day`; the calendar's first day when they would start before it. */
const twelveMonthsBefore = (day: LocalDate): LocalDate => tryAddMonths(day, -12) ?? firstLocalDate;

/**
 * The most short-break days, counting `stays` (which include `stay`), in any 12 months that hold a day of
 * `stay`. Windows that miss it are left out: the stay adds nothing to them, and a child's history recorded while
 * the days were counted per placement may already have one over the limit, which must not refuse every later
 * stay. Checked windows are those `maxShortBreakDaysInTwelveMonths` checks, kept when they hold a day of `stay`,
 * and the first and last windows that do (ending just after its first day, starting on its last).
 */
export const shortBreakDaysAround = (stays: ReadonlyArray<Stay>, stay: Stay): number => {
  const end = tryAddDays(stay.startsOn, stay.days) ?? lastLocalDate;
  const starts = [
    ...stays.flatMap((s) => [
      s.startsOn,
      twelveMonthsBefore(tryAddDays(s.startsOn, s.days) ?? lastLocalDate),
    ]),
    addDays(end, -1),
    twelveMonthsBefore(tryAddDays(stay.startsOn, 1) ?? lastLocalDate),
  ];
  const holding = starts.filter((from) => from < end && twelveMonthsFrom(from) > stay.startsOn);
  return Math.max(0, ...holding.map((from) => daysWithin(stays, from, twelveMonthsFrom(from))));
};

/**
 * Decides a short-break stay on a short-breaks placement. `otherStays` are the stays recorded on the child's
 * other placements: `placementProcess(...).recordShortBreakStay` reads them (the child's stream lists their
 * placements); `placementDecider` alone passes none, so on its own it checks only this placement's stays.
 */
export const decideShortBreakStay = (
  command: RecordShortBreakStay,
  state: PlacementState,
  otherStays: ReadonlyArray<Stay>,
): E.Either<PlacementError, ReadonlyArray<PlacementEvent>> =>
  E.flatMap(
    E.flatMap(inPlacement(state, command.startsOn, 'startsOn'), () => wholeDays(command.days)),
    () => {
      if (state.started?.placementType !== 'short-breaks')
        return notAllowed('this is not a short-breaks placement');
      // Rule short-breaks counts the days in the 12 months from a stay's start, and up to its end.
      const end = stayEnd(command.startsOn, command.days);
      if (E.isLeft(end)) return end;
      if (tryAddMonths(command.startsOn, 12) === undefined) {
        return E.left(
          invalidCommand('startsOn', `is too late: the 12 months from it would end ${beyondTheCalendar}`),
        );
      }
      const stay = { startsOn: command.startsOn, days: command.days };
      const busiest = shortBreakDaysAround([...otherStays, ...state.shortBreakStays, stay], stay);
      const limit = statutoryNumbers.shortBreakDaysInTwelveMonths;
      if (busiest > limit) {
        const across = otherStays.length === 0 ? '' : ' across their placements';
        return E.left(
          ruleViolation(
            rules.shortBreaks,
            `the child's short breaks would total ${busiest} days in 12 months${across}; at most ${limit}`,
            { field: 'days', details: { busiest, limit } },
          ),
        );
      }
      return E.right([ShortBreakStayRecorded.create(stay)]);
    },
  );
