import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Batchable, groupCommit } from './group-commit.js';

interface Item extends Batchable {
  readonly id: number;
  /** The runner fails any batch holding this item, and the item on its own too when `alone` is set. */
  readonly poison?: 'in-batch' | 'alone';
}

/** A runner that records every batch, keeps each open until released, and answers each item with its id. */
const recordingRunner = () => {
  const batches: Item[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const run = async (items: ReadonlyArray<Item>) => {
    batches.push([...items]);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight--;
    const poisoned = items.find((i) => i.poison === 'alone' || (i.poison === 'in-batch' && items.length > 1));
    if (poisoned !== undefined) throw new Error(`item ${poisoned.id} failed`);
    return items.map((item) => `done ${item.id}`);
  };
  return { run, batches, maxInFlight: () => maxInFlight };
};

const item = (id: number, streamIds: string[], events = 1, poison?: Item['poison']): Item => ({
  id,
  streamIds,
  events,
  ...(poison === undefined ? {} : { poison }),
});

describe('group commit', () => {
  it('runs items submitted in the same turn in one batch and answers each with its own outcome', async () => {
    const runner = recordingRunner();
    const commit = groupCommit(runner.run, { transactions: 1 });
    const outcomes = await Promise.all([1, 2, 3].map((id) => commit.submit(item(id, [`s${id}`]))));
    expect(outcomes).toEqual(['done 1', 'done 2', 'done 3']);
    expect(runner.batches.map((b) => b.map((i) => i.id))).toEqual([[1, 2, 3]]);
  });

  it('never puts two items that touch one stream in the same batch, and keeps their order', async () => {
    const runner = recordingRunner();
    const commit = groupCommit(runner.run, { transactions: 1 });
    await Promise.all([
      commit.submit(item(1, ['a'])),
      commit.submit(item(2, ['a', 'b'])),
      commit.submit(item(3, ['c'])),
      commit.submit(item(4, ['b'])),
    ]);
    // 4 waits behind 2, which came first and shares stream b with it.
    expect(runner.batches.map((b) => b.map((i) => i.id))).toEqual([[1, 3], [2], [4]]);
  });

  it('stops a batch at the event limit, but runs a larger item on its own', async () => {
    const runner = recordingRunner();
    const commit = groupCommit(runner.run, { transactions: 1, maxEvents: 10 });
    await Promise.all([
      commit.submit(item(1, ['a'], 6)),
      commit.submit(item(2, ['b'], 6)),
      commit.submit(item(3, ['c'], 25)),
      commit.submit(item(4, ['d'], 4)),
    ]);
    expect(runner.batches.map((b) => b.map((i) => i.id))).toEqual([[1, 4], [2], [3]]);
  });

  it('keeps at most the configured number of batches in flight', async () => {
    const runner = recordingRunner();
    const commit = groupCommit(runner.run, { transactions: 2, maxEvents: 1 });
    await Promise.all(Array.from({ length: 9 }, (_, id) => commit.submit(item(id, [`s${id}`]))));
    expect(runner.batches).toHaveLength(9);
    expect(runner.maxInFlight()).toBe(2);
  });

  it('runs the items of a failed batch again one by one, so only the failing item fails', async () => {
    const runner = recordingRunner();
    const commit = groupCommit(runner.run, { transactions: 1 });
    const settled = await Promise.allSettled([
      commit.submit(item(1, ['a'])),
      commit.submit(item(2, ['b'], 1, 'alone')),
      commit.submit(item(3, ['c'], 1, 'in-batch')),
    ]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      'done 1',
      'Error: item 2 failed',
      'done 3',
    ]);
    expect(runner.batches.map((b) => b.map((i) => i.id))).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('refuses nonsensical options', () => {
    const runner = recordingRunner();
    expect(() => groupCommit(runner.run, { transactions: 0 })).toThrow(
      /'transactions' must be a whole number/,
    );
    expect(() => groupCommit(runner.run, { maxEvents: 1.5 })).toThrow(/'maxEvents' must be a whole number/);
  });

  it('answers every item once, never batches two items of one stream, and runs each stream in order', async () => {
    const submission = fc.record({
      streams: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 3 }),
      events: fc.integer({ min: 0, max: 8 }),
      poison: fc.option(fc.constantFrom<Item['poison']>('in-batch', 'alone'), { freq: 6, nil: undefined }),
      pauseAfter: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(submission, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        async (submissions, transactions, maxEvents) => {
          const runner = recordingRunner();
          const commit = groupCommit(runner.run, { transactions, maxEvents });
          const pending: Array<Promise<PromiseSettledResult<string>>> = [];
          for (const [id, s] of submissions.entries()) {
            // Settled at once, so a rejection during a pause is never an unhandled one.
            pending.push(
              commit.submit(item(id, s.streams, s.events, s.poison)).then(
                (value) => ({ status: 'fulfilled', value }),
                (reason: unknown) => ({ status: 'rejected', reason }),
              ),
            );
            if (s.pauseAfter) await new Promise((resolve) => setImmediate(resolve));
          }
          const settled = await Promise.all(pending);
          settled.forEach((outcome, id) => {
            const poison = submissions[id]?.poison;
            if (poison === 'alone') expect(outcome.status).toBe('rejected');
            else expect(outcome).toEqual({ status: 'fulfilled', value: `done ${id}` });
          });
          expect(runner.maxInFlight()).toBeLessThanOrEqual(transactions);
          for (const batch of runner.batches) {
            const streams = batch.flatMap((i) => i.streamIds);
            expect(new Set(streams).size).toBe(streams.length);
            if (batch.length > 1)
              expect(batch.reduce((n, i) => n + i.events, 0)).toBeLessThanOrEqual(maxEvents);
          }
          // Items sharing a stream are first run in the order they were submitted.
          const firstRun = new Map<number, number>();
          runner.batches.forEach((batch, order) => {
            for (const i of batch) if (!firstRun.has(i.id)) firstRun.set(i.id, order);
          });
          for (const [a, sa] of submissions.entries()) {
            for (const [b, sb] of submissions.entries()) {
              if (a < b && sa.streams.some((s) => sb.streams.includes(s))) {
                expect(firstRun.get(a)).toBeLessThan(firstRun.get(b) as number);
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
