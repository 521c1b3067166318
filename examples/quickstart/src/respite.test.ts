import { unsafeLocalDate as day } from '@fostering/core';
import { specify } from '@fostering/testkit';
import { describe, it } from 'vitest';
import { RespiteEntitlementGranted, RespiteTaken, respiteDecider } from './respite.js';

const granted = RespiteEntitlementGranted.create({
  supportPackage: 'enhanced',
  daysPerYear: 14,
  from: day('2026-01-05'),
});

describe('respite diary (quickstart decider)', () => {
  const spec = specify(respiteDecider());

  it('grants the policy entitlement for the package', () =>
    spec
      .given([])
      .when({ kind: 'GrantEntitlement', supportPackage: 'intensive', from: day('2026-01-05') })
      .thenEvents([
        RespiteEntitlementGranted.create({
          supportPackage: 'intensive',
          daysPerYear: 21,
          from: day('2026-01-05'),
        }),
      ]));

  it('records respite within the entitlement', () =>
    spec
      .given([granted, RespiteTaken.create({ from: day('2026-02-01'), days: 10 })])
      .when({ kind: 'TakeRespite', from: day('2026-03-01'), days: 4 })
      .thenEvents([RespiteTaken.create({ from: day('2026-03-01'), days: 4 })]));

  it('refuses respite past the entitlement, naming the rule', () =>
    spec
      .given([granted, RespiteTaken.create({ from: day('2026-02-01'), days: 10 })])
      .when({ kind: 'TakeRespite', from: day('2026-03-01'), days: 5 })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'respite', field: 'days' }));

  it('refuses a malformed number of days, naming the field', () =>
    spec
      .given([granted])
      .when({ kind: 'TakeRespite', from: day('2026-03-01'), days: 0 })
      .thenRefused({
        tag: 'InvalidCommand',
        field: 'days',
      }));
});
