import * as E from 'fp-ts/lib/Either.js';
import {
  addDays,
  addMonths,
  beyondTheCalendar,
  daysBetween,
  firstLocalDate,
  type LocalDate,
  lastLocalDate,
  maxDate,
  minDate,
  tryAddDays,
  tryAddMonths,
  tryAddYears,
} from '../calendar/index.js';
import {
  type Decider,
  type DomainError,
  type InvalidCommand,
  invalidCommand,
  type RuleViolation,
  ruleViolation,
} from '../eventsourcing/index.js';
import { type AgencyPolicy, defaultAgencyPolicy } from '../policy/index.js';
import { rules, statutoryNumbers } from '../rules/index.js';
import type { PlacementCommand } from './commands.js';
import {
  DisruptionWarningRecorded,
  type PlacementEvent,
  PlacementMatched,
  PlacementReferred,
  RespiteTaken,
  ShortBreakStayRecorded,
  StabilityMeetingHeld,
} from './events.js';
import { evolvePlacement, initialPlacementState, type PlacementState } from './state.js';

export interface PlacementNotAllowed extends DomainError {
  readonly _tag: 'NotAllowedNow';
  readonly field?: string;
}
export type PlacementError = RuleViolation | InvalidCommand | PlacementNotAllowed;

const notAllowed = (message: string, field?: string): E.Either<PlacementNotAllowed, never> =>
  E.left({ _tag: 'NotAllowedNow', message, ...(field === undefined ? {} : { field }) });

/** The placement year `date` falls in, or undefined when that year ends after 9999-12-31. */
const placementYearWithin = (
  startedOn: LocalDate,
  date: LocalDate,
): { from: LocalDate; to: LocalDate } | undefined => {
  let from = startedOn;
  for (;;) {
    const to = tryAddYears(from, 1);
    if (to === undefined) return undefined;
    if (to > date) return { from, to };
    from = to;
  }
};

/**
 * The placement year a date falls in: years run from the placement's start date (a documented choice).
 * @throws RangeError when that year ends after 9999-12-31, the last date the calendar holds.
 */
export const placementYearOf = (
  startedOn: LocalDate,
  date: LocalDate,
): { from: LocalDate; to: LocalDate } => {
  const year = placementYearWithin(startedOn, date);
  if (year === undefined) {
    throw new RangeError(`the placement year of ${date} (from ${startedOn}) ends ${beyondTheCalendar}`);
  }
  return year;
};

/** Respite days taken within [from, to), counting only the part of each break inside the window. */
export const respiteDaysIn = (
  stays: ReadonlyArray<{ readonly startsOn: LocalDate; readonly days: number }>,
  from: LocalDate,
  to: LocalDate,
): number => daysWithin(stays, from, to);

const daysWithin = (
  stays: ReadonlyArray<{ readonly startsOn: LocalDate; readonly days: number }>,
  from: LocalDate,
  to: LocalDate,
): number =>
  stays.reduce((total, stay) => {
    const start = maxDate(stay.startsOn, from);
    const end = minDate(addDays(stay.startsOn, stay.days), to);
    return total + Math.max(0, daysBetween(start, end));
  }, 0);

/**
 * The most short-break days in any 12-month window, given the stays (rule `short-breaks`).
 * @throws RangeError when the 12 months from a stay's start end after 9999-12-31 (the decider refuses those).
 */
export const maxShortBreakDaysInTwelveMonths = (
  stays: ReadonlyArray<{ readonly startsOn: LocalDate; readonly days: number }>,
): number => {
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

const inPlacement = (
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

const wholeDays = (days: number): E.Either<PlacementError, void> =>
  Number.isInteger(days) && days >= 1
    ? E.right(undefined)
    : E.left(invalidCommand('days', 'must be a whole number of days, at least 1'));

/**
 * The day after a stay (or break) of `days` from `startsOn`. Its days are counted up to that day, so it must be
 * a date the calendar holds: a stay that would not end before 9999-12-31 is refused (`days`).
 */
const stayEnd = (startsOn: LocalDate, days: number): E.Either<PlacementError, LocalDate> => {
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

const decide =
  (policy: AgencyPolicy) =>
  (
    command: PlacementCommand,
    state: PlacementState,
  ): E.Either<PlacementError, ReadonlyArray<PlacementEvent>> => {
    switch (command.kind) {
      case 'RecordRespite':
        return E.flatMap(
          E.flatMap(inPlacement(state, command.startsOn, 'startsOn'), () => wholeDays(command.days)),
          () => {
            const started = state.started as NonNullable<PlacementState['started']>;
            const entitlement = policy.placements.respiteDaysPerYear[started.supportPackage];
            const { kind: _kind, ...data } = command;
            const end = stayEnd(command.startsOn, command.days);
            if (E.isLeft(end)) return end;
            // A break that runs into the next placement year counts against each year for its days in it, so
            // both years must end within the calendar for the entitlement to be checked.
            const lastDay = addDays(end.right, -1);
            const first = placementYearWithin(started.startedOn, command.startsOn);
            const last = placementYearWithin(started.startedOn, lastDay);
            if (first === undefined) {
              return E.left(
                invalidCommand('startsOn', `is too late: its placement year would end ${beyondTheCalendar}`),
              );
            }
            if (last === undefined) {
              return E.left(
                invalidCommand(
                  'days',
                  `is too many: the break would run into a placement year that ends ${beyondTheCalendar}`,
                ),
              );
            }
            for (const year of [first, last]) {
              const used = respiteDaysIn(state.respite, year.from, year.to);
              const asked = respiteDaysIn([command], year.from, year.to);
              if (used + asked > entitlement && command.authorisation === undefined) {
                return E.left(
                  ruleViolation(
                    rules.respite,
                    `${asked} days asked in the placement year from ${year.from}, ${Math.max(0, entitlement - used)} of ${entitlement} left`,
                    { field: 'days', details: { asked, used, entitlement, yearFrom: year.from } },
                  ),
                );
              }
            }
            return E.right([RespiteTaken.create(data)]);
          },
        );
      case 'RecordShortBreakStay':
        return E.flatMap(
          E.flatMap(inPlacement(state, command.startsOn, 'startsOn'), () => wholeDays(command.days)),
          () => {
            if (state.started?.placementType !== 'short-breaks')
              return notAllowed('this is not a short-breaks placement');
            // Rule short-breaks counts the days in the 12 months from a stay's start, and up to its end.
            const end = stayEnd(command.startsOn, command.days);
            if (E.isLeft(end)) return end;
            if (tryAddMonths(command.startsOn, 12) === undefined) {
              return E.left(
                invalidCommand(
                  'startsOn',
                  `is too late: the 12 months from it would end ${beyondTheCalendar}`,
                ),
              );
            }
            const stays = [...state.shortBreakStays, { startsOn: command.startsOn, days: command.days }];
            const busiest = maxShortBreakDaysInTwelveMonths(stays);
            const limit = statutoryNumbers.shortBreakDaysInTwelveMonths;
            if (busiest > limit) {
              return E.left(
                ruleViolation(
                  rules.shortBreaks,
                  `short breaks would total ${busiest} days in 12 months; at most ${limit}`,
                  {
                    field: 'days',
                    details: { busiest, limit },
                  },
                ),
              );
            }
            return E.right([
              ShortBreakStayRecorded.create({ startsOn: command.startsOn, days: command.days }),
            ]);
          },
        );
      case 'ReferPlacement': {
        if (state.referral !== undefined || state.started !== undefined)
          return notAllowed('this placement already exists');
        const { kind: _kind, ...data } = command;
        return E.right([PlacementReferred.create(data)]);
      }
      case 'MatchPlacement':
        if (state.referral === undefined) return notAllowed('there is no referral to match');
        if (state.started !== undefined) return notAllowed('the placement has already started');
        if (command.matchedOn < state.referral.referredOn) {
          return E.left(
            invalidCommand('matchedOn', `must not be before the referral (${state.referral.referredOn})`),
          );
        }
        return E.right([
          PlacementMatched.create({
            householdId: command.householdId,
            matchedOn: command.matchedOn,
            rationale: command.rationale,
          }),
        ]);
      case 'HoldStabilityMeeting':
        return E.map(() => [StabilityMeetingHeld.create({ heldOn: command.heldOn })])(
          inPlacement(state, command.heldOn, 'heldOn'),
        );
      case 'RecordDisruptionWarning':
        return E.map(() => [
          DisruptionWarningRecorded.create({ recordedOn: command.recordedOn, concern: command.concern }),
        ])(inPlacement(state, command.recordedOn, 'recordedOn'));
    }
  };

/** The placement stream's own commands; starting and ending run through the placement process instead. */
export const placementDecider = (
  policy: AgencyPolicy = defaultAgencyPolicy,
): Decider<PlacementCommand, PlacementState, PlacementEvent, PlacementError> => ({
  initialState: initialPlacementState,
  evolve: evolvePlacement,
  decide: decide(policy),
});

export const placementStreamId = (placementId: string): string => `placement-${placementId}`;
