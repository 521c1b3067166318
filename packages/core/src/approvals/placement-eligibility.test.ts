import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate as day } from '../calendar/index.js';
import { reviewDueOn } from './compliance/approved-household.js';
import type { HouseholdEvent } from './events/index.js';
import * as ev from './events/index.js';
import { placementEligibility } from './placement-eligibility.js';
import { evolveHousehold, initialHouseholdState } from './state.js';

const terms = {
  maxChildren: 1,
  ageRange: { minAge: 0, maxAge: 17 },
  placementTypes: ['short-term' as const],
  supportPackages: [],
  exemptions: [],
};
const applied = ev.ApplicationReceived.create({
  householdId: 'h1',
  receivedOn: day('2025-01-06'),
  route: 'family-and-friends',
  applicants: [{ adultId: 'a1', name: 'Grace' }],
  previousServices: [],
});
const fold = (events: HouseholdEvent[]) => events.reduce(evolveHousehold, initialHouseholdState);
const refusal = (events: HouseholdEvent[], on: string) => {
  const result = placementEligibility(fold(events), day(on));
  return E.isLeft(result) ? result.left : undefined;
};

describe('approval-before-placement (FSR 27(5))', () => {
  it('refuses a household that is not approved on the date, naming the rule', () => {
    expect(refusal([applied], '2025-02-01')).toMatchObject({
      _tag: 'RuleViolation',
      rule: { id: 'approval-before-placement', citation: 'FSR 27(5)' },
    });
  });

  it('refuses an approved household until a foster care agreement is signed', () => {
    const approved = [applied, ev.HouseholdApproved.create({ decidedOn: day('2025-03-03'), terms })];
    expect(refusal(approved, '2025-03-04')?.message).toContain('foster care agreement');
    const signed = [
      ...approved,
      ev.FosterCareAgreementSigned.create({ signedOn: day('2025-03-05'), signedBy: ['a1'] }),
    ];
    expect(refusal(signed, '2025-03-04')).toBeDefined();
    const eligible = placementEligibility(fold(signed), day('2025-03-05'));
    expect(eligible).toEqual(
      E.right({
        householdId: 'h1',
        approval: 'full',
        terms,
        agreementSignedOn: '2025-03-05',
        reviewOverdue: false,
      }),
    );
    const later = placementEligibility(fold(signed), day('2026-03-04'));
    expect(E.isRight(later) && later.right.reviewOverdue).toBe(true);
  });

  it('gives a temporary approval with its child and expiry, and refuses once it lapses or approval ends', () => {
    const temporary = [
      applied,
      ev.TemporarilyApproved.create({
        approvedOn: day('2025-02-03'),
        childId: 'c1',
        expiresOn: day('2025-05-26'),
        terms,
      }),
      ev.FosterCareAgreementSigned.create({ signedOn: day('2025-02-03'), signedBy: ['a1'] }),
    ];
    const eligible = placementEligibility(fold(temporary), day('2025-02-03'));
    expect(E.isRight(eligible) && eligible.right).toMatchObject({
      approval: 'temporary',
      temporary: { childId: 'c1', expiresOn: '2025-05-26' },
    });
    expect(refusal(temporary, '2025-05-27')?.message).toContain('temporary-approval-lapsed');
    const resigned = [
      ...temporary,
      ev.ResignationReceived.create({ receivedOn: day('2025-03-01'), approvalEndsOn: day('2025-03-29') }),
    ];
    expect(refusal(resigned, '2025-03-28')).toBeUndefined();
    expect(refusal(resigned, '2025-03-29')?.message).toContain('resigned');
  });

  it('places with a household whose next annual review would fall due after 9999-12-31, not overdue', () => {
    // A review on the calendar's last day is on record: the next one, a year later, is past the calendar, so
    // it is never overdue within it (working it out threw a RangeError, and with it every placement there).
    const reviewedLate = [
      applied,
      ev.HouseholdApproved.create({ decidedOn: day('2025-03-03'), terms }),
      ev.FosterCareAgreementSigned.create({ signedOn: day('2025-03-05'), signedBy: ['a1'] }),
      ev.AnnualReviewHeld.create({ reviewedOn: day('9999-12-31'), outcome: 'continue' }),
    ];
    expect(reviewDueOn(fold(reviewedLate))).toBeUndefined();
    const eligible = placementEligibility(fold(reviewedLate), day('9999-12-31'));
    expect(E.isRight(eligible) && eligible.right.reviewOverdue).toBe(false);
  });
});
