import * as E from 'fp-ts/lib/Either.js';
import { beyondTheCalendar, type LocalDate, tryAddDays } from '../../calendar/index.js';
import {
  type DomainError,
  type InvalidCommand,
  invalidCommand,
  type RuleViolation,
  ruleViolation,
} from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { HouseholdEvent } from '../events/index.js';
import type { HouseholdState } from '../state.js';
import { isApprovedOn } from '../status.js';
import type { Terms, TermsInput } from '../terms.js';

/** The command does not fit where the household's record stands (not a rule: there is nothing to cite). */
export interface NotAllowedNow extends DomainError {
  readonly _tag: 'NotAllowedNow';
  readonly field?: string;
}

export type ApprovalsError = RuleViolation | InvalidCommand | NotAllowedNow;
export type Decision = E.Either<ApprovalsError, ReadonlyArray<HouseholdEvent>>;

export const notAllowed = (message: string, field?: string): E.Either<NotAllowedNow, never> =>
  E.left({ _tag: 'NotAllowedNow', message, ...(field === undefined ? {} : { field }) });

export const accept = (...events: ReadonlyArray<HouseholdEvent>): Decision => E.right(events);

/** Checks run in order; the first refusal wins. */
export const firstRefusal = (
  ...checks: ReadonlyArray<() => E.Either<ApprovalsError, unknown>>
): E.Either<ApprovalsError, void> => {
  for (const check of checks) {
    const result = check();
    if (E.isLeft(result)) return result;
  }
  return E.right(undefined);
};

export const ok: E.Either<never, void> = E.right(undefined);

export const requireApplication = (state: HouseholdState) => (): E.Either<ApprovalsError, void> =>
  state.applicationReceivedOn === undefined
    ? notAllowed('no application has been received for this household')
    : ok;

/** The application has not yet been decided (approved or refused). */
export const undecided = (state: HouseholdState) => (): E.Either<ApprovalsError, void> =>
  state.approvedOn !== undefined || state.refusal !== undefined
    ? notAllowed('the application has already been decided')
    : ok;

export const requireApprovedOn =
  (state: HouseholdState, on: LocalDate, field: string) => (): E.Either<ApprovalsError, void> =>
    isApprovedOn(state, on) ? ok : notAllowed(`the household is not approved on ${on}`, field);

export const notBefore =
  (date: LocalDate, earliest: LocalDate | undefined, field: string, what: string) =>
  (): E.Either<ApprovalsError, void> =>
    earliest !== undefined && date < earliest
      ? E.left(invalidCommand(field, `must not be before ${what} (${earliest})`))
      : ok;

/**
 * Terms must state the maximum number of children: the inspection found approvals that did not, which makes
 * rule `terms` impossible to apply to any placement.
 */
export const explicitTerms = (input: TermsInput, field: string): E.Either<ApprovalsError, Terms> => {
  const { maxChildren } = input;
  if (maxChildren === undefined || maxChildren === null) {
    return E.left(
      ruleViolation(rules.terms, 'terms of approval must state the maximum number of children', {
        field: `${field}.maxChildren`,
      }),
    );
  }
  return E.right({
    maxChildren,
    ageRange: input.ageRange,
    placementTypes: input.placementTypes,
    supportPackages: input.supportPackages ?? [],
    exemptions: input.exemptions ?? [],
  });
};

/**
 * Refusal, termination and change of terms take effect no earlier than 28 days after notice (FSR 27-28). Notice
 * so late that the 28 days would run past the calendar is refused as such (`noticeGivenOn`).
 */
export const noticeRespected =
  (noticeGivenOn: LocalDate, takesEffectOn: LocalDate, waivedInWriting = false) =>
  (): E.Either<ApprovalsError, void> => {
    if (waivedInWriting) return ok;
    const days = statutoryNumbers.noticeDays;
    const earliest = tryAddDays(noticeGivenOn, days);
    if (earliest === undefined) {
      return E.left(
        invalidCommand(
          'noticeGivenOn',
          `is too late: ${days} days' notice from it would end ${beyondTheCalendar}`,
        ),
      );
    }
    if (takesEffectOn >= earliest) return ok;
    return E.left(
      ruleViolation(
        rules.notice28,
        `it cannot take effect before ${earliest}, 28 days after notice on ${noticeGivenOn}`,
        {
          field: 'takesEffectOn',
          details: { noticeGivenOn, takesEffectOn, earliest },
        },
      ),
    );
  };
