import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import {
  approvedHousehold,
  d,
  on,
  recommendedHousehold,
  suspendedHousehold,
  temporarilyApprovedHousehold,
  terms,
  termsWithoutMaximum,
  widerTerms,
} from './__fixtures__/household-history.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';
import { statusOn, termsOn } from './status.js';

const household = specify(householdDecider);

const notice = d('2026-03-02');
/** Exactly 28 days after `notice`. */
const earliest = d('2026-03-30');
const dayTooEarly = d('2026-03-29');

const termination = { noticeGivenOn: notice, reason: 'standards of care not met' };
const resigned = ev.ResignationReceived.create({ receivedOn: notice, approvalEndsOn: earliest });

describe('changing the terms of approval (rule notice-28)', () => {
  const change = { kind: 'ChangeTerms' as const, noticeGivenOn: notice, terms: widerTerms };

  it('changes the terms with effect exactly 28 days after notice', () => {
    household
      .given(approvedHousehold())
      .when({ ...change, takesEffectOn: earliest, carerConsentedInWriting: false })
      .thenEvents([
        ev.TermsChanged.create({
          noticeGivenOn: notice,
          takesEffectOn: earliest,
          terms: widerTerms,
          carerConsentedInWriting: false,
        }),
      ]);
  });

  it('keeps the old terms in force until the new ones take effect', () => {
    household
      .given(approvedHousehold())
      .when({ ...change, takesEffectOn: earliest, carerConsentedInWriting: false })
      .thenState((state) => {
        expect(termsOn(state, dayTooEarly)).toEqual(terms);
        expect(termsOn(state, earliest)).toEqual(widerTerms);
      });
  });

  it('refuses a change taking effect less than 28 days after notice without written consent', () => {
    household
      .given(approvedHousehold())
      .when({ ...change, takesEffectOn: dayTooEarly, carerConsentedInWriting: false })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'notice-28', field: 'takesEffectOn' });
  });

  it('allows an earlier change when the carer agrees in writing', () => {
    household
      .given(approvedHousehold())
      .when({ ...change, takesEffectOn: notice, carerConsentedInWriting: true })
      .thenEvents([
        ev.TermsChanged.create({
          noticeGivenOn: notice,
          takesEffectOn: notice,
          terms: widerTerms,
          carerConsentedInWriting: true,
        }),
      ]);
  });

  it('refuses a change that would take effect before the notice, even with consent', () => {
    household
      .given(approvedHousehold())
      .when({ ...change, takesEffectOn: d('2026-03-01'), carerConsentedInWriting: true })
      .thenRefused({ tag: 'InvalidCommand', field: 'takesEffectOn' });
  });

  it('refuses new terms that do not state the maximum number of children (rule terms)', () => {
    household
      .given(approvedHousehold())
      .when({
        ...change,
        terms: termsWithoutMaximum,
        takesEffectOn: earliest,
        carerConsentedInWriting: false,
      })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'terms', field: 'terms.maxChildren' });
  });

  it('refuses a change for a household not approved on the notice date, or whose approval is ending', () => {
    household
      .given(recommendedHousehold())
      .when({ ...change, takesEffectOn: earliest, carerConsentedInWriting: false })
      .thenRefused({ tag: 'NotAllowedNow', field: 'noticeGivenOn' });
    household
      .given([...approvedHousehold(), resigned])
      .when({
        ...change,
        noticeGivenOn: d('2026-03-03'),
        takesEffectOn: d('2026-04-30'),
        carerConsentedInWriting: false,
      })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('resignation (rule notice-28)', () => {
  it('ends approval exactly 28 days after the notice is received', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'ReceiveResignation', receivedOn: notice })
      .thenEvents([ev.ResignationReceived.create({ receivedOn: notice, approvalEndsOn: earliest })]);
  });

  it('leaves the household approved until the 28th day, and resigned from it', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'ReceiveResignation', receivedOn: notice })
      .thenState((state) => {
        expect(statusOn(state, dayTooEarly)).toBe('approved');
        expect(statusOn(state, earliest)).toBe('resigned');
      });
  });

  it('accepts a resignation from temporarily approved carers', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ kind: 'ReceiveResignation', receivedOn: d('2025-02-03') })
      .thenEvents([
        ev.ResignationReceived.create({ receivedOn: d('2025-02-03'), approvalEndsOn: d('2025-03-03') }),
      ]);
  });

  it('refuses a second resignation, and a resignation from a household that is not approved', () => {
    household
      .given([...approvedHousehold(), resigned])
      .when({ kind: 'ReceiveResignation', receivedOn: d('2026-03-10') })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(recommendedHousehold())
      .when({ kind: 'ReceiveResignation', receivedOn: on.minutes })
      .thenRefused({ tag: 'NotAllowedNow', field: 'receivedOn' });
  });
});

describe('termination (rule notice-28)', () => {
  it('terminates approval with effect exactly 28 days after notice', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'Terminate', ...termination, takesEffectOn: earliest })
      .thenEvents([ev.ApprovalTerminated.create({ ...termination, takesEffectOn: earliest })]);
  });

  it('can terminate a suspended approval', () => {
    household
      .given(suspendedHousehold())
      .when({ kind: 'Terminate', ...termination, takesEffectOn: earliest })
      .thenEvents([ev.ApprovalTerminated.create({ ...termination, takesEffectOn: earliest })]);
  });

  it('refuses a termination taking effect less than 28 days after notice', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'Terminate', ...termination, takesEffectOn: dayTooEarly })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'notice-28', field: 'takesEffectOn' });
  });

  it('refuses a termination of a household whose approval is already ending, or that is not approved', () => {
    household
      .given([...approvedHousehold(), resigned])
      .when({ kind: 'Terminate', ...termination, takesEffectOn: d('2026-05-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(recommendedHousehold())
      .when({ kind: 'Terminate', ...termination, noticeGivenOn: on.minutes, takesEffectOn: d('2025-08-01') })
      .thenRefused({ tag: 'NotAllowedNow', field: 'noticeGivenOn' });
  });
});

describe('suspension', () => {
  it('suspends an approved household', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'Suspend', suspendedOn: d('2025-09-01'), reason: 'allegation under investigation' })
      .thenEvents([
        ev.ApprovalSuspended.create({
          suspendedOn: d('2025-09-01'),
          reason: 'allegation under investigation',
        }),
      ]);
  });

  it('refuses to suspend a household that is already suspended, not yet approved, or terminated', () => {
    const suspend = { kind: 'Suspend' as const, reason: 'allegation under investigation' };
    household
      .given(suspendedHousehold())
      .when({ ...suspend, suspendedOn: d('2025-10-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(approvedHousehold())
      .when({ ...suspend, suspendedOn: d('2025-06-09') })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given([
        ...approvedHousehold(),
        ev.ApprovalTerminated.create({ ...termination, takesEffectOn: earliest }),
      ])
      .when({ ...suspend, suspendedOn: earliest })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('lifts a suspension, after which the household is approved again', () => {
    household
      .given(suspendedHousehold(d('2025-09-01')))
      .when({ kind: 'LiftSuspension', liftedOn: d('2025-10-15') })
      .thenEvents([ev.SuspensionLifted.create({ liftedOn: d('2025-10-15') })]);
    household
      .given(suspendedHousehold(d('2025-09-01')))
      .when({ kind: 'LiftSuspension', liftedOn: d('2025-10-15') })
      .thenState((state) => expect(statusOn(state, d('2025-10-15'))).toBe('approved'));
  });

  it('refuses to lift a suspension that is not in place, or before it began', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'LiftSuspension', liftedOn: d('2025-10-15') })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(suspendedHousehold(d('2025-09-01')))
      .when({ kind: 'LiftSuspension', liftedOn: d('2025-08-31') })
      .thenRefused({ tag: 'InvalidCommand', field: 'liftedOn' });
  });
});

describe('notice at the end of the calendar (9999-12-31 is the last date a LocalDate holds)', () => {
  const lateNotice = d('9999-12-31');

  it('refuses notice so late that the 28 days would run past the calendar, naming the notice date', () => {
    const error = household
      .given(approvedHousehold())
      .when({ kind: 'Terminate', ...termination, noticeGivenOn: lateNotice, takesEffectOn: lateNotice })
      .thenRefused({ tag: 'InvalidCommand', field: 'noticeGivenOn' });
    expect(error.message).toContain('9999-12-31');
    household
      .given(approvedHousehold())
      .when({
        kind: 'ChangeTerms',
        noticeGivenOn: lateNotice,
        takesEffectOn: lateNotice,
        terms: widerTerms,
        carerConsentedInWriting: false,
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'noticeGivenOn' });
    household
      .given(recommendedHousehold())
      .when({
        kind: 'Refuse',
        decidedOn: lateNotice,
        noticeGivenOn: lateNotice,
        takesEffectOn: lateNotice,
        reason: 'x',
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'noticeGivenOn' });
  });

  it('still changes the terms on that date with the carer’s written consent, which needs no notice', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'ChangeTerms',
        noticeGivenOn: lateNotice,
        takesEffectOn: lateNotice,
        terms: widerTerms,
        carerConsentedInWriting: true,
      })
      .thenEvents([
        ev.TermsChanged.create({
          noticeGivenOn: lateNotice,
          takesEffectOn: lateNotice,
          terms: widerTerms,
          carerConsentedInWriting: true,
        }),
      ]);
  });

  it('accepts a resignation ending approval on the last day, and refuses one that would end after it', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'ReceiveResignation', receivedOn: d('9999-12-03') })
      .thenEvents([
        ev.ResignationReceived.create({ receivedOn: d('9999-12-03'), approvalEndsOn: d('9999-12-31') }),
      ]);
    household
      .given(approvedHousehold())
      .when({ kind: 'ReceiveResignation', receivedOn: d('9999-12-04') })
      .thenRefused({ tag: 'InvalidCommand', field: 'receivedOn' });
  });
});
