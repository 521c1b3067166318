import { describe } from 'vitest';
import { appendCases, multiStreamCases } from './append.cases.js';
import { concurrencyProperty } from './concurrency.property.js';
import { decodingCases } from './decoding.cases.js';
import type { MakeStore } from './fixtures.js';
import { idempotencyCases } from './idempotency.cases.js';
import { readCases } from './reads.cases.js';
import { subscriptionCases } from './subscription.cases.js';

export interface EventStoreContractOptions {
  /** Generated histories for the concurrency property; defaults to FOSTERING_PROPERTY_RUNS or 100. */
  readonly numRuns?: number;
}

/**
 * The event-store conformance suite: every adapter runs it with one call and must pass all of it. `makeStore`
 * is called before each test and the store closed after it; the suite writes to stream categories of its
 * own, so a store shared between tests (a database) still gives exact answers.
 */
export const describeEventStoreContract = (
  name: string,
  makeStore: MakeStore,
  options: EventStoreContractOptions = {},
): void => {
  describe(`event store contract: ${name}`, () => {
    appendCases(makeStore);
    multiStreamCases(makeStore);
    readCases(makeStore);
    idempotencyCases(makeStore);
    decodingCases(makeStore);
    subscriptionCases(makeStore);
    concurrencyProperty(makeStore, options);
  });
};

export { propertyRuns } from './concurrency.property.js';
export type { MakeStore } from './fixtures.js';
