import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type EventStore,
  inMemoryCheckpointStore,
  inMemoryEventStore,
  inMemoryOutbox,
} from '../eventsourcing/index.js';
import {
  actor,
  d,
  seedChild,
  seedHousehold,
  startCommand,
  wideTerms,
} from '../placements/__fixtures__/agency.js';
import { childStreamReader } from '../placements/child-reader.js';
import { placementProcess } from '../placements/process.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { notificationDerivation } from './event-notifications.js';
import { outboxRelay } from './relay.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const routing = defaultAgencyPolicy.notifications;
const derive = notificationDerivation(routing, ['webhook']);

/** One household approved for a single child; a second child placed in an emergency, outside the terms. */
const emergencyOutsideTerms = async (store: EventStore) => {
  await seedHousehold(store, 'h1', { ...wideTerms, maxChildren: 1 });
  await seedChild(store, 'a');
  await seedChild(store, 'b');
  const process = placementProcess({ store, children: childStreamReader });
  right(await process.start(startCommand('p1', 'a', 'h1'), actor));
  right(
    await process.start(
      startCommand('p2', 'b', 'h1', {
        emergency: true,
        placementType: 'emergency',
        startedOn: d('2025-03-07'),
      }),
      actor,
    ),
  );
};

describe('notifications raised by events', () => {
  it('are written with the events in the same append where the store has a transactional outbox', async () => {
    const outbox = inMemoryOutbox();
    const store = inMemoryEventStore({ outbox: { derive, into: outbox } });
    await emergencyOutsideTerms(store);
    const messages = right(await outbox.list({ status: 'pending' }));
    expect(messages.map((m) => m.payload)).toEqual([
      expect.objectContaining({
        kind: 'event',
        rule: { id: 'terms', citation: 'CPPR 23' },
        code: 'placed-outside-terms',
        subject: { householdId: 'h1', childId: 'b', placementId: 'p2' },
        dueOn: '2025-03-17',
        audience: 'supervising-social-worker',
      }),
      expect.objectContaining({ kind: 'event', audience: 'registered-manager' }),
    ]);
    expect(messages.every((m) => m.topic === 'notification.webhook' && m.sourceEventId === undefined)).toBe(
      true,
    );
  });

  it('come from a checkpointed relay otherwise, once each even when the relay runs again from an old checkpoint', async () => {
    const store = inMemoryEventStore();
    await emergencyOutsideTerms(store);
    const outbox = inMemoryOutbox();
    const checkpoints = inMemoryCheckpointStore<null>();
    const relay = outboxRelay({ name: 'notifications', store, outbox, derive, checkpoints, batchSize: 3 });
    let relayed = 0;
    for (
      let batch = right(await relay.relayOnce());
      batch.relayed > 0;
      batch = right(await relay.relayOnce())
    ) {
      relayed += batch.relayed;
    }
    expect(relayed).toBeGreaterThan(3);
    expect(right(await outbox.list({ status: 'pending' }))).toHaveLength(2);
    // A crash after adding but before saving the checkpoint: the relay starts again from the beginning.
    const restarted = outboxRelay({
      name: 'notifications',
      store,
      outbox,
      derive,
      checkpoints: inMemoryCheckpointStore<null>(),
    });
    while (right(await restarted.relayOnce()).relayed > 0);
    expect(right(await outbox.list({ status: 'pending' }))).toHaveLength(2);
  });
});
