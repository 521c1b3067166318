import { specify } from '@fostering/testkit';
import { describe, it } from 'vitest';
import { addDays } from '../calendar/index.js';
import {
  anApplication,
  approvedHousehold,
  d,
  firstCarer,
  on,
  recommendedHousehold,
  reviewedHousehold,
  suspendedHousehold,
} from './__fixtures__/household-history.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';

const household = specify(householdDecider);

describe('allocating a supervising social worker', () => {
  it('allocates a supervising social worker to the household', () => {
    household
      .given(anApplication())
      .when({ kind: 'AllocateSupervisingSocialWorker', sswId: 'ssw-kim', allocatedOn: d('2025-02-01') })
      .thenEvents([
        ev.SupervisingSocialWorkerAllocated.create({ sswId: 'ssw-kim', allocatedOn: d('2025-02-01') }),
      ]);
  });

  it('records nothing when the same worker is allocated again, and a change of worker when another is', () => {
    const allocated = [
      ...approvedHousehold(),
      ev.SupervisingSocialWorkerAllocated.create({ sswId: 'ssw-kim', allocatedOn: d('2025-06-12') }),
    ];
    household
      .given(allocated)
      .when({ kind: 'AllocateSupervisingSocialWorker', sswId: 'ssw-kim', allocatedOn: d('2025-09-01') })
      .thenNothing();
    household
      .given(allocated)
      .when({ kind: 'AllocateSupervisingSocialWorker', sswId: 'ssw-lee', allocatedOn: d('2025-09-01') })
      .thenEvents([
        ev.SupervisingSocialWorkerAllocated.create({ sswId: 'ssw-lee', allocatedOn: d('2025-09-01') }),
      ]);
  });

  it('refuses an allocation to a household with no application', () => {
    household
      .given([])
      .when({ kind: 'AllocateSupervisingSocialWorker', sswId: 'ssw-kim', allocatedOn: d('2025-02-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('annual reviews (rule annual-review)', () => {
  it('holds the first review with its panel date', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'HoldAnnualReview',
        reviewedOn: on.firstReview,
        outcome: 'continue',
        panelOn: on.reviewPanel,
      })
      .thenEvents([
        ev.AnnualReviewHeld.create({
          reviewedOn: on.firstReview,
          outcome: 'continue',
          panelOn: on.reviewPanel,
        }),
      ]);
  });

  it('refuses a first review that does not go to panel', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'HoldAnnualReview', reviewedOn: on.firstReview, outcome: 'continue' })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'annual-review', field: 'panelOn' });
  });

  it('refuses a panel date before the review it considers', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'HoldAnnualReview',
        reviewedOn: on.firstReview,
        outcome: 'continue',
        panelOn: addDays(on.firstReview, -1),
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'panelOn' });
  });

  it('holds later reviews without a panel', () => {
    household
      .given(reviewedHousehold())
      .when({ kind: 'HoldAnnualReview', reviewedOn: d('2027-05-10'), outcome: 'change-terms' })
      .thenEvents([ev.AnnualReviewHeld.create({ reviewedOn: d('2027-05-10'), outcome: 'change-terms' })]);
  });

  it('refuses a review of a household that is not fully approved, or dated before its approval', () => {
    household
      .given(recommendedHousehold())
      .when({
        kind: 'HoldAnnualReview',
        reviewedOn: on.firstReview,
        outcome: 'continue',
        panelOn: on.reviewPanel,
      })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(approvedHousehold())
      .when({
        kind: 'HoldAnnualReview',
        reviewedOn: d('2025-06-09'),
        outcome: 'continue',
        panelOn: on.reviewPanel,
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'reviewedOn' });
  });

  it('refuses a review dated after a resignation has ended the approval', () => {
    household
      .given([
        ...approvedHousehold(),
        ev.ResignationReceived.create({ receivedOn: d('2026-01-05'), approvalEndsOn: d('2026-02-02') }),
      ])
      .when({
        kind: 'HoldAnnualReview',
        reviewedOn: d('2026-02-02'),
        outcome: 'continue',
        panelOn: on.reviewPanel,
      })
      .thenRefused({ tag: 'NotAllowedNow', field: 'reviewedOn' });
  });
});

describe('training', () => {
  it('records a course completed by an applicant or carer', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'RecordTraining',
        adultId: firstCarer.adultId,
        course: 'first-aid',
        completedOn: d('2025-07-01'),
      })
      .thenEvents([
        ev.TrainingCompleted.create({
          adultId: firstCarer.adultId,
          course: 'first-aid',
          completedOn: d('2025-07-01'),
        }),
      ]);
  });

  it('refuses training for an adult who is not an applicant or carer', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'RecordTraining',
        adultId: 'adult-unknown',
        course: 'safeguarding',
        completedOn: d('2025-07-01'),
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'adultId' });
  });
});

describe('supervisory visits and home checks', () => {
  it('records an unannounced visit by the supervising social worker while approved (or suspended)', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'RecordSupervisoryVisit',
        sswId: 'ssw-kim',
        visitedOn: d('2025-08-14'),
        announced: false,
      })
      .thenEvents([
        ev.SupervisoryVisitRecorded.create({
          sswId: 'ssw-kim',
          visitedOn: d('2025-08-14'),
          announced: false,
        }),
      ]);
    household
      .given(suspendedHousehold(d('2025-09-01')))
      .when({ kind: 'RecordSupervisoryVisit', sswId: 'ssw-kim', visitedOn: d('2025-09-10'), announced: true })
      .thenEvents([
        ev.SupervisoryVisitRecorded.create({ sswId: 'ssw-kim', visitedOn: d('2025-09-10'), announced: true }),
      ]);
  });

  it('refuses a supervisory visit to a household that is not approved on that date', () => {
    household
      .given(recommendedHousehold())
      .when({ kind: 'RecordSupervisoryVisit', sswId: 'ssw-kim', visitedOn: d('2025-06-05'), announced: true })
      .thenRefused({ tag: 'NotAllowedNow', field: 'visitedOn' });
  });

  it('records the annual check of the foster home', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'RecordHomeCheck', checkedOn: d('2026-06-01'), checkedBy: 'ssw-kim' })
      .thenEvents([ev.HomeCheckCompleted.create({ checkedOn: d('2026-06-01'), checkedBy: 'ssw-kim' })]);
  });

  it('refuses a home check before approval, or with no application', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'RecordHomeCheck', checkedOn: d('2025-06-09'), checkedBy: 'ssw-kim' })
      .thenRefused({ tag: 'NotAllowedNow', field: 'checkedOn' });
    household
      .given([])
      .when({ kind: 'RecordHomeCheck', checkedOn: d('2025-06-09'), checkedBy: 'ssw-kim' })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});
