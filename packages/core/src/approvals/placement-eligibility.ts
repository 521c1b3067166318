import * as E from 'fp-ts/lib/Either.js';
import type { LocalDate } from '../calendar/index.js';
import { type RuleViolation, ruleViolation } from '../eventsourcing/index.js';
import { rules } from '../rules/index.js';
import { reviewDueOn } from './compliance/approved-household.js';
import type { HouseholdState } from './state.js';
import { statusOn, termsOn } from './status.js';
import type { Terms } from './terms.js';

/** What the placements area needs to know about a household before a child is placed there. */
export interface PlacementEligibility {
  readonly householdId: string;
  readonly approval: 'full' | 'temporary';
  readonly terms: Terms;
  readonly agreementSignedOn: LocalDate;
  /** A temporary approval covers one named child and ends on a date (rule `temporary-approval`). */
  readonly temporary?: { readonly childId: string; readonly expiresOn: LocalDate };
  /** Rule `annual-review` asks for a warning, not a refusal, when placing while the review is overdue. */
  readonly reviewOverdue: boolean;
}

const refuse = (message: string, field?: string): E.Either<RuleViolation, never> =>
  E.left(ruleViolation(rules.approvalBeforePlacement, message, field === undefined ? {} : { field }));

/**
 * Rule `approval-before-placement` (FSR 27(5)): a child may be placed only with a household approved on that
 * date, with written terms and a signed foster care agreement. The placements area owns the placement; this
 * is the household's side of the check.
 */
export const placementEligibility = (
  state: HouseholdState,
  on: LocalDate,
): E.Either<RuleViolation, PlacementEligibility> => {
  const status = statusOn(state, on);
  if (status !== 'approved' && status !== 'temporarily-approved') {
    return refuse(`the household is ${status} on ${on}, not approved`, 'householdId');
  }
  const terms = termsOn(state, on);
  if (terms === undefined) return refuse('the household has no written terms of approval', 'householdId');
  if (state.agreementSignedOn === undefined || state.agreementSignedOn > on) {
    return refuse('no foster care agreement was signed before the placement', 'householdId');
  }
  const due = reviewDueOn(state);
  return E.right({
    householdId: state.householdId ?? '',
    approval: status === 'approved' ? 'full' : 'temporary',
    terms,
    agreementSignedOn: state.agreementSignedOn,
    ...(status === 'temporarily-approved' && state.temporary !== undefined
      ? { temporary: { childId: state.temporary.childId, expiresOn: state.temporary.expiresOn } }
      : {}),
    reviewOverdue: due !== undefined && on > due,
  });
};
