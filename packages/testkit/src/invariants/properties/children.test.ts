import { type AgencyPolicy, type LocalDate, defaultAgencyPolicy as policy, rules } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import {
  d,
  placedChild,
  placedOn,
  placementPlan,
  review,
  runExample,
  visit,
  visitsEvery,
  withoutEvents,
} from '../histories/children-examples.js';
import { child, end } from '../journeys.js';
import { plusWorkingDays } from '../oracles/children-dates.js';
import { type AgencyFacts, readAgencyFacts } from '../oracles/children-facts.js';
import type { ExpectedFinding } from '../oracles/children-findings.js';
import {
  carePlanReviewOracle,
  childVisitsOracle,
  lacReviewsOracle,
  placementPlanOracle,
} from '../oracles/children-statutory.js';
import type { ScriptRun } from '../run-script.js';
import type { ScriptStep } from '../script.js';
import { childrenProperties } from './children.js';

type Oracle = (facts: AgencyFacts, asOf: LocalDate, policy: AgencyPolicy) => ExpectedFinding[];

/** What the oracle expects on the run's day, as [code, due date], and that the projection agrees. */
const judged = async (oracle: Oracle, ruleId: string, steps: ScriptStep[], asOf: string) => {
  const run = await runExample(steps, asOf);
  expect(run.defects).toEqual([]);
  const expected = oracle(readAgencyFacts(run.events), d(asOf), policy);
  expect(childrenProperties[ruleId]?.check(run, policy)).toEqual([]);
  return expected.map((f: ExpectedFinding) => [f.code, f.dueOn ?? null]);
};

const breaks = (ruleId: string, run: ScriptRun) => childrenProperties[ruleId]?.check(run, policy) ?? [];

describe('the oracle of placement-plan', () => {
  const id = rules.placementPlan.id;
  const oracle = placementPlanOracle;
  it('counts 5 working days over Easter: due on 2025-04-28 for a start on Thursday 2025-04-17', () => {
    expect(plusWorkingDays(placedOn, 5)).toBe('2025-04-28');
  });
  it('none for a plan signed on the due day, or agreed before the start', async () => {
    expect(
      await judged(oracle, id, [...placedChild(), placementPlan('2025-04-28', true)], '2025-05-10'),
    ).toEqual([]);
    expect(
      await judged(
        oracle,
        id,
        [...placedChild(), placementPlan('2025-04-17', true, '2025-04-10')],
        '2025-05-10',
      ),
    ).toEqual([]);
  });
  it('a finding for a plan signed a day late, or none signed once the day has passed', async () => {
    const late = [...placedChild(), placementPlan('2025-04-29', true)];
    expect(await judged(oracle, id, late, '2025-05-10')).toEqual([['placement-plan', '2025-04-28']]);
    expect(await judged(oracle, id, placedChild(), '2025-04-28')).toEqual([]);
    expect(await judged(oracle, id, placedChild(), '2025-04-29')).toEqual([['placement-plan', '2025-04-28']]);
  });
  it('a finding for a plan on record that the carer has not signed; none once the placement ended', async () => {
    const unsigned = [...placedChild(), placementPlan('2025-04-22', false)];
    expect(await judged(oracle, id, unsigned, '2025-04-23')).toEqual([['placement-plan-unsigned', null]]);
    expect(await judged(oracle, id, [...unsigned, end('p1', d('2025-05-02'))], '2025-05-02')).toEqual([]);
  });
  it('a projection that lost the plan is caught', async () => {
    const run = await runExample([...placedChild(), placementPlan('2025-04-22', true)], '2025-05-10');
    expect(breaks(id, run)).toEqual([]);
    expect(
      breaks(
        id,
        withoutEvents(run, (e) => e.type === 'PlacementPlanRecorded'),
      ),
    ).toEqual([
      'child c1, placement p1, household h1: on 2025-05-10 the projection reports placement-plan due 2025-04-28 ("placement plan agreed and signed by the carer by 5 working days after 2025-04-17: overdue since 2025-04-28"), but the records show no such breach',
    ]);
  });
});

describe('the oracle of child-visits', () => {
  const id = rules.childVisits.id;
  const oracle = childVisitsOracle;
  it('the first visit within 7 days, then 6 weeks: due 2025-04-24, then 2025-06-05', async () => {
    const steps = [...placedChild(), visit('2025-04-24')];
    expect(await judged(oracle, id, steps, '2025-06-05')).toEqual([]);
    expect(await judged(oracle, id, steps, '2025-06-06')).toEqual([['child-visit', '2025-06-05']]);
    expect(await judged(oracle, id, [...placedChild(), visit('2025-04-25')], '2025-04-25')).toEqual([
      ['child-visit-first', '2025-04-24'],
    ]);
  });
  it('3 months after a visit on the first anniversary of a long-term placement; 6 weeks otherwise', async () => {
    const year = [...visitsEvery(42, '2025-04-24', '2026-04-17'), visit('2026-04-17')];
    const longTerm = [...placedChild({ longTerm: true }), ...year];
    expect(await judged(oracle, id, longTerm, '2026-07-17')).toEqual([]);
    expect(await judged(oracle, id, longTerm, '2026-07-18')).toEqual([['child-visit', '2026-07-17']]);
    const shortTerm = [...placedChild({ longTerm: false }), ...year];
    expect(await judged(oracle, id, shortTerm, '2026-05-30')).toEqual([['child-visit', '2026-05-29']]);
  });
  it('a projection that lost a visit is caught', async () => {
    const run = await runExample([...placedChild(), visit('2025-04-24')], '2025-05-01');
    expect(
      breaks(
        id,
        withoutEvents(run, (e) => e.type === 'SocialWorkerVisitRecorded'),
      ),
    ).toHaveLength(1);
  });
});

describe('the oracle of lac-reviews', () => {
  const id = rules.lacReviews.id;
  const oracle = lacReviewsOracle;
  it('the first review 20 working days after registration on 2025-04-01 (Easter in between): 2025-05-01', async () => {
    expect(await judged(oracle, id, [...placedChild(), review('2025-05-01')], '2025-05-02')).toEqual([]);
    expect(await judged(oracle, id, placedChild(), '2025-05-02')).toEqual([
      ['lac-review-first', '2025-05-01'],
    ]);
  });
  it('the second 3 months after the first, then every 6 months', async () => {
    const steps = [...placedChild(), review('2025-05-01'), review('2025-08-02')];
    expect(await judged(oracle, id, steps, '2026-02-02')).toEqual([['lac-review-second', '2025-08-01']]);
    expect(await judged(oracle, id, steps, '2026-02-03')).toEqual([
      ['lac-review-second', '2025-08-01'],
      ['lac-review', '2026-02-02'],
    ]);
  });
  it('nothing about a child who is no longer placed; a projection that lost a review is caught', async () => {
    expect(await judged(oracle, id, [...placedChild(), end('p1', d('2025-05-20'))], '2025-06-01')).toEqual(
      [],
    );
    const run = await runExample([...placedChild(), review('2025-04-30')], '2025-05-02');
    expect(
      breaks(
        id,
        withoutEvents(run, (e) => e.type === 'LookedAfterReviewHeld'),
      ),
    ).toHaveLength(1);
  });
});

describe('the oracle of care-plan-review', () => {
  const id = rules.carePlanReview.id;
  const oracle = carePlanReviewOracle;
  const agree = child('c1', d('2025-04-20'), {
    kind: 'AgreeTherapeuticCarePlan',
    version: 1,
    agreedOn: d('2025-04-20'),
  });
  const reviewed = (on: string) =>
    child('c1', d(on), { kind: 'ReviewTherapeuticCarePlan', version: 1, reviewedOn: d(on) });
  it('on the intensive package, every 3 months from the start, then from each agreement or review', async () => {
    const intensive = placedChild({ supportPackage: 'intensive' });
    expect(await judged(oracle, id, intensive, '2025-07-17')).toEqual([]);
    expect(await judged(oracle, id, intensive, '2025-07-18')).toEqual([['care-plan-review', '2025-07-17']]);
    expect(await judged(oracle, id, [...intensive, agree, reviewed('2025-07-21')], '2025-08-01')).toEqual([
      ['care-plan-review', '2025-07-20'],
    ]);
    expect(await judged(oracle, id, [...intensive, agree, reviewed('2025-07-20')], '2025-10-20')).toEqual([]);
  });
  it('nothing on another package; a projection that lost a review is caught', async () => {
    expect(await judged(oracle, id, placedChild({ supportPackage: 'enhanced' }), '2026-01-01')).toEqual([]);
    const run = await runExample(
      [...placedChild({ supportPackage: 'intensive' }), agree, reviewed('2025-07-20')],
      '2025-08-01',
    );
    expect(
      breaks(
        id,
        withoutEvents(run, (e) => e.type === 'TherapeuticCarePlanReviewed'),
      ),
    ).toHaveLength(1);
  });
});
