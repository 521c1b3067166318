import { addMonths, addWeeks, type LocalDate } from '../../calendar/index.js';
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
 * first occurrence. `nextDue` gets the previous occurrence and how many there have been so far.
 */
export const recurring = (
  from: LocalDate,
  firstDueOn: LocalDate | undefined,
  occurrences: Iterable<LocalDate>,
  nextDue: (previous: LocalDate, count: number) => LocalDate,
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
 * The interval is chosen by the date of the visit that starts it.
 */
export const nextVisitDue = (placement: ChildPlacement, previousVisit: LocalDate): LocalDate => {
  const firstYearEnds = addMonths(placement.startedOn, statutoryNumbers.childVisitFirstYearMonths);
  return placement.longTerm && previousVisit >= firstYearEnds
    ? addMonths(previousVisit, statutoryNumbers.longTermChildVisitIntervalMonths)
    : addWeeks(previousVisit, statutoryNumbers.childVisitIntervalWeeks);
};

/** Visits on or after the start; the first is due 1 week (calendar days, not working days) after the start. */
export const visitSchedule = (
  placement: ChildPlacement,
  visits: Iterable<LocalDate>,
): ReadonlyArray<ScheduledDate> =>
  recurring(
    placement.startedOn,
    addWeeks(placement.startedOn, statutoryNumbers.firstChildVisitWeeks),
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
    addMonths(
      previous,
      count === 1
        ? statutoryNumbers.secondLookedAfterReviewMonths
        : statutoryNumbers.lookedAfterReviewIntervalMonths,
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
  recurring(startedOn, addMonths(startedOn, months), touches, (previous) => addMonths(previous, months));
