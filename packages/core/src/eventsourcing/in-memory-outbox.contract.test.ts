import { describeOutboxContract } from '@fostering/testkit';
import { inMemoryEventStore } from './in-memory-event-store.js';
import { inMemoryOutbox } from './in-memory-outbox.js';

describeOutboxContract('in-memory', (derive) => {
  const outbox = inMemoryOutbox();
  return {
    store: inMemoryEventStore({ outbox: { derive, into: outbox } }),
    outbox,
    close: async () => outbox.close(),
  };
});
