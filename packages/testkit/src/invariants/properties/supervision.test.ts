import {
  agencyRecords,
  unsafeLocalDate as d,
  defaultAgencyPolicy,
  type HouseholdCommand,
  inMemoryEventStore,
  project,
  rules,
} from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { approvalJourney, carersOf, household, registration, start, wideTerms } from '../journeys.js';
import { daysAfter, householdFacts, monthsAfter } from '../oracles/supervision-facts.js';
import {
  annualReviewExpected,
  homeCheckExpected,
  sswExpected,
  trainingExpected,
  tsdsExpected,
} from '../oracles/supervision-households.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { type ScriptStep, script } from '../script.js';
import { supervisionProperties } from './supervision.js';

/**
 * The household oracles of the supervision rules on hand-written histories: where each must say "finding" and
 * where "none", around each due day; the property agreeing with the reference projection on them; and the
 * property catching a projection that lost the records it judges by.
 */

const policy = defaultAgencyPolicy;
// Application 2024-01-08: approved 2024-06-11, agreement signed 2024-06-13.
const approved = d('2024-06-11');
const [a1, a2] = carersOf('h1');
const h1 = (on: string, command: HouseholdCommand) => household('h1', d(on), command);
const visit = (on: string, announced: boolean, sswId = 'ssw-1') =>
  h1(on, { kind: 'RecordSupervisoryVisit', sswId, visitedOn: d(on), announced });
const trained = (
  on: string,
  adultId: string,
  course: 'tsds' | 'safeguarding' | 'first-aid' | 'parent-and-child',
) => h1(on, { kind: 'RecordTraining', adultId, course, completedOn: d(on) });

const runOf = async (steps: ReadonlyArray<ScriptStep>, asOf: string, route?: 'family-and-friends') => {
  const store = inMemoryEventStore();
  const history = script([...approvalJourney('h1', { from: d('2024-01-08'), route }), ...steps], d(asOf));
  const run = await runScript(agencyHandle({ store }), store, history);
  expect(run.defects).toEqual([]);
  return run;
};
const factsOf = (run: ScriptRun) => {
  const facts = householdFacts(run.events).get(run.id('h1'));
  if (facts === undefined) throw new Error('no household h1 in the run');
  return facts;
};
/** The oracle's keys with the run's ids shown by name. */
const keys = (run: ScriptRun, expectations: ReadonlyArray<{ key: string }>) =>
  expectations.map((e) => e.key.split(run.id('')).join('')).sort();
const checked = (rule: string, run: ScriptRun) =>
  supervisionProperties[rule]?.check(run, policy) ?? ['no property'];
const without = (run: ScriptRun, type: string): ScriptRun => ({
  ...run,
  records: project(agencyRecords)(run.events.filter((e) => e.type !== type)),
});

describe('annual-review oracle', () => {
  it('is due 12 months after approval: nothing on the due day, a finding the day after', async () => {
    const onDue = await runOf([], '2025-06-11');
    expect(keys(onDue, annualReviewExpected(factsOf(onDue), onDue.script.asOf))).toEqual([]);
    const after = await runOf([], '2025-06-12');
    expect(keys(after, annualReviewExpected(factsOf(after), after.script.asOf))).toEqual([
      'h1 due 2025-06-11',
    ]);
    expect(checked(rules.annualReview.id, after)).toEqual([]);
  });

  it('runs from the last review, and stops once the approval has ended', async () => {
    const review = h1('2025-06-01', {
      kind: 'HoldAnnualReview',
      reviewedOn: d('2025-06-01'),
      outcome: 'continue',
      panelOn: d('2025-06-10'),
    });
    const reviewed = await runOf([review], '2026-06-02');
    expect(keys(reviewed, annualReviewExpected(factsOf(reviewed), reviewed.script.asOf))).toEqual([
      'h1 due 2026-06-01',
    ]);
    expect(checked(rules.annualReview.id, reviewed)).toEqual([]);
    expect(checked(rules.annualReview.id, without(reviewed, 'AnnualReviewHeld')).join()).toMatch(
      /reports .* \[h1 due 2025-06-11\], yet nothing is due/,
    );
    const resigned = await runOf(
      [h1('2025-05-01', { kind: 'ReceiveResignation', receivedOn: d('2025-05-01') })],
      '2025-07-01',
    );
    expect(annualReviewExpected(factsOf(resigned), resigned.script.asOf)).toEqual([]);
  });

  it('refuses a first review without a panel under the rule, and warns a placement exactly while overdue', async () => {
    const run = await runOf(
      [
        h1('2024-12-01', { kind: 'HoldAnnualReview', reviewedOn: d('2024-12-01'), outcome: 'continue' }),
        ...registration('c1', { on: d('2025-06-01'), dateOfBirth: d('2015-01-01') }),
        ...registration('c2', { on: d('2025-06-01'), dateOfBirth: d('2015-01-01') }),
        start('p1', { child: 'c1', household: 'h1', on: d('2025-06-11') }),
        start('p2', { child: 'c2', household: 'h1', on: d('2025-06-12') }),
      ],
      '2025-06-12',
    );
    const [refused, , , p1, p2] = run.outcomes.slice(-5);
    expect(refused?.answer).toMatchObject({ _tag: 'Left', left: { rule: { id: 'annual-review' } } });
    expect(p1?.answer).toMatchObject({ _tag: 'Right', right: { warnings: [] } });
    expect(p2?.answer).toMatchObject({
      _tag: 'Right',
      right: { warnings: [{ rule: { id: 'annual-review' } }] },
    });
    expect(checked(rules.annualReview.id, run)).toEqual([]);
  });
});

describe('ssw oracle', () => {
  it('wants a named worker, a visit within the policy interval and an unannounced visit within a year', async () => {
    const run = await runOf([visit('2025-06-01', true)], '2025-06-12');
    expect(keys(run, sswExpected(factsOf(run), run.script.asOf, policy))).toEqual([
      'h1 due 2025-06-11',
      'h1 no SSW',
    ]);
    expect(checked(rules.ssw.id, run)).toEqual([]);
  });

  it('counts an unannounced visit by any worker; the regular visit is due the policy interval later', async () => {
    const steps = [
      h1('2024-06-20', {
        kind: 'AllocateSupervisingSocialWorker',
        sswId: 'ssw-1',
        allocatedOn: d('2024-06-20'),
      }),
      visit('2025-05-01', false, 'duty-ssw'),
    ];
    const onDue = await runOf(steps, '2025-06-01');
    expect(sswExpected(factsOf(onDue), onDue.script.asOf, policy)).toEqual([]);
    expect(checked(rules.ssw.id, onDue)).toEqual([]);
    const after = await runOf(steps, '2025-06-02');
    expect(keys(after, sswExpected(factsOf(after), after.script.asOf, policy))).toEqual([
      'h1 due 2025-06-01',
    ]);
    expect(checked(rules.ssw.id, after)).toEqual([]);
    expect(checked(rules.ssw.id, without(after, 'SupervisoryVisitRecorded')).length).toBe(2);
  });
});

describe('home-check oracle', () => {
  it('is due 12 months after approval or the last check', async () => {
    const steps = [
      h1('2024-12-01', { kind: 'RecordHomeCheck', checkedOn: d('2024-12-01'), checkedBy: 'ssw-1' }),
    ];
    const onDue = await runOf(steps, '2025-12-01');
    expect(homeCheckExpected(factsOf(onDue), onDue.script.asOf)).toEqual([]);
    const after = await runOf(steps, '2025-12-02');
    expect(keys(after, homeCheckExpected(factsOf(after), after.script.asOf))).toEqual(['h1 due 2025-12-01']);
    expect(checked(rules.homeCheck.id, after)).toEqual([]);
    // Without the check the projection counts from approval: a finding due 2025-06-11, none due 2025-12-01.
    expect(checked(rules.homeCheck.id, without(after, 'HomeCheckCompleted')).length).toBe(2);
  });
});

describe('tsds oracle', () => {
  it('is due 12 months after approval; a late completion stays a finding', async () => {
    const run = await runOf(
      [trained('2025-06-11', a1, 'tsds'), trained('2025-06-12', a2, 'tsds')],
      '2025-06-20',
    );
    expect(keys(run, tsdsExpected(factsOf(run), run.script.asOf))).toEqual(['h1 h1-a2 due 2025-06-11']);
    expect(checked(rules.tsds.id, run)).toEqual([]);
    expect(checked(rules.tsds.id, without(run, 'TrainingCompleted')).length).toBe(1);
  });

  it('is due 18 months after approval on the family and friends route', async () => {
    const onDue = await runOf([], '2025-12-11', 'family-and-friends');
    expect(tsdsExpected(factsOf(onDue), onDue.script.asOf)).toEqual([]);
    const after = await runOf([], '2025-12-12', 'family-and-friends');
    expect(keys(after, tsdsExpected(factsOf(after), after.script.asOf))).toEqual([
      'h1 h1-a1 due 2025-12-11',
      'h1 h1-a2 due 2025-12-11',
    ]);
    expect(checked(rules.tsds.id, after)).toEqual([]);
  });

  // Core bug: the tsds deadline is met by the latest TSDS record (state.training keeps the latest completion of
  // each course), so an adult who completed TSDS on time and has it recorded again later is reported "met late".
  const twice = [trained('2024-07-01', a1, 'tsds'), trained('2025-07-01', a1, 'tsds')];
  it('counts the first completion: TSDS on time, recorded again a year later, is no finding', async () => {
    const run = await runOf(twice, '2025-07-01');
    expect(keys(run, tsdsExpected(factsOf(run), run.script.asOf))).toEqual(['h1 h1-a2 due 2025-06-11']);
  });
  it('the projection agrees (it reports h1-a1 "met late on 2025-07-01")', async () => {
    expect(checked(rules.tsds.id, await runOf(twice, '2025-07-01'))).toEqual([]);
  });
});

describe('training oracle', () => {
  it('wants safeguarding and first aid for each carer, refreshed within the policy period', async () => {
    const steps = [trained('2024-06-01', a1, 'safeguarding'), trained('2024-06-01', a1, 'first-aid')];
    const months = policy.approvals.trainingRefreshMonths.safeguarding;
    const due = monthsAfter(d('2024-06-01'), months);
    const onDue = await runOf(steps, due);
    expect(keys(onDue, trainingExpected(factsOf(onDue), onDue.script.asOf, policy))).toEqual([
      'h1 h1-a2 first-aid missing',
      'h1 h1-a2 safeguarding missing',
    ]);
    expect(checked(rules.training.id, onDue)).toEqual([]);
    const after = await runOf(steps, daysAfter(due, 1));
    expect(keys(after, trainingExpected(factsOf(after), after.script.asOf, policy))).toEqual([
      `h1 h1-a1 first-aid due ${due}`,
      `h1 h1-a1 safeguarding due ${due}`,
      'h1 h1-a2 first-aid missing',
      'h1 h1-a2 safeguarding missing',
    ]);
    expect(checked(rules.training.id, after)).toEqual([]);
    expect(checked(rules.training.id, without(after, 'TrainingCompleted')).length).toBe(4);
  });

  it('wants parent-and-child training from the day terms allowing it take effect', async () => {
    const change = h1('2025-01-06', {
      kind: 'ChangeTerms',
      noticeGivenOn: d('2025-01-06'),
      takesEffectOn: d('2025-02-03'),
      terms: { ...wideTerms, placementTypes: [...wideTerms.placementTypes, 'parent-and-child'] },
      carerConsentedInWriting: false,
    });
    const before = await runOf([change], '2025-02-02');
    expect(
      keys(before, trainingExpected(factsOf(before), before.script.asOf, policy)).filter((k) =>
        k.includes('parent'),
      ),
    ).toEqual([]);
    const from = await runOf([change], '2025-02-03');
    expect(
      keys(from, trainingExpected(factsOf(from), from.script.asOf, policy)).filter((k) =>
        k.includes('parent'),
      ),
    ).toEqual(['h1 h1-a1 parent-and-child missing', 'h1 h1-a2 parent-and-child missing']);
    expect(checked(rules.training.id, from)).toEqual([]);
  });
});

it('the approval journey approves on the day these examples count from', async () => {
  const run = await runOf([], '2024-06-20');
  expect(factsOf(run).approvedOn).toBe(approved);
});
