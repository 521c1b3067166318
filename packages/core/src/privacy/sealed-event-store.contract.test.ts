import { describeEventStoreContract } from '@fostering/testkit';
import { inMemoryEventStore } from '../eventsourcing/in-memory-event-store.js';
import { inMemoryKeyStore } from './key-store.js';
import { sealedEventStore } from './sealed-event-store.js';

// The contract's events carry no personal data: this shows the sealing layer keeps every promise of the store.
describeEventStoreContract('sealed, over in-memory', () =>
  sealedEventStore(inMemoryEventStore(), { keys: inMemoryKeyStore(), personalFields: () => [] }),
);
