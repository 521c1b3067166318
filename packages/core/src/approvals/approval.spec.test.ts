import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import {
  anApplication,
  approvedHousehold,
  approvedWithoutAgreement,
  assessedHousehold,
  d,
  firstCarer,
  on,
  recommendedHousehold,
  secondCarer,
  terms,
  termsInput,
  termsWithoutMaximum,
} from './__fixtures__/household-history.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';
import { statusOn, termsOn } from './status.js';

const household = specify(householdDecider);

describe('the agency decision maker approves', () => {
  it('approves on the panel recommendation, with written terms', () => {
    household
      .given(recommendedHousehold())
      .when({ kind: 'Approve', decidedOn: on.approval, terms: termsInput })
      .thenEvents([ev.HouseholdApproved.create({ decidedOn: on.approval, terms })]);
  });

  it('makes the household approved from the decision date, on those terms', () => {
    household
      .given(recommendedHousehold())
      .when({ kind: 'Approve', decidedOn: on.approval, terms: termsInput })
      .thenState((state) => {
        expect(statusOn(state, d('2025-06-09'))).toBe('applicant');
        expect(statusOn(state, on.approval)).toBe('approved');
        expect(termsOn(state, on.approval)).toEqual(terms);
      });
  });

  it('refuses terms that do not state the maximum number of children (rule terms)', () => {
    household
      .given(recommendedHousehold())
      .when({ kind: 'Approve', decidedOn: on.approval, terms: termsWithoutMaximum })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'terms', field: 'terms.maxChildren' });
  });

  it('refuses an approval without a panel recommendation', () => {
    household
      .given(assessedHousehold())
      .when({ kind: 'Approve', decidedOn: on.approval, terms: termsInput })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given([])
      .when({ kind: 'Approve', decidedOn: on.approval, terms: termsInput })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('refuses a decision dated before the panel', () => {
    household
      .given(recommendedHousehold())
      .when({ kind: 'Approve', decidedOn: d('2025-06-01'), terms: termsInput })
      .thenRefused({ tag: 'InvalidCommand', field: 'decidedOn' });
  });

  it('refuses to approve a household twice', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'Approve', decidedOn: d('2025-07-01'), terms: termsInput })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('the agency decision maker refuses (rule notice-28)', () => {
  const decision = {
    decidedOn: on.approval,
    noticeGivenOn: on.approval,
    reason: 'the assessment did not show the capacity to care for a child',
  };
  const refusal = { kind: 'Refuse' as const, ...decision };

  it('refuses approval with effect exactly 28 days after notice', () => {
    household
      .given(recommendedHousehold())
      .when({ ...refusal, takesEffectOn: d('2025-07-08') })
      .thenEvents([ev.ApprovalRefused.create({ ...decision, takesEffectOn: d('2025-07-08') })]);
  });

  it('leaves the household an applicant until the refusal takes effect', () => {
    household
      .given(recommendedHousehold())
      .when({ ...refusal, takesEffectOn: d('2025-07-08') })
      .thenState((state) => {
        expect(statusOn(state, d('2025-07-07'))).toBe('applicant');
        expect(statusOn(state, d('2025-07-08'))).toBe('refused');
      });
  });

  it('refuses a refusal that would take effect less than 28 days after notice', () => {
    const error = household
      .given(recommendedHousehold())
      .when({ ...refusal, takesEffectOn: d('2025-07-07') })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'notice-28', field: 'takesEffectOn' });
    expect(error).toMatchObject({ details: { earliest: '2025-07-08' } });
  });

  it('refuses notice given before the decision, and a decision before the application', () => {
    household
      .given(recommendedHousehold())
      .when({ ...refusal, noticeGivenOn: d('2025-06-09'), takesEffectOn: d('2025-08-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'noticeGivenOn' });
    household
      .given(anApplication())
      .when({
        ...refusal,
        decidedOn: d('2025-01-01'),
        noticeGivenOn: d('2025-01-01'),
        takesEffectOn: d('2025-03-01'),
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'decidedOn' });
  });

  it('refuses to refuse a household already approved', () => {
    household
      .given(approvedHousehold())
      .when({ ...refusal, takesEffectOn: d('2025-08-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('signing the foster care agreement', () => {
  it('records the agreement signed by the approved carers', () => {
    household
      .given(approvedWithoutAgreement())
      .when({ kind: 'SignFosterCareAgreement', signedOn: on.agreement, signedBy: [firstCarer.adultId] })
      .thenEvents([
        ev.FosterCareAgreementSigned.create({ signedOn: on.agreement, signedBy: [firstCarer.adultId] }),
      ]);
  });

  it('refuses an agreement signed before the household was approved', () => {
    household
      .given(recommendedHousehold())
      .when({ kind: 'SignFosterCareAgreement', signedOn: on.minutes, signedBy: [firstCarer.adultId] })
      .thenRefused({ tag: 'NotAllowedNow', field: 'signedOn' });
  });

  it('refuses an agreement signed by nobody, or by someone who is not a carer', () => {
    household
      .given(approvedWithoutAgreement())
      .when({ kind: 'SignFosterCareAgreement', signedOn: on.agreement, signedBy: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'signedBy' });
    household
      .given(approvedWithoutAgreement())
      .when({
        kind: 'SignFosterCareAgreement',
        signedOn: on.agreement,
        signedBy: [secondCarer.adultId, 'adult-lodger'],
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'signedBy' });
  });
});
