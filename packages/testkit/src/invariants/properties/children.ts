import { type AgencyPolicy, type LocalDate, rules } from '@fostering/core';
import { type ChildFocus, childrenLives } from '../histories/children-lives.js';
import { riskHistories } from '../histories/children-risk.js';
import { type AgencyFacts, readAgencyFacts } from '../oracles/children-facts.js';
import {
  compareFindings,
  describeSubject,
  type ExpectedFinding,
  namer,
  projectedFindings,
} from '../oracles/children-findings.js';
import { riskCompleteOracle, uncoveredNeeds } from '../oracles/children-risk.js';
import {
  carePlanReviewOracle,
  childVisitsOracle,
  lacReviewsOracle,
  placementPlanOracle,
} from '../oracles/children-statutory.js';
import type { InvariantProperty } from '../property.js';
import type { ScriptRun } from '../run-script.js';

type Oracle = (facts: AgencyFacts, asOf: LocalDate, policy: AgencyPolicy) => ExpectedFinding[];

/** An alert property: the rule's findings on the day judged are exactly those the oracle expects. */
const alert = (ruleId: string, claim: string, focus: ChildFocus, oracle: Oracle): InvariantProperty => ({
  claim,
  histories: childrenLives(focus),
  check: (run, policy) =>
    compareFindings(
      run,
      oracle(readAgencyFacts(run.events), run.script.asOf, policy),
      projectedFindings(run, policy, ruleId),
    ),
});

/**
 * Each finding about a child's uncovered health need must name a need the oracle finds uncovered: the
 * projection may report several needs of one placement as one finding, but never a need that is covered.
 */
const namesUncoveredNeed = (run: ScriptRun, policy: AgencyPolicy): string[] => {
  const uncovered = uncoveredNeeds(readAgencyFacts(run.events), run.script.asOf);
  const name = namer(run);
  return projectedFindings(run, policy, rules.riskComplete.id)
    .filter((f) => f.code === 'health-need-not-in-safe-care-plan')
    .filter(
      (f) =>
        !uncovered.some(
          (u) => u.placementId === f.subject.placementId && f.message.includes(u.need.description),
        ),
    )
    .map(
      (f) =>
        `${describeSubject(f.subject, name)}: on ${run.script.asOf} the projection reports "${f.message}", which names no need the safe-care plan leaves out`,
    );
};

/** The catalogue's properties of the children rules, by rule id. */
export const childrenProperties: Readonly<Record<string, InvariantProperty>> = {
  [rules.placementPlan.id]: alert(
    rules.placementPlan.id,
    'for every child in a placement on the day judged, a finding is reported exactly when no placement plan signed by the carer was agreed by 5 working days after the start (the due date named), or when the plans on record are all unsigned',
    'plan',
    placementPlanOracle,
  ),
  [rules.childVisits.id]: alert(
    rules.childVisits.id,
    'for every child in a placement on the day judged, a finding is reported for each social worker visit due date (1 week after the start, then 6 weeks after each visit, or 3 months after a visit in the second year of a long-term placement) that was missed or met late, and for no other',
    'visits',
    childVisitsOracle,
  ),
  [rules.lacReviews.id]: alert(
    rules.lacReviews.id,
    'for every child in a placement on the day judged, a finding is reported for each looked-after review due date (20 working days after registration, 3 months after the first review, then 6 months after each) that was missed or met late, and for no other',
    'reviews',
    lacReviewsOracle,
  ),
  [rules.carePlanReview.id]: alert(
    rules.carePlanReview.id,
    'for every child placed on the intensive package on the day judged, a finding is reported for each time the therapeutic care plan went longer than the policy interval (from the start, then from each agreement or review) without being agreed or reviewed, and for no child on another package',
    'care-plan',
    carePlanReviewOracle,
  ),
  [rules.riskComplete.id]: {
    claim:
      "on the day judged, a finding is reported exactly for each pet of an approved household with no pet risk assessment, and for each placed child with a current allergy or medical need that the household's safe-care plan in force does not list",
    histories: riskHistories,
    check: (run, policy) => [
      ...compareFindings(
        run,
        riskCompleteOracle(readAgencyFacts(run.events), run.script.asOf),
        projectedFindings(run, policy, rules.riskComplete.id),
      ),
      ...namesUncoveredNeed(run, policy),
    ],
  },
};
