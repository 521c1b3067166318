import { describe, expect, it } from 'vitest';
import type { SupportPackage } from '../../approvals/terms.js';
import { unsafeLocalDate as day } from '../../calendar/index.js';
import { complianceContext } from '../../compliance/context.js';
import type { Deadline, Finding } from '../../compliance/index.js';
import { defaultAgencyPolicy } from '../../policy/index.js';
import { childPlaced, registration } from '../__fixtures__/child-history.js';
import type { ChildEvent } from '../events/index.js';
import * as ev from '../events/index.js';
import { evolveChild, initialChildState } from '../state.js';
import { childCompliance } from './child-compliance.js';

const registered = (registeredOn = '2025-01-06'): ChildEvent =>
  ev.ChildRegistered.create({ ...registration, registeredOn: day(registeredOn) });
const placed = (startedOn: string, longTerm = false) => childPlaced({ startedOn: day(startedOn), longTerm });
const visit = (on: string) => ev.SocialWorkerVisitRecorded.create({ visitedOn: day(on) });
const review = (on: string) => ev.LookedAfterReviewHeld.create({ heldOn: day(on) });
const plan = (agreedOn: string, signedByCarer = true) =>
  ev.PlacementPlanRecorded.create({ placementId: 'placement-1', agreedOn: day(agreedOn), signedByCarer });

const evaluate = (
  events: ChildEvent[],
  asOf: string,
  options: { supportPackage?: SupportPackage; policy?: typeof defaultAgencyPolicy } = {},
) =>
  childCompliance(
    events.reduce(evolveChild, initialChildState),
    complianceContext(day(asOf), options.policy === undefined ? {} : { policy: options.policy }),
    options.supportPackage === undefined ? {} : { supportPackage: options.supportPackage },
  );

const withCode = (deadlines: ReadonlyArray<Deadline>, code: string) =>
  deadlines.filter((d) => d.code === code);
const codes = (findings: ReadonlyArray<Finding>, ruleId?: string) =>
  findings
    .filter((f) => ruleId === undefined || f.rule.id === ruleId)
    .map((f) => `${f.rule.id}:${f.code}`)
    .sort();

describe('placement-plan (CPPR 9)', () => {
  it('due 5 working days after the start, skipping Good Friday and Easter Monday', () => {
    // Start Thursday 17 April 2025; 18 and 21 April are bank holidays: due Monday 28 April.
    const events = [registered(), placed('2025-04-17')];
    const [due] = withCode(evaluate(events, '2025-04-18').deadlines, 'placement-plan');
    expect(due).toMatchObject({
      dueOn: '2025-04-28',
      state: 'due-soon',
      rule: { id: 'placement-plan', citation: 'CPPR 9' },
      subject: { childId: 'child-riley', placementId: 'placement-1', householdId: 'household-morgan' },
    });
    const onTime = evaluate([...events, plan('2025-04-28')], '2025-05-01');
    expect(withCode(onTime.deadlines, 'placement-plan')[0]).toMatchObject({
      state: 'met',
      metOn: '2025-04-28',
    });
    const late = evaluate([...events, plan('2025-04-29')], '2025-05-01');
    expect(withCode(late.deadlines, 'placement-plan')[0]?.state).toBe('met-late');
    expect(codes(late.findings)).toContain('placement-plan:placement-plan');
  });

  it('a start on a Friday counts the weekend out; a plan agreed before the start is on time', () => {
    const events = [registered(), placed('2025-01-10')];
    expect(withCode(evaluate(events, '2025-01-10').deadlines, 'placement-plan')[0]?.dueOn).toBe('2025-01-17');
    const before = evaluate([...events, plan('2025-01-08')], '2025-01-20');
    expect(withCode(before.deadlines, 'placement-plan')[0]?.state).toBe('met');
    expect(codes(evaluate(events, '2025-01-20').findings)).toContain('placement-plan:placement-plan');
  });

  it('a plan the carer has not signed does not meet it, and is a finding of its own', () => {
    const events = [registered(), placed('2025-01-10'), plan('2025-01-09', false)];
    const result = evaluate(events, '2025-01-20');
    expect(withCode(result.deadlines, 'placement-plan')[0]?.state).toBe('overdue');
    expect(codes(result.findings)).toContain('placement-plan:placement-plan-unsigned');
    const signedLater = evaluate([...events, plan('2025-01-16')], '2025-01-20');
    expect(withCode(signedLater.deadlines, 'placement-plan')[0]).toMatchObject({
      state: 'met',
      metOn: '2025-01-16',
    });
    expect(codes(signedLater.findings, 'placement-plan')).toEqual([]);
    // As it stood before the unsigned plan was agreed, there was nothing unsigned to report.
    const before = [registered(), placed('2025-01-10'), plan('2025-01-14', false)];
    expect(codes(evaluate(before, '2025-01-13').findings, 'placement-plan')).toEqual([]);
  });

  it('beyond the calendar’s years it reports calendar-not-covered instead of guessing', () => {
    // 5 working days after 24 December 2030 fall in 2031, which the shipped calendar does not cover.
    const result = evaluate([registered('2030-12-20'), placed('2030-12-24')], '2030-12-27');
    expect(withCode(result.deadlines, 'placement-plan')).toEqual([]);
    expect(codes(result.findings)).toEqual([
      'lac-reviews:calendar-not-covered',
      'placement-plan:calendar-not-covered',
    ]);
  });
});

describe('child-visits (CPPR 28)', () => {
  it('first visit within 1 calendar week of the start, then at most 6 weeks apart', () => {
    const events = [registered(), placed('2025-01-13')];
    expect(withCode(evaluate(events, '2025-01-14').deadlines, 'child-visit-first')[0]).toMatchObject({
      dueOn: '2025-01-20',
      rule: { id: 'child-visits', citation: 'CPPR 28' },
    });
    const visited = evaluate([...events, visit('2025-01-17')], '2025-03-03');
    expect(withCode(visited.deadlines, 'child-visit-first')[0]).toMatchObject({
      state: 'met',
      metOn: '2025-01-17',
    });
    expect(withCode(visited.deadlines, 'child-visit')[0]).toMatchObject({
      dueOn: '2025-02-28',
      state: 'overdue',
    });
    expect(codes(visited.findings, 'child-visits')).toEqual(['child-visits:child-visit']);
  });

  it('counts calendar days: a first visit due on Christmas Day stays due then', () => {
    const events = [registered(), placed('2025-12-18')];
    expect(withCode(evaluate(events, '2025-12-19').deadlines, 'child-visit-first')[0]?.dueOn).toBe(
      '2025-12-25',
    );
  });

  it('a visit before the placement started does not count as the first', () => {
    const result = evaluate([registered(), visit('2025-01-10'), placed('2025-01-13')], '2025-01-21');
    expect(withCode(result.deadlines, 'child-visit-first')[0]?.state).toBe('overdue');
  });

  it('after the first year, 3 months apart for a long-term placement, 6 weeks otherwise', () => {
    const history = (longTerm: boolean, lastVisit: string) => [
      registered(),
      placed('2025-01-13', longTerm),
      visit('2025-01-17'),
      ...[
        '2025-02-28',
        '2025-04-11',
        '2025-05-23',
        '2025-07-04',
        '2025-08-15',
        '2025-09-26',
        '2025-11-07',
      ].map(visit),
      visit('2025-12-19'),
      visit(lastVisit),
    ];
    const open = (events: ChildEvent[]) =>
      withCode(evaluate(events, '2026-02-01').deadlines, 'child-visit').at(-1);
    // A visit on or after the first anniversary (13 January 2026) starts a 3-month interval if long-term.
    expect(open(history(true, '2026-01-20'))).toMatchObject({ dueOn: '2026-04-20', state: 'upcoming' });
    expect(open(history(true, '2026-01-13'))).toMatchObject({ dueOn: '2026-04-13' });
    expect(open(history(false, '2026-01-20'))).toMatchObject({ dueOn: '2026-03-03' });
    // A visit in the first year starts a 6-week interval even for a long-term placement.
    expect(open(history(true, '2026-01-05'))).toMatchObject({ dueOn: '2026-02-16' });
    expect(codes(evaluate(history(true, '2026-01-20'), '2026-02-01').findings, 'child-visits')).toEqual([]);
  });

  it('ignores visits recorded with a date after the as-of date (replay as it stood)', () => {
    const events = [registered(), placed('2025-01-13'), visit('2025-01-17')];
    expect(withCode(evaluate(events, '2025-01-16').deadlines, 'child-visit-first')[0]?.state).toBe(
      'due-soon',
    );
  });
});

describe('lac-reviews (CPPR 33)', () => {
  it('first within 20 working days of registration, second within 3 months, then 6 months', () => {
    const events = [registered('2025-01-06'), placed('2025-01-13')];
    expect(withCode(evaluate(events, '2025-01-13').deadlines, 'lac-review-first')[0]).toMatchObject({
      dueOn: '2025-02-03',
      rule: { id: 'lac-reviews', citation: 'CPPR 33' },
      subject: { childId: 'child-riley' },
    });
    const reviewed = [...events, review('2025-01-31'), review('2025-04-28')];
    const result = evaluate(reviewed, '2025-05-01');
    expect(withCode(result.deadlines, 'lac-review-second')[0]).toMatchObject({
      dueOn: '2025-04-30',
      state: 'met',
      metOn: '2025-04-28',
    });
    expect(withCode(result.deadlines, 'lac-review')[0]).toMatchObject({
      dueOn: '2025-10-28',
      state: 'upcoming',
    });
  });

  it('working days skip Easter in April and Christmas, Boxing Day and New Year across the year end', () => {
    const firstDue = (registeredOn: string) =>
      withCode(
        evaluate([registered(registeredOn), placed(registeredOn)], registeredOn).deadlines,
        'lac-review-first',
      )[0]?.dueOn;
    expect(firstDue('2025-04-01')).toBe('2025-05-01');
    expect(firstDue('2025-12-05')).toBe('2026-01-07');
  });

  it('a late first review is a finding; the second is still counted from the day it was held', () => {
    const result = evaluate([registered(), placed('2025-01-13'), review('2025-02-10')], '2025-03-01');
    expect(codes(result.findings)).toContain('lac-reviews:lac-review-first');
    expect(withCode(result.deadlines, 'lac-review-second')[0]?.dueOn).toBe('2025-05-10');
  });
});

describe('care-plan-review (policy)', () => {
  const events = [
    registered(),
    placed('2025-01-13'),
    ev.TherapeuticCarePlanAgreed.create({ version: 1, agreedOn: day('2025-02-03') }),
    ev.TherapeuticCarePlanReviewed.create({ version: 1, reviewedOn: day('2025-05-01') }),
  ];

  it('on the intensive package: reviewed every 3 months, counted from the start, the agreement, each review', () => {
    const result = evaluate(events, '2025-08-04', { supportPackage: 'intensive' });
    expect(withCode(result.deadlines, 'care-plan-review').map((d) => [d.dueOn, d.state])).toEqual([
      ['2025-04-13', 'met'],
      ['2025-05-03', 'met'],
      ['2025-08-01', 'overdue'],
    ]);
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        code: 'care-plan-review',
        rule: expect.objectContaining({ id: 'care-plan-review', citation: 'policy' }),
      }),
    );
  });

  it('not on other packages, nor when no package is given', () => {
    for (const supportPackage of ['standard', 'enhanced'] as const) {
      expect(
        withCode(evaluate(events, '2025-08-04', { supportPackage }).deadlines, 'care-plan-review'),
      ).toEqual([]);
    }
    expect(withCode(evaluate(events, '2025-08-04').deadlines, 'care-plan-review')).toEqual([]);
  });

  it('the interval is agency policy', () => {
    const policy = { ...defaultAgencyPolicy, children: { intensiveCarePlanReviewMonths: 2 } };
    const result = evaluate(events, '2025-05-02', { supportPackage: 'intensive', policy });
    expect(withCode(result.deadlines, 'care-plan-review').at(-1)?.dueOn).toBe('2025-07-01');
  });
});

describe('only while placed', () => {
  it('reports nothing before registration, before the placement, or after it ended', () => {
    const events = [registered(), placed('2025-01-13')];
    expect(evaluate([], '2025-03-01')).toEqual({ childId: '', deadlines: [], findings: [] });
    expect(evaluate(events, '2025-01-12').deadlines).toEqual([]);
    const ended = [
      ...events,
      ev.ChildPlacementEnded.create({ placementId: 'placement-1', endedOn: day('2025-02-01') }),
    ];
    expect(evaluate(ended, '2025-03-01').deadlines).toEqual([]);
    expect(evaluate(ended, '2025-01-31').placement?.placementId).toBe('placement-1');
  });
});
