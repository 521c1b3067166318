import { EventStoreDBClient } from '@eventstore/db-client';
import { type EventStore, matchesFilter } from '@fostering/core';
import { appendEvents } from './append.js';
import type { StoreContext } from './context.js';
import { readAll, readStream, streamState } from './reads.js';
import { StreamIndex } from './stream-index.js';
import { subscribeToAll } from './subscription.js';

export interface EventStoreDbEventStoreOptions {
  /** The store's name in errors; defaults to `eventstoredb`. */
  readonly name?: string;
  /** Events per request when reading all events and catching up subscriptions; default 500. */
  readonly pageSize?: number;
  /** How often an idle subscription re-reads in case a wake-up was lost; default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Streams whose event ids are remembered between appends (least recently used first out); default 1000. */
  readonly idIndexStreams?: number;
  /** Re-reads allowed when other writers keep moving a stream during one append; default 10. */
  readonly maxAppendAttempts?: number;
  /** Dispose the client when the store is closed; default false (the caller owns the client). */
  readonly disposeClient?: boolean;
}

/**
 * The event store port over an EventStoreDB client. EventStoreDB has no transaction spanning streams, so
 * `appendToStreams` is absent: processes that touch several streams use reserve, confirm and compensate.
 */
export const eventStoreDbEventStore = (
  client: EventStoreDBClient,
  options: EventStoreDbEventStoreOptions = {},
): EventStore => {
  const name = options.name ?? 'eventstoredb';
  let closed = false;
  const context: StoreContext = {
    name,
    client,
    isClosed: () => closed,
    pageSize: options.pageSize ?? 500,
  };
  const appending = {
    ...context,
    index: new StreamIndex(options.idIndexStreams ?? 1_000),
    maxAttempts: options.maxAppendAttempts ?? 10,
  };
  const subscriptions = new Set<() => Promise<void>>();
  const register = (stop: () => Promise<void>) => {
    subscriptions.add(stop);
    return () => {
      subscriptions.delete(stop);
    };
  };
  return {
    name,
    append: (streamId, events, { expectedRevision }) =>
      appendEvents(appending, streamId, events, expectedRevision),
    readStream: (streamId, readOptions) => readStream(context, streamId, readOptions),
    readAll: (readOptions = {}) => readAll(context, readOptions, matchesFilter(readOptions.filter)),
    subscribeToAll: (subscribeOptions = {}) =>
      subscribeToAll(
        context,
        { pollIntervalMs: options.pollIntervalMs ?? 1_000 },
        subscribeOptions,
        register,
      ),
    streamState: (streamId) => streamState(context, streamId),
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((stop) => stop()));
      subscriptions.clear();
      if (options.disposeClient === true) await client.dispose();
    },
  };
};

/**
 * Opens a store on a connection string (`esdb://host:2113?tls=false`, or `esdb+discover://` for a cluster);
 * the store owns the client and disposes it on close.
 */
export const connectEventStoreDb = (
  connectionString: string,
  options: Omit<EventStoreDbEventStoreOptions, 'disposeClient'> = {},
): EventStore =>
  eventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), {
    ...options,
    disposeClient: true,
  });
