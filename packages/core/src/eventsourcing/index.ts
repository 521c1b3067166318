export { type AppendOutcome, AppendSignal } from './append-signal.js';
export { type CatchUpSource, catchUpSubscription, type ScannedPage } from './catch-up-subscription.js';
export { type Clock, fixedClock, type ManualClock, manualClock, systemClock } from './clock.js';
export { describeIssue, fieldIssues } from './codec-issues.js';
export { commandCodec, commandCodecWith } from './command-codec.js';
export {
  type CommandError,
  type CommandHandler,
  type CommandHandlerConfig,
  type CommandMetadata,
  type CommandResult,
  commandHandler,
  validateCommand,
} from './command-handler.js';
export { type DecisionsByKind, decideByKind } from './decide-by-kind.js';
export { type Decider, fold } from './decider.js';
export {
  type AggregatedStream,
  aggregateStream,
  decodeAll,
  type Evolver,
  guardStore,
  type ReadError,
  readDecodedStream,
} from './decoded-reads.js';
export {
  type Actor,
  type DomainEvent,
  type EventEnvelope,
  type NewEvent,
  type RecordedEvent,
  type StreamId,
  type StreamRevision,
  streamCategory,
} from './envelope.js';
export {
  allKnown,
  ERASED_TEXT,
  type Erased,
  ErasedC,
  erased,
  isErased,
  type Personal,
  refusedAsErased,
  shownOrErased,
  unlessErased,
} from './erased.js';
export {
  type AppendError,
  type DomainError,
  type EventDecodeError,
  type EventIdConflict,
  type FieldIssue,
  type InvalidCommand,
  invalidCommand,
  type RuleRef,
  type RuleViolation,
  retriableReasons,
  ruleViolation,
  StoreFailure,
  type StoreFailureReason,
  type StoreUnavailable,
  type SubjectErased,
  storeUnavailable,
  subjectErased,
  type WrongExpectedRevision,
} from './errors.js';
export { type EventFilter, matchesFilter } from './event-filter.js';
export { type EncodedEvent, type EventRegistry, eventRegistry, mergeRegistries } from './event-registry.js';
export type {
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StreamWrite,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from './event-store.js';
export {
  type AnyEventType,
  type EventDataFailure,
  type EventOf,
  type EventType,
  eventType,
} from './event-type.js';
export {
  checkExpectedRevision,
  type ExpectedRevision,
  expectedRevisionOf,
  noStream,
  type StreamState,
  streamAt,
  wrongExpectedRevision,
} from './expected-revision.js';
export { type AppendClassification, classifyAppend } from './idempotency.js';
export { newCorrelationId, newEventId } from './ids.js';
export { type InMemoryEventStoreOptions, inMemoryEventStore } from './in-memory-event-store.js';
export { type InMemoryOutbox, inMemoryOutbox } from './in-memory-outbox.js';
export type { JsonObject, JsonValue } from './json.js';
export { NonBlankString } from './non-blank-string.js';
export {
  type ClaimOptions,
  checkClaimOptions,
  checkOutboxMessage,
  type Outbox,
  type OutboxDerivation,
  type OutboxEntry,
  type OutboxLease,
  type OutboxListOptions,
  type OutboxMessage,
  type OutboxOutcome,
  type OutboxStatus,
  type SettleResult,
} from './outbox.js';
export { ownValue } from './own-value.js';
export {
  type PersonalDataOptions,
  PersonalDataType,
  type PersonalField,
  personalData,
  personalFields,
} from './personal-data.js';
export {
  comparePositions,
  decodePosition,
  encodePosition,
  type GlobalPosition,
  isAfterPosition,
} from './position.js';
export {
  inMemoryCheckpointStore,
  type Projection,
  type ProjectionCheckpoint,
  type ProjectionCheckpointStore,
  project,
  projectionFilter,
  recordsByStream,
} from './projection.js';
export {
  type LiveProjection,
  type ProjectionRunner,
  type ProjectionRunnerConfig,
  projectionRunner,
} from './projection-runner.js';
export {
  everyNEvents,
  inMemorySnapshotStore,
  type Snapshot,
  type SnapshotPolicy,
  type SnapshotStore,
  type SnapshotStrategy,
} from './snapshots.js';
export { eventStamper } from './stamp.js';
export { type CachedState, type StateCache, stateCache } from './state-cache.js';
export { unknownField } from './unknown-fields.js';
