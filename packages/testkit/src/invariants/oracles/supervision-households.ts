import type { AgencyPolicy, LocalDate } from '@fostering/core';
import {
  approvedOn,
  type Course,
  daysAfter,
  earliest,
  type HouseholdFacts,
  latest,
  monthsAfter,
  placementTypesOn,
} from './supervision-facts.js';

/**
 * What the supervision rules say a compliance projection must report about one approved household on a day,
 * written from domain.md (FSR 28, NMS 21.8, 10.5, 20; FSR 17(1)) and the agency policy, not from the core's
 * projection. Each expectation has a key (the subject and due date the projection's finding must carry) and a
 * sentence saying why it is due.
 */
export interface Expectation {
  readonly key: string;
  readonly says: string;
}

/** The statutory numbers of these rules (domain.md, "Rules with numbers"). */
export const statute = {
  reviewMonths: 12,
  unannouncedVisitMonths: 12,
  homeCheckMonths: 12,
  tsdsMonths: 12,
  tsdsFamilyAndFriendsMonths: 18,
} as const;

/** A deadline running from the last of some dates (or from approval): open, and overdue after its due day. */
const overdue = (
  h: HouseholdFacts,
  asOf: LocalDate,
  dates: ReadonlyArray<LocalDate>,
  due: (from: LocalDate) => LocalDate,
): { readonly from: LocalDate; readonly dueOn: LocalDate } | undefined => {
  if (h.approvedOn === undefined) return undefined;
  const from = latest([h.approvedOn, ...dates.filter((d) => d <= asOf)]) as LocalDate;
  const dueOn = due(from);
  return asOf > dueOn ? { from, dueOn } : undefined;
};

/** When the annual review falls due, judged on a day from the reviews recorded by then. */
export const reviewDueOn = (
  h: HouseholdFacts,
  on: LocalDate,
  recordedBefore = Number.POSITIVE_INFINITY,
): LocalDate | undefined => {
  if (h.approvedOn === undefined) return undefined;
  const held = h.reviews.filter((r) => r.position < recordedBefore && r.on <= on).map((r) => r.on);
  return monthsAfter(latest([h.approvedOn, ...held]) as LocalDate, statute.reviewMonths);
};

/** Rule `annual-review` (FSR 28): reviewed within a year of approval, then at most a year after each review. */
export const annualReviewExpected = (h: HouseholdFacts, asOf: LocalDate): Expectation[] => {
  if (!approvedOn(h, asOf)) return [];
  const dueOn = reviewDueOn(h, asOf) as LocalDate;
  if (asOf <= dueOn) return [];
  const first = h.reviews.every((r) => r.on > asOf);
  return [
    {
      key: `${h.householdId} due ${dueOn}`,
      says: `${first ? 'first review' : 'review'} overdue since ${dueOn} (approved ${h.approvedOn})`,
    },
  ];
};

/**
 * Rule `ssw` (NMS 21.8): a named supervising social worker, and an unannounced visit (by anyone) at most 12
 * months after approval or the last one; and the agency's regular frequency (policy
 * `supervision.sswVisitIntervalDays`), which the projection reports under the same rule: a visit of any kind
 * at most that many days after approval or the last visit.
 */
export const sswExpected = (h: HouseholdFacts, asOf: LocalDate, policy: AgencyPolicy): Expectation[] => {
  if (!approvedOn(h, asOf)) return [];
  const out: Expectation[] = [];
  if (!h.allocations.some((a) => a.on <= asOf)) {
    out.push({ key: `${h.householdId} no SSW`, says: 'no supervising social worker allocated' });
  }
  const unannounced = h.visits.filter((v) => !v.announced).map((v) => v.on);
  const yearly = overdue(h, asOf, unannounced, (d) => monthsAfter(d, statute.unannouncedVisitMonths));
  if (yearly !== undefined) {
    out.push({
      key: `${h.householdId} due ${yearly.dueOn}`,
      says: `unannounced visit overdue since ${yearly.dueOn} (12 months after ${yearly.from})`,
    });
  }
  const days = policy.supervision.sswVisitIntervalDays;
  const regular = overdue(
    h,
    asOf,
    h.visits.map((v) => v.on),
    (d) => daysAfter(d, days),
  );
  if (regular !== undefined) {
    out.push({
      key: `${h.householdId} due ${regular.dueOn}`,
      says: `supervisory visit overdue since ${regular.dueOn} (${days} days after ${regular.from})`,
    });
  }
  return out;
};

/** Rule `home-check` (NMS 10.5): the home checked at most 12 months after approval or the last check. */
export const homeCheckExpected = (h: HouseholdFacts, asOf: LocalDate): Expectation[] => {
  if (!approvedOn(h, asOf)) return [];
  const late = overdue(h, asOf, h.homeChecks, (d) => monthsAfter(d, statute.homeCheckMonths));
  return late === undefined
    ? []
    : [
        {
          key: `${h.householdId} due ${late.dueOn}`,
          says: `home check overdue since ${late.dueOn} (12 months after ${late.from})`,
        },
      ];
};

/**
 * Rule `tsds` (NMS 20): every approved adult completes TSDS within 12 months of approval (18 on the family and
 * friends route). Reported while it is overdue, and for good once it was completed late; the first completion
 * is the one that counts (a later record of it changes nothing).
 */
export const tsdsExpected = (h: HouseholdFacts, asOf: LocalDate): Expectation[] => {
  if (!approvedOn(h, asOf)) return [];
  const months = h.route === 'family-and-friends' ? statute.tsdsFamilyAndFriendsMonths : statute.tsdsMonths;
  const dueOn = monthsAfter(h.approvedOn as LocalDate, months);
  return h.adults.flatMap((adultId): Expectation[] => {
    const first = earliest(
      h.training.filter((t) => t.adultId === adultId && t.course === 'tsds' && t.on <= asOf).map((t) => t.on),
    );
    if (first === undefined && asOf > dueOn) {
      return [{ key: `${h.householdId} ${adultId} due ${dueOn}`, says: `TSDS overdue since ${dueOn}` }];
    }
    if (first !== undefined && first > dueOn) {
      return [
        {
          key: `${h.householdId} ${adultId} due ${dueOn}`,
          says: `TSDS completed late on ${first}, due ${dueOn}`,
        },
      ];
    }
    return [];
  });
};

const refreshMonths = (course: Exclude<Course, 'tsds'>, policy: AgencyPolicy) => {
  const months = policy.approvals.trainingRefreshMonths;
  return course === 'first-aid'
    ? months.firstAid
    : course === 'parent-and-child'
      ? months.parentAndChild
      : months.safeguarding;
};

/**
 * Rule `training` (FSR 17(1)): every approved adult has safeguarding and first-aid training, and
 * parent-and-child training while the terms in force allow parent-and-child placements; each is current for
 * the agency's refresh period after its latest completion.
 */
export const trainingExpected = (h: HouseholdFacts, asOf: LocalDate, policy: AgencyPolicy): Expectation[] => {
  if (!approvedOn(h, asOf)) return [];
  const courses: Array<Exclude<Course, 'tsds'>> = ['safeguarding', 'first-aid'];
  if (placementTypesOn(h, asOf).includes('parent-and-child')) courses.push('parent-and-child');
  return h.adults.flatMap((adultId) =>
    courses.flatMap((course): Expectation[] => {
      const last = latest(
        h.training
          .filter((t) => t.adultId === adultId && t.course === course && t.on <= asOf)
          .map((t) => t.on),
      );
      const who = `${h.householdId} ${adultId} ${course}`;
      if (last === undefined) return [{ key: `${who} missing`, says: `no ${course} training` }];
      const dueOn = monthsAfter(last, refreshMonths(course, policy));
      return asOf > dueOn
        ? [{ key: `${who} due ${dueOn}`, says: `${course} training (on ${last}) expired, due ${dueOn}` }]
        : [];
    }),
  );
};
