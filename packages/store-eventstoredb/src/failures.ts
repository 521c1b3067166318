import { type StoreFailureReason, type StoreUnavailable, storeUnavailable } from '@fostering/core';

/**
 * What each `@eventstore/db-client` error type means for a caller. The client converts gRPC failures into
 * errors with a `type` (its `ErrorType` values); those are matched first, then raw gRPC status codes and
 * Node system errors for anything the client passed through unconverted.
 */
const byErrorType: ReadonlyMap<string, StoreFailureReason> = new Map([
  ['unavailable', 'connection'], // no server, server restarting, connection lost
  ['cancelled', 'connection'], // the call was cancelled under us, as when the channel drops
  ['timeout', 'timeout'], // the server reported a timeout (event_store.client.Timeout)
  ['deadline-exceeded', 'timeout'], // the client's deadline ran out
  ['not-leader', 'read-only'], // a follower refused a write that needs the leader
  ['access-denied', 'permission'],
  ['maximum-append-size-exceeded', 'data'], // the batch is larger than the server's MaxAppendSize
  ['invalid-argument', 'data'],
  ['stream-deleted', 'data'], // the stream was hard-deleted (tombstoned): it can never be written again
  ['unknown', 'unknown'],
]);

// gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
const byGrpcStatus: ReadonlyMap<number, StoreFailureReason> = new Map([
  [1, 'connection'], // CANCELLED
  [3, 'data'], // INVALID_ARGUMENT
  [4, 'timeout'], // DEADLINE_EXCEEDED
  [7, 'permission'], // PERMISSION_DENIED
  [8, 'resources'], // RESOURCE_EXHAUSTED
  [14, 'connection'], // UNAVAILABLE
  [16, 'permission'], // UNAUTHENTICATED
]);

const byNodeCode: ReadonlyMap<string, StoreFailureReason> = new Map(
  [
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EAI_AGAIN',
  ].map((code) => [code, 'connection'] as const),
);

const advice: Readonly<Record<StoreFailureReason, string>> = {
  closed: 'the store was closed',
  connection: 'EventStoreDB cannot be reached; retry when it is back',
  contention: 'the stream kept moving under the append; retry it',
  timeout: 'the operation timed out; retry, or raise the deadline',
  resources: 'the server is out of resources',
  'read-only': 'the node refuses writes (a follower?); retry against the leader',
  schema: 'the server does not support this operation',
  permission: 'the user lacks access or the credentials are wrong',
  data: 'the server rejected the request',
  unknown: 'unexpected EventStoreDB error',
};

const field = <T>(error: unknown, name: string, kind: 'string' | 'number'): T | undefined => {
  const value = (error as Record<string, unknown> | null)?.[name];
  return typeof value === kind ? (value as T) : undefined;
};

/** The client's own error type (`ErrorType`), or a Node system error code, when the error carries one. */
export const esdbErrorCode = (error: unknown): string | undefined =>
  field<string>(error, 'type', 'string') ?? field<string>(error, 'code', 'string');

/** An HTTP/2 session dropped under a call: the client reports it as INTERNAL (13), but it is the connection. */
const droppedSession = (error: unknown): boolean =>
  error instanceof Error && /RST_STREAM|Session closed/.test(error.message);

export const esdbFailureReason = (error: unknown): StoreFailureReason => {
  if (droppedSession(error)) return 'connection';
  const type = field<string>(error, 'type', 'string');
  const byType = type === undefined ? undefined : byErrorType.get(type);
  if (byType !== undefined) return byType;
  const status = field<number>(error, 'code', 'number');
  const byStatus = status === undefined ? undefined : byGrpcStatus.get(status);
  if (byStatus !== undefined) return byStatus;
  const nodeCode = field<string>(error, 'code', 'string');
  return (nodeCode === undefined ? undefined : byNodeCode.get(nodeCode)) ?? 'unknown';
};

/** A client or server error as a typed `StoreUnavailable`: its reason, whether to retry, and the error type. */
export const esdbFailure = (store: string, error: unknown): StoreUnavailable => {
  const reason = esdbFailureReason(error);
  const code = esdbErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  return storeUnavailable(
    store,
    `${store} store: ${detail}${code === undefined ? '' : ` (${code})`}: ${advice[reason]}`,
    { reason, cause: error, ...(code === undefined ? {} : { code }) },
  );
};

export const isWrongExpectedVersion = (error: unknown): boolean =>
  field<string>(error, 'type', 'string') === 'wrong-expected-version';

export const isStreamNotFound = (error: unknown): boolean =>
  field<string>(error, 'type', 'string') === 'stream-not-found';

export const isStreamDeleted = (error: unknown): boolean =>
  field<string>(error, 'type', 'string') === 'stream-deleted';
