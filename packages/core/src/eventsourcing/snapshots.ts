import type { StreamId, StreamRevision } from './envelope.js';

/** A stream's folded state at a revision, tagged with the version of the fold that produced it. */
export interface Snapshot<State> {
  readonly streamId: StreamId;
  readonly revision: StreamRevision;
  readonly state: State;
  /**
   * Bump it whenever `evolve` or the state's shape changes: a snapshot of another version is ignored and the
   * stream is folded from the start, so a snapshot can never disagree with the full fold.
   */
  readonly version: number;
}

export interface SnapshotStore<State> {
  readonly load: (streamId: StreamId) => Promise<Snapshot<State> | undefined>;
  readonly save: (snapshot: Snapshot<State>) => Promise<void>;
}

/** Decides after an append whether to take a snapshot, from the revisions before and after it. */
export type SnapshotStrategy = (before: StreamRevision | 'no_stream', after: StreamRevision) => boolean;

/** Snapshot whenever an append crosses a multiple of `n` events in the stream. */
export const everyNEvents = (n: number): SnapshotStrategy => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`everyNEvents needs a positive integer, got ${n}`);
  return (before, after) =>
    Math.floor((after + 1) / n) > Math.floor((before === 'no_stream' ? 0 : before + 1) / n);
};

export interface SnapshotPolicy<State> {
  readonly store: SnapshotStore<State>;
  readonly strategy: SnapshotStrategy;
  readonly version: number;
}

/**
 * Keeps snapshots in memory. States are copied in and out with structuredClone so that a caller mutating a
 * state it was given cannot change a stored snapshot; states must therefore be structured-cloneable data.
 */
export const inMemorySnapshotStore = <State>(): SnapshotStore<State> & { readonly size: () => number } => {
  const snapshots = new Map<StreamId, Snapshot<State>>();
  return {
    load: async (streamId) => {
      const snapshot = snapshots.get(streamId);
      return snapshot === undefined ? undefined : structuredClone(snapshot);
    },
    save: async (snapshot) => {
      // Concurrent handlers may finish out of order; never let an older snapshot replace a newer one.
      const existing = snapshots.get(snapshot.streamId);
      if (
        existing !== undefined &&
        existing.version === snapshot.version &&
        existing.revision >= snapshot.revision
      ) {
        return;
      }
      snapshots.set(snapshot.streamId, structuredClone(snapshot));
    },
    size: () => snapshots.size,
  };
};
