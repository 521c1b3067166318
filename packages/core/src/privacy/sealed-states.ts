import * as E from 'fp-ts/lib/Either.js';
import { type Clock, systemClock } from '../eventsourcing/clock.js';
import { StoreFailure, type StoreUnavailable, storeUnavailable } from '../eventsourcing/errors.js';
import type { JsonValue } from '../eventsourcing/json.js';
import type { ProjectionCheckpointStore } from '../eventsourcing/projection.js';
import type { SnapshotStore } from '../eventsourcing/snapshots.js';
import { isSealed, open, type SealedValue, seal } from './field-cipher.js';
import type { SubjectKeyStore } from './key-store.js';
import type { SubjectKey } from './subject-key.js';

/**
 * Derived states (projection checkpoints, decider snapshots) hold personal values already opened, mixed from
 * many subjects, so they cannot be sealed per subject. They are sealed whole under the key of an **epoch**
 * (`derived-states@<n>`), and every erasure destroys the current epoch's key: each state saved before an erasure
 * then reads as absent, and is rebuilt from the log, where the erased subject's values read as erased. Every
 * copy of an older state (a dump, a backup) is ciphertext under a destroyed key.
 */
const epochSubject = (epoch: number) => `derived-states@${epoch}`;

// Where each key store's epoch was last found, so that the epochs already ended are passed over once per process.
const epochHints = new WeakMap<SubjectKeyStore, number>();

const fail = (message: string) =>
  new StoreFailure(
    storeUnavailable('sealed-states', message, { reason: 'data', code: 'derived-state-unopenable' }),
  );

/** The current epoch's key: the first epoch whose key was not destroyed by an erasure. */
const currentEpochKey = async (
  keys: SubjectKeyStore,
  now: Date,
): Promise<E.Either<StoreUnavailable, SubjectKey>> => {
  for (let epoch = epochHints.get(keys) ?? 0; ; epoch += 1) {
    const key = await keys.currentKey(epochSubject(epoch), now);
    if (E.isRight(key)) {
      epochHints.set(keys, epoch);
      return key;
    }
    if (key.left._tag !== 'SubjectErased') return E.left(key.left);
  }
};

/**
 * Ends the current epoch of derived states: every erasure calls it after the subjects' own keys are gone, so
 * that no checkpoint or snapshot taken before it opens again.
 */
export const endDerivedStatesEpoch = async (
  keys: SubjectKeyStore,
  now: Date,
): Promise<E.Either<StoreUnavailable, { readonly erasedAt: Date }>> => {
  const key = await currentEpochKey(keys, now);
  return E.isLeft(key) ? key : keys.destroy(key.right.subjectId, now);
};

const sealState = async (keys: SubjectKeyStore, now: Date, state: unknown, context: string) => {
  const key = await currentEpochKey(keys, now);
  if (E.isLeft(key)) throw new StoreFailure(key.left);
  return seal(key.right, state as JsonValue, context);
};

/** The state sealed in `stored`, or undefined when it was sealed in an epoch an erasure ended (or never sealed). */
const openState = async <State>(
  keys: SubjectKeyStore,
  stored: unknown,
  context: string,
): Promise<State | undefined> => {
  // A state written before sealing was turned on is not trusted: it is rebuilt, and overwritten sealed.
  if (!isSealed(stored)) return undefined;
  const lookup = await keys.findKey(stored.subject, stored.key);
  if (E.isLeft(lookup)) throw new StoreFailure(lookup.left);
  if (lookup.right.found !== 'key') return undefined;
  const opened = open(lookup.right.key, stored, context);
  if (E.isLeft(opened)) throw fail(`a derived state (${context}) was altered or moved: it cannot be opened`);
  return opened.right as State;
};

export interface SealedStatesOptions {
  readonly keys: SubjectKeyStore;
  readonly clock?: Clock;
}

/** A checkpoint store whose states are sealed whole; a checkpoint from before an erasure loads as absent. */
export const sealedCheckpointStore = <State>(
  inner: ProjectionCheckpointStore<SealedValue>,
  options: SealedStatesOptions,
): ProjectionCheckpointStore<State> => {
  const clock = options.clock ?? systemClock;
  const context = (name: string, position: string | undefined) =>
    JSON.stringify(['checkpoint', name, position ?? null]);
  return {
    load: async (name) => {
      const checkpoint = await inner.load(name);
      if (checkpoint === undefined) return undefined;
      const state = await openState<State>(
        options.keys,
        checkpoint.state,
        context(name, checkpoint.position),
      );
      return state === undefined ? undefined : { position: checkpoint.position, state };
    },
    save: async (name, checkpoint) => {
      const sealed = await sealState(
        options.keys,
        clock.now(),
        checkpoint.state,
        context(name, checkpoint.position),
      );
      await inner.save(name, { position: checkpoint.position, state: sealed });
    },
  };
};

/** A snapshot store whose states are sealed whole; a snapshot from before an erasure loads as absent. */
export const sealedSnapshotStore = <State>(
  inner: SnapshotStore<SealedValue>,
  options: SealedStatesOptions,
): SnapshotStore<State> => {
  const clock = options.clock ?? systemClock;
  const context = (streamId: string, revision: number, version: number) =>
    JSON.stringify(['snapshot', streamId, revision, version]);
  return {
    load: async (streamId) => {
      const snapshot = await inner.load(streamId);
      if (snapshot === undefined) return undefined;
      const { revision, version } = snapshot;
      const state = await openState<State>(
        options.keys,
        snapshot.state,
        context(streamId, revision, version),
      );
      return state === undefined ? undefined : { streamId, revision, version, state };
    },
    save: async (snapshot) => {
      const { streamId, revision, version } = snapshot;
      const sealed = await sealState(
        options.keys,
        clock.now(),
        snapshot.state,
        context(streamId, revision, version),
      );
      await inner.save({ streamId, revision, version, state: sealed });
    },
  };
};
