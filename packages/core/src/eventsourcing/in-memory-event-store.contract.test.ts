import { describeEventStoreContract } from '@fostering/testkit';
import { inMemoryEventStore } from './in-memory-event-store.js';

describeEventStoreContract('in-memory', () => inMemoryEventStore());
