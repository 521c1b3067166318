import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate } from '../calendar/local-date.js';
import { StoreFailure } from '../eventsourcing/errors.js';
import { inMemoryEventStore } from '../eventsourcing/in-memory-event-store.js';
import type { GlobalPosition } from '../eventsourcing/position.js';
import { inMemoryCheckpointStore, type ProjectionCheckpoint } from '../eventsourcing/projection.js';
import type { Snapshot, SnapshotStore } from '../eventsourcing/snapshots.js';
import { eraseSubject } from './erasure.js';
import type { SealedValue } from './field-cipher.js';
import { inMemoryKeyStore } from './key-store.js';
import { endDerivedStatesEpoch, sealedCheckpointStore, sealedSnapshotStore } from './sealed-states.js';

const state = { children: { c1: { name: 'Amara Okafor', languages: ['Igbo'] } } };
const position = '00000000000000000042' as GlobalPosition;
const now = new Date('2090-01-01T09:00:00Z');

const setup = () => {
  const keys = inMemoryKeyStore();
  const inner = inMemoryCheckpointStore<SealedValue>();
  return { keys, inner, checkpoints: sealedCheckpointStore<typeof state>(inner, { keys }) };
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: unknown) => (error instanceof StoreFailure ? error.error.code : String(error)),
  );

describe('sealed checkpoints', () => {
  it('keeps only ciphertext in the inner store and loads the state back', async () => {
    const { inner, checkpoints } = setup();
    await checkpoints.save('agency.records', { position, state });
    const stored = await inner.load('agency.records');
    expect(stored?.position).toBe(position);
    expect(JSON.stringify(stored)).not.toContain('Amara');
    expect(JSON.stringify(stored)).not.toContain('Igbo');
    expect(await checkpoints.load('agency.records')).toEqual({ position, state });
    expect(await checkpoints.load('another')).toBeUndefined();
  });

  it('loads a checkpoint from before an erasure as absent, so it is rebuilt; later ones load', async () => {
    const { keys, checkpoints } = setup();
    await checkpoints.save('agency.records', { position, state });
    const erased = await eraseSubject({
      store: inMemoryEventStore(),
      keys,
      record: { kind: 'child', subjectId: 'c1', dateOfBirth: unsafeLocalDate('2010-01-01') },
      on: unsafeLocalDate('2090-01-01'),
      now,
      actor: { id: 'dpo-1', role: 'data-protection-officer' },
    });
    expect(E.isRight(erased)).toBe(true);
    expect(await checkpoints.load('agency.records')).toBeUndefined();

    const rebuilt = { children: { c1: { name: 'erased' as const, languages: [] } } };
    await checkpoints.save('agency.records', { position, state: rebuilt as never });
    expect(await checkpoints.load('agency.records')).toEqual({ position, state: rebuilt });
    // Each erasure ends the epoch it finds, however many came before.
    expect(E.isRight(await endDerivedStatesEpoch(keys, now))).toBe(true);
    expect(await checkpoints.load('agency.records')).toBeUndefined();
  });

  it('reports a state altered or moved to another checkpoint or position, and rebuilds one never sealed', async () => {
    const { inner, checkpoints } = setup();
    await checkpoints.save('a', { position, state });
    const stored = (await inner.load('a')) as ProjectionCheckpoint<SealedValue>;
    const flipped = stored.state.data.startsWith('A')
      ? `B${stored.state.data.slice(1)}`
      : `A${stored.state.data.slice(1)}`;
    await inner.save('a', { position, state: { ...stored.state, data: flipped } });
    expect(await failure(checkpoints.load('a'))).toBe('derived-state-unopenable');
    await inner.save('b', stored);
    expect(await failure(checkpoints.load('b'))).toBe('derived-state-unopenable');
    await inner.save('a', { position: '00000000000000000043' as GlobalPosition, state: stored.state });
    expect(await failure(checkpoints.load('a'))).toBe('derived-state-unopenable');
    await inner.save('plain', { position, state: state as never });
    expect(await checkpoints.load('plain')).toBeUndefined();
  });
});

describe('sealed snapshots', () => {
  it('seal the state whole, bound to its stream, revision and version, and end with the epoch', async () => {
    const keys = inMemoryKeyStore();
    const held = new Map<string, Snapshot<SealedValue>>();
    const inner: SnapshotStore<SealedValue> = {
      load: async (streamId) => held.get(streamId),
      save: async (snapshot) => {
        held.set(snapshot.streamId, snapshot);
      },
    };
    const snapshots = sealedSnapshotStore<typeof state>(inner, { keys });
    const snapshot = { streamId: 'child-c1', revision: 9, version: 2, state };
    await snapshots.save(snapshot);
    expect(JSON.stringify([...held.values()])).not.toContain('Amara');
    expect(await snapshots.load('child-c1')).toEqual(snapshot);
    const stored = held.get('child-c1') as Snapshot<SealedValue>;
    held.set('child-c1', { ...stored, revision: 10 });
    expect(await failure(snapshots.load('child-c1'))).toBe('derived-state-unopenable');
    held.set('child-c1', stored);
    expect(E.isRight(await endDerivedStatesEpoch(keys, now))).toBe(true);
    expect(await snapshots.load('child-c1')).toBeUndefined();
  });
});
