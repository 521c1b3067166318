import type { SupportPackage } from '../../approvals/terms.js';
import type { LocalDate } from '../../calendar/index.js';
import {
  type Collector,
  type ComplianceContext,
  collector,
  shiftWithinCalendar,
} from '../../compliance/context.js';
import {
  type Deadline,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from '../../compliance/index.js';
import { ownValue } from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { ChildState, PlacementRecord } from '../state.js';
import {
  carePlanReviewSchedule,
  lookedAfterReviewSchedule,
  placementOn,
  visitSchedule,
} from './schedules.js';

export interface ChildCompliance {
  readonly childId: string;
  /** The placement the child is in on `asOf`; without one, the agency has nothing to report. */
  readonly placement?: PlacementRecord;
  readonly deadlines: ReadonlyArray<Deadline>;
  readonly findings: ReadonlyArray<Finding>;
}

export interface ChildComplianceOptions {
  /**
   * The current placement's support package. It is recorded on the placement stream, not the child's, so the
   * caller passes it; rule `care-plan-review` applies only when it is `intensive`.
   */
  readonly supportPackage?: SupportPackage;
}

const upTo = (dates: Iterable<LocalDate>, asOf: LocalDate): LocalDate[] =>
  [...dates].filter((d) => d <= asOf);

/** Rule `placement-plan` (CPPR 9): agreed and signed by the carer before the start or within 5 working days. */
const placementPlan = (
  state: ChildState,
  placement: PlacementRecord,
  subject: Subject,
  asOf: LocalDate,
  collect: Collector,
) => {
  const dueOn = collect.workingDays(
    placement.startedOn,
    statutoryNumbers.placementPlanWorkingDays,
    rules.placementPlan,
    subject,
  );
  const versions = (ownValue(state.placementPlans, placement.placementId) ?? []).filter(
    (v) => v.agreedOn <= asOf,
  );
  const signed = versions.filter((v) => v.signedByCarer).map((v) => v.agreedOn);
  if (dueOn !== undefined) {
    collect.deadline({
      rule: rules.placementPlan,
      code: 'placement-plan',
      subject,
      description: `placement plan agreed and signed by the carer by 5 working days after ${placement.startedOn}`,
      dueOn,
      metOn: signed.sort()[0],
    });
  }
  if (versions.length > 0 && signed.length === 0) {
    collect.finding({
      rule: rules.placementPlan,
      code: 'placement-plan-unsigned',
      subject,
      message: 'the placement plan has not been signed by the carer',
    });
  }
};

/** Rule `child-visits` (CPPR 28): every due date of the current placement, met or open. */
const childVisits = (
  state: ChildState,
  placement: PlacementRecord,
  subject: Subject,
  asOf: LocalDate,
  collect: Collector,
) => {
  const visits = upTo(
    state.visits.map((v) => v.visitedOn),
    asOf,
  );
  visitSchedule(placement, visits).forEach(({ after, dueOn, metOn }, index) => {
    collect.deadline({
      rule: rules.childVisits,
      code: index === 0 ? 'child-visit-first' : 'child-visit',
      subject,
      description:
        index === 0
          ? `first social worker visit within 1 week of the placement starting on ${after}`
          : `social worker visit within ${
              dueOn === shiftWithinCalendar(after, statutoryNumbers.childVisitIntervalWeeks, 'weeks')
                ? '6 weeks'
                : '3 months'
            } of the visit on ${after}`,
      dueOn,
      metOn,
    });
  });
};

/** Rule `lac-reviews` (CPPR 33), counted from the day the child was registered as looked after. */
const lookedAfterReviews = (
  state: ChildState,
  registeredOn: LocalDate,
  subject: Subject,
  asOf: LocalDate,
  collect: Collector,
) => {
  const firstDueOn = collect.workingDays(
    registeredOn,
    statutoryNumbers.firstLookedAfterReviewWorkingDays,
    rules.lacReviews,
    subject,
  );
  const reviews = upTo(state.lookedAfterReviews, asOf);
  const schedule = lookedAfterReviewSchedule(registeredOn, firstDueOn, reviews);
  // Without the first due date the chain starts at the first review, which is then the second one due.
  const offset = firstDueOn === undefined ? 1 : 0;
  schedule.forEach(({ after, dueOn, metOn }, index) => {
    const nth = index + offset;
    collect.deadline({
      rule: rules.lacReviews,
      code: nth === 0 ? 'lac-review-first' : nth === 1 ? 'lac-review-second' : 'lac-review',
      subject,
      description:
        nth === 0
          ? `first looked-after review within 20 working days of ${after}`
          : nth === 1
            ? `second looked-after review within 3 months of the first on ${after}`
            : `looked-after review within 6 months of the review on ${after}`,
      dueOn,
      metOn,
    });
  });
};

/** Rule `care-plan-review` (policy): on the intensive package, the therapeutic care plan reviewed regularly. */
const carePlanReview = (
  state: ChildState,
  placement: PlacementRecord,
  subject: Subject,
  context: ComplianceContext,
  collect: Collector,
) => {
  const months = context.policy.children.intensiveCarePlanReviewMonths;
  const touches = upTo(
    [...state.carePlans.map((p) => p.agreedOn), ...state.carePlanReviews.map((r) => r.reviewedOn)],
    context.asOf,
  );
  for (const { after, dueOn, metOn } of carePlanReviewSchedule(placement.startedOn, touches, months)) {
    collect.deadline({
      rule: rules.carePlanReview,
      code: 'care-plan-review',
      subject,
      description: `therapeutic care plan agreed or reviewed within ${months} months of ${after} (intensive package)`,
      dueOn,
      metOn,
    });
  }
};

/**
 * Every deadline and finding about one child on `context.asOf`, for the placement the child is in on that date.
 * Pure: the same record, date and package always give the same answer, which as-of replay relies on.
 */
export const childCompliance = (
  state: ChildState,
  context: ComplianceContext,
  options: ChildComplianceOptions = {},
): ChildCompliance => {
  const childId = state.childId ?? '';
  const { asOf } = context;
  const placement = placementOn(state, asOf);
  if (state.registeredOn === undefined || state.registeredOn > asOf || placement === undefined) {
    return { childId, deadlines: [], findings: [] };
  }
  const subject: Subject = {
    childId,
    placementId: placement.placementId,
    householdId: placement.householdId,
  };
  const { collect, deadlines, findings } = collector(context);
  placementPlan(state, placement, subject, asOf, collect);
  childVisits(state, placement, subject, asOf, collect);
  lookedAfterReviews(state, state.registeredOn, { childId }, asOf, collect);
  if (options.supportPackage === 'intensive') carePlanReview(state, placement, subject, context, collect);
  const judged = deadlines.map((d) => judgeDeadline(d, asOf, context.policy.approvals.dueSoonDays));
  const late = judged.map(findingOfDeadline).filter((f): f is Finding => f !== undefined);
  return { childId, placement, deadlines: judged, findings: [...findings, ...late] };
};
