import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, englandWorkingDayCalendar, type LocalDate } from '../calendar/index.js';
import { fold } from '../eventsourcing/index.js';
import { type Rule, rules } from '../rules/index.js';
import { childHistory } from './__fixtures__/child-history.arbitrary.js';
import {
  deadlinesPerPlacement,
  eventsOf,
  everyHistory,
  expectChained,
  monthsAfter,
  ofRule,
  replay,
  runs,
} from './__fixtures__/child-replay.js';
import { ChildCommand } from './commands.js';
import { childHealthNeedsFor, healthNeedKey, healthNeedsNotCovered } from './compliance/health-needs.js';
import { childDecider } from './decider.js';
import type * as ev from './events/index.js';
import type { ChildEvent } from './events/index.js';

const named = (rule: Rule, claim: string) => `${rule.id} (${rule.citation}): ${claim}`;
const foldChild = fold(childDecider);

describe('child decider over generated histories', () => {
  it('generates only commands the ChildCommand codec accepts', () => {
    fc.assert(
      fc.property(childHistory, ({ entries }) =>
        entries.every((e) => e.kind !== 'command' || E.isRight(ChildCommand.decode(e.command))),
      ),
      { numRuns: runs },
    );
  });

  it('a refused command changes nothing; the state is always the fold of the events', () => {
    const catalogue = new Map(Object.values(rules).map((rule) => [rule.id, rule.citation]));
    everyHistory(({ outcomes, events, state }) => {
      for (const { decision, before, after } of outcomes) {
        if (E.isRight(decision)) continue;
        expect(after).toBe(before);
        if (decision.left._tag === 'RuleViolation')
          expect(catalogue.get(decision.left.rule.id)).toBe(decision.left.rule.citation);
      }
      expect(foldChild(events)).toEqual(state);
    });
  });

  it(
    named(
      rules.childVisits,
      'first visit due 1 week after the start, then 6 weeks, or 3 months after year one if long-term',
    ),
    () => {
      everyHistory((replayed) => {
        for (const { placement, asOf, deadlines, placed } of deadlinesPerPlacement(replayed)) {
          expect(placed).toBe(true);
          const visits = ofRule(deadlines, rules.childVisits);
          const visitDates = new Set(
            replayed.state.visits
              .map((v) => v.visitedOn)
              .filter((d) => d >= placement.startedOn && d <= asOf),
          );
          expect(visits.length).toBe(visitDates.size + 1);
          expectChained(visits);
          const [first, ...rest] = visits;
          expect(daysBetween(placement.startedOn, first?.dueOn ?? placement.startedOn)).toBe(7);
          rest.forEach((deadline, i) => {
            const previous = visits[i]?.metOn as LocalDate;
            const afterFirstYear = previous >= monthsAfter(placement.startedOn, 12);
            const expected =
              placement.longTerm && afterFirstYear ? monthsAfter(previous, 3) : addDays(previous, 42);
            expect(deadline.dueOn, `due after the visit on ${previous}`).toBe(expected);
            expect(daysBetween(previous, deadline.dueOn)).toBeLessThanOrEqual(placement.longTerm ? 92 : 42);
          });
          expect(new Set(visits.flatMap((d) => (d.metOn === undefined ? [] : [d.metOn])))).toEqual(
            visitDates,
          );
        }
      });
    },
  );

  it(
    named(
      rules.lacReviews,
      'first 20 working days after registration, second 3 months after it, then 6 months',
    ),
    () => {
      const calendar = englandWorkingDayCalendar;
      everyHistory((replayed) => {
        const registeredOn = replayed.state.registeredOn as LocalDate;
        for (const { asOf, deadlines } of deadlinesPerPlacement(replayed)) {
          const reviews = ofRule(deadlines, rules.lacReviews);
          expect(reviews.length).toBe(
            new Set(replayed.state.lookedAfterReviews.filter((d) => d <= asOf)).size + 1,
          );
          expectChained(reviews);
          const [first, ...rest] = reviews;
          expect(calendar.workingDaysBetween(registeredOn, first?.dueOn as LocalDate)).toEqual(E.right(20));
          expect(calendar.isWorkingDay(first?.dueOn as LocalDate)).toEqual(E.right(true));
          rest.forEach((deadline, i) => {
            const previous = reviews[i]?.metOn as LocalDate;
            expect(deadline.dueOn).toBe(monthsAfter(previous, i === 0 ? 3 : 6));
          });
        }
      });
    },
  );

  it(
    named(rules.placementPlan, 'due 5 working days after the start; met by the first plan the carer signed'),
    () => {
      everyHistory((replayed) => {
        for (const { placement, asOf, deadlines } of deadlinesPerPlacement(replayed)) {
          const [plan, ...none] = ofRule(deadlines, rules.placementPlan);
          expect(none).toEqual([]);
          expect(
            englandWorkingDayCalendar.workingDaysBetween(placement.startedOn, plan?.dueOn as LocalDate),
          ).toEqual(E.right(5));
          const signed = eventsOf(replayed.events, 'PlacementPlanRecorded')
            .filter((e) => e.data.placementId === placement.placementId && e.data.signedByCarer)
            .map((e) => e.data.agreedOn)
            .sort();
          const metOn = signed[0] !== undefined && signed[0] <= asOf ? signed[0] : undefined;
          expect(plan?.metOn).toBe(metOn);
        }
      });
    },
  );

  it('siblings are exactly the children whose latest recorded relationship is a sibling one, never the child', () => {
    everyHistory(({ events, state }) => {
      const latest = new Map<string, ev.ChildRelationship>();
      for (const e of eventsOf(events, 'ChildRelationshipRecorded'))
        latest.set(e.data.otherChildId, e.data.relationship);
      const expected = [...latest]
        .filter(([, r]) => r !== 'other')
        .map(([id]) => id)
        .sort();
      expect(state.siblingIds).toEqual(expected);
      expect(state.siblingIds).not.toContain('c1');
    });
  });

  it(
    named(rules.riskComplete, 'health needs on any date are those recorded by then and not yet resolved'),
    () => {
      everyHistory(({ events, state, lastDate }) => {
        for (const on of [undefined, addDays(lastDate, -90), addDays(lastDate, -30), lastDate]) {
          const resolved = new Map(
            eventsOf(events, 'HealthNeedResolved').map((e) => [e.data.needId, e.data.resolvedOn]),
          );
          const currentOn = (recordedOn: LocalDate, resolvedOn: LocalDate | undefined) =>
            on === undefined
              ? resolvedOn === undefined
              : recordedOn <= on && (resolvedOn === undefined || resolvedOn > on);
          const expected = eventsOf(events, 'HealthNeedRecorded')
            .filter((e) => currentOn(e.data.recordedOn, resolved.get(e.data.needId)))
            .map((e) => healthNeedKey('c1', e.data.needId))
            .sort();
          const needs = childHealthNeedsFor(state, on);
          expect(needs.map((n) => n.key).sort()).toEqual(expected);
          expect(healthNeedsNotCovered(state, expected, on)).toEqual([]);
        }
      });
    },
  );
});

describe('the generator', () => {
  it('reaches the interesting states, so the properties above are not vacuous', () => {
    const counts = new Map<string, number>();
    const count = (key: string, reached: boolean) =>
      counts.set(key, (counts.get(key) ?? 0) + (reached ? 1 : 0));
    for (const history of fc.sample(childHistory, { numRuns: 200, seed: 20260404 })) {
      const replayed = replay(history);
      const { events, state } = replayed;
      const has = (type: ChildEvent['type'], n = 1) => eventsOf(events, type).length >= n;
      count('placed twice', has('ChildPlaced', 2));
      count(
        'long-term past its first year',
        state.placements.some(
          (p) => p.longTerm && state.visits.some((v) => v.visitedOn >= monthsAfter(p.startedOn, 12)),
        ),
      );
      count('five visits', has('SocialWorkerVisitRecorded', 5));
      count('three reviews', has('LookedAfterReviewHeld', 3));
      count(
        'signed plan',
        eventsOf(events, 'PlacementPlanRecorded').some((e) => e.data.signedByCarer),
      );
      count('need resolved', has('HealthNeedResolved'));
      count('siblings', state.siblingIds.length > 0);
      count('care plan reviewed', has('TherapeuticCarePlanReviewed'));
      const findings = deadlinesPerPlacement(replayed).flatMap(({ deadlines }) =>
        deadlines.filter((d) => d.state === 'overdue' || d.state === 'met-late'),
      );
      count(
        'a visit missed',
        findings.some((d) => d.rule.id === 'child-visits'),
      );
      count(
        'a review missed',
        findings.some((d) => d.rule.id === 'lac-reviews'),
      );
      count(
        'refused: not registered',
        replayed.outcomes.some(
          ({ decision }) => E.isLeft(decision) && decision.left._tag === 'NotAllowedNow',
        ),
      );
      count(
        'refused: invalid',
        replayed.outcomes.some(
          ({ decision }) => E.isLeft(decision) && decision.left._tag === 'InvalidCommand',
        ),
      );
    }
    if (process.env.FOSTERING_SHOW_COUNTS) console.log(Object.fromEntries(counts));
    for (const [key, n] of counts) expect(n, `${key}: ${n} of 200 histories`).toBeGreaterThanOrEqual(5);
  });
});
