import * as E from 'fp-ts/lib/Either.js';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  type LocalDate,
  maxDate,
  minDate,
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

/** The placement year a date falls in: years run from the placement's start date (a documented choice). */
export const placementYearOf = (
  startedOn: LocalDate,
  date: LocalDate,
): { from: LocalDate; to: LocalDate } => {
  let from = startedOn;
  while (addYears(from, 1) <= date) from = addYears(from, 1);
  return { from, to: addYears(from, 1) };
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

/** The most short-break days in any 12-month window, given the stays (rule `short-breaks`). */
export const maxShortBreakDaysInTwelveMonths = (
  stays: ReadonlyArray<{ readonly startsOn: LocalDate; readonly days: number }>,
): number => {
  // Days inside a sliding window change slope only where an edge meets a stay's start or end, so the busiest
  // window starts on a stay's first day or ends on a stay's last: checking those windows is enough.
  const starts = stays.flatMap((stay) => [stay.startsOn, addMonths(addDays(stay.startsOn, stay.days), -12)]);
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
            // A break that runs into the next placement year counts against each year for its days in it.
            const lastDay = addDays(command.startsOn, command.days - 1);
            const years = [
              placementYearOf(started.startedOn, command.startsOn),
              placementYearOf(started.startedOn, lastDay),
            ];
            for (const year of years) {
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
