import type { EventStoreDBClient } from '@eventstore/db-client';
import { StoreFailure, type StoreUnavailable, storeUnavailable } from '@fostering/core';
import { UnreadableEvent } from './event-mapping.js';
import { esdbFailure } from './failures.js';

/** What the parts of the adapter share: the client, the store's name, and whether it has been closed. */
export interface StoreContext {
  readonly name: string;
  readonly client: EventStoreDBClient;
  readonly isClosed: () => boolean;
  /** Events read per request when reading all events or catching up a subscription. */
  readonly pageSize: number;
}

export const closedFailure = (name: string): StoreUnavailable =>
  storeUnavailable(name, `store '${name}' is closed`, { reason: 'closed' });

/** Any error met while talking to the server, as the typed failure the port promises. */
export const failureOf = (context: StoreContext, error: unknown): StoreUnavailable => {
  if (error instanceof StoreFailure) return error.error;
  if (error instanceof UnreadableEvent) {
    return storeUnavailable(context.name, `${context.name} store: ${error.message}`, {
      reason: 'data',
      code: 'not-a-ledger-event',
      cause: error,
    });
  }
  // Calls cut short by our own close are reported as such, not as a lost connection.
  if (context.isClosed()) return { ...closedFailure(context.name), cause: error };
  return esdbFailure(context.name, error);
};

export const storeFailureOf = (context: StoreContext, error: unknown): StoreFailure =>
  error instanceof StoreFailure ? error : new StoreFailure(failureOf(context, error));
