import { describe, expect, it } from 'vitest';
import { right } from '../event-store-contract/fixtures.js';
import { at, idsOfLeases, type MakeOutboxSetup, message, useOutboxSetup } from './fixtures.js';

/** Adding, claiming under a lease, settling, dead letters and their replay. */
export const leaseCases = (make: MakeOutboxSetup) =>
  describe('claims, leases and settlement', () => {
    const setup = useOutboxSetup(make);
    const fresh = () => setup.register().topic;

    it('adds a message once however often its id is added, reporting only the new ids', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      const [a, b] = [message(topic), message(topic)];
      expect(right(await outbox.add([a, a], at(0)))).toEqual([a.messageId]);
      expect(right(await outbox.add([a, b], at(1)))).toEqual([b.messageId]);
      const pending = right(await outbox.list({ status: 'pending', topics: [topic] }));
      expect(pending.map((entry) => entry.messageId)).toEqual([a.messageId, b.messageId]);
      expect(pending[0]?.addedAt).toEqual(at(0));
    });

    it('hands out the oldest due messages first, up to the limit, for the topics asked', async () => {
      const { outbox } = setup.get();
      const [topic, other] = [fresh(), fresh()];
      const messages = [message(topic), message(other), message(topic), message(topic)];
      right(await outbox.add(messages, at(0)));
      const first = right(await outbox.claim({ now: at(1), limit: 2, leaseMs: 60_000, topics: [topic] }));
      expect(idsOfLeases(first)).toEqual([messages[0]?.messageId, messages[2]?.messageId]);
      expect(first.map((lease) => lease.entry.attempts)).toEqual([1, 1]);
      expect(first[0]?.leasedUntil).toEqual(at(61));
      const rest = right(
        await outbox.claim({ now: at(1), limit: 10, leaseMs: 60_000, topics: [topic, other] }),
      );
      expect(idsOfLeases(rest)).toEqual([messages[1]?.messageId, messages[3]?.messageId]);
    });

    it('holds a message back until its deliverAfter', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      const later = message(topic, { deliverAfter: at(100) });
      right(await outbox.add([later], at(0)));
      expect(right(await outbox.claim({ now: at(99), limit: 5, leaseMs: 1_000, topics: [topic] }))).toEqual(
        [],
      );
      expect(
        idsOfLeases(right(await outbox.claim({ now: at(100), limit: 5, leaseMs: 1_000, topics: [topic] }))),
      ).toEqual([later.messageId]);
    });

    it('never hands a leased message to a second claim until the lease runs out', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      const m = message(topic);
      right(await outbox.add([m], at(0)));
      const first = right(await outbox.claim({ now: at(0), limit: 5, leaseMs: 30_000, topics: [topic] }));
      expect(right(await outbox.claim({ now: at(29), limit: 5, leaseMs: 30_000, topics: [topic] }))).toEqual(
        [],
      );
      // The first dispatcher died: at the end of its lease the message is claimed again, as a second attempt.
      const second = right(await outbox.claim({ now: at(30), limit: 5, leaseMs: 30_000, topics: [topic] }));
      expect(second.map((lease) => lease.entry.attempts)).toEqual([2]);
      const [stale, current] = [first[0], second[0]];
      if (stale === undefined || current === undefined) throw new Error('expected one lease each');
      expect(right(await outbox.settle(stale, { kind: 'delivered' }, at(31)))).toBe('lease-lost');
      expect(right(await outbox.settle(current, { kind: 'delivered' }, at(31)))).toBe('settled');
      expect(right(await outbox.settle(current, { kind: 'delivered' }, at(32)))).toBe('lease-lost');
      const delivered = right(await outbox.list({ status: 'delivered', topics: [topic] }));
      expect(delivered).toMatchObject([{ messageId: m.messageId, attempts: 2, settledAt: at(31) }]);
    });

    it('gives concurrent claims disjoint messages', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      const messages = Array.from({ length: 12 }, () => message(topic));
      right(await outbox.add(messages, at(0)));
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          outbox.claim({ now: at(1), limit: 3, leaseMs: 60_000, topics: [topic] }),
        ),
      );
      const claimed = claims.flatMap((claim) => idsOfLeases(right(claim)));
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(messages.map((m) => m.messageId).sort());
    });

    it('puts a retried message back until the time given, keeping the error', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      right(await outbox.add([message(topic)], at(0)));
      const [lease] = right(await outbox.claim({ now: at(0), limit: 1, leaseMs: 10_000, topics: [topic] }));
      if (lease === undefined) throw new Error('expected a lease');
      const outcome = { kind: 'retry', at: at(60), error: 'HTTP 503' } as const;
      expect(right(await outbox.settle(lease, outcome, at(1)))).toBe('settled');
      expect(right(await outbox.claim({ now: at(59), limit: 1, leaseMs: 10_000, topics: [topic] }))).toEqual(
        [],
      );
      const [again] = right(await outbox.claim({ now: at(60), limit: 1, leaseMs: 10_000, topics: [topic] }));
      expect(again?.entry).toMatchObject({ attempts: 2, lastError: 'HTTP 503', availableAt: at(60) });
    });

    it('keeps dead letters for inspection and replays them as fresh messages', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      const [dead, alive] = [message(topic), message(topic)];
      right(await outbox.add([dead, alive], at(0)));
      const leases = right(await outbox.claim({ now: at(0), limit: 2, leaseMs: 10_000, topics: [topic] }));
      const [first, second] = leases;
      if (first === undefined || second === undefined) throw new Error('expected two leases');
      right(await outbox.settle(first, { kind: 'dead', error: 'HTTP 410 Gone' }, at(1)));
      right(await outbox.settle(second, { kind: 'delivered' }, at(1)));
      const letters = right(await outbox.list({ status: 'dead', topics: [topic] }));
      expect(letters).toMatchObject([
        { messageId: dead.messageId, lastError: 'HTTP 410 Gone', settledAt: at(1) },
      ]);
      expect(right(await outbox.replay([dead.messageId, alive.messageId, 'no-such-id'], at(5)))).toEqual([
        dead.messageId,
      ]);
      expect(right(await outbox.list({ status: 'dead', topics: [topic] }))).toEqual([]);
      const [replayed] = right(
        await outbox.claim({ now: at(5), limit: 5, leaseMs: 10_000, topics: [topic] }),
      );
      expect(replayed?.entry).toMatchObject({ messageId: dead.messageId, attempts: 1, status: 'pending' });
    });

    it('purges delivered messages settled before a given time, and nothing else', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      const messages = [message(topic), message(topic), message(topic)];
      right(await outbox.add(messages, at(0)));
      const leases = right(await outbox.claim({ now: at(0), limit: 3, leaseMs: 10_000, topics: [topic] }));
      const [early, late] = leases;
      if (early === undefined || late === undefined) throw new Error('expected leases');
      right(await outbox.settle(early, { kind: 'delivered' }, at(1)));
      right(await outbox.settle(late, { kind: 'delivered' }, at(100)));
      expect(right(await outbox.purgeDelivered(at(50)))).toBeGreaterThanOrEqual(1);
      const delivered = right(await outbox.list({ status: 'delivered', topics: [topic] }));
      expect(delivered.map((entry) => entry.messageId)).toEqual([late.entry.messageId]);
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toHaveLength(1);
    });

    it('refuses a claim with a limit or lease that makes no sense', async () => {
      const { outbox } = setup.get();
      await expect(async () => outbox.claim({ now: at(0), limit: 0, leaseMs: 1_000 })).rejects.toThrow(
        RangeError,
      );
      await expect(async () => outbox.claim({ now: at(0), limit: 1, leaseMs: 0 })).rejects.toThrow(
        RangeError,
      );
    });

    it('refuses a message without an id or topic, adding none of the batch', async () => {
      const { outbox } = setup.get();
      const topic = fresh();
      await expect(async () =>
        outbox.add([message(topic), message(topic, { messageId: '' })], at(0)),
      ).rejects.toThrow('messageId');
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toEqual([]);
    });
  });
