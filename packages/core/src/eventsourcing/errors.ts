import type { StreamId, StreamRevision } from './envelope.js';
import type { ExpectedRevision } from './expected-revision.js';

/** A rule from the rules catalogue: its id (as in domain.md) and where it comes from in law or policy. */
export interface RuleRef {
  readonly id: string;
  readonly citation: string;
}

/**
 * Every expected failure is a value with a `_tag`. Domain errors add a `rule` when a rule refused the command,
 * so a caller can always say which rule and which source stopped it.
 */
export interface DomainError {
  readonly _tag: string;
  readonly message: string;
  readonly rule?: RuleRef;
}

/** A rule refused the command. `details` carries the figures the rule compared, for display and audit. */
export interface RuleViolation extends DomainError {
  readonly _tag: 'RuleViolation';
  readonly rule: RuleRef;
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A command is malformed: a field is missing or has the wrong shape. Names the field and the rule it broke. */
export interface InvalidCommand extends DomainError {
  readonly _tag: 'InvalidCommand';
  readonly field: string;
  readonly reason: string;
}

export const ruleViolation = (
  rule: RuleRef,
  message: string,
  extra: { readonly field?: string; readonly details?: Readonly<Record<string, unknown>> } = {},
): RuleViolation => ({ _tag: 'RuleViolation', rule, message, ...extra });

export const invalidCommand = (field: string, reason: string, message?: string): InvalidCommand => ({
  _tag: 'InvalidCommand',
  field,
  reason,
  message: message ?? `invalid command: ${field === '' ? 'the command' : `'${field}'`} ${reason}`,
});

/** A stored event cannot be read back as any known version of its type. Never skipped silently. */
export interface EventDecodeError {
  readonly _tag: 'EventDecodeError';
  readonly streamId: StreamId;
  readonly streamRevision: StreamRevision;
  readonly type: string;
  readonly schemaVersion: number;
  readonly reason: 'unknown-type' | 'unknown-version' | 'invalid-data';
  /** Dotted path of the first offending field ('' for the whole payload). */
  readonly path: string;
  readonly issues: ReadonlyArray<FieldIssue>;
  readonly message: string;
}

export interface FieldIssue {
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;
}

/** An append's expected revision did not hold. `actual` is what the stream really was at that moment. */
export interface WrongExpectedRevision {
  readonly _tag: 'WrongExpectedRevision';
  readonly streamId: StreamId;
  readonly expected: ExpectedRevision;
  readonly actual: StreamRevision | 'no_stream';
  readonly message: string;
}

/** Some event ids of an append are already in the stream, but not as an exact replay of an earlier append. */
export interface EventIdConflict {
  readonly _tag: 'EventIdConflict';
  readonly streamId: StreamId;
  readonly eventIds: ReadonlyArray<string>;
  readonly message: string;
}

/**
 * Why a store operation failed, as far as the adapter can tell. Adapters map their driver's error codes (for
 * PostgreSQL, the SQLSTATE) onto these, so callers can decide what to do without parsing messages.
 */
export type StoreFailureReason =
  /** The store was closed by its owner. */
  | 'closed'
  /** No connection, or the connection was lost (server down, restarting, failing over, network). */
  | 'connection'
  /** The database gave up on the transaction to resolve contention (deadlock, serialization failure). */
  | 'contention'
  /** A statement or lock timeout ran out. */
  | 'timeout'
  /** The server is out of something: connections, memory, disk. */
  | 'resources'
  /** The database refused to write: a read-only standby, or a read-only transaction. */
  | 'read-only'
  /** The schema is missing or older than this code expects: run the migrations. */
  | 'schema'
  /** The credentials are wrong or lack a privilege. */
  | 'permission'
  /** The database rejected a value (out of range, invalid encoding) or a constraint the store did not expect. */
  | 'data'
  | 'unknown';

/** Reasons that may go away by themselves, so that the same operation is worth retrying later. */
export const retriableReasons: ReadonlySet<StoreFailureReason> = new Set([
  'connection',
  'contention',
  'timeout',
  'resources',
  'read-only',
]);

/**
 * The store could not carry out the operation. Nothing was written: an append that fails this way either
 * committed nothing or (for 'connection' during commit) may need to be retried, which is safe because appends
 * are idempotent by event id.
 */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable';
  readonly store: string;
  readonly reason: StoreFailureReason;
  /** Whether trying the same operation again later may succeed. */
  readonly retriable: boolean;
  /** The driver's own error code where there is one (a PostgreSQL SQLSTATE such as '40P01'). */
  readonly code?: string;
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * The subject's keys were destroyed: their personal data can no longer be read, nor new data sealed for them. An
 * append carrying personal data about an erased subject is refused with it.
 */
export interface SubjectErased extends DomainError {
  readonly _tag: 'SubjectErased';
  readonly subjectId: string;
  readonly erasedAt: Date;
  readonly message: string;
}

export const subjectErased = (subjectId: string, erasedAt: Date): SubjectErased => ({
  _tag: 'SubjectErased',
  subjectId,
  erasedAt,
  message: `subject '${subjectId}' was erased on ${erasedAt.toISOString()}: their keys are destroyed`,
});

/** Why an append wrote nothing: a stale expected revision, reused event ids, an erased subject, or the store. */
export type AppendError = WrongExpectedRevision | EventIdConflict | SubjectErased | StoreUnavailable;

/**
 * Async iteration cannot return an Either per step, so adapters throw this from reads and subscriptions; the
 * kernel's reading helpers turn it back into a `StoreUnavailable` value. Anything else thrown is a bug.
 */
export class StoreFailure extends Error {
  constructor(readonly error: StoreUnavailable) {
    super(error.message, { cause: error.cause });
    this.name = 'StoreFailure';
  }
}

export const storeUnavailable = (
  store: string,
  message: string,
  options: {
    readonly reason?: StoreFailureReason;
    readonly code?: string;
    readonly cause?: unknown;
  } = {},
): StoreUnavailable => {
  const reason = options.reason ?? 'unknown';
  return {
    _tag: 'StoreUnavailable',
    store,
    reason,
    retriable: retriableReasons.has(reason),
    message,
    ...(options.code === undefined ? {} : { code: options.code }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  };
};
