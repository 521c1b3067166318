import { type StoreFailureReason, type StoreUnavailable, storeUnavailable } from '@fostering/core';

/**
 * SQLSTATE codes (or their two-character classes) and what they mean for a caller, from the PostgreSQL manual's
 * "PostgreSQL Error Codes" appendix. The exact codes are checked before the classes.
 */
const byCode: ReadonlyMap<string, StoreFailureReason> = new Map([
  ['57P01', 'connection'], // admin_shutdown: the server is shutting down
  ['57P02', 'connection'], // crash_shutdown
  ['57P03', 'connection'], // cannot_connect_now: starting up or in recovery
  ['57014', 'timeout'], // query_canceled, as by statement_timeout
  ['55P03', 'timeout'], // lock_not_available, as by lock_timeout
  ['25P03', 'timeout'], // idle_in_transaction_session_timeout
  ['25006', 'read-only'], // read_only_sql_transaction: a standby, or after a failover
  ['42P01', 'schema'], // undefined_table
  ['42703', 'schema'], // undefined_column
  ['42883', 'schema'], // undefined_function
  ['3F000', 'schema'], // invalid_schema_name
  ['42501', 'permission'], // insufficient_privilege
]);

const byClass: ReadonlyMap<string, StoreFailureReason> = new Map([
  ['08', 'connection'], // connection_exception
  ['40', 'contention'], // transaction_rollback: serialization_failure 40001, deadlock_detected 40P01
  ['53', 'resources'], // insufficient_resources: disk_full, out_of_memory, too_many_connections
  ['28', 'permission'], // invalid_authorization_specification
  ['22', 'data'], // data_exception
  ['23', 'data'], // integrity_constraint_violation the store did not handle itself
]);

// Errors raised by the driver or the operating system rather than by the server.
const byNodeCode: ReadonlyMap<string, StoreFailureReason> = new Map([
  ['ECONNREFUSED', 'connection'],
  ['ECONNRESET', 'connection'],
  ['EPIPE', 'connection'],
  ['ETIMEDOUT', 'connection'],
  ['ENOTFOUND', 'connection'],
  ['EHOSTUNREACH', 'connection'],
  ['ENETUNREACH', 'connection'],
  ['EAI_AGAIN', 'connection'],
]);

// `pg` reports a dropped or unusable connection with plain Errors that carry no code.
const connectionMessages = [
  /connection terminated/i,
  /connection error/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
  /is closed/i,
];

const advice: Readonly<Record<StoreFailureReason, string>> = {
  closed: 'the store was closed',
  connection: 'the database cannot be reached; retry when it is back',
  contention: 'the database aborted the transaction to resolve contention; retry it',
  timeout: 'a statement or lock timed out; retry, or raise the timeout',
  resources: 'the database is out of connections, memory or disk',
  'read-only': 'the database refuses writes (a standby?); retry against the primary',
  schema: 'the schema is missing or out of date; run the migrations (migrate from @fostering/store-postgres)',
  permission: 'the database user lacks a privilege or the credentials are wrong',
  data: 'the database rejected a value',
  unknown: 'unexpected database error',
};

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

export const sqlFailureReason = (error: unknown): StoreFailureReason => {
  const code = codeOf(error);
  if (code !== undefined) {
    const reason = byCode.get(code) ?? byNodeCode.get(code) ?? byClass.get(code.slice(0, 2));
    if (reason !== undefined) return reason;
  }
  const message = error instanceof Error ? error.message : String(error);
  return connectionMessages.some((pattern) => pattern.test(message)) ? 'connection' : 'unknown';
};

/** A driver or server error as a typed `StoreUnavailable`: its reason, whether to retry, and the SQLSTATE. */
export const sqlFailure = (store: string, error: unknown): StoreUnavailable => {
  const reason = sqlFailureReason(error);
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  return storeUnavailable(
    store,
    `${store} store: ${detail}${code === undefined ? '' : ` (${code})`}: ${advice[reason]}`,
    { reason, cause: error, ...(code === undefined ? {} : { code }) },
  );
};
