import type { AgencyPolicy, LocalDate } from '@fostering/core';
import { earliest, plusDays, plusMonths, plusWorkingDays } from './children-dates.js';
import { type AgencyFacts, datesWithin, openOn, type PlacementFacts } from './children-facts.js';
import type { ExpectedFinding } from './children-findings.js';

/**
 * Oracles of the child's statutory timeline (CPPR 9, 28, 33) and the intensive package's care-plan reviews,
 * from the domain brief: what must be reported on `asOf` about every child in a placement that day. A deadline
 * is a finding when it was met late, or is still unmet after its day. Nothing is reported about a placement
 * that has ended: the alert is for the child's current placement.
 */

/** One obligation in a chain: due `dueOn`, met by the occurrence that followed (if any by `asOf`). */
interface Link {
  readonly dueOn: LocalDate;
  readonly metOn?: LocalDate;
}

/** Each occurrence meets the due date open before it and starts the clock for the next. */
const chain = (
  firstDue: LocalDate,
  occurrences: ReadonlyArray<LocalDate>,
  next: (previous: LocalDate, count: number) => LocalDate,
): Link[] => {
  const links: Link[] = [];
  let dueOn = firstDue;
  occurrences.forEach((metOn, i) => {
    links.push({ dueOn, metOn });
    dueOn = next(metOn, i + 1);
  });
  links.push({ dueOn });
  return links;
};

/** Why a link is a finding on `asOf`, or undefined when it is not. */
const breachOf = (link: Link, asOf: LocalDate, what: string): string | undefined => {
  if (link.metOn !== undefined)
    return link.metOn > link.dueOn ? `${what}, due ${link.dueOn}, happened late on ${link.metOn}` : undefined;
  return asOf > link.dueOn ? `${what}, due ${link.dueOn}, had not happened by ${asOf}` : undefined;
};

const placementSubject = (p: PlacementFacts) => ({
  childId: p.childId,
  placementId: p.placementId,
  householdId: p.householdId,
});

/** Rule `placement-plan`: agreed and signed by the carer by 5 working days after the start; a plan on record unsigned. */
export const placementPlanOracle = (facts: AgencyFacts, asOf: LocalDate): ExpectedFinding[] =>
  openOn(facts.placements, asOf).flatMap((p) => {
    const plans = (facts.children.get(p.childId)?.plans ?? []).filter(
      (v) => v.placementId === p.placementId && v.agreedOn <= asOf,
    );
    const dueOn = plusWorkingDays(p.startedOn, 5);
    const metOn = earliest(plans.filter((v) => v.signed).map((v) => v.agreedOn));
    const out: ExpectedFinding[] = [];
    const late = breachOf(
      { dueOn, ...(metOn === undefined ? {} : { metOn }) },
      asOf,
      'the signed placement plan',
    );
    if (late !== undefined)
      out.push({ subject: placementSubject(p), code: 'placement-plan', dueOn, why: late });
    if (plans.length > 0 && metOn === undefined) {
      out.push({
        subject: placementSubject(p),
        code: 'placement-plan-unsigned',
        why: `the placement plan agreed on ${plans[0]?.agreedOn} is not signed by the carer`,
      });
    }
    return out;
  });

/**
 * Rule `child-visits`: the first visit within 1 week (7 calendar days) of the start; then 6 weeks, except that
 * after a visit on or after the placement's first anniversary a long-term placement allows 3 months.
 */
export const childVisitsOracle = (facts: AgencyFacts, asOf: LocalDate): ExpectedFinding[] =>
  openOn(facts.placements, asOf).flatMap((p) => {
    const visits = datesWithin(facts.children.get(p.childId)?.visits ?? [], p.startedOn, asOf);
    const firstYearEnds = plusMonths(p.startedOn, 12);
    const links = chain(plusDays(p.startedOn, 7), visits, (previous) =>
      p.longTerm && previous >= firstYearEnds ? plusMonths(previous, 3) : plusDays(previous, 42),
    );
    return links.flatMap((link, i) => {
      const why = breachOf(link, asOf, i === 0 ? 'the first social worker visit' : 'a social worker visit');
      return why === undefined
        ? []
        : [
            {
              subject: placementSubject(p),
              code: i === 0 ? 'child-visit-first' : 'child-visit',
              dueOn: link.dueOn,
              why,
            },
          ];
    });
  });

/** Rule `lac-reviews`: 20 working days from registration, the second 3 months after the first, then 6 months. */
export const lacReviewsOracle = (facts: AgencyFacts, asOf: LocalDate): ExpectedFinding[] =>
  [...new Set(openOn(facts.placements, asOf).map((p) => p.childId))].flatMap((childId) => {
    const child = facts.children.get(childId);
    if (child === undefined || child.registeredOn > asOf) return [];
    const reviews = datesWithin(child.reviews, child.registeredOn, asOf);
    const links = chain(plusWorkingDays(child.registeredOn, 20), reviews, (previous, count) =>
      plusMonths(previous, count === 1 ? 3 : 6),
    );
    const codes = ['lac-review-first', 'lac-review-second'];
    return links.flatMap((link, i) => {
      const why = breachOf(link, asOf, `looked-after review ${i + 1}`);
      return why === undefined
        ? []
        : [{ subject: { childId }, code: codes[i] ?? 'lac-review', dueOn: link.dueOn, why }];
    });
  });

/**
 * Rule `care-plan-review` (policy): on the intensive package, the therapeutic care plan agreed or reviewed at
 * most `intensiveCarePlanReviewMonths` after the placement started, then after each agreement or review.
 */
export const carePlanReviewOracle = (
  facts: AgencyFacts,
  asOf: LocalDate,
  policy: AgencyPolicy,
): ExpectedFinding[] => {
  const months = policy.children.intensiveCarePlanReviewMonths;
  return openOn(facts.placements, asOf)
    .filter((p) => p.supportPackage === 'intensive')
    .flatMap((p) => {
      const touches = datesWithin(facts.children.get(p.childId)?.carePlanTouches ?? [], p.startedOn, asOf);
      const links = chain(plusMonths(p.startedOn, months), touches, (previous) =>
        plusMonths(previous, months),
      );
      return links.flatMap((link) => {
        const why = breachOf(link, asOf, 'the therapeutic care plan review');
        return why === undefined
          ? []
          : [{ subject: placementSubject(p), code: 'care-plan-review', dueOn: link.dueOn, why }];
      });
    });
};
