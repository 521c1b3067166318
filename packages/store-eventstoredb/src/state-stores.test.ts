import { EventStoreDBClient } from '@eventstore/db-client';
import { StoreFailure } from '@fostering/core';
import { collect } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import {
  deadConnectionString,
  freshCategory,
  ledgerEvent,
  useEmulatorClient,
} from './__fixtures__/emulator.js';
import { eventStoreDbEventStore } from './eventstoredb-event-store.js';
import { eventStoreDbCheckpointStore, eventStoreDbSnapshotStore } from './state-stores.js';

// Against the emulator (see emulator.contract.test.ts): these are emulator results, not a real server's.
const client = useEmulatorClient();

interface Occupancy {
  readonly children: ReadonlyArray<string>;
}

describe('snapshots in their own system streams', () => {
  it('loads nothing until a snapshot is saved, then the latest one', async () => {
    const snapshots = eventStoreDbSnapshotStore<Occupancy>(client());
    const streamId = `${freshCategory()}-1`;
    expect(await snapshots.load(streamId)).toBeUndefined();
    await snapshots.save({ streamId, revision: 4, version: 1, state: { children: ['c1'] } });
    await snapshots.save({ streamId, revision: 9, version: 1, state: { children: ['c1', 'c2'] } });
    expect(await snapshots.load(streamId)).toEqual({
      streamId,
      revision: 9,
      version: 1,
      state: { children: ['c1', 'c2'] },
    });
  });

  it('never lets an older snapshot of the same version replace a newer one; another version replaces it', async () => {
    const snapshots = eventStoreDbSnapshotStore<Occupancy>(client());
    const streamId = `${freshCategory()}-1`;
    await snapshots.save({ streamId, revision: 9, version: 1, state: { children: ['new'] } });
    await snapshots.save({ streamId, revision: 4, version: 1, state: { children: ['old'] } });
    expect((await snapshots.load(streamId))?.state).toEqual({ children: ['new'] });
    await snapshots.save({ streamId, revision: 2, version: 2, state: { children: ['refolded'] } });
    expect(await snapshots.load(streamId)).toMatchObject({ revision: 2, version: 2 });
  });

  it('keeps the newest when several savers race', async () => {
    const streamId = `${freshCategory()}-1`;
    const savers = [1, 2, 3, 4].map(() => eventStoreDbSnapshotStore<Occupancy>(client()));
    await Promise.all(
      [3, 8, 5, 7].map((revision, i) =>
        savers[i]?.save({ streamId, revision, version: 1, state: { children: [`r${revision}`] } }),
      ),
    );
    expect(await savers[0]?.load(streamId)).toMatchObject({ revision: 8 });
  });

  it('keeps only the latest event ($maxCount 1) and stays out of the event store reads', async () => {
    const snapshots = eventStoreDbSnapshotStore<Occupancy>(client());
    const category = freshCategory();
    const streamId = `${category}-1`;
    const store = eventStoreDbEventStore(client());
    await store.append(streamId, [ledgerEvent(1)], { expectedRevision: 'no_stream' });
    await snapshots.save({ streamId, revision: 0, version: 1, state: { children: [] } });
    await snapshots.save({ streamId, revision: 1, version: 1, state: { children: ['c'] } });
    const metadata = await client().getStreamMetadata(`$fostering-snapshot-${streamId}`);
    expect(metadata.metadata?.maxCount).toBe(1);
    expect(await collect(client().readStream(`$fostering-snapshot-${streamId}`))).toHaveLength(1);
    const everything = await collect(
      store.readAll({ filter: { streamPrefixes: ['$fostering', `${category}-`] } }),
    );
    expect(everything.map((e) => e.streamId)).toEqual([streamId]);
    await store.close();
  });

  it('insists on a system-stream prefix, and fails as a StoreFailure when the server is gone', async () => {
    expect(() => eventStoreDbSnapshotStore(client(), { streamPrefix: 'snapshot-' })).toThrow(TypeError);
    const dead = EventStoreDBClient.connectionString(await deadConnectionString());
    const error = await eventStoreDbSnapshotStore(dead)
      .load('x-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFailure);
    expect((error as StoreFailure).error).toMatchObject({ reason: 'connection', retriable: true });
    await dead.dispose();
  }, 20_000);
});

describe('projection checkpoints in their own system streams', () => {
  it('round-trips position and state, including no position yet', async () => {
    const checkpoints = eventStoreDbCheckpointStore<{ readonly count: number }>(client());
    const name = `${freshCategory()}-register`;
    expect(await checkpoints.load(name)).toBeUndefined();
    await checkpoints.save(name, { position: undefined, state: { count: 0 } });
    expect(await checkpoints.load(name)).toEqual({ position: undefined, state: { count: 0 } });
    const store = eventStoreDbEventStore(client());
    const streamId = `${freshCategory()}-1`;
    const appended = await store.append(streamId, [ledgerEvent(1)], { expectedRevision: 'no_stream' });
    const position = appended._tag === 'Right' ? appended.right.events[0]?.globalPosition : undefined;
    await checkpoints.save(name, { position, state: { count: 1 } });
    expect(await eventStoreDbCheckpointStore(client()).load(name)).toEqual({ position, state: { count: 1 } });
    expect((await client().getStreamMetadata(`$fostering-checkpoint-${name}`)).metadata?.maxCount).toBe(1);
    await store.close();
  });
});
