import { type AgencyPolicy, type LocalDate, type TrainingCourse, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import {
  approvalJourney,
  approvalTimeline,
  carersOf,
  household,
  registration,
  start,
  wideTerms,
} from '../journeys.js';
import { daysAfter, monthsAfter } from '../oracles/supervision-facts.js';
import type { Script, ScriptStep } from '../script.js';
import { judgedAround, sometimes, sortedSteps } from './supervision-dates.js';

/**
 * One or two households approved from staggered applications, then up to three years of their supervision:
 * an SSW allocated (or never, or reallocated), supervisory visits announced or not and by the allocated worker
 * or another, home checks (one racing a visit, sent by another worker), training for each carer (sometimes
 * written up days later, TSDS sometimes twice), annual reviews (the first usually with a panel, sometimes not,
 * which must be refused), placements started near the day the review falls due, a change of terms adding or
 * removing parent-and-child placements, a resignation or a suspension. Many dates fall on a rule's boundary:
 * an item is 12 months after the one before give or take two days, or the policy's visit interval give or take
 * one. The records are judged on a day near one of those boundaries, or later.
 */

/** The time from one dated item to the next: a year give or take two days, the visit interval ±1, or any. */
const gap = (policy: AgencyPolicy) =>
  fc.oneof(
    fc.integer({ min: -2, max: 2 }).map((offset) => (d: LocalDate) => daysAfter(monthsAfter(d, 12), offset)),
    fc
      .integer({ min: -1, max: 1 })
      .map((offset) => (d: LocalDate) => daysAfter(d, policy.supervision.sswVisitIntervalDays + offset)),
    fc.integer({ min: 1, max: 420 }).map((days) => (d: LocalDate) => daysAfter(d, days)),
  );

/** Dates one after another from `first`, each a gap after the one before, up to `until`. */
const chain = (first: LocalDate, gaps: ReadonlyArray<(d: LocalDate) => LocalDate>, until: LocalDate) => {
  const dates: LocalDate[] = [];
  let at = first;
  for (const next of gaps) {
    at = next(at);
    if (at > until) break;
    dates.push(at);
  }
  return dates;
};

const courses: ReadonlyArray<TrainingCourse> = ['tsds', 'safeguarding', 'first-aid', 'parent-and-child'];
const otherWorker = { id: 'duty-ssw', role: 'supervising-social-worker' } as const;

/** A day within the household's horizon, as a share of it (per mille), so that shorter histories stay whole. */
const share = fc.integer({ min: 0, max: 1000 });

const householdPlan = (policy: AgencyPolicy) =>
  fc.record({
    from: fc.integer({ min: 0, max: 250 }),
    route: fc.constantFrom('mainstream' as const, 'mainstream' as const, 'family-and-friends' as const),
    parentAndChild: fc.boolean(),
    ssw: sometimes(
      fc.oneof(
        fc.integer({ min: -140, max: 0 }).map((days) => ({ days })),
        share.map((n) => ({ share: n })),
      ),
      4,
      1,
    ),
    reallocation: sometimes(share, 1, 4),
    visits: fc.array(
      fc.record({
        gap: gap(policy),
        announced: fc.boolean(),
        byAllocated: fc.boolean(),
        withCheck: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    /** A visit after everything else, a few days before the end: the regular visit is then often on time. */
    lastVisit: sometimes(
      fc.record({
        announced: fc.constantFrom(false, false, true),
        daysBefore: fc.integer({ min: 0, max: 5 }),
      }),
      3,
      1,
    ),
    checks: fc.array(gap(policy), { maxLength: 3 }),
    /** Every course each carer needs, at some day between assessment and the end; or a few odd records. */
    training: fc.oneof(
      fc.array(fc.tuple(fc.integer({ min: -140, max: 400 }), fc.integer({ min: -2, max: 2 })), {
        minLength: 2,
        maxLength: 2,
      }),
      fc.array(
        fc.record({
          adult: fc.integer({ min: 0, max: 1 }),
          course: fc.constantFrom(...courses),
          // Days after approval; or on (or a day either side of) the TSDS deadline.
          on: fc.oneof(
            share.map((n) => ({ share: n })),
            fc.integer({ min: -1, max: 1 }).map((n) => ({ tsds: n })),
          ),
          lag: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })),
        }),
        { maxLength: 4 },
      ),
    ),
    reviews: fc.array(
      fc.record({ gap: gap(policy), panel: sometimes(fc.integer({ min: 0, max: 28 }), 6, 1) }),
      {
        maxLength: 3,
      },
    ),
    placements: fc.array(
      fc.record({ anchor: fc.nat(), offset: fc.integer({ min: -2, max: 2 }), share: fc.option(share) }),
      { maxLength: 2 },
    ),
    change: sometimes(fc.record({ share, consent: fc.boolean(), parentAndChild: fc.boolean() }), 1, 2),
    ending: sometimes(fc.record({ share, kind: fc.constantFrom('resign', 'suspend', 'lift') }), 1, 3),
  });

type Plan = ReturnType<typeof householdPlan> extends fc.Arbitrary<infer P> ? P : never;

const withParentAndChild = (yes: boolean) => ({
  ...wideTerms,
  placementTypes: [...wideTerms.placementTypes, ...(yes ? (['parent-and-child'] as const) : [])],
});

const householdSteps = (name: string, plan: Plan, base: LocalDate, last: number): ScriptStep[] => {
  const from = daysAfter(base, plan.from);
  // Every household's history ends on the same day, `last` days after the base.
  const horizon = last - plan.from - approvalTimeline.approval;
  const approved = daysAfter(from, approvalTimeline.approval);
  const until = daysAfter(approved, horizon);
  const after = (n: number) => daysAfter(approved, n);
  const within = (perMille: number) => after(Math.max(3, Math.round((horizon * perMille) / 1000)));
  const adults = carersOf(name);
  const steps = approvalJourney(name, {
    from,
    route: plan.route,
    terms: withParentAndChild(plan.parentAndChild),
  });
  const ssw = `ssw-of-${name}`;
  const allocate = (sswId: string, on: LocalDate) =>
    on <= until &&
    steps.push(household(name, on, { kind: 'AllocateSupervisingSocialWorker', sswId, allocatedOn: on }));
  if (plan.ssw !== undefined) {
    const on = 'days' in plan.ssw ? after(plan.ssw.days) : within(plan.ssw.share);
    allocate(ssw, on);
    if (plan.reallocation !== undefined) allocate(`${ssw}-2`, within(plan.reallocation));
  }
  const visit = (on: LocalDate, announced: boolean, sswId: string) =>
    steps.push(household(name, on, { kind: 'RecordSupervisoryVisit', sswId, visitedOn: on, announced }));
  chain(
    approved,
    plan.visits.map((v) => v.gap),
    until,
  ).forEach((on, i) => {
    const v = plan.visits[i] as Plan['visits'][number];
    visit(on, v.announced, v.byAllocated ? ssw : 'duty-ssw');
    if (v.withCheck) {
      steps.push({
        ...household(name, on, { kind: 'RecordHomeCheck', checkedOn: on, checkedBy: 'duty-ssw' }),
        by: otherWorker,
        concurrent: true,
      });
    }
  });
  for (const on of chain(approved, plan.checks, until)) {
    steps.push(household(name, on, { kind: 'RecordHomeCheck', checkedOn: on, checkedBy: ssw }));
  }
  const tsdsDue = monthsAfter(approved, plan.route === 'family-and-friends' ? 18 : 12);
  const train = (adult: number, course: TrainingCourse, completedOn: LocalDate, lag = 0) => {
    const on = daysAfter(completedOn, lag);
    if (on <= until) {
      steps.push(
        household(name, on, {
          kind: 'RecordTraining',
          adultId: adults[adult] as string,
          course,
          completedOn,
        }),
      );
    }
  };
  const training: ReadonlyArray<Plan['training'][number]> = plan.training;
  training.forEach((t, adult) => {
    if (Array.isArray(t)) {
      // A diligent household: each carer does every course, a few days apart.
      const [days, spread] = t as [number, number];
      const needed = courses.filter((c) => c !== 'parent-and-child' || plan.parentAndChild);
      needed.forEach((course, i) => {
        train(adult, course, after(days + i * spread));
      });
    } else {
      const odd = t as Exclude<typeof t, [number, number]>;
      const on = 'share' in odd.on ? within(odd.on.share) : daysAfter(tsdsDue, odd.on.tsds);
      train(odd.adult, odd.course, on, odd.lag);
    }
  });
  const reviewDates = chain(
    approved,
    plan.reviews.map((r) => r.gap),
    until,
  );
  reviewDates.forEach((on, i) => {
    const panel = plan.reviews[i]?.panel;
    steps.push(
      household(name, on, {
        kind: 'HoldAnnualReview',
        reviewedOn: on,
        outcome: 'continue',
        ...(panel === undefined ? {} : { panelOn: daysAfter(on, panel) }),
      }),
    );
  });
  // A placement starts on (or near) the day a review falls due, counted from approval or a review.
  const anchors = [approved, ...reviewDates];
  plan.placements.forEach((p, i) => {
    const on =
      p.share === null
        ? daysAfter(monthsAfter(anchors[p.anchor % anchors.length] as LocalDate, 12), p.offset)
        : within(p.share);
    if (on > until) return;
    const child = `${name}-c${i + 1}`;
    steps.push(...registration(child, { on: daysAfter(on, -3), dateOfBirth: unsafeLocalDate('2015-02-01') }));
    steps.push(start(`${name}-p${i + 1}`, { child, household: name, on }));
  });
  if (plan.change !== undefined) {
    const on = within(plan.change.share);
    steps.push(
      household(name, on, {
        kind: 'ChangeTerms',
        noticeGivenOn: on,
        takesEffectOn: plan.change.consent ? on : daysAfter(on, 28),
        terms: withParentAndChild(plan.change.parentAndChild),
        carerConsentedInWriting: plan.change.consent,
      }),
    );
  }
  if (plan.ending !== undefined) {
    const on = within(plan.ending.share);
    const { kind } = plan.ending;
    steps.push(
      kind === 'resign'
        ? household(name, on, { kind: 'ReceiveResignation', receivedOn: on })
        : household(name, on, { kind: 'Suspend', suspendedOn: on, reason: 'allegation under investigation' }),
    );
    const lifted = daysAfter(on, 40);
    if (kind === 'lift' && lifted <= until) {
      steps.push(household(name, lifted, { kind: 'LiftSuspension', liftedOn: lifted }));
    }
  }
  if (plan.lastVisit !== undefined) {
    visit(daysAfter(until, -plan.lastVisit.daysBefore), plan.lastVisit.announced, ssw);
  }
  return steps;
};

/** The households' histories, judged on a day near a boundary of the rules (or later). */
export const supervisionHouseholdHistories = (policy: AgencyPolicy): fc.Arbitrary<Script> =>
  fc
    .record({
      plans: fc.oneof(
        { arbitrary: fc.array(householdPlan(policy), { minLength: 1, maxLength: 1 }), weight: 2 },
        { arbitrary: fc.array(householdPlan(policy), { minLength: 2, maxLength: 2 }), weight: 1 },
      ),
      // How long after its approval each household's history runs.
      horizon: fc.integer({ min: 60, max: 1100 }),
    })
    .map(({ plans, horizon }) => {
      const base = unsafeLocalDate('2024-01-08');
      const last = Math.max(...plans.map((p) => p.from)) + approvalTimeline.approval + horizon;
      return sortedSteps(plans.flatMap((plan, i) => householdSteps(`h${i + 1}`, plan, base, last)));
    })
    .chain((steps) => judgedAround(steps, policy));
