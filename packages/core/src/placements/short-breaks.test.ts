import { collect } from '@fostering/testkit';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, type LocalDate } from '../calendar/index.js';
import { aggregateStream, eventStamper, systemClock } from '../eventsourcing/index.js';
import { actor, agency, d, seedChild, seedHousehold, startCommand } from './__fixtures__/agency.js';
import type { RecordShortBreakStay } from './commands.js';
import { placementDecider, placementStreamId } from './decider.js';
import { placementEvents, ShortBreakStayRecorded } from './events.js';
import { shortBreakDaysAround } from './short-breaks.js';

const ok = <L extends { message: string }, R>(either: E.Either<L, R>): R => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const stay = (startsOn: string, days: number): RecordShortBreakStay => ({
  kind: 'RecordShortBreakStay',
  startsOn: d(startsOn),
  days,
});

const shortBreaks = (placementId: string, householdId: string, startedOn: string) =>
  startCommand(placementId, 'c1', householdId, {
    startedOn: d(startedOn),
    placementType: 'short-breaks',
    longTerm: false,
  });

/** c1 had short breaks with h1 from July to September 2025 (60 days), and with h2 from September. */
const twoArrangements = async () => {
  const { store, process } = agency();
  await seedHousehold(store, 'h1');
  await seedHousehold(store, 'h2');
  await seedChild(store, 'c1');
  ok(await process.start(shortBreaks('p1', 'h1', '2025-07-01'), actor));
  ok(await process.recordShortBreakStay('p1', stay('2025-07-01', 30), actor));
  ok(await process.recordShortBreakStay('p1', stay('2025-08-01', 30), actor));
  const end = {
    kind: 'EndPlacement' as const,
    endedOn: d('2025-09-01'),
    planned: true,
    reason: 'moved to other short-breaks carers',
    childAddressAfter: 'family home',
  };
  ok(await process.end('p1', end, actor));
  ok(await process.start(shortBreaks('p2', 'h2', '2025-09-01'), actor));
  return { store, process };
};

describe('short breaks are counted per child, across all their placements (rule short-breaks, CPPR 48)', () => {
  it('refuses a stay on a second placement that takes the child past 75 days in 12 months, writing nothing', async () => {
    const { store, process } = await twoArrangements();
    const before = await collect(store.readAll());
    const refused = await process.recordShortBreakStay('p2', stay('2025-09-01', 40), actor);
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      _tag: 'RuleViolation',
      rule: { id: 'short-breaks', citation: 'CPPR 48' },
      field: 'days',
      details: { busiest: 100, limit: 75 },
    });
    expect(E.isLeft(refused) && refused.left.message).toContain('across their placements');
    expect(await collect(store.readAll())).toEqual(before);
    // The placement decider alone sees only p2's stays, and would have taken it.
    const decider = placementDecider();
    const p2 = ok(await aggregateStream(store, placementEvents, decider, placementStreamId('p2')));
    expect(E.isRight(decider.decide(stay('2025-09-01', 40), p2.state))).toBe(true);
    // Up to 75 is fine, and the next day over is not.
    const recorded = ok(await process.recordShortBreakStay('p2', stay('2025-09-01', 15), actor));
    expect(recorded.map((e) => `${e.streamId}:${e.type}`)).toEqual(['placement-p2:ShortBreakStayRecorded']);
    expect(E.isLeft(await process.recordShortBreakStay('p2', stay('2025-10-01', 1), actor))).toBe(true);
  });

  it('counts 12 months: a stay a year on is measured against the days of those 12 months only', async () => {
    const { process } = await twoArrangements();
    ok(await process.recordShortBreakStay('p2', stay('2025-09-01', 15), actor));
    // From 2026-07-01 the 12 months hold p1's August stay (30 days), p2's 15, and the 30 asked: 75.
    ok(await process.recordShortBreakStay('p2', stay('2026-07-01', 30), actor));
    // 2026-07-31 is still in the 12 months from 2025-08-01: 76 days.
    expect(E.isLeft(await process.recordShortBreakStay('p2', stay('2026-07-31', 1), actor))).toBe(true);
    // From 2025-09-17 on, the 12 months hold only the July stay and this one.
    ok(await process.recordShortBreakStay('p2', stay('2026-09-16', 5), actor));
  });

  it('leaves out windows the stay misses: an overage recorded per placement before does not refuse later stays', async () => {
    const { store, process } = await twoArrangements();
    // Recorded on p2 as the decider alone used to accept it: 100 days in the 12 months from 2025-07-01.
    const stamp = eventStamper(actor, systemClock)(placementEvents);
    ok(
      await store.append(
        placementStreamId('p2'),
        [stamp(ShortBreakStayRecorded.create({ startsOn: d('2025-09-01'), days: 40 }))],
        { expectedRevision: 'any' },
      ),
    );
    expect(E.isLeft(await process.recordShortBreakStay('p2', stay('2026-06-01', 2), actor))).toBe(true);
    ok(await process.recordShortBreakStay('p2', stay('2026-10-15', 2), actor));
  });

  it('finds the busiest 12 months holding a day of the stay exactly, as a day-by-day sweep would (property)', () => {
    const base = d('2023-12-01');
    const dayOf = (date: LocalDate) => daysBetween(base, date);
    // The end of the 12 months from each day, in day numbers: computed once, as calendar arithmetic is slow.
    const twelveMonthsOn = Array.from({ length: 1400 }, (_, i) => dayOf(addMonths(addDays(base, i), 12)));
    const span = fc.record({
      offset: fc.integer({ min: 0, max: 900 }),
      days: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), span, (raw, asked) => {
        const at = (s: { offset: number; days: number }) => ({
          startsOn: addDays(d('2025-01-01'), s.offset),
          days: s.days,
        });
        const next = at(asked);
        const stays = [...raw.map(at), next];
        const spans = stays.map((s) => ({ from: dayOf(s.startsOn), to: dayOf(s.startsOn) + s.days }));
        const asking = spans.at(-1) as { from: number; to: number };
        // Every window [day, same date 12 months on) that holds a day of the stay asked.
        const sweep = twelveMonthsOn.map((to, i) =>
          i < asking.to && to > asking.from
            ? spans.reduce((total, s) => total + Math.max(0, Math.min(s.to, to) - Math.max(s.from, i)), 0)
            : 0,
        );
        expect(shortBreakDaysAround(stays, next)).toBe(Math.max(0, ...sweep));
      }),
      { numRuns: Number(process.env.FOSTERING_PROPERTY_RUNS) || 200 },
    );
  });
});
