import type * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from './envelope.js';
import type { StoreUnavailable } from './errors.js';
import type { JsonValue } from './json.js';

/**
 * Something to deliver outside the system (a notification, a message to another service), derived from
 * recorded events or raised by a scheduler. The outbox keeps it until a dispatcher reports it delivered.
 */
export interface OutboxMessage {
  /**
   * A stable idempotency key. A message whose id is already in the outbox, in any status, is not added again:
   * deriving the same intent twice (a replayed subscription, a scheduler tick after a restart) stores it once.
   */
  readonly messageId: string;
  /** What kind of message it is; dispatchers claim by topic. */
  readonly topic: string;
  readonly payload: JsonValue;
  /** The event it derives from, for audit. Absent for messages not caused by one event. */
  readonly sourceEventId?: string;
  /** Not to be delivered before this instant; defaults to when the message is added. */
  readonly deliverAfter?: Date;
}

/**
 * Derives outbox messages from the events one append recorded. A store given one writes the messages in the
 * same transaction as the events, so neither can exist without the other. It must be pure and must not throw:
 * a throw is a bug and fails the append.
 */
export type OutboxDerivation = (events: ReadonlyArray<RecordedEvent>) => ReadonlyArray<OutboxMessage>;

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxEntry {
  readonly messageId: string;
  readonly topic: string;
  readonly payload: JsonValue;
  readonly sourceEventId?: string;
  /** Order of arrival in the outbox: claims hand out the oldest due messages first. */
  readonly sequence: number;
  readonly status: OutboxStatus;
  /** Claims so far. A claim counts as an attempt even if its dispatcher died before reporting. */
  readonly attempts: number;
  readonly addedAt: Date;
  /** When the message may next be claimed. */
  readonly availableAt: Date;
  readonly lastError?: string;
  /** When it was delivered or dead-lettered. */
  readonly settledAt?: Date;
}

/**
 * A message handed to one dispatcher until `leasedUntil`. If the dispatcher dies, the lease runs out and another
 * dispatcher claims the message again: delivery is at least once, and receivers de-duplicate by message id.
 */
export interface OutboxLease {
  readonly entry: OutboxEntry;
  readonly leaseId: string;
  readonly leasedUntil: Date;
}

export type OutboxOutcome =
  | { readonly kind: 'delivered' }
  /** Put back, to be claimed again from `at`. */
  | { readonly kind: 'retry'; readonly at: Date; readonly error: string }
  /** Given up: kept in the dead-letter list, from where it can be replayed. */
  | { readonly kind: 'dead'; readonly error: string };

/**
 * `lease-lost`: the lease was replaced by a later claim (it ran out and another dispatcher took the message) or
 * the message was already settled; the report was ignored.
 */
export type SettleResult = 'settled' | 'lease-lost';

export interface ClaimOptions {
  readonly now: Date;
  readonly limit: number;
  readonly leaseMs: number;
  /** Only these topics; all when absent. */
  readonly topics?: ReadonlyArray<string>;
}

export interface OutboxListOptions {
  readonly status: OutboxStatus;
  readonly topics?: ReadonlyArray<string>;
  readonly limit?: number;
}

/**
 * The outbox port: what a dispatcher needs to deliver messages reliably. Times are passed in rather than read
 * from a clock, so that schedules can be tested and replayed; the dispatcher supplies its clock's now.
 */
export interface Outbox {
  readonly name: string;
  /** Adds messages not derived in an append (a scheduler's); returns the ids that were new. */
  readonly add: (
    messages: ReadonlyArray<OutboxMessage>,
    now: Date,
  ) => Promise<E.Either<StoreUnavailable, ReadonlyArray<string>>>;
  /**
   * Leases up to `limit` pending messages that are due at `now` and not leased to anyone else, oldest first,
   * and counts an attempt on each. Two claims never hold the same message at once.
   */
  readonly claim: (options: ClaimOptions) => Promise<E.Either<StoreUnavailable, ReadonlyArray<OutboxLease>>>;
  /** Reports what became of a leased message; only the current lease holder's report counts. */
  readonly settle: (
    lease: OutboxLease,
    outcome: OutboxOutcome,
    now: Date,
  ) => Promise<E.Either<StoreUnavailable, SettleResult>>;
  /** Messages in one status, oldest first: the dead-letter list is `{ status: 'dead' }`. */
  readonly list: (
    options: OutboxListOptions,
  ) => Promise<E.Either<StoreUnavailable, ReadonlyArray<OutboxEntry>>>;
  /** Puts dead letters back as pending with no attempts, due at `now`; returns the ids that were dead. */
  readonly replay: (
    messageIds: ReadonlyArray<string>,
    now: Date,
  ) => Promise<E.Either<StoreUnavailable, ReadonlyArray<string>>>;
  /** Deletes delivered messages settled before `before`; returns how many. */
  readonly purgeDelivered: (before: Date) => Promise<E.Either<StoreUnavailable, number>>;
}

/** A message is malformed: the deriver or scheduler that made it has a bug. */
export const checkOutboxMessage = (message: OutboxMessage): void => {
  if (typeof message.messageId !== 'string' || message.messageId === '') {
    throw new TypeError('outbox message: messageId must be a non-empty string');
  }
  if (typeof message.topic !== 'string' || message.topic === '') {
    throw new TypeError(`outbox message '${message.messageId}': topic must be a non-empty string`);
  }
  if (message.deliverAfter !== undefined && Number.isNaN(message.deliverAfter.getTime())) {
    throw new TypeError(`outbox message '${message.messageId}': deliverAfter is not a valid date`);
  }
};

export const checkClaimOptions = (options: ClaimOptions): void => {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`outbox claim: limit must be a positive integer, got ${options.limit}`);
  }
  if (!Number.isFinite(options.leaseMs) || options.leaseMs <= 0) {
    throw new RangeError(`outbox claim: leaseMs must be positive, got ${options.leaseMs}`);
  }
};
