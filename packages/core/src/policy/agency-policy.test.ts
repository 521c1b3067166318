import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeAgencyPolicy, defaultAgencyPolicy } from './agency-policy.js';

describe('agency policy', () => {
  it('takes every default when nothing is given', () => {
    expect(decodeAgencyPolicy()).toEqual(E.right(defaultAgencyPolicy));
  });

  it('overrides field by field and keeps the rest', () => {
    const decoded = decodeAgencyPolicy({ approvals: { trainingRefreshMonths: { firstAid: 24 } } });
    expect(E.isRight(decoded) && decoded.right.approvals.trainingRefreshMonths).toEqual({
      safeguarding: 36,
      firstAid: 24,
      parentAndChild: 36,
    });
    expect(E.isRight(decoded) && decoded.right.approvals.flagDefaultTerms).toBe(true);
  });

  it('refuses a wrong value, naming the field and what it must be', () => {
    const decoded = decodeAgencyPolicy({ approvals: { trainingRefreshMonths: { firstAid: 0 } } });
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({
      _tag: 'InvalidPolicy',
      field: 'approvals.trainingRefreshMonths.firstAid',
    });
    expect(E.isLeft(decoded) && decoded.left.message).toContain('whole months from 1 to 120');
    const flag = decodeAgencyPolicy({ approvals: { flagDefaultTerms: 'yes' } });
    expect(E.isLeft(flag) && flag.left.field).toBe('approvals.flagDefaultTerms');
  });

  it('reads the children settings: the intensive care-plan review interval defaults to 3 months', () => {
    expect(defaultAgencyPolicy.children.intensiveCarePlanReviewMonths).toBe(3);
    const decoded = decodeAgencyPolicy({ children: { intensiveCarePlanReviewMonths: 2 } });
    expect(E.isRight(decoded) && decoded.right.children.intensiveCarePlanReviewMonths).toBe(2);
    expect(E.isRight(decoded) && decoded.right.approvals).toEqual(defaultAgencyPolicy.approvals);
    const wrong = decodeAgencyPolicy({ children: { intensiveCarePlanReviewMonths: 0 } });
    expect(E.isLeft(wrong) && wrong.left.field).toBe('children.intensiveCarePlanReviewMonths');
    const typo = decodeAgencyPolicy({ children: { carePlanReviewMonths: 3 } });
    expect(E.isLeft(typo) && typo.left.field).toBe('children.carePlanReviewMonths');
  });

  it('refuses an unknown setting rather than silently keeping the default', () => {
    const decoded = decodeAgencyPolicy({ approvals: { trainingRefreshMonth: { firstAid: 12 } } });
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({ field: 'approvals.trainingRefreshMonth' });
  });
});
