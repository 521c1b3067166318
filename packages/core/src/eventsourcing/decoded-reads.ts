import * as E from 'fp-ts/lib/Either.js';
import type { DomainEvent, EventEnvelope, RecordedEvent, StreamId, StreamRevision } from './envelope.js';
import { type EventDecodeError, StoreFailure, type StoreUnavailable } from './errors.js';
import type { EventRegistry } from './event-registry.js';
import type { EventStore, ReadStreamOptions } from './event-store.js';
import { noStream, type StreamState, streamAt } from './expected-revision.js';

export type ReadError = EventDecodeError | StoreUnavailable;

/** Runs a store operation, turning a `StoreFailure` thrown by an adapter back into a value. */
export const guardStore = async <A>(operation: () => Promise<A>): Promise<E.Either<StoreUnavailable, A>> => {
  try {
    return E.right(await operation());
  } catch (error) {
    if (error instanceof StoreFailure) return E.left(error.error);
    throw error;
  }
};

/** Decodes every event of a read, stopping at the first that cannot be decoded. */
export const decodeAll = async <E extends DomainEvent>(
  registry: EventRegistry<E>,
  events: AsyncIterable<RecordedEvent>,
): Promise<E.Either<ReadError, ReadonlyArray<EventEnvelope<E>>>> => {
  const decoded: EventEnvelope<E>[] = [];
  const outcome = await guardStore(async () => {
    for await (const event of events) {
      const envelope = registry.decode(event);
      if (E.isLeft(envelope)) return envelope;
      decoded.push(envelope.right);
    }
    return E.right(decoded);
  });
  return E.flatten(outcome as E.Either<ReadError, E.Either<ReadError, ReadonlyArray<EventEnvelope<E>>>>);
};

/** A stream's events, decoded and upcast to their current schema versions. */
export const readDecodedStream = <E extends DomainEvent>(
  store: EventStore,
  registry: EventRegistry<E>,
  streamId: StreamId,
  options?: ReadStreamOptions,
): Promise<E.Either<ReadError, ReadonlyArray<EventEnvelope<E>>>> =>
  decodeAll(registry, store.readStream(streamId, options));

export interface Evolver<State, Event> {
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

export interface AggregatedStream<State> {
  readonly state: State;
  readonly streamState: StreamState;
}

/**
 * Folds a stream into its current state, optionally starting from a known state at a revision (a snapshot),
 * reading only the events after it. Events are folded as they arrive, never held all at once.
 */
export const aggregateStream = async <State, E extends DomainEvent>(
  store: EventStore,
  registry: EventRegistry<E>,
  evolver: Evolver<State, E>,
  streamId: StreamId,
  from?: { readonly state: State; readonly revision: StreamRevision },
): Promise<E.Either<ReadError, AggregatedStream<State>>> => {
  const outcome = await guardStore(async (): Promise<E.Either<ReadError, AggregatedStream<State>>> => {
    let state = from?.state ?? evolver.initialState;
    let streamState = from === undefined ? noStream : streamAt(from.revision);
    const events = store.readStream(streamId, {
      fromRevision: from === undefined ? 'start' : from.revision + 1,
    });
    for await (const event of events) {
      const envelope = registry.decode(event);
      if (E.isLeft(envelope)) return envelope;
      state = evolver.evolve(state, { type: envelope.right.type, data: envelope.right.data } as E);
      streamState = streamAt(event.streamRevision);
    }
    return E.right({ state, streamState });
  });
  return E.flatten(outcome);
};
