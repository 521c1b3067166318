import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import {
  anApplication,
  approvedHousehold,
  childId,
  d,
  on,
  temporarilyApprovedHousehold,
  terms,
  termsInput,
  termsWithoutMaximum,
} from './__fixtures__/household-history.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';
import { statusOn } from './status.js';

const household = specify(householdDecider);

const connectedPerson = anApplication({ route: 'family-and-friends' });
const approveTemporarily = {
  kind: 'ApproveTemporarily' as const,
  approvedOn: on.temporaryApproval,
  childId,
  terms: termsInput,
};
const temporarilyApproved = (expiresOn: string) =>
  ev.TemporarilyApproved.create({
    approvedOn: on.temporaryApproval,
    childId,
    expiresOn: d(expiresOn),
    terms,
  });

/** 8 weeks after the 16-week expiry (`on.temporaryExpiry`, 2025-05-02). */
const latestExtension = d('2025-06-27');

describe('temporary approval of a connected person (rule temporary-approval)', () => {
  it('approves a family-and-friends carer for one child for exactly 16 weeks by default', () => {
    household
      .given(connectedPerson)
      .when(approveTemporarily)
      .thenEvents([temporarilyApproved('2025-05-02')]);
  });

  it('covers exactly 16 weeks: approved the day before the expiry date, lapsed on it', () => {
    household
      .given(connectedPerson)
      .when(approveTemporarily)
      .thenState((state) => {
        expect(statusOn(state, d('2025-05-01'))).toBe('temporarily-approved');
        expect(statusOn(state, d('2025-05-02'))).toBe('temporary-approval-lapsed');
      });
  });

  it('approves for a shorter period, or until exactly 16 weeks, when asked', () => {
    household
      .given(connectedPerson)
      .when({ ...approveTemporarily, until: d('2025-03-31') })
      .thenEvents([temporarilyApproved('2025-03-31')]);
    household
      .given(connectedPerson)
      .when({ ...approveTemporarily, until: d('2025-05-02') })
      .thenEvents([temporarilyApproved('2025-05-02')]);
  });

  it('refuses a temporary approval beyond 16 weeks', () => {
    const error = household
      .given(connectedPerson)
      .when({ ...approveTemporarily, until: d('2025-05-03') })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'until' });
    expect(error).toMatchObject({ details: { latest: '2025-05-02', asked: '2025-05-03' } });
  });

  it('refuses an expiry before the approval itself', () => {
    household
      .given(connectedPerson)
      .when({ ...approveTemporarily, until: d('2025-01-09') })
      .thenRefused({ tag: 'InvalidCommand', field: 'until' });
  });

  it('refuses temporary approval on the mainstream route', () => {
    household.given(anApplication()).when(approveTemporarily).thenRefused({ tag: 'NotAllowedNow' });
  });

  it('refuses a second temporary approval, and one after the household has been fully approved', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ ...approveTemporarily, approvedOn: d('2025-02-01'), childId: 'child-jordan' })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(approvedHousehold())
      .when({ ...approveTemporarily, approvedOn: d('2025-07-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('refuses a temporary approval without an application, or dated before it', () => {
    household.given([]).when(approveTemporarily).thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(connectedPerson)
      .when({ ...approveTemporarily, approvedOn: d('2025-01-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'approvedOn' });
  });

  it('refuses terms that do not state the maximum number of children (rule terms)', () => {
    household
      .given(connectedPerson)
      .when({ ...approveTemporarily, terms: termsWithoutMaximum })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'terms', field: 'terms.maxChildren' });
  });
});

describe('extending a temporary approval (rule temporary-approval)', () => {
  const extend = { kind: 'ExtendTemporaryApproval' as const, extendedOn: d('2025-04-20') };
  const extended = (expiresOn: string, extendedOn = '2025-04-20') =>
    ev.TemporaryApprovalExtended.create({ extendedOn: d(extendedOn), expiresOn: d(expiresOn) });

  it('extends by 8 weeks by default', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when(extend)
      .thenEvents([extended('2025-06-27')]);
  });

  it('keeps the household temporarily approved to the new expiry', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when(extend)
      .thenState((state) => {
        expect(statusOn(state, d('2025-06-26'))).toBe('temporarily-approved');
        expect(statusOn(state, d('2025-06-27'))).toBe('temporary-approval-lapsed');
      });
  });

  it('extends by less than 8 weeks, and on the last day the approval covers', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ ...extend, until: d('2025-06-01') })
      .thenEvents([extended('2025-06-01')]);
    household
      .given(temporarilyApprovedHousehold())
      .when({ ...extend, extendedOn: d('2025-05-01'), until: latestExtension })
      .thenEvents([extended('2025-06-27', '2025-05-01')]);
  });

  it('refuses an extension of more than 8 weeks, or one that does not extend', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ ...extend, until: d('2025-06-28') })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'until' });
    household
      .given(temporarilyApprovedHousehold())
      .when({ ...extend, until: on.temporaryExpiry })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'until' });
  });

  it('refuses a second extension', () => {
    household
      .given([...temporarilyApprovedHousehold(), extended('2025-06-01')])
      .when({ ...extend, extendedOn: d('2025-05-20'), until: d('2025-06-10') })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'extendedOn' });
  });

  it('refuses to extend an approval that has already lapsed', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ ...extend, extendedOn: d('2025-05-03') })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'extendedOn' });
  });

  it('refuses to extend when there is no temporary approval, or the household is now fully approved', () => {
    household.given(connectedPerson).when(extend).thenRefused({ tag: 'NotAllowedNow' });
    household
      .given([
        ...temporarilyApprovedHousehold(),
        ev.PanelRecommendationMade.create({
          panelOn: d('2025-04-07'),
          recommendation: 'approve',
          minutesFinalisedOn: d('2025-04-09'),
        }),
        ev.HouseholdApproved.create({ decidedOn: d('2025-04-15'), terms }),
      ])
      .when(extend)
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('temporary approval at the end of the calendar (9999-12-31 is the last date a LocalDate holds)', () => {
  const lateApproval = (approvedOn: string, until?: string) => ({
    ...approveTemporarily,
    approvedOn: d(approvedOn),
    ...(until === undefined ? {} : { until: d(until) }),
  });
  const approvedLate = (approvedOn: string, expiresOn: string) =>
    ev.TemporarilyApproved.create({ approvedOn: d(approvedOn), childId, expiresOn: d(expiresOn), terms });

  it('approves for the full 16 weeks when they end by 9999-12-31', () => {
    household
      .given(connectedPerson)
      .when(lateApproval('9999-09-10'))
      .thenEvents([approvedLate('9999-09-10', '9999-12-31')]);
  });

  it('asks for `until` when the default 16 weeks would end after the calendar, and accepts any date it holds', () => {
    const error = household
      .given(connectedPerson)
      .when(lateApproval('9999-12-01'))
      .thenRefused({ tag: 'InvalidCommand', field: 'until' });
    expect(error.message).toContain('9999-12-31');
    household
      .given(connectedPerson)
      .when(lateApproval('9999-12-01', '9999-12-31'))
      .thenEvents([approvedLate('9999-12-01', '9999-12-31')]);
    household
      .given(connectedPerson)
      .when(lateApproval('9999-12-01', '9999-12-01'))
      .thenRefused({ tag: 'InvalidCommand', field: 'until' });
  });

  it('extends into the last weeks of the calendar only with `until`, since 8 more weeks would run past it', () => {
    const history = [...connectedPerson, approvedLate('9999-08-01', '9999-11-21')];
    household
      .given(history)
      .when({ kind: 'ExtendTemporaryApproval', extendedOn: d('9999-11-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'until' });
    household
      .given(history)
      .when({ kind: 'ExtendTemporaryApproval', extendedOn: d('9999-11-01'), until: d('9999-12-31') })
      .thenEvents([
        ev.TemporaryApprovalExtended.create({ extendedOn: d('9999-11-01'), expiresOn: d('9999-12-31') }),
      ]);
    household
      .given(history)
      .when({ kind: 'ExtendTemporaryApproval', extendedOn: d('9999-11-01'), until: d('9999-11-21') })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'until' });
  });
});
