export { collect } from './event-store-contract/fixtures.js';
export {
  describeEventStoreContract,
  type EventStoreContractOptions,
  type MakeStore,
  propertyRuns,
} from './event-store-contract/index.js';
export { readInBackground } from './event-store-contract/subscription-reader.js';
export * from './fuzz/index.js';
export * from './invariants/index.js';
export {
  describeKeyStoreContract,
  type KeyStoreContractOptions,
  type MakeKeyStore,
} from './key-store-contract/index.js';
export {
  describeOutboxContract,
  type MakeOutboxSetup,
  type OutboxContractOptions,
  type OutboxSetup,
} from './outbox-contract/index.js';
export {
  type DeciderSpecification,
  type ExpectedRefusal,
  type GivenStep,
  specify,
  type WhenStep,
} from './specify.js';
