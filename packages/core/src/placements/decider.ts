import * as E from 'fp-ts/lib/Either.js';
import { addDays, beyondTheCalendar, type LocalDate, lastLocalDate, tryAddYears } from '../calendar/index.js';
import {
  type Decider,
  type DomainError,
  type InvalidCommand,
  invalidCommand,
  type RuleViolation,
  ruleViolation,
  type SubjectErased,
} from '../eventsourcing/index.js';
import { type AgencyPolicy, defaultAgencyPolicy } from '../policy/index.js';
import { rules } from '../rules/index.js';
import type { PlacementCommand } from './commands.js';
import {
  DisruptionWarningRecorded,
  type PlacementEvent,
  PlacementMatched,
  PlacementReferred,
  RespiteTaken,
  StabilityMeetingHeld,
} from './events.js';
import { decideShortBreakStay } from './short-breaks.js';
import { evolvePlacement, initialPlacementState, type PlacementState } from './state.js';
import { daysWithin, inPlacement, notAllowed, type Stay, stayEnd, wholeDays } from './stays.js';

export interface PlacementNotAllowed extends DomainError {
  readonly _tag: 'NotAllowedNow';
  readonly field?: string;
}
/** `SubjectErased` when the child's or the carers' records needed for the decision were erased. */
export type PlacementError = RuleViolation | InvalidCommand | PlacementNotAllowed | SubjectErased;

/**
 * The start of the `n`-th placement year (n >= 0): year after year from the start, so a start on 29 February
 * moves to the 28th for good after the first year. Undefined past 9999-12-31.
 */
const placementYearStart = (startedOn: LocalDate, n: number): LocalDate | undefined => {
  if (n === 0) return startedOn;
  const first = tryAddYears(startedOn, 1);
  return first === undefined ? undefined : tryAddYears(first, n - 1);
};

/** The placement year `date` falls in; `to` (the next year's first day) is undefined past 9999-12-31. */
const placementYearFrom = (
  startedOn: LocalDate,
  date: LocalDate,
): { readonly from: LocalDate; readonly to: LocalDate | undefined } => {
  // Jump to a year starting in the calendar year before `date`'s, then step: a start in 0000 read in 9999
  // would otherwise take ten thousand steps.
  const skipped = Math.max(0, Number(date.slice(0, 4)) - Number(startedOn.slice(0, 4)) - 1);
  let from = placementYearStart(startedOn, skipped) ?? startedOn;
  for (;;) {
    const to = tryAddYears(from, 1);
    if (to === undefined || to > date) return { from, to };
    from = to;
  }
};

/** The placement year `date` falls in, or undefined when that year ends after 9999-12-31. */
const placementYearWithin = (
  startedOn: LocalDate,
  date: LocalDate,
): { from: LocalDate; to: LocalDate } | undefined => {
  const { from, to } = placementYearFrom(startedOn, date);
  return to === undefined ? undefined : { from, to };
};

/**
 * The placement year `date` falls in, for reads, which must not throw: a year that would end after 9999-12-31
 * is cut at 9999-12-31, which counts the same respite days, since every stay must end by then.
 */
export const placementYearInCalendar = (
  startedOn: LocalDate,
  date: LocalDate,
): { from: LocalDate; to: LocalDate } => {
  const { from, to } = placementYearFrom(startedOn, date);
  return { from, to: to ?? lastLocalDate };
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
export const respiteDaysIn = (stays: ReadonlyArray<Stay>, from: LocalDate, to: LocalDate): number =>
  daysWithin(stays, from, to);

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
        // Only this placement's stays: the placement process adds the child's other placements' (see
        // `decideShortBreakStay`).
        return decideShortBreakStay(command, state, []);
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

/**
 * The placement stream's own commands; starting and ending run through the placement process instead. A
 * short-break stay is decided here on this placement's stays alone: send it through the placement process
 * (`recordShortBreakStay`), which counts the child's stays on every placement (rule `short-breaks`).
 */
export const placementDecider = (
  policy: AgencyPolicy = defaultAgencyPolicy,
): Decider<PlacementCommand, PlacementState, PlacementEvent, PlacementError> => ({
  initialState: initialPlacementState,
  evolve: evolvePlacement,
  decide: decide(policy),
});

export const placementStreamId = (placementId: string): string => `placement-${placementId}`;
