import { inMemoryEventStore } from '@fostering/core';
import { describeAgencyFuzzing } from './__fixtures__/agency-fuzz-suite.js';

// Every area's command entry point, fuzzed on the in-memory store, which keeps any string JSON can carry.
describeAgencyFuzzing('in-memory store', async () => inMemoryEventStore(), { nul: 'stored' });
