import { inMemoryEventStore } from '@fostering/core';
import { describeEventStoreContract } from './index.js';

describeEventStoreContract('in-memory', () => inMemoryEventStore());
