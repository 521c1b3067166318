import type { OutboxLease, OutboxStatus } from '@fostering/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../event-store-contract/concurrency.property.js';
import { right } from '../event-store-contract/fixtures.js';
import { at, idsOfLeases, type MakeOutboxSetup, message, useOutboxSetup } from './fixtures.js';

type Operation =
  | { readonly kind: 'add'; readonly count: number; readonly delay: number; readonly again: number }
  | { readonly kind: 'claim'; readonly limit: number; readonly leaseSeconds: number }
  | { readonly kind: 'settle'; readonly lease: number; readonly outcome: 'delivered' | 'retry' | 'dead' }
  | { readonly kind: 'advance'; readonly seconds: number }
  | { readonly kind: 'replay'; readonly pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    count: fc.integer({ min: 1, max: 4 }),
    delay: fc.constantFrom(0, 0, 5, 30),
    again: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('claim' as const),
    limit: fc.integer({ min: 1, max: 5 }),
    leaseSeconds: fc.constantFrom(5, 20),
  }),
  fc.record({
    kind: fc.constant('settle' as const),
    lease: fc.nat(),
    outcome: fc.constantFrom('delivered' as const, 'retry' as const, 'dead' as const),
  }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }),
);

/** The reference the outbox must agree with: a few lines of plain bookkeeping. */
interface ModelEntry {
  readonly sequence: number;
  status: OutboxStatus;
  availableAt: number;
  attempts: number;
  leaseId?: string;
  leasedUntil?: number;
}

/**
 * Generated histories of adds (with repeats of earlier ids), claims, settlements of current and stale leases,
 * time passing and dead-letter replays, each checked step by step against a model; then every message is
 * drained, and each must end delivered exactly once.
 */
export const modelProperty = (make: MakeOutboxSetup, numRuns?: number) =>
  describe('outbox model', () => {
    const setup = useOutboxSetup(make);

    it('agrees with the model on every step, and loses no message', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
          const { outbox } = setup.get();
          const topic = setup.register().topic;
          const topics = [topic];
          const model = new Map<string, ModelEntry>();
          const leases: OutboxLease[] = [];
          let now = 0;
          let sequence = 0;
          const eligible = () =>
            [...model.entries()]
              .filter(
                ([, e]) =>
                  e.status === 'pending' &&
                  e.availableAt <= now &&
                  (e.leasedUntil ?? Number.NEGATIVE_INFINITY) <= now,
              )
              .sort(([, a], [, b]) => a.sequence - b.sequence)
              .map(([id]) => id);

          for (const op of operations) {
            if (op.kind === 'add') {
              const known = [...model.keys()];
              const repeat = known.length === 0 ? [] : [known[op.again % known.length] as string];
              const fresh = Array.from({ length: op.count }, () =>
                message(topic, op.delay === 0 ? {} : { deliverAfter: at(now + op.delay) }),
              );
              const added = right(
                await outbox.add(
                  [...repeat.map((id) => message(topic, { messageId: id })), ...fresh],
                  at(now),
                ),
              );
              expect(added).toEqual(fresh.map((m) => m.messageId));
              for (const m of fresh) {
                model.set(m.messageId, {
                  sequence: sequence++,
                  status: 'pending',
                  availableAt: now + op.delay,
                  attempts: 0,
                });
              }
            } else if (op.kind === 'claim') {
              const expected = eligible().slice(0, op.limit);
              const claimed = right(
                await outbox.claim({
                  now: at(now),
                  limit: op.limit,
                  leaseMs: op.leaseSeconds * 1000,
                  topics,
                }),
              );
              expect(idsOfLeases(claimed)).toEqual(expected);
              for (const lease of claimed) {
                const entry = model.get(lease.entry.messageId) as ModelEntry;
                entry.attempts += 1;
                entry.leaseId = lease.leaseId;
                entry.leasedUntil = now + op.leaseSeconds;
                expect(lease.entry.attempts).toBe(entry.attempts);
                leases.push(lease);
              }
            } else if (op.kind === 'settle' && leases.length > 0) {
              const lease = leases[op.lease % leases.length] as OutboxLease;
              const entry = model.get(lease.entry.messageId) as ModelEntry;
              const current = entry.status === 'pending' && entry.leaseId === lease.leaseId;
              const outcome =
                op.outcome === 'retry'
                  ? { kind: 'retry' as const, at: at(now + 10), error: 'try later' }
                  : op.outcome === 'dead'
                    ? { kind: 'dead' as const, error: 'refused' }
                    : { kind: 'delivered' as const };
              expect(right(await outbox.settle(lease, outcome, at(now)))).toBe(
                current ? 'settled' : 'lease-lost',
              );
              if (current) {
                entry.status = op.outcome === 'retry' ? 'pending' : op.outcome;
                if (op.outcome === 'retry') entry.availableAt = now + 10;
                delete entry.leaseId;
                delete entry.leasedUntil;
              }
            } else if (op.kind === 'advance') {
              now += op.seconds;
            } else if (op.kind === 'replay') {
              const known = [...model.keys()];
              const id = known.length === 0 ? 'nothing' : (known[op.pick % known.length] as string);
              const entry = model.get(id);
              const wasDead = entry?.status === 'dead';
              expect(right(await outbox.replay([id], at(now)))).toEqual(wasDead ? [id] : []);
              if (entry !== undefined && wasDead)
                Object.assign(entry, { status: 'pending', attempts: 0, availableAt: now });
            }
          }

          for (const status of ['pending', 'delivered', 'dead'] as const) {
            const listed = right(await outbox.list({ status, topics }));
            const expected = [...model.entries()]
              .filter(([, e]) => e.status === status)
              .sort(([, a], [, b]) => a.sequence - b.sequence);
            expect(listed.map((e) => [e.messageId, e.attempts])).toEqual(
              expected.map(([id, e]) => [id, e.attempts]),
            );
          }

          // Drain: replay the dead, let every lease and delay run out, deliver everything claimable.
          const dead = right(await outbox.list({ status: 'dead', topics })).map((e) => e.messageId);
          right(await outbox.replay(dead, at(now)));
          now += 1_000;
          for (;;) {
            const batch = right(await outbox.claim({ now: at(now), limit: 50, leaseMs: 1_000, topics }));
            if (batch.length === 0) break;
            for (const lease of batch)
              expect(right(await outbox.settle(lease, { kind: 'delivered' }, at(now)))).toBe('settled');
          }
          const delivered = right(await outbox.list({ status: 'delivered', topics })).map((e) => e.messageId);
          expect(delivered.sort()).toEqual([...model.keys()].sort());
        }),
        { numRuns: propertyRuns(numRuns) },
      );
    }, 120_000);
  });
