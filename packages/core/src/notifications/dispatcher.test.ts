import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { inMemoryOutbox, manualClock, type OutboxEntry } from '../eventsourcing/index.js';
import { type DeliveryChannel, type DeliveryOutcome, dispatcher, retryDelay } from './dispatcher.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const start = new Date('2026-11-02T08:00:00Z');
const topic = 'notification.test';
const retry = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 8_000 };

/** A channel that answers from a script per message id, recording every attempt. */
const scripted = (script: (id: string, attempt: number) => DeliveryOutcome | 'throw') => {
  const attempts: string[] = [];
  const channel: DeliveryChannel = {
    name: 'scripted',
    deliver: async (entry: OutboxEntry) => {
      attempts.push(entry.messageId);
      const outcome = script(entry.messageId, entry.attempts);
      if (outcome === 'throw') throw new Error('adapter bug');
      return outcome;
    },
  };
  return { channel, attempts };
};

const setup = async (ids: ReadonlyArray<string>) => {
  const outbox = inMemoryOutbox();
  const clock = manualClock(start);
  right(
    await outbox.add(
      ids.map((messageId) => ({ messageId, topic, payload: { messageId } })),
      start,
    ),
  );
  return { outbox, clock };
};

describe('retry delays', () => {
  it('stay between zero and the capped exponential bound for any attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempt, r) => {
          const delay = retryDelay(attempt, retry, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(
            Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)),
          );
        },
      ),
    );
  });
});

describe('dispatcher', () => {
  it('delivers, retries what may succeed later with backoff, and dead-letters the rest', async () => {
    const { outbox, clock } = await setup(['ok', 'flaky', 'gone', 'buggy']);
    const { channel } = scripted((id, attempt) =>
      id === 'ok'
        ? { kind: 'delivered' }
        : id === 'flaky'
          ? attempt < 3
            ? { kind: 'failed', retriable: true, error: 'HTTP 503' }
            : { kind: 'delivered' }
          : id === 'gone'
            ? { kind: 'failed', retriable: false, error: 'HTTP 410' }
            : 'throw',
    );
    const run = dispatcher({ outbox, channel, clock, topics: [topic], retry, random: () => 0.5 });
    expect(right(await run.runOnce())).toEqual({
      claimed: 4,
      delivered: 1,
      retried: 2,
      dead: 1,
      leaseLost: 0,
      skipped: 0,
    });
    const waiting = right(await outbox.list({ status: 'pending' }));
    // Half of base × 2^0 with random 0.5: due 500 ms later, not before.
    expect(waiting.map((e) => [e.messageId, e.availableAt.getTime() - start.getTime(), e.lastError])).toEqual(
      [
        ['flaky', 500, 'HTTP 503'],
        ['buggy', 500, 'adapter bug'],
      ],
    );
    expect(right(await run.runOnce()).claimed).toBe(0);
    for (let i = 0; i < 6; i++) {
      clock.advance(retry.maxDelayMs);
      right(await run.runOnce());
    }
    expect(
      right(await outbox.list({ status: 'delivered' }))
        .map((e) => e.messageId)
        .sort(),
    ).toEqual(['flaky', 'ok']);
    const dead = right(await outbox.list({ status: 'dead' }));
    expect(dead.map((e) => [e.messageId, e.lastError])).toEqual([
      ['gone', 'HTTP 410'],
      ['buggy', 'adapter bug (after 4 attempts)'],
    ]);
  });

  it('loses nothing when a dispatcher dies in the middle of a batch: another takes it over after the lease', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `m${i}`);
    const { outbox, clock } = await setup(ids);
    // The first dispatcher claims a batch and dies before settling any of it.
    right(await outbox.claim({ now: clock.now(), limit: 5, leaseMs: 30_000, topics: [topic] }));
    const { channel, attempts } = scripted(() => ({ kind: 'delivered' }));
    const second = dispatcher({ outbox, channel, clock, topics: [topic], leaseMs: 30_000, batchSize: 10 });
    expect(right(await second.runOnce()).delivered).toBe(2);
    clock.advance(30_000);
    expect(right(await second.runOnce()).delivered).toBe(5);
    expect(attempts.sort()).toEqual(ids);
    expect(right(await outbox.list({ status: 'delivered' }))).toHaveLength(7);
  });

  it('honours a receiver asking to wait longer than the backoff', async () => {
    const { outbox, clock } = await setup(['busy']);
    const { channel } = scripted(() => ({
      kind: 'failed',
      retriable: true,
      error: 'HTTP 429',
      retryAfterMs: 120_000,
    }));
    right(await dispatcher({ outbox, channel, clock, topics: [topic], retry }).runOnce());
    const [waiting] = right(await outbox.list({ status: 'pending' }));
    expect((waiting?.availableAt.getTime() ?? 0) - start.getTime()).toBe(120_000);
  });

  it('stops delivering a batch whose lease has run out, leaving the rest to whoever holds them now', async () => {
    const { outbox, clock } = await setup(['slow', 'next', 'last']);
    const { channel, attempts } = scripted(() => {
      clock.advance(40_000);
      return { kind: 'delivered' };
    });
    const result = right(
      await dispatcher({ outbox, channel, clock, topics: [topic], leaseMs: 60_000 }).runOnce(),
    );
    expect(result).toMatchObject({ claimed: 3, delivered: 2, skipped: 1 });
    expect(attempts).toEqual(['slow', 'next']);
    expect(
      right(await outbox.claim({ now: clock.now(), limit: 5, leaseMs: 1_000, topics: [topic] })).map(
        (l) => l.entry.messageId,
      ),
    ).toEqual(['last']);
  });

  it('replays a dead letter once the receiver is fixed', async () => {
    const { outbox, clock } = await setup(['gone']);
    let fixed = false;
    const { channel } = scripted(() =>
      fixed ? { kind: 'delivered' } : { kind: 'failed', retriable: false, error: 'HTTP 404' },
    );
    const run = dispatcher({ outbox, channel, clock, topics: [topic], retry });
    expect(right(await run.runOnce()).dead).toBe(1);
    fixed = true;
    expect(right(await outbox.replay(['gone'], clock.now()))).toEqual(['gone']);
    expect(right(await run.runOnce()).delivered).toBe(1);
  });
});
