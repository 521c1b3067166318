import * as E from 'fp-ts/lib/Either.js';
import type { OutboxDerivation } from '../eventsourcing/index.js';
import {
  type Clock,
  type EventStore,
  type GlobalPosition,
  guardStore,
  type Outbox,
  type ProjectionCheckpointStore,
  type ReadError,
  type RecordedEvent,
  type StoreUnavailable,
  systemClock,
} from '../eventsourcing/index.js';

/**
 * For stores without a transactional outbox: reads the log after a stored checkpoint, derives messages, adds them
 * to the outbox, then moves the checkpoint. A crash between the add and the checkpoint re-derives the same
 * messages, whose ids the outbox already has: nothing is lost and nothing is raised twice.
 */
export const outboxRelay = (config: {
  readonly name: string;
  readonly store: EventStore;
  readonly outbox: Outbox;
  readonly derive: OutboxDerivation;
  readonly checkpoints: ProjectionCheckpointStore<null>;
  readonly clock?: Clock;
  readonly batchSize?: number;
}) => {
  const clock = config.clock ?? systemClock;
  const batchSize = config.batchSize ?? 500;
  const relayOnce = async (): Promise<
    E.Either<ReadError | StoreUnavailable, { readonly relayed: number }>
  > => {
    const read = await guardStore(async () => {
      const after = (await config.checkpoints.load(config.name))?.position;
      const events: RecordedEvent[] = [];
      for await (const event of config.store.readAll(
        after === undefined ? { maxCount: batchSize } : { after, maxCount: batchSize },
      )) {
        events.push(event);
      }
      return events;
    });
    if (E.isLeft(read)) return read;
    const last = read.right[read.right.length - 1];
    if (last === undefined) return E.right({ relayed: 0 });
    const added = await config.outbox.add(config.derive(read.right), clock.now());
    if (E.isLeft(added)) return added;
    const saved = await guardStore(() =>
      config.checkpoints.save(config.name, { position: last.globalPosition as GlobalPosition, state: null }),
    );
    return E.map(() => ({ relayed: read.right.length }))(saved);
  };
  return { relayOnce };
};
