/**
 * @fostering/store-eventstoredb: the event store port over EventStoreDB (`@eventstore/db-client`), with snapshot
 * and projection checkpoint stores kept in their own system streams.
 */
export { type LedgerMetadata, metadataOf } from './event-mapping.js';
export {
  connectEventStoreDb,
  type EventStoreDbEventStoreOptions,
  eventStoreDbEventStore,
} from './eventstoredb-event-store.js';
export { esdbFailure, esdbFailureReason } from './failures.js';
export {
  eventStoreDbCheckpointStore,
  eventStoreDbSnapshotStore,
  type StateStoreOptions,
} from './state-stores.js';
