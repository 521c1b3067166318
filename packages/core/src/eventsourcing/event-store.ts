import type * as E from 'fp-ts/lib/Either.js';
import type { NewEvent, RecordedEvent, StreamId, StreamRevision } from './envelope.js';
import type { AppendError } from './errors.js';
import type { EventFilter } from './event-filter.js';
import type { ExpectedRevision, StreamState } from './expected-revision.js';
import type { GlobalPosition } from './position.js';

export interface AppendResult {
  readonly streamId: StreamId;
  /** The revision to expect on the next append: the stream's last revision, or `no_stream` if still empty. */
  readonly nextExpectedRevision: StreamRevision | 'no_stream';
  /** The events as stored, with revision, position and recorded-at; on a replay, the originals. */
  readonly events: ReadonlyArray<RecordedEvent>;
  /** True when every event id was already in the stream in the same order, so nothing was written. */
  readonly replayed: boolean;
}

export interface StreamWrite {
  readonly streamId: StreamId;
  readonly events: ReadonlyArray<NewEvent>;
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive: the first revision returned. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: StreamRevision | 'start' | 'end';
  readonly maxCount?: number;
}

/**
 * Reads of all events start after (forwards) or before (backwards) a position the caller already holds: a
 * position is always that of an event already seen, so positions are exclusive, unlike stream revisions.
 */
export type ReadAllOptions = (
  | { readonly direction?: 'forwards'; readonly after?: GlobalPosition }
  | { readonly direction: 'backwards'; readonly before?: GlobalPosition }
) & {
  readonly maxCount?: number;
  readonly filter?: EventFilter;
};

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Everything stored when the subscription started has been delivered; live events follow. Sent once. */
  | { readonly kind: 'caught-up'; readonly position: GlobalPosition | undefined }
  /** Progress through events the filter left out: safe to store as a checkpoint. */
  | { readonly kind: 'checkpoint'; readonly position: GlobalPosition };

export interface SubscribeToAllOptions {
  /** Resume after this position (a stored checkpoint); from the very start when absent. */
  readonly after?: GlobalPosition;
  readonly filter?: EventFilter;
}

/** A catch-up subscription: history, then live, each event once, in global order, until closed. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  readonly close: () => Promise<void>;
}

/**
 * The event store port. Every adapter meets the contract in docs/event-store-contract.md and proves it by
 * running the conformance suite from `@fostering/testkit`. Expected failures come back as values; reads and
 * subscriptions throw `StoreFailure` when the store itself fails.
 */
export interface EventStore {
  readonly name: string;
  /** Appends atomically: all events or none, at contiguous revisions, if the expected revision holds. */
  readonly append: (
    streamId: StreamId,
    events: ReadonlyArray<NewEvent>,
    options: { readonly expectedRevision: ExpectedRevision },
  ) => Promise<E.Either<AppendError, AppendResult>>;
  /**
   * Appends to several streams in one transaction: every expected revision must hold or nothing is written.
   * Present only where the store can do it atomically; processes fall back to reserve/confirm/compensate.
   */
  readonly appendToStreams?: (
    writes: ReadonlyArray<StreamWrite>,
  ) => Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>>;
  readonly readStream: (streamId: StreamId, options?: ReadStreamOptions) => AsyncIterable<RecordedEvent>;
  readonly readAll: (options?: ReadAllOptions) => AsyncIterable<RecordedEvent>;
  readonly subscribeToAll: (options?: SubscribeToAllOptions) => Subscription;
  readonly streamState: (streamId: StreamId) => Promise<StreamState>;
  /** Releases connections and ends open subscriptions. */
  readonly close: () => Promise<void>;
}
