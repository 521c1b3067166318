import { describe } from 'vitest';
import type { MakeOutboxSetup } from './fixtures.js';
import { leaseCases } from './lease.cases.js';
import { modelProperty } from './model.property.js';
import { transactionCases } from './transaction.cases.js';

export interface OutboxContractOptions {
  /** Generated histories for the model property; defaults to FOSTERING_PROPERTY_RUNS or 100. */
  readonly numRuns?: number;
}

/**
 * The outbox conformance suite, for every store with a transactional outbox: messages derived in an append
 * live and die with its events, leases keep dispatchers apart, nothing is lost. `make` receives the
 * derivation the suite needs the store to run; each test keeps to topics of its own.
 */
export const describeOutboxContract = (
  name: string,
  make: MakeOutboxSetup,
  options: OutboxContractOptions = {},
): void => {
  describe(`outbox contract: ${name}`, () => {
    transactionCases(make);
    leaseCases(make);
    modelProperty(make, options.numRuns);
  });
};

export type { MakeOutboxSetup, OutboxSetup } from './fixtures.js';
