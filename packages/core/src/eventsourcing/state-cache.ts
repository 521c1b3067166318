import type { StreamId, StreamRevision } from './envelope.js';

/**
 * A command handler's memory of the streams it wrote last: each stream's folded state at a revision, so the next
 * command on it reads and folds only what was appended since (usually nothing), instead of the whole stream.
 * This is equinox's cache, in one process. An entry is only ever the state the handler itself computed for that
 * revision, so a stale one costs a longer read, never a wrong decision; a write conflict drops the entry.
 *
 * States must be treated as values: deciders' `evolve` returns new states (as every decider here does), and a
 * caller must not mutate the `state` of a command's result, which the cache shares.
 */
export interface StateCache<State> {
  readonly get: (streamId: StreamId) => CachedState<State> | undefined;
  readonly set: (streamId: StreamId, entry: CachedState<State>) => void;
  readonly delete: (streamId: StreamId) => void;
  readonly size: () => number;
}

export interface CachedState<State> {
  readonly revision: StreamRevision;
  readonly state: State;
}

/**
 * Keeps the `maxStreams` streams used most recently (default 10,000): a Map's insertion order is its recency
 * order when every use re-inserts the entry.
 */
export const stateCache = <State>(options: { readonly maxStreams?: number } = {}): StateCache<State> => {
  const maxStreams = options.maxStreams ?? 10_000;
  if (!Number.isInteger(maxStreams) || maxStreams < 1)
    throw new RangeError(`stateCache needs a positive whole maxStreams, got ${maxStreams}`);
  const entries = new Map<StreamId, CachedState<State>>();
  return {
    get: (streamId) => {
      const entry = entries.get(streamId);
      if (entry !== undefined) {
        entries.delete(streamId);
        entries.set(streamId, entry);
      }
      return entry;
    },
    set: (streamId, entry) => {
      // Concurrent commands may finish out of order: never let an older state replace a newer one.
      const existing = entries.get(streamId);
      if (existing !== undefined && existing.revision > entry.revision) return;
      entries.delete(streamId);
      entries.set(streamId, entry);
      if (entries.size > maxStreams) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
    delete: (streamId) => {
      entries.delete(streamId);
    },
    size: () => entries.size,
  };
};
