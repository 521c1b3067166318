import { specify } from '@fostering/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../calendar/index.js';
import { d } from './__fixtures__/agency.js';
import { placementDecider, placementYearOf } from './decider.js';
import * as ev from './events.js';
import { maxShortBreakDaysInTwelveMonths } from './short-breaks.js';

const started = (overrides: Partial<ev.PlacementStartedData> = {}) =>
  ev.PlacementStarted.create({
    placementId: 'p1',
    childId: 'c1',
    householdId: 'h1',
    startedOn: d('2025-03-03'),
    placementType: 'long-term',
    supportPackage: 'enhanced',
    legalBasis: 'care-order',
    placingAuthority: 'Shropshire',
    carerNames: ['Alex'],
    carersAddress: '1 High Street',
    childAddressBefore: '2 Low Road',
    bedroom: { shared: false },
    longTerm: true,
    ...overrides,
  });

const placement = specify(placementDecider());
const respite = (startsOn: string, days: number) => ({
  kind: 'RecordRespite' as const,
  startsOn: d(startsOn),
  days,
});

describe('respite (policy: enhanced 14 days, intensive 21, per placement year)', () => {
  it('records respite within the entitlement', () => {
    placement
      .given([started(), ev.RespiteTaken.create({ startsOn: d('2025-05-01'), days: 10 })])
      .when(respite('2025-08-01', 4))
      .thenEvents([ev.RespiteTaken.create({ startsOn: d('2025-08-01'), days: 4 })]);
  });

  it('refuses respite past the entitlement unless authorised, naming the rule', () => {
    const history = [started(), ev.RespiteTaken.create({ startsOn: d('2025-05-01'), days: 10 })];
    placement
      .given(history)
      .when(respite('2025-08-01', 5))
      .thenRefused({ tag: 'RuleViolation', ruleId: 'respite', field: 'days' });
    const authorisation = {
      authorisedBy: 'registered-manager',
      authorisedOn: d('2025-07-25'),
      reason: 'carer surgery',
    };
    placement
      .given(history)
      .when({ ...respite('2025-08-01', 5), authorisation })
      .thenEvents([ev.RespiteTaken.create({ startsOn: d('2025-08-01'), days: 5, authorisation })]);
  });

  it('starts a fresh entitlement each placement year, and the intensive package has 21 days', () => {
    const history = [started(), ev.RespiteTaken.create({ startsOn: d('2025-05-01'), days: 14 })];
    placement
      .given(history)
      .when(respite('2026-03-03', 14))
      .thenEvents([ev.RespiteTaken.create({ startsOn: d('2026-03-03'), days: 14 })]);
    placement
      .given([started({ supportPackage: 'intensive' })])
      .when(respite('2025-04-01', 21))
      .thenEvents([ev.RespiteTaken.create({ startsOn: d('2025-04-01'), days: 21 })]);
    expect(placementYearOf(d('2025-03-03'), d('2026-03-02'))).toEqual({
      from: '2025-03-03',
      to: '2026-03-03',
    });
  });

  it('refuses respite before the placement, after it ended, or of no days', () => {
    placement
      .given([started()])
      .when(respite('2025-03-01', 2))
      .thenRefused({ tag: 'InvalidCommand', field: 'startsOn' });
    placement
      .given([started()])
      .when(respite('2025-04-01', 0))
      .thenRefused({ tag: 'InvalidCommand', field: 'days' });
    const ended = ev.PlacementEnded.create({
      endedOn: d('2025-06-01'),
      planned: true,
      reason: 'return home',
      childAddressAfter: 'home',
    });
    placement.given([started(), ended]).when(respite('2025-06-02', 2)).thenRefused({ tag: 'NotAllowedNow' });
    placement.given([]).when(respite('2025-06-02', 2)).thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('short breaks (CPPR 48: at most 75 days in any 12 months)', () => {
  const shortBreaks = started({ placementType: 'short-breaks', longTerm: false });
  const stay = (startsOn: string, days: number) =>
    ev.ShortBreakStayRecorded.create({ startsOn: d(startsOn), days });

  it('records stays up to 75 days in a rolling 12 months and refuses the 76th', () => {
    const history = [shortBreaks, stay('2025-04-01', 30), stay('2025-09-01', 40)];
    placement
      .given(history)
      .when({ kind: 'RecordShortBreakStay', startsOn: d('2026-02-01'), days: 5 })
      .thenEvents([stay('2026-02-01', 5)]);
    placement
      .given(history)
      .when({ kind: 'RecordShortBreakStay', startsOn: d('2026-02-01'), days: 6 })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'short-breaks', field: 'days' });
    // A year after the first stay, its days no longer count.
    placement
      .given(history)
      .when({ kind: 'RecordShortBreakStay', startsOn: d('2026-04-01'), days: 30 })
      .thenEvents([stay('2026-04-01', 30)]);
  });

  it('finds the busiest 12 months exactly, as a day-by-day sweep would (property)', () => {
    const stay = fc.record({
      offset: fc.integer({ min: 0, max: 900 }),
      days: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(stay, { maxLength: 6 }), (raw) => {
        const stays = raw.map((s) => ({ startsOn: addDays(d('2025-01-01'), s.offset), days: s.days }));
        // Oracle: every window start from before the first stay to after the last, in plain day numbers.
        const base = d('2023-12-01');
        const spans = stays.map((s) => ({
          from: daysBetween(base, s.startsOn),
          to: daysBetween(base, s.startsOn) + s.days,
        }));
        const sweep = Array.from({ length: 1400 }, (_, i) => {
          const to = daysBetween(base, addMonths(addDays(base, i), 12));
          return spans.reduce(
            (total, span) => total + Math.max(0, Math.min(span.to, to) - Math.max(span.from, i)),
            0,
          );
        });
        expect(maxShortBreakDaysInTwelveMonths(stays)).toBe(Math.max(0, ...sweep));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses short-break stays on other placements', () => {
    placement
      .given([started()])
      .when({ kind: 'RecordShortBreakStay', startsOn: d('2025-04-01'), days: 2 })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('stability meetings and disruption warnings', () => {
  it('records them within the placement', () => {
    placement
      .given([started()])
      .when({ kind: 'HoldStabilityMeeting', heldOn: d('2025-05-05') })
      .thenEvents([ev.StabilityMeetingHeld.create({ heldOn: d('2025-05-05') })]);
    placement
      .given([started()])
      .when({ kind: 'RecordDisruptionWarning', recordedOn: d('2025-05-06'), concern: 'school exclusion' })
      .thenEvents([
        ev.DisruptionWarningRecorded.create({ recordedOn: d('2025-05-06'), concern: 'school exclusion' }),
      ]);
    placement
      .given([])
      .when({ kind: 'HoldStabilityMeeting', heldOn: d('2025-05-05') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('referral and matching', () => {
  const refer = {
    kind: 'ReferPlacement' as const,
    placementId: 'p1',
    childId: 'c1',
    referredOn: d('2025-02-01'),
    placingAuthority: 'Shropshire',
    needs: 'therapeutic placement, sibling contact',
  };
  const referredEvent = ev.PlacementReferred.create({
    placementId: 'p1',
    childId: 'c1',
    referredOn: d('2025-02-01'),
    placingAuthority: 'Shropshire',
    needs: 'therapeutic placement, sibling contact',
  });

  it('records a referral once, then a match after it', () => {
    placement.given([]).when(refer).thenEvents([referredEvent]);
    placement.given([referredEvent]).when(refer).thenRefused({ tag: 'NotAllowedNow' });
    const match = {
      kind: 'MatchPlacement' as const,
      householdId: 'h1',
      matchedOn: d('2025-02-10'),
      rationale: 'experience with trauma',
    };
    placement
      .given([referredEvent])
      .when(match)
      .thenEvents([
        ev.PlacementMatched.create({
          householdId: 'h1',
          matchedOn: d('2025-02-10'),
          rationale: 'experience with trauma',
        }),
      ]);
    placement.given([]).when(match).thenRefused({ tag: 'NotAllowedNow' });
    placement
      .given([referredEvent])
      .when({ ...match, matchedOn: d('2025-01-31') })
      .thenRefused({ tag: 'InvalidCommand', field: 'matchedOn' });
    placement.given([referredEvent, started()]).when(match).thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('respite and short breaks at the ends of the calendar (0000-01-01 to 9999-12-31)', () => {
  const shortBreaks = (startedOn: string) =>
    started({ placementType: 'short-breaks', longTerm: false, startedOn: d(startedOn) });
  const shortBreak = (startsOn: string, days: number) => ({
    kind: 'RecordShortBreakStay' as const,
    startsOn: d(startsOn),
    days,
  });

  it('refuses a break of so many days that it would not end within the calendar, naming days', () => {
    for (const days of [1_000_000_000, 2 ** 53 + 2, 10_000_000]) {
      placement
        .given([started()])
        .when(respite('2025-03-10', days))
        .thenRefused({ tag: 'InvalidCommand', field: 'days' });
      placement
        .given([shortBreaks('2025-03-03')])
        .when(shortBreak('2025-03-10', days))
        .thenRefused({ tag: 'InvalidCommand', field: 'days' });
    }
  });

  it('refuses respite whose placement year would end after 9999-12-31, naming the field that reaches it', () => {
    // Placement years run from 3 March: the one from 9999-03-03 would end in 10000.
    const error = placement
      .given([started()])
      .when(respite('9999-12-01', 1))
      .thenRefused({ tag: 'InvalidCommand', field: 'startsOn' });
    expect(error.message).toContain('9999-12-31');
    placement
      .given([started()])
      .when(respite('9999-02-20', 20))
      .thenRefused({ tag: 'InvalidCommand', field: 'days' });
    expect(() => placementYearOf(d('2025-03-03'), d('9999-12-01'))).toThrow(RangeError);
  });

  it('records respite on the last days of the calendar when its placement year ends by then', () => {
    placement
      .given([started({ startedOn: d('2024-12-31') })])
      .when(respite('9999-12-29', 1))
      .thenEvents([ev.RespiteTaken.create({ startsOn: d('9999-12-29'), days: 1 })]);
    expect(placementYearOf(d('2024-12-31'), d('9999-12-30'))).toEqual({
      from: '9998-12-31',
      to: '9999-12-31',
    });
  });

  it('refuses a short-break stay whose 12 months would end after 9999-12-31, and records one whose end by then', () => {
    placement
      .given([shortBreaks('2025-03-03')])
      .when(shortBreak('9999-06-01', 1))
      .thenRefused({ tag: 'InvalidCommand', field: 'startsOn' });
    placement
      .given([shortBreaks('2025-03-03')])
      .when(shortBreak('9998-12-31', 1))
      .thenEvents([ev.ShortBreakStayRecorded.create({ startsOn: d('9998-12-31'), days: 1 })]);
  });

  it('counts short breaks in the first year of the calendar, whose 12 months before start before it', () => {
    placement
      .given([
        shortBreaks('0000-01-01'),
        ev.ShortBreakStayRecorded.create({ startsOn: d('0000-01-10'), days: 70 }),
      ])
      .when(shortBreak('0000-06-01', 5))
      .thenEvents([ev.ShortBreakStayRecorded.create({ startsOn: d('0000-06-01'), days: 5 })]);
    placement
      .given([
        shortBreaks('0000-01-01'),
        ev.ShortBreakStayRecorded.create({ startsOn: d('0000-01-10'), days: 70 }),
      ])
      .when(shortBreak('0000-06-01', 6))
      .thenRefused({ tag: 'RuleViolation', ruleId: 'short-breaks', field: 'days' });
    expect(maxShortBreakDaysInTwelveMonths([{ startsOn: d('0000-01-01'), days: 80 }])).toBe(80);
  });
});
