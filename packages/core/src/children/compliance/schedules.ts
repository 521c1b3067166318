import type { LocalDate } from '../../calendar/index.js';
import { shiftWithinCalendar } from '../../compliance/context.js';
import { statutoryNumbers } from '../../rules/index.js';
import type { ChildPlacement, ChildState, PlacementRecord } from '../state.js';

/** One due date of a recurring obligation: counted from `after`, met by `metOn` when it happened. */
export interface ScheduledDate {
  readonly after: LocalDate;
  readonly dueOn: LocalDate;
  readonly metOn?: LocalDate;
}

const distinctSorted = (dates: Iterable<LocalDate>): LocalDate[] => [...new Set(dates)].sort();

/**
 * Each occurrence meets the due date before it and starts the clock for the next; the last due date is open.
 * `firstDueOn` may be unknown (a working-day date the calendar cannot give): the chain then starts at the
 * first occurrence. `nextDue` gets the previous occurrence and how many there have been so far; it answers
 * `undefined` for a date after 9999-12-31, which is never due within the calendar and is left out.
 */
export const recurring = (
  from: LocalDate,
  firstDueOn: LocalDate | undefined,
  occurrences: Iterable<LocalDate>,
  nextDue: (previous: LocalDate, count: number) => LocalDate | undefined,
): ReadonlyArray<ScheduledDate> => {
  const schedule: ScheduledDate[] = [];
  let after = from;
  let dueOn = firstDueOn;
  let count = 0;
  for (const metOn of distinctSorted(occurrences)) {
    if (metOn < from) continue;
    if (dueOn !== undefined) schedule.push({ after, dueOn, metOn });
    count += 1;
    after = metOn;
    dueOn = nextDue(metOn, count);
  }
  if (dueOn !== undefined) schedule.push({ after, dueOn });
  return schedule;
};

/** The placement the child is in on `date`: started by then and not yet ended (`endedOn` is the first day out). */
export const placementOn = (state: ChildState, date: LocalDate): PlacementRecord | undefined =>
  state.placements.findLast((p) => p.startedOn <= date && (p.endedOn === undefined || p.endedOn > date));

/**
 * Rule `child-visits` (CPPR 28): the next visit is due 6 weeks after a visit in the placement's first year;
 * after a visit on or after the first anniversary, 3 months for a long-term placement and 6 weeks otherwise.
 * The interval is chosen by the date of the visit that starts it. Undefined when the next visit would fall due
 * after 9999-12-31 (it is never due within the calendar).
 */
export const nextVisitDue = (placement: ChildPlacement, previousVisit: LocalDate): LocalDate | undefined => {
  // A first year ending after the calendar has not ended by any visit the calendar holds.
  const firstYearEnds = shiftWithinCalendar(
    placement.startedOn,
    statutoryNumbers.childVisitFirstYearMonths,
    'months',
  );
  return placement.longTerm && firstYearEnds !== undefined && previousVisit >= firstYearEnds
    ? shiftWithinCalendar(previousVisit, statutoryNumbers.longTermChildVisitIntervalMonths, 'months')
    : shiftWithinCalendar(previousVisit, statutoryNumbers.childVisitIntervalWeeks, 'weeks');
};

/** Visits on or after the start; the first is due 1 week (calendar days, not working days) after the start. */
export const visitSchedule = (
  placement: ChildPlacement,
  visits: Iterable<LocalDate>,
): ReadonlyArray<ScheduledDate> =>
  recurring(
    placement.startedOn,
    shiftWithinCalendar(placement.startedOn, statutoryNumbers.firstChildVisitWeeks, 'weeks'),
    visits,
    (previous) => nextVisitDue(placement, previous),
  );

/**
 * Rule `lac-reviews` (CPPR 33): the first review within 20 working days of becoming looked after (the caller
 * gives that date, from the working-day calendar), the second within 3 months of the first, then 6 months.
 */
export const lookedAfterReviewSchedule = (
  registeredOn: LocalDate,
  firstDueOn: LocalDate | undefined,
  reviews: Iterable<LocalDate>,
): ReadonlyArray<ScheduledDate> =>
  recurring(registeredOn, firstDueOn, reviews, (previous, count) =>
    shiftWithinCalendar(
      previous,
      count === 1
        ? statutoryNumbers.secondLookedAfterReviewMonths
        : statutoryNumbers.lookedAfterReviewIntervalMonths,
      'months',
    ),
  );

/**
 * Rule `care-plan-review` (policy): counted from the placement's start, every agreement of a new version and
 * every review restarts the clock. Plans touched before the placement started do not count.
 */
export const carePlanReviewSchedule = (
  startedOn: LocalDate,
  touches: Iterable<LocalDate>,
  months: number,
): ReadonlyArray<ScheduledDate> =>
  recurring(startedOn, shiftWithinCalendar(startedOn, months, 'months'), touches, (previous) =>
    shiftWithinCalendar(previous, months, 'months'),
  );
