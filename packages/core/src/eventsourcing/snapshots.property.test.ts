import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  actor,
  type VisitCommand,
  type VisitLog,
  visitDecider,
  visitEvents,
} from './__fixtures__/visit-log.js';
import { commandHandler } from './command-handler.js';
import { fold } from './decider.js';
import { aggregateStream, readDecodedStream } from './decoded-reads.js';
import { inMemoryEventStore } from './in-memory-event-store.js';
import { everyNEvents, inMemorySnapshotStore } from './snapshots.js';

const runs = Number(process.env.FOSTERING_PROPERTY_RUNS) || 100;

const visitId = fc.constantFrom('v0', 'v1', 'v2', 'v3', 'v4', 'v5');
const command: fc.Arbitrary<VisitCommand> = fc.oneof(
  fc.record({ kind: fc.constant('Book' as const), visitId, on: fc.constant('2026-04-01') }),
  fc.record({ kind: fc.constant('Hold' as const), visitId }),
  fc.record({
    kind: fc.constant('Cancel' as const),
    visitId,
    reason: fc.constantFrom('illness', 'school event'),
  }),
);

describe('snapshots', () => {
  it('snapshot plus tail always equals the full fold, whatever the history and the snapshot interval', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (commands, n) => {
          const plain = inMemoryEventStore();
          const snapshotted = inMemoryEventStore();
          const snapshots = inMemorySnapshotStore<VisitLog>();
          const policy = { store: snapshots, strategy: everyNEvents(n), version: 1 };
          const withoutSnapshots = commandHandler({
            store: plain,
            registry: visitEvents,
            decider: visitDecider,
          });
          const withSnapshots = commandHandler({
            store: snapshotted,
            registry: visitEvents,
            decider: visitDecider,
            snapshots: policy,
          });
          for (const c of commands) {
            const [a, b] = [
              await withoutSnapshots('h', c, { actor }),
              await withSnapshots('h', c, { actor }),
            ];
            expect(E.isRight(b) ? b.right.state : b.left.message).toEqual(
              E.isRight(a) ? a.right.state : a.left.message,
            );
          }
          const events = await readDecodedStream(snapshotted, visitEvents, 'h');
          const fullFold = fold(visitDecider)(E.isRight(events) ? events.right : []);
          const snapshot = await snapshots.load('h');
          const fromSnapshot = await aggregateStream(snapshotted, visitEvents, visitDecider, 'h', snapshot);
          expect(E.isRight(fromSnapshot) && fromSnapshot.right.state).toEqual(fullFold);
          const count = E.isRight(events) ? events.right.length : 0;
          // A snapshot exists exactly when the stream has reached n events.
          expect(snapshot === undefined).toBe(count < n);
          if (snapshot !== undefined) expect(snapshot.revision + 1).toBeGreaterThan(count - n);
        },
      ),
      { numRuns: runs },
    );
  });

  it('ignores a snapshot taken by another version of the fold', async () => {
    const store = inMemoryEventStore();
    const snapshots = inMemorySnapshotStore<VisitLog>();
    const handle = commandHandler({
      store,
      registry: visitEvents,
      decider: visitDecider,
      snapshots: { store: snapshots, strategy: everyNEvents(1), version: 2 },
    });
    await handle('h', { kind: 'Book', visitId: 'v1', on: 'x' }, { actor });
    // A stale snapshot from version 1 claims the visit was held; the fold says it is only booked.
    await snapshots.save({
      streamId: 'h',
      revision: 5,
      version: 1,
      state: { visits: { v1: 'held' }, held: 1 },
    });
    const result = await handle('h', { kind: 'Hold', visitId: 'v1' }, { actor });
    expect(E.isRight(result) && result.right.state).toEqual({ visits: { v1: 'held' }, held: 1 });
    expect(E.isRight(result) && result.right.events).toHaveLength(1);
  });

  it('takes a snapshot whenever an append crosses a multiple of n', () => {
    const every3 = everyNEvents(3);
    expect([
      every3('no_stream', 1),
      every3('no_stream', 2),
      every3(1, 2),
      every3(2, 3),
      every3(1, 6),
    ]).toEqual([false, true, true, false, true]);
    expect(() => everyNEvents(0)).toThrow(RangeError);
  });
});
