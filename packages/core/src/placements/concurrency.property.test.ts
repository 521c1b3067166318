import { collect } from '@fostering/testkit';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Terms } from '../approvals/terms.js';
import { addDays, addMonths, daysBetween, type LocalDate } from '../calendar/index.js';
import { type EventStore, inMemoryEventStore, type RecordedEvent } from '../eventsourcing/index.js';
import { actor, d, seedChild, seedHousehold, startCommand, wideTerms } from './__fixtures__/agency.js';
import { childStreamReader } from './child-reader.js';
import { placementProcess } from './process.js';

const runs = Number(process.env.FOSTERING_PROPERTY_RUNS) || 100;

/** The real in-memory store, with every read and append released in an order fast-check chooses. */
const scheduled = (store: EventStore, scheduler: fc.Scheduler): EventStore => {
  const turn = (label: string) => scheduler.schedule(Promise.resolve(), label);
  return {
    ...store,
    readStream: async function* (streamId, options) {
      await turn(`read ${streamId}`);
      yield* store.readStream(streamId, options);
    },
    appendToStreams: async (writes) => {
      await turn(`append ${writes.map((w) => w.streamId).join(', ')}`);
      return (store.appendToStreams as NonNullable<EventStore['appendToStreams']>)(writes);
    },
  };
};

/**
 * The same, as a store with no multi-stream append (EventStoreDB's model): the process falls back to its log of
 * decisions, and every single-stream append is a turn of its own, so a decision's streams can be caught half
 * written.
 */
const scheduledSingleStream = (store: EventStore, scheduler: fc.Scheduler): EventStore => {
  const { appendToStreams: _none, ...rest } = scheduled(store, scheduler);
  const turn = (label: string) => scheduler.schedule(Promise.resolve(), label);
  return {
    ...rest,
    name: `${store.name} (single-stream appends)`,
    append: async (streamId, events, options) => {
      await turn(`append ${streamId}`);
      return store.append(streamId, events, options);
    },
  };
};

const modes = [
  ['atomic multi-stream append', scheduled],
  ['single-stream appends through the decision log', scheduledSingleStream],
] as const;

const scenario = fc.record({
  households: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
  /** Children 0..5; pairs in the same group are siblings. */
  siblingGroup: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
  attempts: fc.array(
    fc.record({ child: fc.nat({ max: 5 }), household: fc.nat({ max: 1 }), day: fc.constantFrom(3, 4) }),
    { minLength: 2, maxLength: 8 },
  ),
});

interface Stay {
  readonly childId: string;
  readonly householdId: string;
  readonly startedOn: LocalDate;
}

describe.each(modes)(
  'placements under concurrency (in-memory store, fast-check scheduler, %s)',
  (_, wrap) => {
    it('never puts a household over its limit or terms, nor a child in two placements', async () => {
      let accepted = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          scenario,
          async (scheduler, { households, siblingGroup, attempts }) => {
            const store = inMemoryEventStore();
            const maxByHousehold = new Map<string, number>();
            for (const [i, maxChildren] of households.entries()) {
              const terms: Terms = { ...wideTerms, maxChildren };
              maxByHousehold.set(`h${i}`, maxChildren);
              await seedHousehold(store, `h${i}`, terms);
            }
            const childIds = siblingGroup.map((_, i) => `c${i}`);
            for (const [i, group] of siblingGroup.entries()) {
              const siblings = childIds.filter((_, j) => j !== i && siblingGroup[j] === group && group > 0);
              await seedChild(store, `c${i}`, d('2015-03-01'), siblings);
            }
            const process = placementProcess({ store: wrap(store, scheduler), children: childStreamReader });
            const outcomes = await scheduler.waitFor(
              Promise.all(
                attempts.map((a, n) =>
                  process.start(
                    startCommand(`p${n}`, `c${a.child}`, `h${Math.min(a.household, households.length - 1)}`, {
                      startedOn: d(`2025-03-0${a.day}`),
                    }),
                    actor,
                  ),
                ),
              ),
            );
            accepted += outcomes.filter(E.isRight).length;
            refused += outcomes.filter(E.isLeft).length;

            const all: RecordedEvent[] = await collect(store.readAll());
            const stays: Stay[] = all
              .filter((e) => e.type === 'PlacementStarted')
              .map((e) => e.data as unknown as Stay);
            // Every placement is on all three streams, or on none.
            expect(all.filter((e) => e.type === 'ChildJoinedHousehold')).toHaveLength(stays.length);
            expect(all.filter((e) => e.type === 'ChildPlaced')).toHaveLength(stays.length);
            // No child is in two placements (none ends in this scenario).
            expect(new Set(stays.map((s) => s.childId)).size).toBe(stays.length);
            for (const [householdId, maxChildren] of maxByHousehold) {
              for (const day of ['2025-03-03', '2025-03-04']) {
                const there = stays.filter((s) => s.householdId === householdId && s.startedOn <= day);
                expect(there.length).toBeLessThanOrEqual(maxChildren);
                if (there.length > 3) {
                  const groups = new Set(there.map((s) => siblingGroup[Number(s.childId.slice(1))]));
                  expect(groups.size === 1 && !groups.has(0)).toBe(true);
                }
              }
            }
          },
        ),
        { numRuns: runs },
      );
      // The property is not vacuous: races were both won and lost.
      expect(accepted).toBeGreaterThan(runs);
      expect(refused).toBeGreaterThan(runs / 4);
    });
  },
);

describe.each(modes)(
  'short-break stays under concurrency (in-memory store, fast-check scheduler, %s)',
  (_, wrap) => {
    // c0 had short breaks with h0 from March to June 2025, and has them with h1 from June: stays on either
    // placement, recorded at once, must never take the child past 75 days in any 12 months (rule short-breaks).
    const stays = fc.array(
      fc.record({
        onSecond: fc.boolean(),
        offset: fc.integer({ min: 0, max: 90 }),
        days: fc.integer({ min: 5, max: 40 }),
      }),
      { minLength: 2, maxLength: 6 },
    );

    it('never records more than 75 days in 12 months for a child, across two placements', async () => {
      let accepted = 0;
      let refusedByRule = 0;
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), stays, async (scheduler, attempts) => {
          const store = inMemoryEventStore();
          await seedHousehold(store, 'h0');
          await seedHousehold(store, 'h1');
          await seedChild(store, 'c0');
          const direct = placementProcess({ store, children: childStreamReader });
          const shortBreaks = { placementType: 'short-breaks', longTerm: false } as const;
          const started: ReadonlyArray<E.Either<unknown, unknown>> = [
            await direct.start(
              startCommand('p0', 'c0', 'h0', { ...shortBreaks, startedOn: d('2025-03-03') }),
              actor,
            ),
            await direct.end(
              'p0',
              {
                kind: 'EndPlacement',
                endedOn: d('2025-06-02'),
                planned: true,
                reason: 'moved to other short-breaks carers',
                childAddressAfter: 'family home',
              },
              actor,
            ),
            await direct.start(
              startCommand('p1', 'c0', 'h1', { ...shortBreaks, startedOn: d('2025-06-02') }),
              actor,
            ),
          ];
          expect(started.every(E.isRight)).toBe(true);
          const process = placementProcess({
            store: wrap(store, scheduler),
            children: childStreamReader,
            // Each lost race means another stay was written, so n racers need at most n attempts each.
            maxAttempts: attempts.length,
          });
          const outcomes = await scheduler.waitFor(
            Promise.all(
              attempts.map((a) =>
                process.recordShortBreakStay(
                  a.onSecond ? 'p1' : 'p0',
                  {
                    kind: 'RecordShortBreakStay',
                    startsOn: addDays(d(a.onSecond ? '2025-06-02' : '2025-03-03'), a.offset),
                    days: a.days,
                  },
                  actor,
                ),
              ),
            ),
          );
          accepted += outcomes.filter(E.isRight).length;
          refusedByRule += outcomes.filter((o) => E.isLeft(o) && o.left._tag === 'RuleViolation').length;
          // Nothing but the limit refuses these stays: with enough attempts no race is lost for good.
          for (const o of outcomes)
            if (E.isLeft(o)) expect(o.left).toMatchObject({ rule: { id: 'short-breaks' } });

          const recorded = (await collect(store.readAll()))
            .filter((e) => e.type === 'ShortBreakStayRecorded')
            .map((e) => e.data as { startsOn: LocalDate; days: number });
          // Day by day over 2025-2026: every window [day, same date 12 months on).
          const base = d('2025-01-01');
          const spans = recorded.map((s) => ({
            from: daysBetween(base, s.startsOn),
            to: daysBetween(base, s.startsOn) + s.days,
          }));
          for (const [i, to] of twelveMonthsOn.entries()) {
            const total = spans.reduce(
              (n, s) => n + Math.max(0, Math.min(s.to, to) - Math.max(s.from, i)),
              0,
            );
            expect(total, `short-break days from ${addDays(base, i)}`).toBeLessThanOrEqual(75);
          }
        }),
        { numRuns: runs },
      );
      // Not vacuous: stays were both recorded and refused for the limit.
      expect(accepted).toBeGreaterThan(runs);
      expect(refusedByRule).toBeGreaterThan(runs / 4);
    });
  },
);

/** The end of the 12 months from each day of 2025 (day numbers from 2025-01-01), computed once. */
const twelveMonthsOn = Array.from({ length: 365 }, (_, i) =>
  daysBetween(d('2025-01-01'), addMonths(addDays(d('2025-01-01'), i), 12)),
);
